using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Chooses where a scout enters its tour and which way round it goes, so that the stalest markets are revisited
/// first: of every rotation and direction of the cycle, the one whose worst staleness at the moment of reading
/// (age now plus arrival time) is lowest, then the one that ends soonest. In steady state this simply continues the
/// cycle (the next market is the one read longest ago); after a re-plan it heads for never-read markets first. A lap
/// never starts at the market the scout is at, so no market is read twice without a flight in between.
/// </summary>
internal static class StaleFirst
{
    /// <summary>The age given to a market never read: older than any real age.</summary>
    public const double NeverReadSeconds = 1e9;

    /// <summary>Orders one lap of a tour.</summary>
    /// <param name="here">Where the scout is.</param>
    /// <param name="cycle">The tour's markets in cycle order.</param>
    /// <param name="ageSeconds">Each market's age in seconds (since its prices were last read), or <see langword="null"/> when never read.</param>
    /// <param name="costs">The tour-time model.</param>
    /// <param name="engineSpeed">The scout's engine speed.</param>
    /// <returns>The markets in the order to visit them in this lap.</returns>
    public static IReadOnlyList<WaypointPosition> Lap(
        WaypointPosition here,
        IReadOnlyList<WaypointPosition> cycle,
        Func<WaypointPosition, double?> ageSeconds,
        TourCosts costs,
        int engineSpeed)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(ageSeconds);
        ArgumentNullException.ThrowIfNull(costs);
        var n = cycle.Count;
        if (n <= 1)
        {
            return [.. cycle];
        }

        var ages = cycle.Select(m => ageSeconds(m) ?? NeverReadSeconds).ToArray();
        (int Rotation, int Direction) best = (0, 1);
        (double Peak, double End) bestScore = (double.MaxValue, double.MaxValue);
        foreach (var direction in (int[])[1, -1])
        {
            for (var rotation = 0; rotation < n; rotation++)
            {
                // Never start a lap at the market the scout is at: it was just read (a lap ends there).
                if (string.Equals(cycle[rotation].Symbol, here.Symbol, StringComparison.Ordinal))
                {
                    continue;
                }

                double clock = 0;
                double peak = 0;
                var at = here;
                for (var step = 0; step < n; step++)
                {
                    var index = Index(rotation, direction, step, n);
                    clock += costs.FlightSeconds(at, cycle[index], engineSpeed) + costs.VisitOverheadSeconds;
                    peak = Math.Max(peak, ages[index] + clock);
                    at = cycle[index];
                }

                if (peak < bestScore.Peak || (peak == bestScore.Peak && clock < bestScore.End))
                {
                    (best, bestScore) = ((rotation, direction), (peak, clock));
                }
            }
        }

        return [.. Enumerable.Range(0, n).Select(step => cycle[Index(best.Rotation, best.Direction, step, n)])];
    }

    private static int Index(int rotation, int direction, int step, int n) => (((rotation + (direction * step)) % n) + n) % n;
}
