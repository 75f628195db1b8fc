using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>
/// The CPR benchmark: each week's conductor plays a fresh agent (the same starting agent: COSMIC, 175,000 credits, a
/// command frigate and a probe) on the simulator in virtual time for 12 simulated hours, on seeds 1, 2 and 3, with the
/// real <c>FleetRuntime</c> and every weekly plugin loaded. Each case runs once (cold start, no warm-up, one iteration);
/// the game figures it produced are saved per case and shown by the <see cref="CprColumn"/> columns.
/// </summary>
[Config(typeof(CprConfig))]
public class CprBenchmarks
{
    /// <summary>Gets the simulated duration of a run.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromHours(12);

    /// <summary>Gets or sets the conductor (one week's strategy).</summary>
    [Params("week02", "week04", "week07", "week10")]
    public string Conductor { get; set; } = "week10";

    /// <summary>Gets or sets the world seed.</summary>
    [Params(1, 2, 3)]
    public int Seed { get; set; } = 1;

    /// <summary>Plays the conductor for <see cref="Duration"/> of virtual time and saves the game figures.</summary>
    /// <returns>The credits earned.</returns>
    [Benchmark(Description = "12 simulated hours")]
    public async Task<long> PlayAsync()
    {
        var figures = await RunAsync(Conductor, Seed, Duration).ConfigureAwait(false);
        figures.Save();
        return figures.CreditsEarned;
    }

    /// <summary>Runs one case: the conductor on a fresh agent of the seeded world, every weekly plugin loaded.</summary>
    internal static async Task<CprFigures> RunAsync(string conductor, int seed, TimeSpan duration)
    {
        using var game = new WeeklyGame(seed);
        IStrategyPlugin[] plugins = [new Week02Plugin(), new Week04Plugin(), new Week07Plugin(), new Week10Plugin()];
        var run = await game.RunAsync(new StrategyRef(conductor), duration, null, plugins).ConfigureAwait(false);
        return CprFigures.From(run);
    }

    /// <summary>One measured run per case, in the host process (the figures are read back by the columns).</summary>
    private sealed class CprConfig : ManualConfig
    {
        public CprConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.ColdStart)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithToolchain(InProcessNoEmitToolchain.Instance)
                .WithId("cpr"));
            AddColumn(CprColumn.All);
            WithOption(ConfigOptions.DisableOptimizationsValidator, true);
        }
    }
}
