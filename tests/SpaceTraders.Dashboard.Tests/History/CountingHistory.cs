using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard.Tests.History;

/// <summary>A history that counts the reads a dashboard makes of another (the fleet's span, its timelines, its sessions).</summary>
internal sealed class CountingHistory(IStoreHistory inner) : IStoreHistory
{
    private int _spans;
    private int _timelines;
    private int _sessionReads;

    public int Spans => Volatile.Read(ref _spans);

    public int Timelines => Volatile.Read(ref _timelines);

    public int SessionReads => Volatile.Read(ref _sessionReads);

    public string Name => inner.Name;

    public string Database => inner.Database;

    public Guid? RunId => inner.RunId;

    public Task<IReadOnlyList<StoredRun>> GetRunsAsync(CancellationToken cancellationToken) => inner.GetRunsAsync(cancellationToken);

    public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

    public Task<string?> GetCurrentResetAsync(CancellationToken cancellationToken) => inner.GetCurrentResetAsync(cancellationToken);

    public Task<(DateTimeOffset First, DateTimeOffset Last)?> GetSpanAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _spans);
        return inner.GetSpanAsync(cancellationToken);
    }

    public Task<IReadOnlyList<StoredAgent>> GetAgentsAsync(CancellationToken cancellationToken) => inner.GetAgentsAsync(cancellationToken);

    public Task<IReadOnlyList<StoredShip>> GetShipsAsync(CancellationToken cancellationToken) => inner.GetShipsAsync(cancellationToken);

    public Task<IReadOnlyList<RequestRecordedRecord>> GetShipRequestsAsync(string shipSymbol, int limit, CancellationToken cancellationToken) =>
        inner.GetShipRequestsAsync(shipSymbol, limit, cancellationToken);

    public Task<IReadOnlyList<CreditMovementRecord>> GetShipCreditMovementsAsync(string shipSymbol, int limit, CancellationToken cancellationToken) =>
        inner.GetShipCreditMovementsAsync(shipSymbol, limit, cancellationToken);

    public Task<IReadOnlyList<ShipControlEvent>> GetControlEventsAsync(int limit, CancellationToken cancellationToken) => inner.GetControlEventsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<StoredMarket>> GetMarketsAsync(CancellationToken cancellationToken) => inner.GetMarketsAsync(cancellationToken);

    public Task<IReadOnlyList<MarketObservationRecord>> GetLatestMarketGoodsAsync(string waypointSymbol, CancellationToken cancellationToken) =>
        inner.GetLatestMarketGoodsAsync(waypointSymbol, cancellationToken);

    public Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _timelines);
        return inner.GetTimelineAsync(agentSymbol, maxPoints, cancellationToken);
    }

    public Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sessionReads);
        return inner.GetSessionReportsAsync(query, asOf, cancellationToken);
    }

    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        inner.GetGroupReportsAsync(grouping, asOf, cancellationToken);

    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken) =>
        inner.GetGroupReportsAsync(grouping, asOf, reset, cancellationToken);

    public Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken) => inner.GetCreditsOverTimeAsync(agentSymbol, cancellationToken);

    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken) => inner.GetCreditMovementsAsync(agentSymbol, cancellationToken);

    public Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken) => inner.GetRequestFiguresAsync(query, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => inner.GetSaturationAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken) => inner.GetRunSaturationAsync(runId, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken) => inner.GetRunSaturationAsync(runId, reset, cancellationToken);

    public Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken) => inner.GetResetsAsync(cancellationToken);

    public Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken) =>
        inner.GetMarketHistoryAsync(waypointSymbol, tradeSymbol, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
