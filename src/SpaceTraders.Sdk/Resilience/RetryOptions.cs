namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// The SDK's one retry rule, and how it reconciles an action whose outcome is unknown.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>
/// A 429 from the game's own limiter is not a failure: the limiter's pools are resynchronised and the request goes
/// back to the front of its queue, with no sleep, up to <see cref="MaxRateLimitRequeues"/> times.
/// </description></item>
/// <item><description>
/// An idempotent request (every GET; orbit, dock and setting the flight mode) is retried with capped exponential
/// backoff and jitter on any network failure, any 5xx, an HTML 429 and a success whose body is cut short or not
/// JSON, up to <see cref="MaxAttempts"/> attempts.
/// </description></item>
/// <item><description>
/// Any other action is resent only when it cannot have run: the connection was refused before sending, or the game
/// itself said it is down for maintenance (a 503 with its error body). When its outcome is unknown (timeout,
/// connection lost after sending, another 5xx, an HTML 429, an unreadable success) the client reads back what the
/// action would have changed and returns the result rebuilt from it, sends it again when the reading proves it did
/// not run (<see cref="ResendWhenNotApplied"/>), or throws <see cref="RequestOutcomeUnknownException"/>.
/// </description></item>
/// <item><description>Game errors with a code (4xxx) are never retried by the client.</description></item>
/// </list>
/// </remarks>
public sealed class RetryOptions
{
    /// <summary>
    /// Gets or sets the most sends of one call, the first included: attempts of an idempotent request on transient
    /// failures, and sends of an action (the first, and resends after a read-back showed it did not run). The default
    /// value is 5.
    /// </summary>
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
    /// <see cref="TimeProvider"/>. A timed-out idempotent request is retried; a timed-out action's outcome is unknown
    /// and is reconciled by reading back its state. The default value is 60 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets a value indicating whether an action whose outcome was unknown is sent again (with the same
    /// request id) when reading back its state proves it did not run. When <see langword="false"/>,
    /// <see cref="RequestOutcomeUnknownException"/> with <see cref="ActionOutcome.NotApplied"/> is thrown instead. The
    /// default value is <see langword="true"/>.
    /// </summary>
    public bool ResendWhenNotApplied { get; set; } = true;

    /// <summary>
    /// Gets or sets how far the server's clock may lag the client's when the reconciliation matches the server's
    /// timestamps (a market transaction, the start of a cooldown or a flight) to a call. The default value is
    /// 5 seconds.
    /// </summary>
    public TimeSpan ServerClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the seed of the jitter's random numbers, for reproducible runs; random when <see langword="null"/>. The default value is <see langword="null"/>.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>Creates a copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public RetryOptions Clone() => (RetryOptions)MemberwiseClone();
}
