using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Assembles what every client request goes through: one <see cref="SpaceTradersHandler"/> (rate limiting,
/// the retry loop, telemetry and observers) in front of the transport. Used by
/// <see cref="SpaceTradersClient"/> and by the dependency-injection registration.
/// </summary>
internal static class SpaceTradersPipeline
{
    /// <summary>Creates the SDK's handler for one client (one agent). Its inner handler is left for the caller to set.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses (its own, or one shared by every agent on this IP).</param>
    /// <returns>A new handler; it owns its telemetry instruments and disposes them with itself.</returns>
    public static DelegatingHandler CreateHandler(SpaceTradersClientOptions options, PriorityRateLimiter limiter)
        => new SpaceTradersHandler(options, limiter);

    /// <summary>Chains the SDK's handler in front of <paramref name="transport"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses.</param>
    /// <param name="transport">The innermost handler.</param>
    /// <returns>The outermost handler.</returns>
    public static HttpMessageHandler Create(SpaceTradersClientOptions options, PriorityRateLimiter limiter, HttpMessageHandler transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var handler = CreateHandler(options, limiter);
        handler.InnerHandler = transport;
        return handler;
    }
}
