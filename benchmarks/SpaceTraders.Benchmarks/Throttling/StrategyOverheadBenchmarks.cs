using BenchmarkDotNet.Attributes;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.Throttling;

/// <summary>
/// The wall-clock cost of the throttling step of each strategy of the comparison (<c>throttling</c> command): one
/// acquire and release of a Critical slot, uncontended, on the system clock. Every strategy is built with
/// <see cref="StrategySettings.Unpaced"/>, so no slot ever waits for time: this measures bookkeeping (locks, queues,
/// signals, the consumer's hand-off), not pacing.
/// </summary>
[MemoryDiagnoser]
public class StrategyOverheadBenchmarks
{
    private readonly CancellationTokenSource _stop = new();
    private IThrottlingStrategy _strategy = null!;

    /// <summary>Gets or sets the strategy measured.</summary>
    [ParamsSource(nameof(Strategies))]
    public string Strategy { get; set; } = "sdk-priority";

    /// <summary>Gets the strategies' names.</summary>
    public static IEnumerable<string> Strategies => ThrottlingStrategies.Names;

    /// <summary>Builds the strategy and starts what it runs on its own.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _strategy = ThrottlingStrategies.Create(Strategy, TimeProvider.System, StrategySettings.Unpaced);
        _strategy.Start(_stop.Token);
    }

    /// <summary>Stops and disposes the strategy.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _strategy.Dispose();
        _stop.Dispose();
    }

    /// <summary>One acquire and release.</summary>
    /// <returns>A task that completes once the slot was taken and given back.</returns>
    [Benchmark(Description = "acquire+release")]
    public ValueTask AcquireRelease() => _strategy.AcquireReleaseAsync(RequestPriority.Critical, CancellationToken.None);
}
