namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>
/// Names to subscribe to the SDK's telemetry: a <see cref="System.Diagnostics.Metrics.Meter"/> and an
/// <see cref="System.Diagnostics.ActivitySource"/>, both called <c>SpaceTraders.Sdk</c>.
/// </summary>
/// <remarks>
/// Instruments (tags in brackets):
/// <list type="bullet">
/// <item><description><c>spacetraders.requests</c> counter: calls that ended [endpoint, method, status].</description></item>
/// <item><description><c>spacetraders.rate_limited</c> counter: 429 answers [endpoint, kind = game|infrastructure].</description></item>
/// <item><description><c>spacetraders.retries</c> counter: attempts repeated or requeued [endpoint, reason].</description></item>
/// <item><description><c>spacetraders.queue.wait</c> histogram, seconds: time waiting for the rate limiter per call [priority].</description></item>
/// <item><description><c>spacetraders.request.duration</c> histogram, seconds: whole call including queue and retries [endpoint, priority].</description></item>
/// <item><description><c>spacetraders.queue.length</c> observable gauge: requests waiting [priority].</description></item>
/// <item><description><c>spacetraders.queue.safety_margin</c> observable gauge, seconds: the margin the rate limiter adds to every refill now, widened by 429s (<see cref="Throttling.ThrottlingOptions.MaxSafetyMargin"/>).</description></item>
/// <item><description><c>spacetraders.response.missing_fields</c> counter: required fields a response lacked or sent as null, read as their default [type, field].</description></item>
/// <item><description><c>spacetraders.reconciliations</c> counter: actions whose outcome was unknown, reconciled by reading back [endpoint, outcome = applied|not-applied|unknown].</description></item>
/// <item><description><c>spacetraders.bad_gateway.pauses</c> counter: pauses of all sending after a streak of 502 answers (see <see cref="Throttling.ThrottlingOptions.BadGatewayStreak"/>) [endpoint of the answer that started it].</description></item>
/// </list>
/// Every call also starts an activity named after its operation id (for example <c>navigate-ship</c>), tagged
/// with its <c>X-Request-Id</c> (<c>spacetraders.request_id</c>).
/// </remarks>
public static class SpaceTradersDiagnostics
{
    /// <summary>The name of the SDK's meter.</summary>
    public const string MeterName = "SpaceTraders.Sdk";

    /// <summary>The name of the SDK's activity source.</summary>
    public const string ActivitySourceName = "SpaceTraders.Sdk";
}
