using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Dashboard.Endpoints;
using SpaceTraders.Dashboard.Sources;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard.Views;

/// <summary>
/// A payload as built: its HTTP status and its JSON (UTF-8), and for the overview, whose charts only grow, the changes
/// since the build before (<see cref="Delta"/>), which an open page applies to what it has.
/// </summary>
internal sealed class PayloadBuild
{
    private readonly Func<byte[]>? _serialize;
    private byte[]? _full;

    /// <summary>Initializes a payload without a delta.</summary>
    /// <param name="status">200, or 404 for something the fleet does not have, 503 when the source failed.</param>
    /// <param name="full">The JSON.</param>
    public PayloadBuild(int status, byte[] full)
    {
        Status = status;
        _full = full;
    }

    /// <summary>Initializes an overview: its full JSON made only when asked (a page that connects, an API call).</summary>
    /// <param name="serialize">Makes the full JSON.</param>
    /// <param name="delta">The changes since the build before, as a payload whose timelines start at their <c>from</c>.</param>
    /// <param name="quiet">Whether the delta carries no timeline point.</param>
    /// <param name="timelines">Each agent's rows, for the next build's delta.</param>
    public PayloadBuild(Func<byte[]> serialize, byte[] delta, bool quiet, IReadOnlyDictionary<string, TimelineRows> timelines)
    {
        Status = 200;
        _serialize = serialize;
        Delta = delta;
        Quiet = quiet;
        Timelines = timelines;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gets the full JSON (made once, on the first ask).</summary>
    public byte[] Full => _full ??= _serialize!();

    /// <summary>Gets the changes since the build before, or <see langword="null"/> for a path without them (every page but the overview).</summary>
    public byte[]? Delta { get; }

    /// <summary>Gets a value indicating whether <see cref="Delta"/> carries no timeline point (only the figures of the moment).</summary>
    public bool Quiet { get; }

    /// <summary>Gets the agents' timeline rows the delta was made from, for the next build's.</summary>
    public IReadOnlyDictionary<string, TimelineRows>? Timelines { get; }

    /// <summary>Gets or sets the number the payload cache gave it (a new one when the figures changed; never 0).</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets the <see cref="Version"/> of the build <see cref="Delta"/> goes from, or 0 when there is none.</summary>
    public long DeltaBasis { get; set; }

    /// <summary>Gets the text of the full JSON (for tests and logs).</summary>
    public string Json => System.Text.Encoding.UTF8.GetString(Full);

    /// <summary>Whether this build shows the same as <paramref name="previous"/> (then nothing needs sending).</summary>
    /// <param name="previous">The build before, if any.</param>
    /// <returns><see langword="true"/> when nothing changed.</returns>
    public bool SameAs(PayloadBuild? previous) =>
        previous is not null && previous.Status == Status && (Delta is null
            ? previous.Delta is null && Full.AsSpan().SequenceEqual(previous.Full)
            : Quiet && previous.Quiet && Delta.AsSpan().SequenceEqual(previous.Delta));
}

/// <summary>
/// Builds every page's payload from a <see cref="DashboardSource"/>: one place that turns the runtime's and the store's
/// figures into what the API serves and the stream pushes, with the console view's and the JSON report's formulas.
/// </summary>
internal sealed class DashboardViews(DashboardSource source, DashboardOptions options)
{
    private const int RecentRows = 50;
    private const int MaxBehaviourBuckets = 48;
    private static readonly string[] SupplyLevels = ["SCARCE", "LIMITED", "MODERATE", "HIGH", "ABUNDANT"];
    private readonly object _fleetGate = new();
    private (long At, Task<FleetView> Read)? _historyFleet;

    /// <summary>Builds the payload of an API path (<c>overview</c>, <c>ships/RUNNER-1</c>, ...).</summary>
    /// <param name="path">The path after <c>/api/</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The payload; 404 for an unknown path, ship, behaviour, market or system.</returns>
    public Task<PayloadBuild> BuildAsync(string path, CancellationToken cancellationToken) => BuildAsync(path, null, cancellationToken);

    /// <summary>Builds the payload of an API path, with the overview's delta from <paramref name="previous"/>.</summary>
    /// <param name="path">The path after <c>/api/</c>.</param>
    /// <param name="previous">The path's build before, if any.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The payload; 404 for an unknown path, ship, behaviour, market or system.</returns>
    public async Task<PayloadBuild> BuildAsync(string path, PayloadBuild? previous, CancellationToken cancellationToken)
    {
        var parts = path.Trim('/').Split('/', 2);
        var name = parts[0];
        var key = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        return (name, key) switch
        {
            ("overview", null) => await OverviewAsync(previous, cancellationToken).ConfigureAwait(false),
            ("ships", null) => Ok(await ShipsAsync(cancellationToken).ConfigureAwait(false), DashboardJson.Default.ShipsPayload),
            ("ships", { } ship) => Found(await ShipAsync(ship, cancellationToken).ConfigureAwait(false), DashboardJson.Default.ShipPayload, "Ship", ship),
            ("behaviours", null) => Ok(await BehavioursAsync(cancellationToken).ConfigureAwait(false), DashboardJson.Default.BehavioursPayload),
            ("behaviours", { } behaviour) => Found(await BehaviourAsync(behaviour, cancellationToken).ConfigureAwait(false), DashboardJson.Default.BehaviourPayload, "Behaviour", behaviour),
            ("markets", null) => Ok(await MarketsAsync(cancellationToken).ConfigureAwait(false), DashboardJson.Default.MarketsPayload),
            ("markets", { } market) => Found(await MarketAsync(market, cancellationToken).ConfigureAwait(false), DashboardJson.Default.MarketPayload, "Market", market),
            ("system", { } system) => Found(await SystemAsync(system, cancellationToken).ConfigureAwait(false), DashboardJson.Default.SystemPayload, "System", system),
            _ => NotFound("Page", path),
        };
    }

    /// <summary>Gets the system to show first: the one most ships are in, else the first agent's headquarters' system.</summary>
    public async Task<string?> DefaultSystemAsync(CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        return Systems(fleet).FirstOrDefault();
    }

    /// <summary>
    /// Reads the fleet every page starts from. A history's is read once per <see cref="PayloadCache.HistoryFreshness"/>
    /// for every page and API path (its payloads are served that long too): at a week's scale one read takes seconds,
    /// and without this each path paid it again. A live fleet is read each time (it is in memory).
    /// </summary>
    private Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken)
    {
        if (source is not HistorySource)
        {
            return source.ReadFleetAsync(cancellationToken);
        }

        var clock = options.PushClock;
        var now = clock.GetTimestamp();
        Task<FleetView> read;
        lock (_fleetGate)
        {
            if (_historyFleet is { } entry && !entry.Read.IsFaulted && !entry.Read.IsCanceled && clock.GetElapsedTime(entry.At, now) < PayloadCache.HistoryFreshness)
            {
                read = entry.Read;
            }
            else
            {
                // Read without the asker's token: other pages may be waiting for the same read.
                read = source.ReadFleetAsync(CancellationToken.None);
                _historyFleet = (now, read);
            }
        }

        return read.IsCompleted ? read : read.WaitAsync(cancellationToken);
    }

    internal static PayloadBuild NotFound(string what, string key) =>
        new(404, JsonSerializer.SerializeToUtf8Bytes(new ProblemPayload(404, what + " not found", $"{what} '{key}' is not known to this dashboard."), DashboardJson.Default.ProblemPayload));

    private static PayloadBuild Ok<T>(T payload, JsonTypeInfo<T> type) => new(200, JsonSerializer.SerializeToUtf8Bytes(payload, type));

    private static PayloadBuild Found<T>(T? payload, JsonTypeInfo<T> type, string what, string key)
        where T : class =>
        payload is null ? NotFound(what, key) : Ok(payload, type);

    /// <summary>
    /// The overview, and its delta from <paramref name="previous"/>: each agent's figures of the moment, and of its
    /// timeline only the points from the first that changed (the open bucket, and any new one).
    /// </summary>
    private async Task<PayloadBuild> OverviewAsync(PayloadBuild? previous, CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var agents = new List<AgentOverview>(fleet.Agents.Count);
        var timelines = new Dictionary<string, TimelineRows>(StringComparer.Ordinal);
        foreach (var agent in fleet.Agents)
        {
            var timeline = await source.ReadTimelineAsync(agent.Symbol, options.MaxChartPoints, cancellationToken).ConfigureAwait(false);
            var rows = TimelineRows.From(timeline, fleet.StartedAt ?? (timeline.Count > 0 ? timeline[0].Start : fleet.At), fleet.At);
            timelines[agent.Symbol] = rows;
            var m = agent.Metrics;
            var e = agent.Earnings;
            agents.Add(new AgentOverview(
                agent.Symbol,
                agent.Conductor,
                agent.ConductorState,
                m.Credits,
                agent.CreditsStart,
                e?.Operating ?? m.CreditsEarned,
                Finite(e?.OperatingPerHour ?? m.CreditsPerHour),
                Finite(e?.OperatingPerRequest ?? m.CreditsPerRequest),
                m.RequestsPerMinute,
                m.RateLimitedPerMinute,
                Finite(m.DelayedPerRequest),
                m.MeanQueueWait.TotalMilliseconds,
                m.QueueLength,
                agent.Totals.Requests,
                agent.Totals.RateLimited,
                agent.Totals.Delayed,
                [.. agent.Queue.Select(q => new QueueRow(q.Priority.ToString(), q.Waiting, q.RequestsLastMinute, q.MeanQueueWait.TotalMilliseconds, q.P50QueueWait.TotalMilliseconds, q.P99QueueWait.TotalMilliseconds))],
                ByState(fleet.Ships.Where(s => s.Agent == agent.Symbol)),
                null!)
            {
                CapitalSpent = e?.CapitalSpent,
                PaybackHours = e?.PaybackHours is { } payback ? Finite(payback) : null,
            });
        }

        var template = new OverviewPayload(
            Header(fleet),
            agents,
            [.. fleet.Controls.Reverse().Take(RecentRows).Select(c => new ControlRow(Ms(c.At), c.AgentSymbol, c.ShipSymbol, c.Kind, c.Reason, c.RequestsPerMinute, Finite(c.DelayedPerRequest), c.MeanQueueWait.TotalMilliseconds))],
            [.. fleet.Problems.Reverse().Take(20).Select(p => new ProblemRow(Ms(p.At), p.AgentSymbol, p.ShipSymbol, p.Message))],
            options.RequestCeilingPerMinute);
        var before = previous?.Timelines;
        var quiet = true;
        var changes = new List<AgentOverview>(agents.Count);
        foreach (var agent in agents)
        {
            var rows = timelines[agent.Symbol];
            var from = rows.FirstDifference(before?.GetValueOrDefault(agent.Symbol));
            quiet &= from == rows.Rows.Length;
            changes.Add(agent with { Timeline = rows.ToSeries(from) });
        }

        var delta = JsonSerializer.SerializeToUtf8Bytes(template with { Agents = changes }, DashboardJson.Default.OverviewPayload);
        return new PayloadBuild(
            () => JsonSerializer.SerializeToUtf8Bytes(template with { Agents = [.. agents.Select(a => a with { Timeline = timelines[a.Symbol].ToSeries(null) })] }, DashboardJson.Default.OverviewPayload),
            delta,
            quiet,
            timelines);
    }

    private async Task<ShipsPayload> ShipsAsync(CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        return new ShipsPayload(Header(fleet), [.. fleet.Ships.Select(s => Row(s, fleet.At))], ByState(fleet.Ships));
    }

    private async Task<ShipPayload?> ShipAsync(string symbol, CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var ship = fleet.Ships.FirstOrDefault(s => string.Equals(s.Symbol, symbol, StringComparison.Ordinal));
        if (ship is null)
        {
            return null;
        }

        var sessions = await source.ReadSessionsAsync(new SessionQuery(ShipSymbol: symbol), fleet.At, cancellationToken).ConfigureAwait(false);
        var (requests, movements) = await source.ReadShipActivityAsync(symbol, RecentRows, cancellationToken).ConfigureAwait(false);
        var route = ship.Nav?.Route;
        var parts = new ShipParts(
            ship.Frame?.Name,
            ship.Engine?.Name,
            ship.Engine?.Speed,
            [.. (ship.Mounts ?? []).Select(m => m.Name)],
            [.. (ship.Cargo?.Inventory ?? []).Select(i => new CargoItem(i.Symbol.ToString(), i.Units))],
            route is null ? null : new RoutePoint(route.Origin.Symbol, route.Origin.Type.ToString(), route.Origin.X, route.Origin.Y),
            route is null ? null : new RoutePoint(route.Destination.Symbol, route.Destination.Type.ToString(), route.Destination.X, route.Destination.Y),
            route is null ? null : Ms(route.DepartureTime),
            route is null ? null : Ms(route.Arrival),
            ship.Cooldown?.Expiration is { } expiration ? Ms(expiration) : null);
        var totalRequests = sessions.Sum(s => s.Requests);
        var totalCredits = sessions.Sum(s => s.CreditsEarned);
        var hours = sessions.Sum(s => s.Hours);
        return new ShipPayload(
            Header(fleet),
            Row(ship, fleet.At),
            parts,
            new SessionTotals(sessions.Count, totalRequests, totalCredits, totalRequests == 0 ? 0 : (double)totalCredits / totalRequests, hours <= 0 ? 0 : totalCredits / hours, hours),
            [.. sessions.Reverse().Take(100).Select(Session)],
            [.. movements.Select(m => new MovementRow(Ms(m.At), m.Kind, m.Amount, m.BalanceAfter, m.ShipSymbol, m.TradeSymbol, m.Units, m.SessionId?.ToString()))],
            [.. requests.Select(r => new RequestRow(Ms(r.At), r.Method, r.Endpoint, r.Status, r.Priority, r.QueueWait.TotalMilliseconds, r.Duration.TotalMilliseconds, r.Attempts, r.RateLimited, r.Delayed))]);
    }

    private async Task<BehavioursPayload> BehavioursAsync(CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var behaviours = await source.ReadGroupsAsync(ReportGrouping.Behaviour, fleet.At, cancellationToken).ConfigureAwait(false);
        var shipTypes = await source.ReadGroupsAsync(ReportGrouping.ShipType, fleet.At, cancellationToken).ConfigureAwait(false);
        var sessions = await source.ReadSessionsAsync(SessionQuery.All, fleet.At, cancellationToken).ConfigureAwait(false);
        var combinations = sessions
            .GroupBy(s => BehaviourKey(s) + " on " + (s.ShipType ?? "unknown"), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key, [.. g]));
        return new BehavioursPayload(
            Header(fleet),
            [.. behaviours.Select(Group)],
            [.. shipTypes.Select(Group)],
            [.. combinations],
            OverTime(sessions, fleet, BehaviourKey));
    }

    private async Task<BehaviourPayload?> BehaviourAsync(string key, CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var sessions = (await source.ReadSessionsAsync(SessionQuery.All, fleet.At, cancellationToken).ConfigureAwait(false))
            .Where(s => string.Equals(BehaviourKey(s), key, StringComparison.Ordinal))
            .ToList();
        if (sessions.Count == 0 && !source.KnownBehaviours().Contains(key, StringComparer.Ordinal))
        {
            return null;
        }

        return new BehaviourPayload(
            Header(fleet),
            Group(key, sessions),
            [.. sessions.GroupBy(s => s.ShipType ?? "unknown", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g]))],
            sessions.GroupBy(s => s.Outcome?.ToName() ?? "running", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            [.. sessions.AsEnumerable().Reverse().Take(RecentRows).Select(Session)],
            OverTime(sessions, fleet, s => s.ShipType ?? "unknown"));
    }

    private async Task<MarketsPayload> MarketsAsync(CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var markets = await source.ReadMarketsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<MarketRow>(markets.Count);
        foreach (var market in markets)
        {
            var history = await source.ReadMarketHistoryAsync(market.Waypoint, cancellationToken).ConfigureAwait(false);
            rows.Add(MarketRow(market, fleet.At, history.Select(h => h.Hour).Distinct().Count()));
        }

        return new MarketsPayload(Header(fleet), rows);
    }

    private async Task<MarketPayload?> MarketAsync(string waypoint, CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var market = (await source.ReadMarketsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => string.Equals(m.Waypoint, waypoint, StringComparison.Ordinal));
        if (market is null)
        {
            return null;
        }

        var history = Merge(await source.ReadMarketHistoryAsync(waypoint, cancellationToken).ConfigureAwait(false));
        var goods = history
            .GroupBy(h => h.TradeSymbol, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var hours = g.OrderBy(h => h.Hour).ToList();
                return new GoodHistory(
                    g.Key,
                    [.. hours.Select(h => Ms(h.Hour))],
                    [.. hours.Select(h => Math.Round(h.MeanPurchasePrice, 2))],
                    [.. hours.Select(h => Math.Round(h.MeanSellPrice, 2))],
                    [.. hours.Select(h => h.MinPurchasePrice)],
                    [.. hours.Select(h => h.MaxSellPrice)],
                    [.. hours.Select(h => h.LastTradeVolume)],
                    [.. hours.Select(h => Array.IndexOf(SupplyLevels, h.LastSupply) + 1)],
                    [.. hours.Select(h => h.Observations)]);
            });
        return new MarketPayload(
            Header(fleet),
            MarketRow(market, fleet.At, history.Select(h => h.Hour).Distinct().Count()),
            [.. market.Goods.OrderBy(g => g.Symbol, StringComparer.Ordinal).Select(g => new GoodRow(g.Symbol, g.Type, g.PurchasePrice, g.SellPrice, g.TradeVolume, g.Supply, g.Activity))],
            [.. goods]);
    }

    private async Task<SystemPayload?> SystemAsync(string system, CancellationToken cancellationToken)
    {
        var fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        var known = await source.ReadWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        var waypoints = known.ToDictionary(w => w.Symbol, StringComparer.Ordinal);

        // Waypoints the ships' routes touched, for what the world cache does not hold (and the whole map of a history).
        foreach (var ship in fleet.Ships)
        {
            if (ship.Nav?.Route is not { } route)
            {
                continue;
            }

            foreach (var point in new[] { route.Origin, route.Destination })
            {
                if (string.Equals(point.SystemSymbol, system, StringComparison.Ordinal) && !waypoints.ContainsKey(point.Symbol))
                {
                    waypoints[point.Symbol] = new WaypointView(point.Symbol, point.Type.ToString(), point.X, point.Y, false, false, point.Type == Sdk.Models.WaypointType.JumpGate, null, []);
                }
            }
        }

        if (waypoints.Count == 0)
        {
            return null;
        }

        var ships = new List<MapShip>();
        foreach (var ship in fleet.Ships)
        {
            if (ship.Nav is not { } nav || !string.Equals(nav.SystemSymbol, system, StringComparison.Ordinal))
            {
                continue;
            }

            var route = nav.Route;
            var inTransit = nav.Status == Sdk.Models.ShipNavStatus.InTransit && route.Arrival > fleet.At;
            double x = route.Destination.X, y = route.Destination.Y;
            if (inTransit)
            {
                var total = (route.Arrival - route.DepartureTime).TotalSeconds;
                var share = total <= 0 ? 1 : Math.Clamp((fleet.At - route.DepartureTime).TotalSeconds / total, 0, 1);
                x = route.Origin.X + ((route.Destination.X - route.Origin.X) * share);
                y = route.Origin.Y + ((route.Destination.Y - route.Origin.Y) * share);
            }

            ships.Add(new MapShip(
                ship.Symbol,
                ship.Agent,
                ship.Behaviour,
                ship.State,
                NavStatus(nav, fleet.At),
                nav.WaypointSymbol,
                Math.Round(x, 2),
                Math.Round(y, 2),
                inTransit,
                new RoutePoint(route.Origin.Symbol, route.Origin.Type.ToString(), route.Origin.X, route.Origin.Y),
                new RoutePoint(route.Destination.Symbol, route.Destination.Type.ToString(), route.Destination.X, route.Destination.Y),
                inTransit ? Ms(route.Arrival) : null));
        }

        var docked = ships.Where(s => !s.InTransit).GroupBy(s => s.Waypoint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SystemPayload(
            Header(fleet),
            system,
            [.. waypoints.Values.OrderBy(w => w.Symbol, StringComparer.Ordinal).Select(w => new WaypointRow(w.Symbol, w.Type, w.X, w.Y, w.Market, w.Shipyard, w.Gate, w.Orbits, w.Traits, docked.GetValueOrDefault(w.Symbol)))],
            ships,
            known.Count == 0);
    }

    private Header Header(FleetView fleet) => new(
        fleet.Mode,
        source.Description,
        Ms(fleet.At),
        fleet.StartedAt is { } started ? Ms(started) : null,
        fleet.Status,
        fleet.Node,
        fleet.Store.Name,
        fleet.Store.Health.Connected,
        fleet.Store.Health.Pending,
        fleet.Store.Health.LastError,
        fleet.Plugins,
        [.. fleet.Agents.Select(a => a.Symbol)],
        Systems(fleet));

    /// <summary>The systems the ships are in, most ships first; else the headquarters' systems.</summary>
    private static IReadOnlyList<string> Systems(FleetView fleet)
    {
        var systems = fleet.Ships
            .Where(s => s.Nav is not null)
            .GroupBy(s => s.Nav!.SystemSymbol, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        foreach (var headquarters in fleet.Agents.Select(a => a.Headquarters).OfType<string>())
        {
            var system = string.Join('-', headquarters.Split('-').Take(2));
            if (!systems.Contains(system, StringComparer.Ordinal))
            {
                systems.Add(system);
            }
        }

        return systems;
    }

    private static ShipRow Row(ShipView ship, DateTimeOffset at)
    {
        var nav = ship.Nav;
        var inTransit = nav is not null && nav.Status == Sdk.Models.ShipNavStatus.InTransit && nav.Route.Arrival > at;
        double? cooldown = ship.Cooldown?.Expiration is { } expiration && expiration > at ? Math.Round((expiration - at).TotalSeconds, 1) : null;
        return new ShipRow(
            ship.Symbol,
            ship.Agent,
            ship.ShipType,
            ship.Role,
            ship.Behaviour,
            ship.State,
            ship.Activity,
            nav?.SystemSymbol,
            nav is null ? null : NavStatus(nav, at),
            inTransit ? null : nav?.WaypointSymbol,
            inTransit ? nav!.Route.Destination.Symbol : null,
            inTransit ? Ms(nav!.Route.Arrival) : null,
            inTransit ? Math.Round((nav!.Route.Arrival - at).TotalSeconds, 1) : null,
            nav?.FlightMode.ToString(),
            ship.Cargo?.Units,
            ship.Cargo?.Capacity,
            ship.Fuel?.Current,
            ship.Fuel?.Capacity,
            cooldown,
            ship.Session?.Requests,
            ship.Session?.CreditsEarned,
            ship.Session is { } session ? Finite(session.CreditsPerRequest) : null,
            ship.Session?.Outcome?.ToName());
    }

    /// <summary>The navigation status now: a ship whose flight has ended is in orbit at its destination (as the game has it), whatever the last response said.</summary>
    private static string NavStatus(Sdk.Models.ShipNav nav, DateTimeOffset at) =>
        nav.Status == Sdk.Models.ShipNavStatus.InTransit && nav.Route.Arrival <= at ? Sdk.Models.ShipNavStatus.InOrbit.ToString() : nav.Status.ToString();

    private static IReadOnlyDictionary<string, int> ByState(IEnumerable<ShipView> ships) =>
        ships.GroupBy(s => s.State, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Sessions' figures per time bucket and key, by each session's end (a running one at the moment).</summary>
    private static GroupSeries OverTime(IReadOnlyList<SessionReport> sessions, FleetView fleet, Func<SessionReport, string> key)
    {
        if (sessions.Count == 0)
        {
            return new GroupSeries(3600, [], new Dictionary<string, IReadOnlyList<double?>>(), new Dictionary<string, IReadOnlyList<double?>>(), new Dictionary<string, IReadOnlyList<long>>());
        }

        var start = fleet.StartedAt ?? sessions.Min(s => s.StartedAt);
        var span = fleet.At - start;
        var hours = Math.Max(1, (int)Math.Ceiling(span.TotalHours / MaxBehaviourBuckets));
        var width = TimeSpan.FromHours(hours);
        if (span < TimeSpan.FromHours(2))
        {
            width = TimeSpan.FromMinutes(10);
        }

        var buckets = (int)Math.Max(1, Math.Ceiling(span / width));
        var keys = sessions.Select(key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sums = keys.ToDictionary(k => k, _ => new (long Requests, long Credits, double Hours)[buckets], StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            var end = session.EndedAt ?? fleet.At;
            var index = Math.Clamp((int)((end - start) / width), 0, buckets - 1);
            var cell = sums[key(session)];
            cell[index] = (cell[index].Requests + session.Requests, cell[index].Credits + session.CreditsEarned, cell[index].Hours + session.Hours);
        }

        return new GroupSeries(
            (int)width.TotalSeconds,
            [.. Enumerable.Range(0, buckets).Select(i => Ms(start + (width * i)))],
            sums.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)[.. kv.Value.Select(c => c.Requests == 0 ? (double?)null : Math.Round((double)c.Credits / c.Requests, 3))], StringComparer.Ordinal),
            sums.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)[.. kv.Value.Select(c => c.Hours <= 0 ? (double?)null : Math.Round(c.Credits / c.Hours, 1))], StringComparer.Ordinal),
            sums.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<long>)[.. kv.Value.Select(c => c.Credits)], StringComparer.Ordinal));
    }

    private static MarketRow MarketRow(MarketView market, DateTimeOffset at, int hours) => new(
        market.Waypoint,
        market.ObservedAt is { } observed ? Ms(observed) : null,
        market.ObservedAt is { } seen ? Math.Round(Math.Max(0, (at - seen).TotalSeconds), 1) : null,
        market.Goods.Count,
        Math.Max(market.GoodsKnown, market.Goods.Count),
        hours);

    /// <summary>Merges summaries of one good and hour (a rolled-up part and the raw part still to roll up) into one.</summary>
    private static List<MarketHourSummary> Merge(IReadOnlyList<MarketHourSummary> history) =>
        [.. history
            .GroupBy(h => (h.TradeSymbol, h.Hour))
            .Select(g => g.Count() == 1 ? g.First() : g.Aggregate((a, b) =>
            {
                var count = a.Observations + b.Observations;
                return a with
                {
                    Observations = count,
                    MinPurchasePrice = Math.Min(a.MinPurchasePrice, b.MinPurchasePrice),
                    MaxPurchasePrice = Math.Max(a.MaxPurchasePrice, b.MaxPurchasePrice),
                    MeanPurchasePrice = ((a.MeanPurchasePrice * a.Observations) + (b.MeanPurchasePrice * b.Observations)) / count,
                    LastPurchasePrice = b.LastPurchasePrice,
                    MinSellPrice = Math.Min(a.MinSellPrice, b.MinSellPrice),
                    MaxSellPrice = Math.Max(a.MaxSellPrice, b.MaxSellPrice),
                    MeanSellPrice = ((a.MeanSellPrice * a.Observations) + (b.MeanSellPrice * b.Observations)) / count,
                    LastSellPrice = b.LastSellPrice,
                    LastTradeVolume = b.LastTradeVolume,
                    LastSupply = b.LastSupply,
                };
            }))];

    private static string BehaviourKey(SessionReport session) => session.BehaviourId + "@" + session.BehaviourVersion;

    private static GroupRow Group(GroupReport group) =>
        new(group.Key, group.Sessions, group.Requests, group.CreditsEarned, Finite(group.CreditsPerRequest), Finite(group.CreditsPerHour), Math.Round(group.Hours, 3));

    private static GroupRow Group(string key, List<SessionReport> sessions) =>
        Group(new GroupReport(key, sessions.Count, sessions.Sum(s => s.Requests), sessions.Sum(s => s.CreditsEarned), sessions.Sum(s => s.Hours)));

    private static SessionRow Session(SessionReport s) => new(
        s.SessionId.ToString(),
        s.ShipSymbol,
        s.ShipType,
        BehaviourKey(s),
        s.Conductor,
        Ms(s.StartedAt),
        s.EndedAt is { } ended ? Ms(ended) : null,
        s.Outcome?.ToName(),
        s.Requests,
        s.CreditsEarned,
        Finite(s.CreditsPerRequest),
        Finite(s.CreditsPerHour),
        Math.Round(s.Hours, 4));

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static double Finite(double value) => double.IsFinite(value) ? Math.Round(value, 3) : 0;
}
