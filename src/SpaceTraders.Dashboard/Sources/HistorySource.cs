using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard.Sources;

/// <summary>
/// Reads a store's history without a runtime (<see cref="IStoreHistory"/>, for example a PostgreSQL store's database): figures from the records (as the JSON report computes them),
/// earnings split into operating and capital as live (from the timeline's last point), ships from their last recorded
/// parts and sessions. "Now" is the last record's time.
/// </summary>
internal sealed class HistorySource(IStoreHistory history, bool ownsHistory) : DashboardSource
{
    /// <summary>The points of the timelines a fleet read takes its totals from (the overview's charts, by default, show as many).</summary>
    private const int FleetTimelinePoints = 720;

    /// <summary>The timelines of the latest fleet read, by agent: the overview that follows it draws them rather than read them again.</summary>
    private volatile IReadOnlyDictionary<string, IReadOnlyList<TimelinePoint>> _fleetTimelines = new Dictionary<string, IReadOnlyList<TimelinePoint>>(StringComparer.Ordinal);

    /// <summary>The sessions of the latest fleet read (the current reset's, as of its moment): the behaviours pages that follow it use them rather than read them again.</summary>
    private volatile FleetSessions? _fleetSessions;

    /// <inheritdoc />
    /// <remarks>With the run it shows when the history shows one (<see cref="IStoreHistory.RunId"/>).</remarks>
    public override string Description => history.RunId is { } run ? $"history (read-only): {history.Database}, run {run}" : $"history (read-only): {history.Database}";

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (ownsHistory)
        {
            await history.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal override Task CheckAsync(CancellationToken cancellationToken) => history.CheckAsync(cancellationToken);

    /// <summary>
    /// A history is healthy while its database answers: nothing plays, so there is nothing else to judge. Its moment is
    /// the latest fleet read's (a page's), so that a supervisor's polling costs one cheap query, not the span's scan of
    /// every table; before any page was read, the span's.
    /// </summary>
    internal override async Task<Health.FleetHealthReport> ReadHealthAsync(TimeSpan quietLimit, CancellationToken cancellationToken)
    {
        try
        {
            await history.CheckAsync(cancellationToken).ConfigureAwait(false);
            var at = _fleetSessions?.AsOf ?? (await history.GetSpanAsync(cancellationToken).ConfigureAwait(false))?.Last ?? DateTimeOffset.UnixEpoch;
            return new(at, [new("history", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "Serving a store's history, read-only: the database answers.")]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: a driver's message may name the server (never the password, but the page is public).
            return new(DateTimeOffset.UnixEpoch, [new("history", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, $"The database does not answer ({e.GetType().Name}).")]);
        }
    }

    internal override async Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var span = await history.GetSpanAsync(cancellationToken).ConfigureAwait(false);
        var at = span?.Last ?? DateTimeOffset.UnixEpoch;
        var first = span?.First;
        var agents = await history.GetAgentsAsync(cancellationToken).ConfigureAwait(false);
        var stored = await history.GetShipsAsync(cancellationToken).ConfigureAwait(false);
        var reset = await history.GetCurrentResetAsync(cancellationToken).ConfigureAwait(false);
        var sessionQuery = new SessionQuery(Reset: reset);
        var sessions = await history.GetSessionReportsAsync(sessionQuery, at, cancellationToken).ConfigureAwait(false);
        var lastSession = sessions
            .GroupBy(s => s.ShipSymbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => (s.StartedAt, s.SessionId))!, StringComparer.Ordinal);
        var controls = await history.GetControlEventsAsync(200, cancellationToken).ConfigureAwait(false);

        var views = new List<AgentView>();
        var timelines = new Dictionary<string, IReadOnlyList<TimelinePoint>>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            var timeline = await history.GetTimelineAsync(agent.Symbol, FleetTimelinePoints, cancellationToken).ConfigureAwait(false);
            timelines[agent.Symbol] = timeline;
            var lastMinute = await history.GetSaturationAsync(at - TimeSpan.FromMinutes(1), at + TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
            var creditsStart = timeline.Count > 0 ? timeline[0].Credits - timeline[0].CreditsEarned : agent.Credits;
            var credits = timeline.Count > 0 ? timeline[^1].Credits : agent.Credits;
            var earned = credits - creditsStart;
            var requests = timeline.Sum(p => (long)p.Requests);
            // The timeline is the current reset's (PostgresHistory.GetTimelineAsync): so are the hours its rates are over.
            var from = timeline.Count > 0 ? timeline[0].Start : first;
            var hours = from is { } start && at > start ? (at - start).TotalHours : 0;
            var minuteRequests = lastMinute.Sum(m => m.Requests);
            var metrics = new FleetMetrics(
                minuteRequests,
                lastMinute.Sum(m => m.RateLimited),
                minuteRequests == 0 ? 0 : (double)lastMinute.Sum(m => m.Delayed) / minuteRequests,
                minuteRequests == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(lastMinute.Sum(m => m.MeanQueueWait.Ticks * m.Requests) / minuteRequests),
                0,
                credits,
                earned,
                hours > 0 ? earned / hours : 0,
                requests > 0 ? (double)earned / requests : 0);
            var capital = timeline.Count > 0 ? timeline[^1].CapitalSpent : 0;
            var earnings = EarningsFigures.From(earned + capital, capital, hours, requests);
            var conductor = sessions.Where(s => s.AgentSymbol == agent.Symbol && s.Conductor is not null).MaxBy(s => s.StartedAt)?.Conductor;
            views.Add(new AgentView(
                agent.Symbol,
                conductor,
                null,
                creditsStart,
                metrics,
                new RequestTotals(requests, timeline.Sum(p => (long)p.RateLimited), timeline.Sum(p => (long)p.Delayed)),
                [],
                agent.Agent?.Headquarters)
            {
                Earnings = earnings,
            });
        }

        var ships = stored.Select(s =>
        {
            lastSession.TryGetValue(s.Symbol, out var session);
            return new ShipView(
                s.Symbol,
                s.AgentSymbol,
                session?.ShipType ?? s.Frame?.Symbol.ToString(),
                s.Registration?.Role.ToString() ?? "UNKNOWN",
                session is null ? null : session.BehaviourId + "@" + session.BehaviourVersion,
                session is null ? "unassigned" : session.Outcome is null ? "running" : session.Outcome == SessionOutcome.Paused ? "paused" : "waiting",
                session?.Outcome is { } outcome ? "last session " + outcome.ToName() : null,
                session is null ? null : new SessionFigures(session.SessionId, new StrategyRef(session.BehaviourId, session.BehaviourVersion), session.StartedAt, session.Requests, session.CreditsEarned, session.Outcome),
                s.Nav,
                s.Cargo,
                s.Fuel,
                s.Cooldown,
                s.Frame,
                s.Engine,
                s.Mounts);
        }).ToList();

        _fleetTimelines = timelines;
        _fleetSessions = new FleetSessions(sessionQuery, at, sessions);
        return new FleetView(
            "history",
            at,
            first,
            "history",
            history.Database,
            new StoreStatus(history.Name, new StoreHealth(0, true, null, null)),
            views,
            ships,
            [.. controls.Reverse()],
            [],
            []);
    }

    /// <remarks>The latest fleet read's timeline when it has as many points (the overview's, read just before), else read.</remarks>
    internal override Task<IReadOnlyList<TimelinePoint>> ReadTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken) =>
        maxPoints == FleetTimelinePoints && _fleetTimelines.TryGetValue(agentSymbol, out var timeline)
            ? Task.FromResult(timeline)
            : history.GetTimelineAsync(agentSymbol, maxPoints, cancellationToken);

    /// <remarks>The current server reset's sessions unless the query names a reset; the latest fleet read's when it read the same.</remarks>
    internal override async Task<IReadOnlyList<SessionReport>> ReadSessionsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var scoped = query.Reset is null ? query with { Reset = await history.GetCurrentResetAsync(cancellationToken).ConfigureAwait(false) } : query;
        return _fleetSessions is { } read && read.Query == scoped && read.AsOf == asOf
            ? read.Sessions
            : await history.GetSessionReportsAsync(scoped, asOf, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>The current server reset's sessions.</remarks>
    internal override async Task<IReadOnlyList<GroupReport>> ReadGroupsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var reset = await history.GetCurrentResetAsync(cancellationToken).ConfigureAwait(false);
        return await history.GetGroupReportsAsync(grouping, asOf, reset, cancellationToken).ConfigureAwait(false);
    }

    internal override async Task<(IReadOnlyList<RequestRecordedRecord> Requests, IReadOnlyList<CreditMovementRecord> Movements)> ReadShipActivityAsync(string shipSymbol, int limit, CancellationToken cancellationToken)
    {
        var requests = await history.GetShipRequestsAsync(shipSymbol, limit, cancellationToken).ConfigureAwait(false);
        var movements = await history.GetShipCreditMovementsAsync(shipSymbol, limit, cancellationToken).ConfigureAwait(false);
        return (requests, movements);
    }

    internal override async Task<IReadOnlyList<MarketView>> ReadMarketsAsync(CancellationToken cancellationToken)
    {
        var markets = await history.GetMarketsAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<MarketView>(markets.Count);
        foreach (var market in markets)
        {
            var goods = await history.GetLatestMarketGoodsAsync(market.WaypointSymbol, cancellationToken).ConfigureAwait(false);
            views.Add(new MarketView(
                market.WaypointSymbol,
                market.LastObservedAt,
                [.. goods.Select(g => new MarketGoodView(g.TradeSymbol, g.Type, g.PurchasePrice, g.SellPrice, g.TradeVolume, g.Supply, g.Activity))],
                market.Goods));
        }

        return views;
    }

    internal override Task<IReadOnlyList<MarketHourSummary>> ReadMarketHistoryAsync(string waypointSymbol, CancellationToken cancellationToken) =>
        history.GetMarketHistoryAsync(waypointSymbol, null, cancellationToken);

    /// <summary>The database keeps no waypoints: the map is drawn from the ships' recorded routes.</summary>
    internal override Task<IReadOnlyList<WaypointView>> ReadWaypointsAsync(string systemSymbol, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WaypointView>>([]);

    internal override IReadOnlyList<string> KnownBehaviours() => [];

    /// <summary>The sessions a fleet read read: which, as of when, and the reports.</summary>
    private sealed record FleetSessions(SessionQuery Query, DateTimeOffset AsOf, IReadOnlyList<SessionReport> Sessions);
}
