using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>What happened to one API call, reported to every <see cref="IRequestObserver"/> when it ends.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Endpoint">The endpoint template, for example <c>/my/ships/{shipSymbol}/extract</c>.</param>
/// <param name="StatusCode">The final HTTP status, or 0 when no response arrived.</param>
/// <param name="Priority">The priority the call queued with.</param>
/// <param name="QueueWait">Time spent waiting for the rate limiter, all attempts together.</param>
/// <param name="Duration">Time from the call to its end, queue wait and retries included.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="RateLimited">How many 429 answers (from the game's limiter or the infrastructure) it received.</param>
/// <param name="Delayed">Whether it had to wait for the rate limiter at all.</param>
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
    DateTimeOffset StartedAt);
