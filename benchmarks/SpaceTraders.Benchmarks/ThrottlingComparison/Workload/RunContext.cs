using SpaceTraders.Sdk;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What every actor of the measured part of a run shares.</summary>
/// <param name="Client">The measured client (the strategy's pipeline).</param>
/// <param name="Clock">The run's clock.</param>
/// <param name="World">The system.</param>
/// <param name="Book">The fleet's market knowledge.</param>
public sealed record RunContext(SpaceTradersClient Client, TimeProvider Clock, FleetWorld World, MarketBook Book);
