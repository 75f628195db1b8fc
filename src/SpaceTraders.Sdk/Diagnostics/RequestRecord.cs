using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>What happened to one API call, reported to every <see cref="IRequestObserver"/> when it ends.</summary>
/// <remarks>
/// One record per logical call: its retries, its requeues after a 429 and a resend after a read-back showed the
/// first send had no effect are attempts of the same call (same <see cref="RequestId"/>). The reads that reconcile
/// an action whose outcome was unknown are calls of their own, with records and request ids of their own.
/// </remarks>
/// <param name="Method">The HTTP method.</param>
/// <param name="Endpoint">The endpoint template, for example <c>/my/ships/{shipSymbol}/extract</c>.</param>
/// <param name="StatusCode">The final HTTP status, or 0 when no response arrived.</param>
/// <param name="Priority">The priority the call queued with.</param>
/// <param name="QueueWait">Time spent waiting for the rate limiter, all attempts together (the raw figure, for percentiles).</param>
/// <param name="Duration">Time from the call to its end, queue wait and retries included.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="RateLimited">How many 429 answers (from the game's limiter or the infrastructure) it received.</param>
/// <param name="Delayed">
/// Whether it waited for the rate limiter longer than <see cref="SpaceTradersClientOptions.DelayedThreshold"/>
/// (1 second unless configured): a wait that hurt, not the few milliseconds of normal pacing.
/// </param>
/// <param name="StartedAt">When the call started, on the client's clock.</param>
public sealed record RequestRecord(
    string Method,
    string Endpoint,
    int StatusCode,
    RequestPriority Priority,
    TimeSpan QueueWait,
    TimeSpan Duration,
    int Attempts,
    int RateLimited,
    bool Delayed,
    DateTimeOffset StartedAt)
{
    /// <summary>
    /// Gets the value of the call's <c>X-Request-Id</c> header: unique per logical call and the same on every attempt
    /// of it. Empty for a record built without one.
    /// </summary>
    public string RequestId { get; init; } = string.Empty;
}
