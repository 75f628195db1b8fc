using Microsoft.Extensions.Logging;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk;

/// <summary>Settings for a <see cref="SpaceTradersClient"/> (one agent).</summary>
public sealed class SpaceTradersClientOptions
{
    /// <summary>The live server's API root: <c>https://api.spacetraders.io/v2/</c>.</summary>
    public const string DefaultBaseAddress = "https://api.spacetraders.io/v2/";

    /// <summary>
    /// Gets or sets the agent token (a JWT) sent as <c>Authorization: Bearer</c>. May be <see langword="null"/>
    /// for anonymous calls and for registering. The token is never logged, never included in exception
    /// messages, and never written to files by the SDK. The default value is <see langword="null"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets the account token, sent instead of <see cref="Token"/> on <c>POST /register</c> only. The
    /// default value is <see langword="null"/>.
    /// </summary>
    public string? AccountToken { get; set; }

    /// <summary>
    /// Gets or sets the API root. It may be given with or without the API version (<c>https://api.spacetraders.io</c>
    /// and <c>https://api.spacetraders.io/v2/</c> are the same): a root without a path gets <c>/v2/</c>, any other path
    /// is kept. The default value is <see cref="DefaultBaseAddress"/>.
    /// </summary>
    public Uri BaseAddress { get; set; } = new(DefaultBaseAddress);

    /// <summary>
    /// Gets or sets the clock every wait, cooldown and timestamp of the client uses. Use the simulator's
    /// virtual clock to run bots in virtual time. The default value is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how the client paces requests. The default is the live server's limits.</summary>
    public ThrottlingOptions Throttling { get; set; } = new();

    /// <summary>Gets or sets how the client retries transient failures.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Gets or sets a rate limiter shared with other clients. Agents that run from the same IP address must
    /// share one limiter, since the server counts the IP's requests together; each agent still gets its own
    /// account pools inside it. When <see langword="null"/>, the client creates its own from
    /// <see cref="Throttling"/>. The default value is <see langword="null"/>.
    /// </summary>
    public PriorityRateLimiter? RateLimiter { get; set; }

    /// <summary>
    /// Gets or sets the innermost handler that sends requests, for example the simulator's in-process
    /// transport or a test double. When <see langword="null"/>, a pooled <see cref="SocketsHttpHandler"/> is
    /// used. The client does not dispose a handler given here. The default value is <see langword="null"/>.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>
    /// Gets or sets how long a call may wait for the rate limiter, all its attempts together, before its
    /// <see cref="RequestRecord.Delayed"/> is set. A wait of a few milliseconds is the normal pacing of a busy
    /// client, not a delay; <see cref="RequestRecord.QueueWait"/> keeps the exact wait for percentiles. The default
    /// value is 1 second.
    /// </summary>
    public TimeSpan DelayedThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets where the client logs (requests, retries, throttling). The default value is <see langword="null"/> (no logging).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets the observers told about every completed API call (the runtime records requests this way).</summary>
    public IList<IRequestObserver> Observers { get; } = new List<IRequestObserver>();

    /// <summary>Gets or sets the <c>User-Agent</c> header value. The default value is <c>SpaceTraders.Sdk</c> and its version.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Copies these options with another rate limiter (the same observers list, transport and clock).</summary>
    /// <param name="limiter">The limiter to share.</param>
    /// <returns>The copy.</returns>
    internal SpaceTradersClientOptions WithRateLimiter(PriorityRateLimiter limiter)
    {
        var copy = (SpaceTradersClientOptions)MemberwiseClone();
        copy.RateLimiter = limiter;
        return copy;
    }

    /// <summary>Creates a copy of these options for another agent: the same settings with <paramref name="token"/> as <see cref="Token"/>.</summary>
    /// <param name="token">The other agent's token.</param>
    /// <returns>A shallow copy (observers, transport, limiter and clock are shared) with the new token.</returns>
    internal SpaceTradersClientOptions WithToken(string token)
    {
        var copy = (SpaceTradersClientOptions)MemberwiseClone();
        copy.Token = token;
        return copy;
    }
}
