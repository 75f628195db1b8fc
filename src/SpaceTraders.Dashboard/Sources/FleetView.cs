using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Dashboard.Sources;

/// <summary>The fleet at one moment, as either source sees it: what every page starts from.</summary>
/// <param name="Mode"><c>live</c> (a running runtime) or <c>history</c> (a database, read-only).</param>
/// <param name="At">The moment (game time): the snapshot's, or the last record's.</param>
/// <param name="StartedAt">When the run started (or the first record).</param>
/// <param name="Status">The runtime's status, or <c>history</c>.</param>
/// <param name="Node">The runtime's node id, or the database.</param>
/// <param name="Store">The store's name and health.</param>
/// <param name="Agents">The agents and their figures.</param>
/// <param name="Ships">Every ship.</param>
/// <param name="Controls">Pauses and resumes, oldest first.</param>
/// <param name="Problems">Problems the runtime reported, oldest first.</param>
/// <param name="Plugins">The plugins loaded (<c>id@version</c>).</param>
internal sealed record FleetView(
    string Mode,
    DateTimeOffset At,
    DateTimeOffset? StartedAt,
    string Status,
    string Node,
    StoreStatus Store,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<ShipView> Ships,
    IReadOnlyList<ShipControlEvent> Controls,
    IReadOnlyList<RuntimeProblem> Problems,
    IReadOnlyList<string> Plugins);

/// <summary>One agent's figures, as the console view shows them.</summary>
internal sealed record AgentView(
    string Symbol,
    string? Conductor,
    string? ConductorState,
    long CreditsStart,
    FleetMetrics Metrics,
    RequestTotals Totals,
    IReadOnlyList<PriorityQueueStatus> Queue,
    string? Headquarters)
{
    /// <summary>
    /// Gets the credits since the start split into operating earnings and capital spending, as the console view and the
    /// report show them; <see langword="null"/> where the source cannot split them (a store's history), and the overview
    /// shows the net change of <see cref="Metrics"/>. The default value is <see langword="null"/>.
    /// </summary>
    public EarningsFigures? Earnings { get; init; }
}

/// <summary>One ship: the runtime's view (assignment, state, session) and its tracked parts.</summary>
internal sealed record ShipView(
    string Symbol,
    string Agent,
    string? ShipType,
    string Role,
    string? Behaviour,
    string State,
    string? Activity,
    SessionFigures? Session,
    ShipNav? Nav,
    ShipCargo? Cargo,
    ShipFuel? Fuel,
    Cooldown? Cooldown,
    ShipFrame? Frame,
    ShipEngine? Engine,
    IReadOnlyList<ShipMount>? Mounts);

/// <summary>A market: when it was last seen and its goods then.</summary>
internal sealed record MarketView(string Waypoint, DateTimeOffset? ObservedAt, IReadOnlyList<MarketGoodView> Goods, int GoodsKnown);

/// <summary>One good of a market as last seen.</summary>
internal sealed record MarketGoodView(string Symbol, string Type, int PurchasePrice, int SellPrice, int TradeVolume, string Supply, string? Activity);

/// <summary>A waypoint on the map.</summary>
internal sealed record WaypointView(string Symbol, string Type, int X, int Y, bool Market, bool Shipyard, bool Gate, string? Orbits, IReadOnlyList<string> Traits);

/// <summary>A ship's sessions and latest activity.</summary>
internal sealed record ShipHistory(IReadOnlyList<SessionReport> Sessions, IReadOnlyList<RequestRecordedRecord> Requests, IReadOnlyList<CreditMovementRecord> CreditMovements);
