using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Assembles the handler chain every client request goes through: diagnostics, then rate limiting with the
/// retry loop, then the transport. Used by <see cref="SpaceTradersClient"/> and by the DI registration.
/// </summary>
internal static class SpaceTradersPipeline
{
    /// <summary>Creates the SDK's delegating handlers, outermost first, for one client (one agent).</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses (its own or a shared one).</param>
    /// <returns>Handlers to chain in order in front of the transport.</returns>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(SpaceTradersClientOptions options, PriorityRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limiter);
        return [];
    }

    /// <summary>Chains the SDK's handlers in front of <paramref name="transport"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The rate limiter the client uses.</param>
    /// <param name="transport">The innermost handler.</param>
    /// <returns>The outermost handler.</returns>
    public static HttpMessageHandler Create(SpaceTradersClientOptions options, PriorityRateLimiter limiter, HttpMessageHandler transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        HttpMessageHandler inner = transport;
        var handlers = CreateHandlers(options, limiter);
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }
}
