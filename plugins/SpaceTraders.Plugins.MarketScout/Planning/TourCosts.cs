using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// The tour-time model: each flight's seconds from the game's travel formula (<see cref="FlightRules"/>: rounded
/// distance, engine speed, flight mode, the fixed 15 s), plus a fixed overhead per market visit (the market read and
/// the wait for the rate limiter).
/// </summary>
internal sealed class TourCosts
{
    /// <summary>Initializes a new instance of the <see cref="TourCosts"/> class.</summary>
    /// <param name="rules">The travel formulas.</param>
    /// <param name="mode">The flight mode scouts fly in.</param>
    /// <param name="visitOverheadSeconds">Seconds spent at each market besides flying.</param>
    public TourCosts(FlightRules rules, ShipNavFlightMode mode, int visitOverheadSeconds)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(visitOverheadSeconds);
        Rules = rules;
        Mode = mode;
        VisitOverheadSeconds = visitOverheadSeconds;
    }

    /// <summary>
    /// Gets the model used when nothing else is said: the wiki's formulas, BURN (the pilot flies probes in BURN, which
    /// costs a ship without a tank nothing), 2 seconds per visit.
    /// </summary>
    public static TourCosts Default { get; } = new(FlightRules.Default, ShipNavFlightMode.Burn, 2);

    /// <summary>Gets the travel formulas.</summary>
    public FlightRules Rules { get; }

    /// <summary>Gets the flight mode.</summary>
    public ShipNavFlightMode Mode { get; }

    /// <summary>Gets the seconds spent at each market besides flying.</summary>
    public int VisitOverheadSeconds { get; }

    /// <summary>Gets the seconds of one flight within a system; zero when both ends are the same waypoint.</summary>
    /// <param name="from">Where the flight starts.</param>
    /// <param name="to">Where it ends.</param>
    /// <param name="engineSpeed">The ship's engine speed.</param>
    /// <returns>The seconds.</returns>
    public int FlightSeconds(WaypointPosition from, WaypointPosition to, int engineSpeed) =>
        string.Equals(from.Symbol, to.Symbol, StringComparison.Ordinal) ? 0 : Rules.NavigateSeconds(from.DistanceTo(to), engineSpeed, Mode);

    /// <summary>Builds the symmetric matrix of flight seconds between waypoints.</summary>
    /// <param name="nodes">The waypoints.</param>
    /// <param name="engineSpeed">The ship's engine speed.</param>
    /// <returns>The matrix, indexed like <paramref name="nodes"/>.</returns>
    public int[,] Matrix(IReadOnlyList<WaypointPosition> nodes, int engineSpeed)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var matrix = new int[nodes.Count, nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++)
            {
                matrix[i, j] = matrix[j, i] = FlightSeconds(nodes[i], nodes[j], engineSpeed);
            }
        }

        return matrix;
    }

    /// <summary>
    /// Gets the estimated seconds of one lap of a tour: the stops in the given order as a cycle (back from the last to
    /// the first), plus the visit overhead of each. This is the period at which a scout revisits its markets.
    /// </summary>
    /// <param name="scout">The scout (its engine speed).</param>
    /// <param name="stops">The stops in order.</param>
    /// <returns>The seconds; zero without stops.</returns>
    public int TourSeconds(ScoutShip scout, IReadOnlyList<WaypointPosition> stops)
    {
        ArgumentNullException.ThrowIfNull(scout);
        ArgumentNullException.ThrowIfNull(stops);
        var seconds = 0;
        for (var i = 0; i < stops.Count; i++)
        {
            seconds += FlightSeconds(stops[i], stops[(i + 1) % stops.Count], scout.EngineSpeed) + VisitOverheadSeconds;
        }

        return seconds;
    }

    /// <summary>Gets the seconds from the scout's start to the tour's first stop (paid once, before the first lap).</summary>
    /// <param name="scout">The scout.</param>
    /// <param name="stops">The stops in order.</param>
    /// <returns>The seconds; zero without stops.</returns>
    public int LeadInSeconds(ScoutShip scout, IReadOnlyList<WaypointPosition> stops)
    {
        ArgumentNullException.ThrowIfNull(scout);
        ArgumentNullException.ThrowIfNull(stops);
        return stops.Count == 0 ? 0 : FlightSeconds(scout.Start, stops[0], scout.EngineSpeed);
    }
}
