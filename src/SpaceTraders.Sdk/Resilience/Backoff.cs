namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// Capped exponential backoff with "equal jitter" (half fixed, half random, so it never collapses to zero), from
/// <see cref="RetryOptions"/>. A server's <c>Retry-After</c> wins, capped at <see cref="RetryOptions.MaxDelay"/>.
/// Thread-safe.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _max;
    private readonly Random _jitter;
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="Backoff"/> class.</summary>
    /// <param name="options">The delays and the jitter seed.</param>
    public Backoff(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _base = options.BaseDelay;
        _max = options.MaxDelay;
        _jitter = options.JitterSeed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>Gets the wait before the next attempt.</summary>
    /// <param name="failedAttempts">How many attempts failed so far (1 after the first).</param>
    /// <param name="retryAfter">What the server asked for, if anything.</param>
    /// <returns>The wait.</returns>
    public TimeSpan Delay(int failedAttempts, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } serverSays && serverSays > TimeSpan.Zero)
        {
            return TimeSpan.FromTicks(Math.Min(serverSays.Ticks, _max.Ticks));
        }

        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ceiling = Math.Min(_base.Ticks * (double)(1L << exponent), _max.Ticks);
        double fraction;
        lock (_gate)
        {
            fraction = _jitter.NextDouble();
        }

        return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * fraction)));
    }
}
