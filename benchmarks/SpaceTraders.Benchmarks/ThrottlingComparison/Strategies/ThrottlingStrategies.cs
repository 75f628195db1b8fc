namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>The six strategies of the comparison, by name.</summary>
public static class ThrottlingStrategies
{
    /// <summary>Gets every strategy's name, in the order results are shown (the SDK's last).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["no-limiter-backoff", "fixed-pacer", "timestamp-pair-vip", "priority-queue-consumer", "token-bucket", "sdk-priority"];

    /// <summary>Creates a strategy.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The strategies' numbers.</param>
    /// <returns>A new strategy; dispose it after the run.</returns>
    public static IThrottlingStrategy Create(string name, TimeProvider clock, StrategySettings settings) => name switch
    {
        "no-limiter-backoff" => new NoLimiterBackoffStrategy(clock, settings),
        "fixed-pacer" => new FixedPacerStrategy(clock, settings),
        "timestamp-pair-vip" => new TimestampPairVipStrategy(clock, settings),
        "priority-queue-consumer" => new PriorityQueueConsumerStrategy(clock, settings),
        "token-bucket" => new TokenBucketStrategy(clock, settings),
        "sdk-priority" => new SdkPriorityStrategy(clock, settings),
        _ => throw new ArgumentException($"Unknown strategy '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
