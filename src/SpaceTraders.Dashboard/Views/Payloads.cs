using System.Text.Json.Serialization;

namespace SpaceTraders.Dashboard.Views;

// The JSON the API serves and the stream pushes (camelCase). Times are game time in Unix milliseconds; durations in
// milliseconds or seconds as their names say.

/// <summary>What every payload starts with: the source, the moment and the run.</summary>
internal sealed record Header(
    string Mode,
    string Source,
    long At,
    long? StartedAt,
    string Status,
    string Node,
    string Store,
    bool StoreConnected,
    int StorePending,
    string? StoreError,
    IReadOnlyList<string> Plugins,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> Systems);

/// <summary>A 404 or 500 answer.</summary>
internal sealed record ProblemPayload(int Status, string Title, string Detail);

internal sealed record OverviewPayload(Header Header, IReadOnlyList<AgentOverview> Agents, IReadOnlyList<ControlRow> Controls, IReadOnlyList<ProblemRow> Problems, int CeilingPerMinute);

internal sealed record AgentOverview(
    string Symbol,
    string? Conductor,
    string? ConductorState,
    long Credits,
    long CreditsStart,
    long CreditsEarned,
    double Cph,
    double Cpr,
    double RequestsPerMinute,
    double RateLimitedPerMinute,
    double DelayedShare,
    double MeanQueueWaitMs,
    int QueueLength,
    long Requests,
    long RateLimited,
    long Delayed,
    IReadOnlyList<QueueRow> Queue,
    IReadOnlyDictionary<string, int> ShipsByState,
    TimelineSeries Timeline)
{
    /// <summary>
    /// Gets the capital spent since the start (ships, mounts and modules bought, less ships scrapped), as the console view
    /// shows it; <see cref="CreditsEarned"/>, <see cref="Cph"/> and <see cref="Cpr"/> are then operating earnings.
    /// <see langword="null"/> where the source cannot split them: they are then the net change.
    /// </summary>
    public long? CapitalSpent { get; init; }

    /// <summary>Gets the hours of operating earnings that pay <see cref="CapitalSpent"/> back, when there is one.</summary>
    public double? PaybackHours { get; init; }
}

internal sealed record QueueRow(string Priority, int Waiting, int PerMinute, double MeanMs, double P50Ms, double P99Ms);

/// <summary>
/// An agent's timeline as chart columns. In a full payload every point; in a <c>delta</c> event only the points from
/// <see cref="From"/> on, which replace the page's points from that index (the ones before it did not change).
/// <see cref="Cph"/> and <see cref="Cpr"/> run on <see cref="OperatingEarned"/> (cumulative from the start, capital not
/// counted); <see cref="CapitalSpent"/> is the capital spent from the start (ships, mounts, modules), drawn apart.
/// </summary>
internal sealed record TimelineSeries(
    int WidthSeconds,
    IReadOnlyList<long> T,
    IReadOnlyList<long> Credits,
    IReadOnlyList<long> OperatingEarned,
    IReadOnlyList<long> CapitalSpent,
    IReadOnlyList<double?> Cph,
    IReadOnlyList<double?> Cpr,
    IReadOnlyList<double> RequestsPerMinute,
    IReadOnlyList<double> RateLimitedPerMinute,
    IReadOnlyList<double> DelayedShare,
    IReadOnlyList<int> Ships,
    IReadOnlyDictionary<string, IReadOnlyList<double>> P50Ms,
    IReadOnlyDictionary<string, IReadOnlyList<double>> P99Ms,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? From = null);

internal sealed record ControlRow(long At, string Agent, string Ship, string Kind, string Reason, double RequestsPerMinute, double DelayedShare, double MeanQueueWaitMs);

internal sealed record ProblemRow(long At, string? Agent, string? Ship, string Message);

internal sealed record ShipsPayload(Header Header, IReadOnlyList<ShipRow> Ships, IReadOnlyDictionary<string, int> ByState);

internal sealed record ShipRow(
    string Symbol,
    string Agent,
    string? Type,
    string Role,
    string? Behaviour,
    string State,
    string? Activity,
    string? System,
    string? NavStatus,
    string? Location,
    string? Destination,
    long? Arrival,
    double? EtaSeconds,
    string? FlightMode,
    int? CargoUnits,
    int? CargoCapacity,
    int? Fuel,
    int? FuelCapacity,
    double? CooldownSeconds,
    long? SessionRequests,
    long? SessionCredits,
    double? SessionCpr,
    string? SessionOutcome);

internal sealed record ShipPayload(
    Header Header,
    ShipRow Ship,
    ShipParts Parts,
    SessionTotals Totals,
    IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<MovementRow> CreditMovements,
    IReadOnlyList<RequestRow> Requests);

internal sealed record ShipParts(
    string? Frame,
    string? Engine,
    int? EngineSpeed,
    IReadOnlyList<string> Mounts,
    IReadOnlyList<CargoItem> Cargo,
    RoutePoint? Origin,
    RoutePoint? Destination,
    long? Departure,
    long? Arrival,
    long? CooldownExpiration);

internal sealed record CargoItem(string Symbol, int Units);

internal sealed record RoutePoint(string Symbol, string Type, int X, int Y);

internal sealed record SessionTotals(int Sessions, long Requests, long Credits, double Cpr, double Cph, double Hours);

internal sealed record SessionRow(
    string Id,
    string Ship,
    string? ShipType,
    string Behaviour,
    string? Conductor,
    long StartedAt,
    long? EndedAt,
    string? Outcome,
    long Requests,
    long Credits,
    double Cpr,
    double Cph,
    double Hours);

internal sealed record MovementRow(long At, string Kind, long Amount, long BalanceAfter, string? Ship, string? Trade, int? Units, string? Session);

internal sealed record RequestRow(long At, string Method, string Endpoint, int Status, string Priority, double QueueWaitMs, double DurationMs, int Attempts, int RateLimited, bool Delayed);

internal sealed record BehavioursPayload(
    Header Header,
    IReadOnlyList<GroupRow> Behaviours,
    IReadOnlyList<GroupRow> ShipTypes,
    IReadOnlyList<GroupRow> Combinations,
    GroupSeries OverTime);

internal sealed record GroupRow(string Key, int Sessions, long Requests, long Credits, double Cpr, double Cph, double Hours);

/// <summary>Figures of sessions per time bucket (by the session's end, running ones at the moment), per key.</summary>
internal sealed record GroupSeries(int WidthSeconds, IReadOnlyList<long> T, IReadOnlyDictionary<string, IReadOnlyList<double?>> Cpr, IReadOnlyDictionary<string, IReadOnlyList<double?>> Cph, IReadOnlyDictionary<string, IReadOnlyList<long>> Credits);

internal sealed record BehaviourPayload(
    Header Header,
    GroupRow Figures,
    IReadOnlyList<GroupRow> ShipTypes,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<SessionRow> Sessions,
    GroupSeries OverTime);

internal sealed record MarketsPayload(Header Header, IReadOnlyList<MarketRow> Markets);

internal sealed record MarketRow(string Waypoint, long? ObservedAt, double? AgeSeconds, int Goods, int GoodsKnown, int HoursRecorded);

internal sealed record MarketPayload(Header Header, MarketRow Market, IReadOnlyList<GoodRow> Goods, IReadOnlyList<GoodHistory> History);

internal sealed record GoodRow(string Symbol, string Type, int PurchasePrice, int SellPrice, int TradeVolume, string Supply, string? Activity);

internal sealed record GoodHistory(
    string Symbol,
    IReadOnlyList<long> T,
    IReadOnlyList<double> MeanPurchase,
    IReadOnlyList<double> MeanSell,
    IReadOnlyList<int> MinPurchase,
    IReadOnlyList<int> MaxSell,
    IReadOnlyList<int> Volume,
    IReadOnlyList<int> Supply,
    IReadOnlyList<int> Observations);

internal sealed record SystemPayload(Header Header, string System, IReadOnlyList<WaypointRow> Waypoints, IReadOnlyList<MapShip> Ships, bool FromRoutesOnly);

internal sealed record WaypointRow(string Symbol, string Type, int X, int Y, bool Market, bool Shipyard, bool Gate, string? Orbits, IReadOnlyList<string> Traits, int Ships);

internal sealed record MapShip(
    string Symbol,
    string Agent,
    string? Behaviour,
    string State,
    string NavStatus,
    string Waypoint,
    double X,
    double Y,
    bool InTransit,
    RoutePoint? Origin,
    RoutePoint? Destination,
    long? Arrival);

/// <summary>The source-generated serializer for every payload.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ProblemPayload))]
[JsonSerializable(typeof(OverviewPayload))]
[JsonSerializable(typeof(ShipsPayload))]
[JsonSerializable(typeof(ShipPayload))]
[JsonSerializable(typeof(BehavioursPayload))]
[JsonSerializable(typeof(BehaviourPayload))]
[JsonSerializable(typeof(MarketsPayload))]
[JsonSerializable(typeof(MarketPayload))]
[JsonSerializable(typeof(SystemPayload))]
internal sealed partial class DashboardJson : JsonSerializerContext;
