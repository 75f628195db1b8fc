namespace SpaceTraders.Sdk.Throttling;

/// <summary>What a caller asks the <see cref="PriorityRateLimiter"/> for: one request slot.</summary>
/// <param name="Priority">The queue the request waits in.</param>
/// <param name="Account">
/// The account the request counts against (any stable key for the agent, never the token itself); requests
/// with the same key share account pools. <see langword="null"/> counts against the IP pools only.
/// </param>
/// <param name="Requeued">
/// Whether the request was already sent once and answered 429 by the game's limiter: it goes back to the
/// front of its priority's queue instead of the back.
/// </param>
public readonly record struct PermitRequest(RequestPriority Priority, string? Account = null, bool Requeued = false);
