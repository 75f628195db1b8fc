namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>The strategies of the comparison, by name.</summary>
public static class ThrottlingStrategies
{
    /// <summary>The SDK's own limiter, the one every other strategy is compared with.</summary>
    public const string Sdk = "sdk-priority";

    /// <summary>Gets every strategy's name, in the order results are shown (the SDK's last).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["no-limiter-backoff", "fixed-pacer", "timestamp-pair-vip", "priority-queue-consumer", "python-bot-consumer", "token-bucket", "fifo-two-pools", Sdk];

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
        "python-bot-consumer" => new PythonBotConsumerStrategy(clock, settings),
        "token-bucket" => new TokenBucketStrategy(clock, settings),
        "fifo-two-pools" => new FifoTwoPoolStrategy(clock, settings),
        Sdk => new SdkPriorityStrategy(clock, settings),
        _ => throw new ArgumentException($"Unknown strategy '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
