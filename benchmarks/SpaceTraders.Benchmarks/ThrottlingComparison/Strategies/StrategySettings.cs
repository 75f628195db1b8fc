using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// The numbers each strategy is built with. <see cref="Live"/> is the comparison: every baseline as players
/// configure it for 2 requests/s with a burst of 30. <see cref="Unpaced"/> gives every strategy room to spare,
/// so that the wall-clock benchmark measures bookkeeping, not pacing.
/// </summary>
public sealed record StrategySettings
{
    /// <summary>Gets the settings of the comparison.</summary>
    public static StrategySettings Live { get; } = new();

    /// <summary>Gets settings under which no strategy ever makes a request wait.</summary>
    public static StrategySettings Unpaced { get; } = new()
    {
        PacerInterval = TimeSpan.Zero,
        VipSlotSpacing = TimeSpan.Zero,
        ConsumerInterval = TimeSpan.Zero,
        TokenLimit = int.MaxValue / 2,
        SdkThrottling = new ThrottlingOptions { StaticPoolSize = int.MaxValue / 4, BurstPoolSize = int.MaxValue / 4, SafetyMargin = TimeSpan.Zero },
    };

    /// <summary>Gets the seed of every random draw a strategy makes (backoff jitter).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Gets how often a baseline sends the same request before it gives the 429 back to the client.</summary>
    public int MaxAttempts { get; init; } = 20;

    /// <summary>Gets the first backoff of <c>no-limiter-backoff</c> (doubled per attempt, plus up to 1 s of jitter).</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest backoff of <c>no-limiter-backoff</c>.</summary>
    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Gets the slot interval of <c>fixed-pacer</c>.</summary>
    public TimeSpan PacerInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets the slot spacing of <c>timestamp-pair-vip</c> (every third slot is reserved for VIP requests).</summary>
    public TimeSpan VipSlotSpacing { get; init; } = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 3);

    /// <summary>Gets the pause of <c>priority-queue-consumer</c> after each request, and the interval of <c>python-bot-consumer</c> (one request per interval).</summary>
    public TimeSpan ConsumerInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets how long <c>python-bot-consumer</c> sleeps after a request failed with an exception (its interval is <see cref="ConsumerInterval"/>).</summary>
    public TimeSpan PythonExceptionSleep { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the bucket size of <c>token-bucket</c> (the burst).</summary>
    public int TokenLimit { get; init; } = 30;

    /// <summary>Gets the tokens <c>token-bucket</c> adds per <see cref="TokenPeriod"/>.</summary>
    public int TokensPerPeriod { get; init; } = 1;

    /// <summary>Gets the replenishment period of <c>token-bucket</c> (1 token per 500 ms: 2/s).</summary>
    public TimeSpan TokenPeriod { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets the SDK limiter's options for <c>sdk-priority</c> (and the pools <c>fifo-two-pools</c> models): the live
    /// server's pools with no safety margin, as <see cref="ThrottlingOptions.SafetyMargin"/> advises for an in-process
    /// simulator (no latency).
    /// </summary>
    public ThrottlingOptions SdkThrottling { get; init; } = new() { SafetyMargin = TimeSpan.Zero };
}
