using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Dashboard.Sources;

/// <summary>Reads a <see cref="FleetRuntime"/>: its snapshot and timeline (memory), its ships' tracked parts, and its store's reports.</summary>
internal sealed class LiveSource(FleetRuntime runtime) : DashboardSource
{
    /// <inheritdoc />
    public override string Description => $"live: node {runtime.NodeId}, {runtime.Store.Name} store";

    /// <summary>Gets the store's report queries: the dashboard reads the store and nothing else of it.</summary>
    private IStoreReports Reports => runtime.Store;

    internal override Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal override Task<Health.FleetHealthReport> ReadHealthAsync(TimeSpan quietLimit, CancellationToken cancellationToken)
    {
        var snapshot = runtime.GetSnapshot();
        return Task.FromResult(Health.FleetHealth.Judge(snapshot, Health.FleetHealth.LastRequests(runtime, snapshot), quietLimit));
    }

    internal override Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var snapshot = runtime.GetSnapshot();
        var states = runtime.GetShipStates().ToDictionary(s => s.Symbol, StringComparer.Ordinal);
        var ships = new List<ShipView>();
        foreach (var agent in snapshot.Agents)
        {
            foreach (var ship in agent.Ships)
            {
                states.TryGetValue(ship.Symbol, out var state);
                ships.Add(new ShipView(
                    ship.Symbol,
                    agent.Symbol,
                    ship.ShipType,
                    ship.Role,
                    ship.Assignment?.ToString(),
                    ship.State.ToString().ToLowerInvariant(),
                    ship.Activity,
                    ship.Session,
                    state?.Nav,
                    state?.Cargo,
                    state?.Fuel,
                    state?.Cooldown,
                    state?.Frame,
                    state?.Engine,
                    state?.Mounts));
            }
        }

        var view = new FleetView(
            "live",
            snapshot.At,
            snapshot.StartedAt,
            snapshot.Status.ToString().ToLowerInvariant(),
            snapshot.NodeId,
            snapshot.Store,
            [.. snapshot.Agents.Select(a => new AgentView(a.Symbol, a.Conductor?.ToString(), a.ConductorState, a.CreditsStart, a.Metrics, a.Totals, a.QueueByPriority, null) { Earnings = a.Earnings })],
            ships,
            snapshot.ControlEvents,
            snapshot.Problems,
            [.. snapshot.Plugins.Where(p => p.Loaded).Select(p => p.PluginId + "@" + p.Version)]);
        return Task.FromResult(view);
    }

    internal override Task<IReadOnlyList<TimelinePoint>> ReadTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken) =>
        Task.FromResult(runtime.GetTimeline(agentSymbol));

    /// <remarks>The current server reset's sessions (the runtime's agent's) unless the query names a reset.</remarks>
    internal override Task<IReadOnlyList<SessionReport>> ReadSessionsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        Reports.GetSessionReportsAsync(query.Reset is null ? query with { Reset = CurrentReset() } : query, asOf, cancellationToken);

    /// <remarks>The current server reset's sessions (the runtime's agent's).</remarks>
    internal override Task<IReadOnlyList<GroupReport>> ReadGroupsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        Reports.GetGroupReportsAsync(grouping, asOf, CurrentReset(), cancellationToken);

    /// <summary>The server reset the runtime plays now (its first agent's), or <see langword="null"/> when unknown: then every reset's records.</summary>
    private string? CurrentReset() => runtime.GetSnapshot().Agents.Select(a => a.Reset).FirstOrDefault(r => r is not null);

    internal override Task<(IReadOnlyList<RequestRecordedRecord> Requests, IReadOnlyList<CreditMovementRecord> Movements)> ReadShipActivityAsync(string shipSymbol, int limit, CancellationToken cancellationToken)
    {
        var activity = runtime.GetShipActivity(shipSymbol);
        return Task.FromResult<(IReadOnlyList<RequestRecordedRecord>, IReadOnlyList<CreditMovementRecord>)>(
            activity is null ? ([], []) : ([.. activity.Requests.Take(limit)], [.. activity.CreditMovements.Take(limit)]));
    }

    internal override Task<IReadOnlyList<MarketView>> ReadMarketsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MarketView>>([.. runtime.GetMarkets().Select(m => new MarketView(
            m.Market.Symbol,
            m.ObservedAt,
            [.. (m.Market.TradeGoods ?? []).Select(g => new MarketGoodView(g.Symbol.ToString(), g.Type.ToString(), g.PurchasePrice, g.SellPrice, g.TradeVolume, g.Supply.ToString(), g.Activity?.ToString()))],
            m.Market.Exports.Count + m.Market.Imports.Count + m.Market.Exchange.Count))]);

    internal override async Task<IReadOnlyList<MarketHourSummary>> ReadMarketHistoryAsync(string waypointSymbol, CancellationToken cancellationToken)
    {
        var history = new List<MarketHourSummary>(await Reports.GetMarketHistoryAsync(waypointSymbol, null, cancellationToken).ConfigureAwait(false));

        // The in-memory store keeps the raw window apart until the janitor rolls it up: show it as the hours to come.
        if (runtime.Store is Runtime.Stores.InMemory.InMemoryStore memory)
        {
            history.AddRange(RollUp(memory.GetRawMarketObservations().Where(o => string.Equals(o.WaypointSymbol, waypointSymbol, StringComparison.Ordinal))));
        }

        return history;
    }

    internal override Task<IReadOnlyList<WaypointView>> ReadWaypointsAsync(string systemSymbol, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WaypointView>>([.. runtime.GetWaypoints(systemSymbol).Select(ToView)]);

    internal override IReadOnlyList<string> KnownBehaviours() => [.. runtime.Behaviours.Select(b => b.Reference.ToString())];

    internal static WaypointView ToView(Waypoint waypoint) => new(
        waypoint.Symbol,
        waypoint.Type.ToString(),
        waypoint.X,
        waypoint.Y,
        waypoint.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace),
        waypoint.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard),
        waypoint.Type == WaypointType.JumpGate,
        waypoint.Orbits,
        [.. waypoint.Traits.Select(t => t.Symbol.ToString())]);

    /// <summary>Raw observations summarised per good and hour, as the janitor will (for hours not rolled up yet).</summary>
    private static IEnumerable<MarketHourSummary> RollUp(IEnumerable<MarketObservationRecord> observations) =>
        observations
            .GroupBy(o => (o.TradeSymbol, Hour: new DateTimeOffset(o.At.UtcTicks - (o.At.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero)))
            .Select(g =>
            {
                var last = g.MaxBy(o => o.At)!;
                return new MarketHourSummary(
                    last.WaypointSymbol,
                    g.Key.TradeSymbol,
                    g.Key.Hour,
                    g.Count(),
                    g.Min(o => o.PurchasePrice),
                    g.Max(o => o.PurchasePrice),
                    g.Average(o => o.PurchasePrice),
                    last.PurchasePrice,
                    g.Min(o => o.SellPrice),
                    g.Max(o => o.SellPrice),
                    g.Average(o => o.SellPrice),
                    last.SellPrice,
                    last.TradeVolume,
                    last.Supply);
            });
}
