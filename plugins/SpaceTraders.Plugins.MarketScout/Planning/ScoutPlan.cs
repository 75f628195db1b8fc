using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// The tours the conductor posts on the fleet board (<see cref="BoardKey"/>) for the scouts to fly. Immutable; a
/// re-plan posts a new plan with a higher <see cref="Version"/>.
/// </summary>
/// <param name="Version">Grows with every re-plan.</param>
/// <param name="Strategy">The partitioning strategy that made it.</param>
/// <param name="Assignments">Each scout's tour, by ship symbol.</param>
/// <param name="Unassigned">Markets no scout takes (systems without a scout).</param>
/// <param name="PlannedAt">When it was made.</param>
internal sealed record ScoutPlan(
    int Version,
    PartitionStrategy Strategy,
    IReadOnlyDictionary<string, ScoutAssignment> Assignments,
    IReadOnlyList<string> Unassigned,
    DateTimeOffset PlannedAt)
{
    /// <summary>The fleet-board key the plan is posted under.</summary>
    public const string BoardKey = "market-scout/plan";

    /// <summary>The prefix of every key this plugin posts.</summary>
    public const string BoardPrefix = "market-scout/";

    /// <summary>Makes a plan from planned tours.</summary>
    /// <param name="version">The version.</param>
    /// <param name="planned">The tours.</param>
    /// <param name="plannedAt">When.</param>
    /// <returns>The plan.</returns>
    public static ScoutPlan From(int version, PlannedTours planned, DateTimeOffset plannedAt)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return new ScoutPlan(
            version,
            planned.Strategy,
            planned.Tours.ToDictionary(
                t => t.Scout.Symbol,
                t => new ScoutAssignment(t.Scout.Symbol, t.Scout.Start.SystemSymbol, t.Stops, t.Seconds),
                StringComparer.Ordinal),
            [.. planned.Unassigned.Select(m => m.Symbol)],
            plannedAt);
    }
}

/// <summary>One scout's part of a <see cref="ScoutPlan"/>.</summary>
/// <param name="ShipSymbol">The scout.</param>
/// <param name="SystemSymbol">The system its tour is in.</param>
/// <param name="Stops">Its markets in tour order.</param>
/// <param name="EstimatedSeconds">The estimated time of one closed tour.</param>
internal sealed record ScoutAssignment(string ShipSymbol, string SystemSymbol, IReadOnlyList<WaypointPosition> Stops, int EstimatedSeconds);
