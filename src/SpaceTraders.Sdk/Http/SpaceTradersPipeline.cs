using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// The one place that assembles what every request of a client goes through, for the plain client
/// (<see cref="SpaceTradersClient"/>) and for dependency injection alike, outermost first:
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><description><see cref="BearerTokenHandler"/>: the agent token (the account token on <c>POST /register</c>).</description></item>
/// <item><description><see cref="TelemetryHandler"/>: starts the logical call (endpoint, priority, <c>X-Request-Id</c>), one activity, and the <see cref="Diagnostics.RequestRecord"/> when it ends.</description></item>
/// <item><description><see cref="RetryHandler"/>: the one retry rule; every attempt goes through the handlers below.</description></item>
/// <item><description><see cref="ThrottlingHandler"/>: a slot from the <see cref="PriorityRateLimiter"/> per attempt, and the limiter kept in step with the server's answers.</description></item>
/// </list>
/// Then the transport (a pooled <see cref="SocketsHttpHandler"/>, or <see cref="SpaceTradersClientOptions.Transport"/>).
/// </remarks>
internal static class SpaceTradersPipeline
{
    /// <summary>Creates the SDK's handlers for one client (one agent), outermost first; their inner handlers are left for the caller to chain.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses (its own, or one shared by every agent on this IP).</param>
    /// <param name="telemetry">The client's instruments.</param>
    /// <param name="ownsTelemetry">Whether the handlers dispose <paramref name="telemetry"/> with themselves.</param>
    /// <returns>New handlers.</returns>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(
        SpaceTradersClientOptions options,
        PriorityRateLimiter limiter,
        SpaceTradersTelemetry telemetry,
        bool ownsTelemetry = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(telemetry);
        return
        [
            new BearerTokenHandler(options),
            new TelemetryHandler(options, telemetry, ownsTelemetry),
            new RetryHandler(options, limiter, telemetry),
            new ThrottlingHandler(options, limiter, telemetry),
        ];
    }

    /// <summary>Chains the SDK's handlers in front of <paramref name="transport"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses.</param>
    /// <param name="transport">The innermost handler.</param>
    /// <param name="telemetry">The client's instruments; when <see langword="null"/>, the pipeline creates and owns its own.</param>
    /// <returns>The outermost handler.</returns>
    public static HttpMessageHandler Create(SpaceTradersClientOptions options, PriorityRateLimiter limiter, HttpMessageHandler transport, SpaceTradersTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(limiter);
        var handlers = CreateHandlers(options, limiter, telemetry ?? new SpaceTradersTelemetry(limiter), ownsTelemetry: telemetry is null);
        HttpMessageHandler inner = transport;
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }
}
