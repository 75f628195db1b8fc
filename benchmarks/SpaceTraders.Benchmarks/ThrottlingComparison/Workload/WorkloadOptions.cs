using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>The shape of one run of the fleet workload. Every strategy runs the same options.</summary>
/// <remarks>
/// The fleet: mining drones at the engineered asteroid (<see cref="MinerShare"/>, at most <see cref="MaxMiners"/>, so the
/// asteroid stays below the extraction rate that makes it unstable), siphon drones at the gas giant (the rest), and, if
/// asked for, light haulers on trade routes (<see cref="HaulerShare"/>). The world under it is pinned by
/// <see cref="WorkloadWorld"/>.
/// </remarks>
public sealed record WorkloadOptions
{
    /// <summary>Gets the fleet size: haulers, miners and siphon drones (the agent's starting frigate and probe stay docked).</summary>
    public int Ships { get; init; } = 100;

    /// <summary>
    /// Gets the share of the fleet that trades (light haulers, one per trade route while routes last). The default is 0:
    /// a hauler's income is bounded by how fast its two markets recover, not by the requests it is served, and comes in
    /// lumps of tens of thousands of credits a trip, so haulers measure the markets and the window's edges rather than the
    /// limiter (benchmarks/results/throttling.md shows a run with them).
    /// </summary>
    public double HaulerShare { get; init; }

    /// <summary>Gets the share of the fleet that mines the engineered asteroid (mining drones), up to <see cref="MaxMiners"/>. The default is 30%.</summary>
    public double MinerShare { get; init; } = 0.3;

    /// <summary>
    /// Gets the most mining drones on the engineered asteroid. A drone extracts about once every 70 s while it is there and
    /// spends about half its time flying to and from its markets, so 24 drones stay below the 20 extractions a minute an
    /// engineered asteroid tolerates before it turns unstable (yields halved). The default is 24.
    /// </summary>
    public int MaxMiners { get; init; } = 24;

    /// <summary>Gets how long the measured part of the run lasts, after the setup phase and the warm-up. The default is one hour.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets how long the fleet runs under the strategy before the measurement starts. Every ship starts docked at its
    /// shipyard; the warm-up lets the start-up rush (the whole fleet flying out at once) and the first drain of the
    /// markets settle, so the hour measures steady play. The default is one hour.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets the simulation's seed (the world and every random outcome).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets how many ships there are per background refresher (one actor refreshing markets and waypoints at Background priority).</summary>
    public int ShipsPerRefresher { get; init; } = 10;

    /// <summary>Gets how often each background refresher asks for a market or a waypoint.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the agent's starting credits: enough to buy the fleet through the API in the setup phase.</summary>
    public long StartingCredits { get; init; } = 200_000_000;

    /// <summary>Gets a value indicating whether the simulator enforces the rate limit (off only to measure the workload's demand).</summary>
    public bool RateLimited { get; init; } = true;

    /// <summary>
    /// Gets how many runner nodes play the agent: 1, or 2 for the two-node baseline (each node its own client, its own
    /// IP address and its own copy of the strategy, sized to the whole agent; the ships and refreshers alternate between
    /// them). The default is 1.
    /// </summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Gets the strategies' numbers.</summary>
    public StrategySettings Strategy { get; init; } = StrategySettings.Live;

    /// <summary>Gets the number of haulers asked for (the setup caps it at the trade routes found).</summary>
    public int Haulers => (int)Math.Round(Ships * HaulerShare, MidpointRounding.AwayFromZero);

    /// <summary>Gets the number of mining drones.</summary>
    public int Miners => Math.Min(MaxMiners, (int)Math.Round(Ships * MinerShare, MidpointRounding.AwayFromZero));

    /// <summary>Gets the number of background refreshers (at least one).</summary>
    public int Refreshers => Math.Max(1, (Ships + ShipsPerRefresher - 1) / ShipsPerRefresher);
}
