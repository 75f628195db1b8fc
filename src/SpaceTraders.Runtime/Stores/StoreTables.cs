namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// The table names every store uses in <see cref="StoreStatistics.RowsWritten"/>, so that figures from the
/// in-memory and the PostgreSQL store (and the benchmarks that compare them) line up.
/// </summary>
public static class StoreTables
{
    /// <summary>Session rows: one written when a session starts, one update when it ends.</summary>
    public const string Sessions = "sessions";

    /// <summary>Request rows: one per <see cref="RequestRecordedRecord"/>.</summary>
    public const string Requests = "requests";

    /// <summary>Credit movement rows: one per <see cref="CreditMovementRecord"/>.</summary>
    public const string CreditMovements = "credit_movements";

    /// <summary>Ship part rows: one per part in a <see cref="ShipPartsRecord"/> (the figure the dirty-tracking benchmark compares).</summary>
    public const string ShipParts = "ship_parts";

    /// <summary>Agent rows: one per <see cref="AgentSnapshotRecord"/>.</summary>
    public const string Agents = "agents";

    /// <summary>Raw market observation rows: one per <see cref="MarketObservationRecord"/>.</summary>
    public const string MarketObservations = "market_observations";

    /// <summary>Hourly market summary rows written or updated by <see cref="IRecordSink.RollUpMarketHistoryAsync"/>.</summary>
    public const string MarketHours = "market_hours";
}
