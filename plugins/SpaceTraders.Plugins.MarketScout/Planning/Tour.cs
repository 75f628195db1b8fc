using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// One scout's tour: its markets as a cycle, entered from the scout's start at the first stop (the stop nearest the
/// start). The scout repeats the cycle; <see cref="Seconds"/> is its period, the time between two reads of a market.
/// </summary>
/// <param name="Scout">The scout.</param>
/// <param name="Stops">The markets in visiting order; each exactly once.</param>
/// <param name="Seconds">The estimated time of one lap: every flight of the cycle plus the overhead of every market visit.</param>
internal sealed record Tour(ScoutShip Scout, IReadOnlyList<WaypointPosition> Stops, int Seconds)
{
    /// <summary>Gets an empty tour for a scout (nothing to visit).</summary>
    /// <param name="scout">The scout.</param>
    /// <returns>The tour.</returns>
    public static Tour Empty(ScoutShip scout) => new(scout, [], 0);
}
