using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>Shares the markets of one system among scouts and orders each scout's tour.</summary>
internal interface IMarketPartitioner
{
    /// <summary>Gets the strategy this partitioner implements.</summary>
    PartitionStrategy Strategy { get; }

    /// <summary>Partitions the markets: every market goes to exactly one scout.</summary>
    /// <param name="scouts">The scouts, at least one.</param>
    /// <param name="markets">The markets, distinct by symbol.</param>
    /// <param name="costs">The tour-time model.</param>
    /// <returns>One tour per scout, in the order of <paramref name="scouts"/>.</returns>
    IReadOnlyList<Tour> Partition(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs);
}
