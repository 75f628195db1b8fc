namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// The details of a 429 from the game's rate limiter. The SDK's throttling normally absorbs these; a caller
/// only sees one when the request was put back in the queue too many times.
/// </summary>
public sealed record RateLimitError
{
    /// <summary>Gets which limit was hit, for example <c>IP Address</c> or <c>Account</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the seconds to wait before retrying.</summary>
    public double? RetryAfter { get; init; }

    /// <summary>Gets the size of the burst pool.</summary>
    public int? LimitBurst { get; init; }

    /// <summary>Gets the requests allowed per second.</summary>
    public int? LimitPerSecond { get; init; }

    /// <summary>Gets the requests left in the current window.</summary>
    public int? Remaining { get; init; }

    /// <summary>Gets when the pools refill.</summary>
    public DateTimeOffset? Reset { get; init; }
}
