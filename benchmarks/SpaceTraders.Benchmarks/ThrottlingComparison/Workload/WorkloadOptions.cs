using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>The shape of one run of the fleet workload. Every strategy runs the same options.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Gets the fleet size: miners plus haulers (the agent's starting frigate and probe stay docked).</summary>
    public int Ships { get; init; } = 50;

    /// <summary>Gets the share of the fleet that hauls (light haulers trading); the rest mine (mining drones). The default is 20%.</summary>
    public double HaulerShare { get; init; } = 0.2;

    /// <summary>Gets how long the measured part of the run lasts, after the setup phase and the warm-up. The default is one hour.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets how long the fleet runs under the strategy before the measurement starts. Every ship starts at the same
    /// instant, docked at the shipyard; the warm-up lets that start-up rush (the whole fleet undocking and flying out
    /// at once) settle, so the hour measures steady play. The default is 10 minutes.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the simulation's seed (the world and every random outcome).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets how many ships there are per background refresher (one actor refreshing markets and waypoints at Background priority).</summary>
    public int ShipsPerRefresher { get; init; } = 10;

    /// <summary>Gets how often each background refresher asks for a market or a waypoint.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the agent's starting credits: enough to buy the fleet through the API in the setup phase.</summary>
    public long StartingCredits { get; init; } = 100_000_000;

    /// <summary>Gets a value indicating whether the simulator enforces the rate limit (off only to measure the workload's demand).</summary>
    public bool RateLimited { get; init; } = true;

    /// <summary>Gets the strategies' numbers.</summary>
    public StrategySettings Strategy { get; init; } = StrategySettings.Live;

    /// <summary>Gets the number of haulers.</summary>
    public int Haulers => (int)Math.Round(Ships * HaulerShare, MidpointRounding.AwayFromZero);

    /// <summary>Gets the number of miners.</summary>
    public int Miners => Ships - Haulers;

    /// <summary>Gets the number of background refreshers (at least one).</summary>
    public int Refreshers => Math.Max(1, (Ships + ShipsPerRefresher - 1) / ShipsPerRefresher);
}
