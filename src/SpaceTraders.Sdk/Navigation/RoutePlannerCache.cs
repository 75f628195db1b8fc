namespace SpaceTraders.Sdk.Navigation;

/// <summary>
/// One <see cref="SystemRoutePlanner"/> per system for every pilot of a client, rebuilt only when what it plans
/// with changes: the number of charted waypoints, the known fuel sellers or the travel formulas.
/// </summary>
/// <remarks>
/// A planner holds three distance matrices (about 130 KB for an 82-waypoint system) and is immutable, so the pilots
/// of a fleet can share it. Pilots are usually made per behaviour session, and a week-long fleet opens about 100,000
/// sessions: without the cache each of them built its own planner. Thread-safe.
/// </remarks>
internal sealed class RoutePlannerCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _bySystem = new(StringComparer.Ordinal);

    /// <summary>Gets how many planners the cache has built (for tests and diagnostics).</summary>
    public int Builds { get; private set; }

    /// <summary>Gets the planner of a system, building it when none is kept or the kept one is out of date.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="waypointCount">How many of the system's waypoints are charted now.</param>
    /// <param name="fuelSellers">The waypoints where a ship can buy FUEL now, in a stable order.</param>
    /// <param name="rules">The travel formulas.</param>
    /// <param name="build">Builds the planner when the kept one does not fit.</param>
    /// <returns>The planner.</returns>
    public SystemRoutePlanner Get(string systemSymbol, int waypointCount, IReadOnlyList<string> fuelSellers, FlightRules rules, Func<SystemRoutePlanner> build)
    {
        lock (_gate)
        {
            if (_bySystem.TryGetValue(systemSymbol, out var kept) && kept.Fits(waypointCount, fuelSellers, rules))
            {
                return kept.Planner;
            }
        }

        // Built outside the lock: two pilots may build the same planner at once; both results are the same.
        var planner = build();
        lock (_gate)
        {
            _bySystem[systemSymbol] = new Entry(waypointCount, [.. fuelSellers], rules, planner);
            Builds++;
        }

        return planner;
    }

    private sealed record Entry(int WaypointCount, string[] FuelSellers, FlightRules Rules, SystemRoutePlanner Planner)
    {
        public bool Fits(int waypointCount, IReadOnlyList<string> fuelSellers, FlightRules rules) =>
            WaypointCount == waypointCount && ReferenceEquals(Rules, rules) && FuelSellers.SequenceEqual(fuelSellers, StringComparer.Ordinal);
    }
}
