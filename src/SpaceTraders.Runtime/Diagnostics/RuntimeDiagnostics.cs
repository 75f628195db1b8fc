namespace SpaceTraders.Runtime.Diagnostics;

/// <summary>
/// The name to subscribe to the runtime's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>SpaceTraders.Runtime</c>
/// (one meter per <see cref="FleetRuntime"/>, created through <see cref="RuntimeOptions.MeterFactory"/> when one is given).
/// </summary>
/// <remarks>
/// Instruments (tags in brackets), besides the SDK's own (<c>SpaceTraders.Sdk</c>):
/// <list type="bullet">
/// <item><description><c>spacetraders.runtime.credits</c> observable gauge: the agent's credits now [agent].</description></item>
/// <item><description><c>spacetraders.runtime.credits.earned</c> observable gauge: credits gained since the runtime started [agent].</description></item>
/// <item><description><c>spacetraders.runtime.cph</c> observable gauge: credits gained per game hour since the start [agent].</description></item>
/// <item><description><c>spacetraders.runtime.cpr</c> observable gauge: credits gained per request since the start [agent].</description></item>
/// <item><description><c>spacetraders.runtime.requests_per_minute</c> observable gauge: requests completed in the last minute [agent].</description></item>
/// <item><description><c>spacetraders.runtime.sessions</c> counter: behaviour sessions that ended [agent, behaviour (<c>id@version</c>), outcome].</description></item>
/// <item><description><c>spacetraders.runtime.ships</c> observable gauge: ships by runtime state [agent, state = running|waiting|paused|unassigned|elsewhere]; <c>paused</c> counts the conductor's (saturation control's) pauses.</description></item>
/// <item><description><c>spacetraders.runtime.saturation.delayed_share</c> observable gauge: the share of the last minute's requests that waited for the rate limiter longer than <see cref="RuntimeOptions.DelayedThreshold"/> [agent].</description></item>
/// <item><description><c>spacetraders.runtime.saturation.queue_wait</c> observable gauge, seconds: the mean rate-limiter wait over the last minute [agent].</description></item>
/// <item><description><c>spacetraders.runtime.queue.wait</c> histogram, seconds: each request's rate-limiter wait [agent, priority].</description></item>
/// </list>
/// </remarks>
public static class RuntimeDiagnostics
{
    /// <summary>The name of the runtime's meter.</summary>
    public const string MeterName = "SpaceTraders.Runtime";
}
