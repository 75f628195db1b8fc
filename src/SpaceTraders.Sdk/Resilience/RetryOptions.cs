namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// How the SDK retries what is worth retrying: infrastructure 429s (HTML, without rate-limit headers), 502,
/// 503 and network failures get capped exponential backoff with jitter. A 429 from the game's own limiter is
/// not a failure: the request goes back to the front of its queue and waits for the reset the server named.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the most attempts for one request on transient failures, the first included. The default value is 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the backoff before the second attempt; it doubles each attempt. The default value is 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff between two attempts. The default value is 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how many times one request may be put back in the queue after 429s from the game's rate
    /// limiter before the 429 is returned to the caller. The default value is 10.
    /// </summary>
    public int MaxRateLimitRequeues { get; set; } = 10;

    /// <summary>
    /// Gets or sets how long one attempt may take before it is abandoned, measured on the client's
    /// <see cref="TimeProvider"/>. A timed-out GET is retried; a timed-out POST, PATCH or DELETE is not (its
    /// outcome is unknown) and fails with <see cref="RequestOutcomeUnknownException"/>. The default value is 60 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the seed of the jitter's random numbers, for reproducible runs; random when <see langword="null"/>. The default value is <see langword="null"/>.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>Creates a copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public RetryOptions Clone() => (RetryOptions)MemberwiseClone();
}
