using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Week12.Behaviours;
using SpaceTraders.Plugins.Week12.Trading;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Week12.Fleet;

/// <summary>
/// The conductor's part in the starting jump gate: build it when it pays, then expand through it.
/// </summary>
/// <remarks>
/// <para>Building (<c>gate</c>): once the fleet's measured income (credits per hour over <c>measureWindow</c>) covers
/// the materials still missing, at the best known export prices plus half the builders' markup, within
/// <c>gateWithin</c>, the project starts: it buys <c>gateBuilders</c> light haulers (at a shipyard where one of the
/// fleet's ships stands, over the reserve) and runs <c>build</c> on them until the construction is complete. Builders
/// are left out of the ledger the conductor buys ships by (their sessions only spend) and out of saturation control.
/// The materials are ordinary cargo purchases: the runtime counts them as operating spending, not capital.</para>
/// <para>Expanding (<c>expand</c>): once the gate works, the project reads the systems connected to it (working gates,
/// at least one market that imports or exports), buys up to <c>gateScouts</c> probes and sends one to each of them
/// (<c>outpost</c>: their markets stay priced), and a trader whose trade session at home ended idle ("no unclaimed
/// trade") runs <c>expand</c> (trips through the gate) until an <c>expand</c> session at home ends idle too; a trader
/// in another system always runs <c>expand</c>, which brings it home when nothing pays. The builders become traders.</para>
/// </remarks>
internal sealed partial class GateProject
{
    private static readonly StrategyRef BuildRef = new(Build.Id, Week12Plugin.VersionLabel);
    private static readonly StrategyRef ExpandRef = new(Expand.Id, Week12Plugin.VersionLabel);
    private static readonly StrategyRef OutpostRef = new(Outpost.Id, Week12Plugin.VersionLabel);
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMinutes(10);
    private static readonly string[] TraderTypes = ["SHIP_COMMAND_FRIGATE", "SHIP_LIGHT_SHUTTLE", "SHIP_LIGHT_HAULER", "SHIP_HEAVY_FREIGHTER"];
    private const string BuilderType = "SHIP_LIGHT_HAULER";
    private const string ProbeType = "SHIP_PROBE";
    private readonly Week12Settings _settings;
    private readonly SystemMap _world;
    private readonly HashSet<string> _builders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _outposts = new(StringComparer.Ordinal);
    private readonly List<string> _neighbours = [];
    private string? _gate;
    private bool _underConstruction;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;
    private bool _neighboursRead;

    /// <summary>Initializes a new instance of the <see cref="GateProject"/> class.</summary>
    /// <param name="settings">The conductor's settings.</param>
    /// <param name="world">The home system.</param>
    public GateProject(Week12Settings settings, SystemMap world)
    {
        _settings = settings;
        _world = world;
    }

    /// <summary>Gets the home system's jump gate, once known.</summary>
    public string? Gate => _gate;

    /// <summary>Gets the construction site as last seen, if any.</summary>
    public GateStatus? Status { get; private set; }

    /// <summary>Gets when the build started, if it did.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Gets a value indicating whether the gate works (built, or never under construction).</summary>
    public bool Works => _gate is not null && (!_underConstruction || Status is { Complete: true });

    /// <summary>Gets the systems across the gate the fleet trades with, once the gate works.</summary>
    public IReadOnlyList<string> Neighbours => _neighbours;

    /// <summary>Gets a value indicating whether a ship is a builder now (left out of the ledger and of saturation control).</summary>
    /// <param name="ship">The ship.</param>
    /// <returns><see langword="true"/> for a builder.</returns>
    public bool IsBuilder(string ship) => _builders.Contains(ship);

    /// <summary>Gets a value indicating whether a ship keeps the markets of a system across the gate priced.</summary>
    /// <param name="ship">The ship.</param>
    /// <returns><see langword="true"/> for such a probe.</returns>
    public bool IsOutpost(string ship) => _outposts.ContainsKey(ship);

    /// <summary>Looks at the site, starts the build when it pays, buys builders, and once the gate works, reads the systems across it and buys their probes.</summary>
    /// <param name="context">The conductor's context.</param>
    /// <param name="ships">The fleet now.</param>
    /// <param name="ledger">What the fleet has earned.</param>
    /// <param name="cancellationToken">Cancels the reads and purchases.</param>
    /// <returns>A task that completes when the review is done.</returns>
    public async Task ReviewAsync(IConductorContext context, IReadOnlyList<FleetShip> ships, FleetLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ledger);
        if (!_settings.Gate && !_settings.Expand)
        {
            return;
        }

        var now = context.Clock.GetUtcNow();
        if (_gate is null)
        {
            var waypoints = await context.World.GetWaypointsAsync(_world.System, cancellationToken).ConfigureAwait(false);
            if (GateCrossing.GateOf(waypoints) is not { } gate)
            {
                return;
            }

            _gate = gate.Symbol;
            _underConstruction = gate.IsUnderConstruction;
        }

        if (_underConstruction && Status is not { Complete: true })
        {
            if (!_settings.Gate)
            {
                return;
            }

            await ReadAsync(context, now, cancellationToken).ConfigureAwait(false);
            if (Status is { Complete: true })
            {
                LogComplete(context.Logger, _gate, StartedAt is { } started ? (now - started).TotalHours : 0);
                _builders.Clear();
            }
            else
            {
                await BuildAsync(context, ships, ledger, now, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (_settings.Expand)
        {
            await ExpandAsync(context, ships, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes over the gate project a previous conductor left on the same agent (the runner restarted mid-game), before
    /// any ship is given work: with the build under way (units supplied, or ships holding what the site still needs),
    /// the build counts as started (the reviews buy builders up to <c>gateBuilders</c> at once) and the ships holding
    /// materials become builders, their loads posted as their claims so no builder buys them again, instead of trading
    /// and throwing the materials away as leftovers no market buys. The previous builders that hold nothing become
    /// traders: a light hauler trades as well as a new one would. Once the gate works, the probes already in the
    /// systems across it keep pricing them.
    /// </summary>
    /// <param name="context">The conductor's context.</param>
    /// <param name="ships">The fleet the conductor found.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when the project is taken over.</returns>
    public async Task ResumeAsync(IConductorContext context, IReadOnlyList<FleetShip> ships, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ships);
        if (!_settings.Gate && !_settings.Expand)
        {
            return;
        }

        var now = context.Clock.GetUtcNow();
        var waypoints = await context.World.GetWaypointsAsync(_world.System, cancellationToken).ConfigureAwait(false);
        if (GateCrossing.GateOf(waypoints) is not { } gate)
        {
            return;
        }

        _gate = gate.Symbol;
        _underConstruction = gate.IsUnderConstruction;
        if (_underConstruction)
        {
            await ReadAsync(context, now, cancellationToken).ConfigureAwait(false);
            if (Status is not { Complete: false } status)
            {
                return;   // complete: the first review logs it and expands
            }

            if (!_settings.Gate)
            {
                return;
            }

            var holders = ships.Select(s => (Ship: s, Held: Materials(context, s.Symbol, status))).Where(h => h.Held.Count > 0).ToList();
            // A new site has only its single-unit parts supplied (the game's QUANTUM_STABILIZERS 1/1): not started, the
            // reviews start it when it pays.
            if (!status.Materials.Any(m => m.Required > 1 && m.Fulfilled > 0) && holders.Count == 0)
            {
                return;
            }

            StartedAt = now;
            foreach (var (ship, held) in holders)
            {
                _builders.Add(ship.Symbol);
                var (good, units) = held.OrderByDescending(h => h.Units).First();
                GateSite.Hold(context.Board, ship.Symbol, good, units, now + TimeSpan.FromHours(3));
            }

            LogResumed(context.Logger, _gate, status.Fulfilled, holders.Count, string.Join(", ", _builders.Order(StringComparer.Ordinal)));
            return;
        }

        if (_settings.Expand)
        {
            await ExpandAsync(context, ships, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The role the gate project gives a ship now, or <see langword="null"/> to leave it to its type's role.</summary>
    /// <param name="ship">The ship as the runtime sees it.</param>
    /// <param name="tracked">Its tracked state.</param>
    /// <returns>The behaviour and its parameters.</returns>
    public (StrategyRef Behaviour, StrategyParameters? Parameters)? RoleFor(FleetShip ship, TrackedShip tracked)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(tracked);
        if (_builders.Contains(ship.Symbol) && _gate is not null)
        {
            return (BuildRef, Parameters(("gate", _gate), ("markup", Format(_settings.GateMarkup)), ("reserve", Format(_settings.Reserve))));
        }

        if (_outposts.TryGetValue(ship.Symbol, out var outpost))
        {
            return (OutpostRef, Parameters(("system", outpost)));
        }

        if (!Works || !_settings.Expand || _neighbours.Count == 0 || ship.ShipType is null || !TraderTypes.Contains(ship.ShipType, StringComparer.Ordinal))
        {
            return null;
        }

        var system = tracked.Current.Nav?.SystemSymbol;
        var last = ship.Session;
        if (system is not null && system != _world.System)
        {
            _expanders.Add(ship.Symbol);
        }
        else if (last?.Outcome == SessionOutcome.Idle && last.Behaviour.Id == Trade.Id)
        {
            _expanders.Add(ship.Symbol);   // no unclaimed trade at home: try the systems across the gate
        }
        else if (last?.Outcome == SessionOutcome.Idle && last.Behaviour.Id == Expand.Id)
        {
            _expanders.Remove(ship.Symbol);   // nothing across the gate either: back to trading at home
        }

        return _expanders.Contains(ship.Symbol)
            ? (ExpandRef, Parameters(("home", _world.System), ("systems", string.Join('|', _neighbours))))
            : null;
    }

    /// <summary>Reads the construction site now and then (builders post what they see after every delivery).</summary>
    private async Task ReadAsync(IConductorContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Status = GateSite.Status(context.Board) ?? Status;
        if (Status is not null && now - _lastRead < ReadEvery)
        {
            return;
        }

        _lastRead = now;
        var construction = await context.Client.Systems.GetConstructionAsync(_gate!, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        Status = GateSite.Post(context.Board, GateStatus.From(construction, now));
    }

    /// <summary>Starts the build when the fleet's income covers the missing materials within the configured time, and keeps the builders bought.</summary>
    private async Task BuildAsync(IConductorContext context, IReadOnlyList<FleetShip> ships, FleetLedger ledger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Status is not { } status)
        {
            return;
        }

        if (StartedAt is null)
        {
            var cost = ExpectedCost(context, status);
            var income = ledger.Fleet(_settings.MeasureWindow, now).CreditsPerHour;
            if (cost is null || income <= 0 || income * _settings.GateWithin.TotalHours < cost)
            {
                return;
            }

            StartedAt = now;
            LogStarted(context.Logger, _gate!, cost.Value, income);
        }

        var alive = ships.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        _builders.RemoveWhere(b => !alive.Contains(b));
        if (_builders.Count < _settings.GateBuilders && ships.Count < _settings.MaxShips
            && await BuyAsync(context, BuilderType, "a builder for the gate", cancellationToken).ConfigureAwait(false) is { } bought)
        {
            _builders.Add(bought);
        }
    }

    /// <summary>What the missing materials cost at the cheapest price seen where they are sold, plus half the builders' markup; <see langword="null"/> while a material has no price seen.</summary>
    private double? ExpectedCost(IConductorContext context, GateStatus status)
    {
        double cost = 0;
        foreach (var material in status.Materials.Where(m => m.Missing > 0))
        {
            var good = new TradeSymbol(material.Good);
            var price = context.Markets.GetMarkets(_world.System)
                .Select(m => m.GetGood(good))
                .Where(g => g is not null && g.Type != MarketTradeGoodType.Import)
                .Select(g => (double?)g!.PurchasePrice)
                .Min();
            if (price is null)
            {
                return null;
            }

            cost += material.Missing * price.Value * (1 + (_settings.GateMarkup / 2));
        }

        return cost;
    }

    /// <summary>Once the gate works: reads the systems across it, then buys a probe for each (up to <c>gateScouts</c>).</summary>
    private async Task ExpandAsync(IConductorContext context, IReadOnlyList<FleetShip> ships, CancellationToken cancellationToken)
    {
        if (!_neighboursRead)
        {
            _neighboursRead = true;
            var gate = await context.World.GetJumpGateAsync(_gate!, cancellationToken).ConfigureAwait(false);
            foreach (var system in gate.Connections.Select(ShipPilot.SystemOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var waypoints = await GateCrossing.LearnAsync(context, system, cancellationToken).ConfigureAwait(false);
                if (GateCrossing.GateOf(waypoints) is { IsUnderConstruction: false }
                    && context.Markets.GetMarkets(system).Any(m => m.Imports.Count + m.Exports.Count > 0))
                {
                    _neighbours.Add(system);
                }
            }

            LogNeighbours(context.Logger, _gate!, _neighbours.Count, string.Join(", ", _neighbours));

            // Probes a previous conductor sent across (the runner restarted) keep pricing the system they are in.
            foreach (var found in ships.Where(s => s.ShipType == ProbeType).OrderBy(s => s.Symbol, StringComparer.Ordinal))
            {
                if (context.Agent.TryGetShip(found.Symbol, out var tracked) && tracked.Current.Nav?.SystemSymbol is { } there
                    && _neighbours.Contains(there) && !_outposts.ContainsValue(there))
                {
                    _outposts[found.Symbol] = there;
                }
            }
        }

        var alive = ships.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _outposts.Keys.Where(s => !alive.Contains(s)).ToList())
        {
            _outposts.Remove(gone);
        }

        var unwatched = _neighbours.Where(n => !_outposts.ContainsValue(n)).ToList();
        if (unwatched.Count > 0 && _outposts.Count < _settings.GateScouts && ships.Count < _settings.MaxShips
            && await BuyAsync(context, ProbeType, $"a probe for the markets of {unwatched[0]}", cancellationToken).ConfigureAwait(false) is { } probe)
        {
            _outposts[probe] = unwatched[0];
        }
    }

    /// <summary>Buys one ship of a type at a shipyard where one of the fleet's ships stands, keeping the reserve.</summary>
    /// <returns>The new ship's symbol, or <see langword="null"/> when none was bought.</returns>
    private async Task<string?> BuyAsync(IConductorContext context, string type, string why, CancellationToken cancellationToken)
    {
        var credits = context.Agent.Agent.Value?.Credits ?? 0;
        foreach (var (yard, types) in _world.ShipyardTypes)
        {
            if (!types.Any(t => t.Value == type) || !context.Agent.Ships.Any(s => !s.IsScrapped && s.Current.Nav is { } nav && nav.WaypointSymbol == yard && nav.Status != ShipNavStatus.InTransit))
            {
                continue;
            }

            var listing = await context.Client.Systems.GetShipyardAsync(yard, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
            if (listing.Ships?.FirstOrDefault(s => s.Type.Value == type) is not { } offer || credits - offer.PurchasePrice < _settings.Reserve)
            {
                continue;
            }

            try
            {
                var bought = await context.Client.Fleet.PurchaseShipAsync(new ShipType(type), yard, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogBought(context.Logger, type, bought.Ship.Symbol, bought.Transaction.Price, why);
                return bought.Ship.Symbol;
            }
            catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The materials the site still needs that a ship holds, by good.</summary>
    private static List<(string Good, int Units)> Materials(IConductorContext context, string ship, GateStatus status) =>
        context.Agent.TryGetShip(ship, out var tracked) && tracked.Current.Cargo?.Inventory is { } inventory
            ? [.. inventory.Where(i => i.Units > 0 && status.Find(i.Symbol.Value) is { Missing: > 0 }).Select(i => (i.Symbol.Value, i.Units))]
            : [];

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static StrategyParameters Parameters(params (string Name, string Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Gate {Gate}: building it (materials expected to cost {Cost:N0}, fleet income {Income:N0} an hour).")]
    private static partial void LogStarted(ILogger logger, string gate, double cost, double income);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Information, Message = "Gate {Gate}: complete, {Hours:0.0} h after the build started.")]
    private static partial void LogComplete(ILogger logger, string gate, double hours);

    [LoggerMessage(EventId = 1224, Level = LogLevel.Information, Message = "Gate {Gate}: taking over the build under way ({Fulfilled} units supplied, {Holders} ships holding materials); builders {Builders}.")]
    private static partial void LogResumed(ILogger logger, string gate, int fulfilled, int holders, string builders);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Information, Message = "Gate {Gate}: {Count} systems across it to trade with: {Systems}.")]
    private static partial void LogNeighbours(ILogger logger, string gate, int count, string systems);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Information, Message = "Bought {Type} {Ship} for {Price} credits ({Why}).")]
    private static partial void LogBought(ILogger logger, string type, string ship, int price, string why);
}
