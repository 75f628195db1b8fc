using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// One scout's tour: from its start through its markets in order and back to the start. The scout then repeats the
/// markets as a cycle, whose period is at most <see cref="Seconds"/>.
/// </summary>
/// <param name="Scout">The scout.</param>
/// <param name="Stops">The markets in visiting order; each exactly once.</param>
/// <param name="Seconds">The estimated time of the closed tour: every flight plus the overhead of every market visit.</param>
internal sealed record Tour(ScoutShip Scout, IReadOnlyList<WaypointPosition> Stops, int Seconds)
{
    /// <summary>Gets an empty tour for a scout (nothing to visit).</summary>
    /// <param name="scout">The scout.</param>
    /// <returns>The tour.</returns>
    public static Tour Empty(ScoutShip scout) => new(scout, [], 0);
}
