using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// Everything one agent knows, one tracked instance per symbol: its ships, the agent itself, its contracts, and the
/// latest markets and waypoints seen. Every API response is merged in with an <c>Apply</c> overload, so a bot never
/// needs a GET to learn what an action already told it.
/// </summary>
/// <remarks>
/// <para>
/// There is one <c>Apply</c> per response shape: <c>Apply(shipSymbol, result)</c> for a ship's action (the result
/// type picks the overload), <c>Apply(value)</c> for refreshes (<see cref="Ship"/>, <see cref="Agent"/>,
/// <see cref="Contract"/>, <see cref="Market"/>, <see cref="Waypoint"/>, ...). Each merges the parts the response
/// carries and marks dirty only those whose value really changed. A ship first seen through an action is tracked
/// with the parts that action carried.
/// </para>
/// <para>
/// Built with a <see cref="Caches.MarketCache"/> and a <see cref="Caches.SurveyCache"/>, it also records every
/// market into the first and adds every new survey to the second.
/// </para>
/// <para>
/// A store persists the state incrementally: <see cref="GetChanges"/>, write, <see cref="MarkClean"/>. Thread-safe:
/// one writer per ship (the ship's behaviour) and any number of readers; see <see cref="TrackedShip"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var state = new AgentState(timeProvider);
/// state.Apply(await client.Fleet.GetMyShipAsync("BADGER-1"));
/// var result = await client.Fleet.NavigateShipAsync("BADGER-1", "X1-DF55-A1");
/// var ship = state.Apply("BADGER-1", result);   // nav and fuel merged, no GET
/// await timeProvider.DelayAsync(ship.TimeToArrival, ct);
/// </code>
/// </example>
public sealed class AgentState
{
    private readonly ConcurrentDictionary<string, TrackedShip> _ships = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedShip> _scrapped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedValue<Contract>> _contracts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedValue<Market>> _markets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedValue<Waypoint>> _waypoints = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly object _agentGate = new();

    /// <summary>Initializes a new instance of the <see cref="AgentState"/> class, empty.</summary>
    /// <param name="timeProvider">The clock for observation times and the ships' time-aware answers. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="marketCache">A market cache to record every market into. The default value is <see langword="null"/>.</param>
    /// <param name="surveyCache">A survey cache to add every new survey to. The default value is <see langword="null"/>.</param>
    /// <param name="rules">The travel formulas for the ships' fuel and time answers. The default value is <see cref="FlightRules.Default"/>.</param>
    public AgentState(TimeProvider? timeProvider = null, MarketCache? marketCache = null, SurveyCache? surveyCache = null, FlightRules? rules = null)
    {
        _clock = timeProvider ?? TimeProvider.System;
        MarketCache = marketCache;
        SurveyCache = surveyCache;
        Rules = rules ?? FlightRules.Default;
        Agent = new TrackedValue<Agent>("agent", static (a, b) => a == b);
    }

    /// <summary>Raised after any tracked ship changed, on the thread that merged. Handlers should be short and must not throw.</summary>
    public event EventHandler<ShipChangedEventArgs>? ShipChanged;

    /// <summary>
    /// Raised when a response shows the agent's credits at a new balance, with what caused it. Raised on the
    /// thread (and execution context) that applied the response, after the state is updated.
    /// </summary>
    public event EventHandler<CreditsChangedEventArgs>? CreditsChanged;

    /// <summary>Raised when a market is applied with its trade goods (a ship was present), after the state is updated.</summary>
    public event EventHandler<Market>? MarketObserved;

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider => _clock;

    /// <summary>Gets the market cache markets are recorded into, if any.</summary>
    public MarketCache? MarketCache { get; }

    /// <summary>Gets the survey cache new surveys are added to, if any.</summary>
    public SurveyCache? SurveyCache { get; }

    /// <summary>Gets the travel formulas.</summary>
    public FlightRules Rules { get; }

    /// <summary>Gets the tracked agent; its <see cref="TrackedValue{T}.Value"/> is <see langword="null"/> until a response carried it.</summary>
    public TrackedValue<Agent> Agent { get; }

    /// <summary>Gets the tracked ships, ordered by symbol.</summary>
    public IReadOnlyList<TrackedShip> Ships => [.. _ships.Values.OrderBy(s => s.Symbol, StringComparer.Ordinal)];

    /// <summary>Gets the tracked contracts, ordered by id.</summary>
    public IReadOnlyList<TrackedValue<Contract>> Contracts => [.. _contracts.Values.OrderBy(c => c.Key, StringComparer.Ordinal)];

    /// <summary>Gets the tracked markets, ordered by waypoint symbol.</summary>
    public IReadOnlyList<TrackedValue<Market>> Markets => [.. _markets.Values.OrderBy(m => m.Key, StringComparer.Ordinal)];

    /// <summary>Gets the tracked waypoints, ordered by symbol.</summary>
    public IReadOnlyList<TrackedValue<Waypoint>> Waypoints => [.. _waypoints.Values.OrderBy(w => w.Key, StringComparer.Ordinal)];

    /// <summary>Looks up a tracked ship.</summary>
    /// <param name="shipSymbol">The ship's symbol.</param>
    /// <param name="ship">The ship, when tracked.</param>
    /// <returns><see langword="true"/> if tracked.</returns>
    public bool TryGetShip(string shipSymbol, [MaybeNullWhen(false)] out TrackedShip ship)
    {
        ArgumentNullException.ThrowIfNull(shipSymbol);
        return _ships.TryGetValue(shipSymbol, out ship);
    }

    /// <summary>Gets a tracked ship, starting to track it (with no parts known) if it is not yet.</summary>
    /// <param name="shipSymbol">The ship's symbol.</param>
    /// <returns>The one tracked instance for the symbol.</returns>
    public TrackedShip GetShip(string shipSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        if (_ships.TryGetValue(shipSymbol, out var ship))
        {
            return ship;
        }

        return _ships.GetOrAdd(shipSymbol, new TrackedShip(shipSymbol, _clock, Rules, this));
    }

    /// <summary>Looks up a tracked contract.</summary>
    /// <param name="contractId">The contract's id.</param>
    /// <param name="contract">The contract, when tracked.</param>
    /// <returns><see langword="true"/> if tracked.</returns>
    public bool TryGetContract(string contractId, [MaybeNullWhen(false)] out TrackedValue<Contract> contract)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        return _contracts.TryGetValue(contractId, out contract);
    }

    /// <summary>Looks up a tracked market.</summary>
    /// <param name="waypointSymbol">The market's waypoint.</param>
    /// <param name="market">The market, when tracked.</param>
    /// <returns><see langword="true"/> if tracked.</returns>
    public bool TryGetMarket(string waypointSymbol, [MaybeNullWhen(false)] out TrackedValue<Market> market)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return _markets.TryGetValue(waypointSymbol, out market);
    }

    /// <summary>Looks up a tracked waypoint.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <param name="waypoint">The waypoint, when tracked.</param>
    /// <returns><see langword="true"/> if tracked.</returns>
    public bool TryGetWaypoint(string waypointSymbol, [MaybeNullWhen(false)] out TrackedValue<Waypoint> waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return _waypoints.TryGetValue(waypointSymbol, out waypoint);
    }

    /// <summary>
    /// Gets everything a store should write: the dirty parts of each ship, the agent if it changed, the changed
    /// contracts, markets and waypoints, and the ships scrapped since the store last acknowledged them.
    /// </summary>
    /// <returns>The changes; pass them to <see cref="MarkClean"/> after a successful write.</returns>
    public AgentStateChanges GetChanges() => new(
        Agent.GetChange(),
        [.. _ships.Values.Select(s => s.GetChanges()).OfType<ShipChanges>().OrderBy(c => c.ShipSymbol, StringComparer.Ordinal)],
        [.. _contracts.Values.Select(c => c.GetChange()).OfType<TrackedChange<Contract>>().OrderBy(c => c.Key, StringComparer.Ordinal)],
        [.. _markets.Values.Select(m => m.GetChange()).OfType<TrackedChange<Market>>().OrderBy(c => c.Key, StringComparer.Ordinal)],
        [.. _waypoints.Values.Select(w => w.GetChange()).OfType<TrackedChange<Waypoint>>().OrderBy(c => c.Key, StringComparer.Ordinal)],
        [.. _scrapped.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>Marks everything in <paramref name="written"/> clean, up to the versions written; later changes stay dirty.</summary>
    /// <param name="written">What <see cref="GetChanges"/> returned and the store wrote.</param>
    public void MarkClean(AgentStateChanges written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written.Agent is { } agent)
        {
            Agent.MarkClean(agent);
        }

        foreach (var ship in written.Ships)
        {
            if (_ships.TryGetValue(ship.ShipSymbol, out var tracked) || _scrapped.TryGetValue(ship.ShipSymbol, out tracked))
            {
                tracked.MarkClean(ship);
            }
        }

        MarkClean(_contracts, written.Contracts);
        MarkClean(_markets, written.Markets);
        MarkClean(_waypoints, written.Waypoints);
        foreach (var symbol in written.ScrappedShips)
        {
            _scrapped.TryRemove(symbol, out _);
        }
    }

    // ----- Refreshes (GET) -----

    /// <summary>Merges a full ship: <c>GET /my/ships/{shipSymbol}</c>, an item of <c>GET /my/ships</c>.</summary>
    /// <param name="ship">The ship.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(Ship ship)
    {
        ArgumentNullException.ThrowIfNull(ship);
        var tracked = GetShip(ship.Symbol);
        tracked.Apply(ShipUpdate.From(ship));
        return tracked;
    }

    /// <summary>Merges full ships: the items of <c>GET /my/ships</c> (a page's <see cref="Page{T}.Items"/>) or of the ship enumeration.</summary>
    /// <param name="ships">The ships.</param>
    public void Apply(IEnumerable<Ship> ships)
    {
        ArgumentNullException.ThrowIfNull(ships);
        foreach (var ship in ships)
        {
            Apply(ship);
        }
    }

    /// <summary>Gets the version of every tracked ship now, to send a list read with (see <see cref="Apply(IEnumerable{Ship}, IReadOnlyDictionary{string, long})"/>).</summary>
    /// <returns>The versions, by ship symbol.</returns>
    internal Dictionary<string, long> ShipVersions()
    {
        var versions = new Dictionary<string, long>(_ships.Count, StringComparer.Ordinal);
        foreach (var (symbol, ship) in _ships)
        {
            versions[symbol] = ship.Version;
        }

        return versions;
    }

    /// <summary>
    /// Merges the ships of a list read (<c>GET /my/ships</c>) taken while other calls ran: a ship whose tracked state
    /// changed after the read was sent (an action's answer, a read of the ship alone) keeps it, since the list may
    /// show the ship as it was before (a late answer: the server builds a list before it sends it, and the ships act
    /// meanwhile).
    /// </summary>
    /// <param name="ships">The ships read.</param>
    /// <param name="versionsAtSend">The ships' versions when the read was sent (<see cref="ShipVersions"/>).</param>
    internal void Apply(IEnumerable<Ship> ships, IReadOnlyDictionary<string, long> versionsAtSend)
    {
        ArgumentNullException.ThrowIfNull(ships);
        ArgumentNullException.ThrowIfNull(versionsAtSend);
        foreach (var ship in ships)
        {
            if (versionsAtSend.TryGetValue(ship.Symbol, out var version) && _ships.TryGetValue(ship.Symbol, out var tracked) && tracked.Version != version)
            {
                continue;
            }

            Apply(ship);
        }
    }

    /// <summary>Merges a ship's nav: <c>GET /my/ships/{shipSymbol}/nav</c>.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="nav">The nav.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, ShipNav nav)
    {
        ArgumentNullException.ThrowIfNull(nav);
        return Merge(shipSymbol, new ShipUpdate { Nav = nav });
    }

    /// <summary>Merges a ship's cargo: <c>GET /my/ships/{shipSymbol}/cargo</c>.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="cargo">The cargo.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, ShipCargo cargo)
    {
        ArgumentNullException.ThrowIfNull(cargo);
        return Merge(shipSymbol, new ShipUpdate { Cargo = cargo });
    }

    /// <summary>Merges a ship's cooldown: <c>GET /my/ships/{shipSymbol}/cooldown</c>, where <see langword="null"/> (204) means no cooldown is running.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="cooldown">The cooldown, or <see langword="null"/> for none.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, Cooldown? cooldown) =>
        Merge(shipSymbol, new ShipUpdate { Cooldown = cooldown ?? new Cooldown { ShipSymbol = shipSymbol, TotalSeconds = 0, RemainingSeconds = 0 } });

    /// <summary>Merges a ship's mounts: <c>GET /my/ships/{shipSymbol}/mounts</c>.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="mounts">The mounts.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, IReadOnlyList<ShipMount> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        return Merge(shipSymbol, new ShipUpdate { Mounts = mounts });
    }

    /// <summary>Merges a ship's modules: <c>GET /my/ships/{shipSymbol}/modules</c>.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="modules">The modules.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, IReadOnlyList<ShipModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return Merge(shipSymbol, new ShipUpdate { Modules = modules });
    }

    /// <summary>Merges the agent: <c>GET /my/agent</c>.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The tracked agent.</returns>
    public TrackedValue<Agent> Apply(Agent agent) => ApplyAgent(agent, CreditCauses.Sync, null, null, null);

    /// <summary>Merges a contract: <c>GET /my/contracts/{contractId}</c>, an item of <c>GET /my/contracts</c>.</summary>
    /// <param name="contract">The contract.</param>
    /// <returns>The tracked contract.</returns>
    public TrackedValue<Contract> Apply(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var tracked = _contracts.GetOrAdd(contract.Id, static id => new TrackedValue<Contract>(id, StructuralEquality.ContractEquals));
        tracked.Apply(contract, _clock.GetUtcNow());
        return tracked;
    }

    /// <summary>Merges contracts: the items of <c>GET /my/contracts</c>.</summary>
    /// <param name="contracts">The contracts.</param>
    public void Apply(IEnumerable<Contract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        foreach (var contract in contracts)
        {
            Apply(contract);
        }
    }

    /// <summary>
    /// Merges a market: <c>GET .../market</c>. A market seen without a ship present (no prices) keeps the prices and
    /// transactions seen before. Also recorded into <see cref="MarketCache"/>.
    /// </summary>
    /// <param name="market">The market.</param>
    /// <returns>The tracked market.</returns>
    public TrackedValue<Market> Apply(Market market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var now = _clock.GetUtcNow();
        var tracked = _markets.GetOrAdd(market.Symbol, static symbol => new TrackedValue<Market>(symbol, StructuralEquality.MarketEquals));
        tracked.Apply(market, now, static (held, fresh) => fresh.TradeGoods is null
            ? fresh with { TradeGoods = held.TradeGoods, Transactions = fresh.Transactions ?? held.Transactions }
            : fresh);
        MarketCache?.Record(market, now);
        if (market.TradeGoods is not null)
        {
            MarketObserved?.Invoke(this, market);
        }

        return tracked;
    }

    /// <summary>Merges a waypoint: <c>GET .../waypoints/{waypointSymbol}</c>, an item of <c>GET .../waypoints</c>.</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns>The tracked waypoint.</returns>
    public TrackedValue<Waypoint> Apply(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        var tracked = _waypoints.GetOrAdd(waypoint.Symbol, static symbol => new TrackedValue<Waypoint>(symbol, StructuralEquality.WaypointEquals));
        tracked.Apply(waypoint, _clock.GetUtcNow());
        return tracked;
    }

    /// <summary>Merges waypoints: the items of <c>GET .../waypoints</c>.</summary>
    /// <param name="waypoints">The waypoints.</param>
    public void Apply(IEnumerable<Waypoint> waypoints)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        foreach (var waypoint in waypoints)
        {
            Apply(waypoint);
        }
    }

    // ----- Fleet actions -----

    /// <summary>
    /// Merges the ship parts an action's result carries (<see cref="IShipPartsResult"/>): the one path every action
    /// result below goes through for its ship; the overloads add what is particular to them (the agent's credits,
    /// waypoint modifiers, surveys).
    /// </summary>
    /// <param name="shipSymbol">The ship that acted.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    internal TrackedShip ApplyParts(string shipSymbol, IShipPartsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Merge(shipSymbol, ShipUpdate.From(result));
    }

    /// <summary>Merges <c>POST .../navigate</c>: nav, fuel and condition events.</summary>
    /// <param name="shipSymbol">The ship that navigated.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, NavigateShipResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../warp</c>: nav, fuel and condition events.</summary>
    /// <param name="shipSymbol">The ship that warped.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, WarpShipResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>PATCH .../nav</c> (flight mode change): nav, fuel and condition events.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, PatchShipNavResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../jump</c>: nav, cooldown and the agent (the ANTIMATTER bought is in the agent's credits).</summary>
    /// <param name="shipSymbol">The ship that jumped.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, JumpShipResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Jump, shipSymbol, result.Transaction.TradeSymbol, result.Transaction.Units);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../orbit</c>: nav.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, OrbitShipResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../dock</c>: nav.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, DockShipResult result) => ApplyParts(shipSymbol, result);

    /// <summary>
    /// Merges <c>POST .../extract</c>: cooldown, cargo and condition events; the waypoint modifiers reported
    /// (CRITICAL_LIMIT, UNSTABLE) update the tracked waypoint the ship is at.
    /// </summary>
    /// <param name="shipSymbol">The ship that extracted.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, ExtractResourcesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ship = ApplyParts(shipSymbol, result);
        ApplyModifiers(ship, result.Modifiers);
        return ship;
    }

    /// <summary>Merges <c>POST .../extract/survey</c>: cooldown, cargo and condition events, and the waypoint modifiers reported.</summary>
    /// <param name="shipSymbol">The ship that extracted.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, ExtractResourcesWithSurveyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ship = ApplyParts(shipSymbol, result);
        ApplyModifiers(ship, result.Modifiers);
        return ship;
    }

    /// <summary>Merges <c>POST .../siphon</c>: cooldown, cargo and condition events.</summary>
    /// <param name="shipSymbol">The ship that siphoned.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, SiphonResourcesResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../survey</c>: cooldown; the surveys are added to <see cref="SurveyCache"/>.</summary>
    /// <param name="shipSymbol">The ship that surveyed.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, CreateSurveyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ship = ApplyParts(shipSymbol, result);
        SurveyCache?.Add(result.Surveys);
        return ship;
    }

    /// <summary>Merges <c>POST .../refine</c>: cargo and cooldown.</summary>
    /// <param name="shipSymbol">The ship that refined.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, RefineShipResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../scan/ships</c>: cooldown (the ships scanned are returned to the caller, not tracked).</summary>
    /// <param name="shipSymbol">The ship that scanned.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, CreateShipShipScanResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../scan/systems</c>: cooldown (the systems scanned are returned to the caller, not tracked).</summary>
    /// <param name="shipSymbol">The ship that scanned.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, CreateShipSystemScanResult result) => ApplyParts(shipSymbol, result);

    /// <summary>
    /// Merges <c>POST .../scan/waypoints</c>: cooldown (the waypoints scanned lack fields a <see cref="Waypoint"/>
    /// has, so they are returned to the caller, not tracked).
    /// </summary>
    /// <param name="shipSymbol">The ship that scanned.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, CreateShipWaypointScanResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../sell</c>: the agent and cargo.</summary>
    /// <param name="shipSymbol">The ship that sold.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, SellCargoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Sell, shipSymbol, result.Transaction.TradeSymbol, result.Transaction.Units);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../purchase</c>: the agent and cargo.</summary>
    /// <param name="shipSymbol">The ship that bought.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, PurchaseCargoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Purchase, shipSymbol, result.Transaction.TradeSymbol, result.Transaction.Units);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../refuel</c>: the agent, fuel, and cargo when the fuel came from the hold.</summary>
    /// <param name="shipSymbol">The ship that refuelled.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, RefuelShipResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Refuel, shipSymbol, result.Transaction.TradeSymbol, result.Transaction.Units);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../transfer</c>: the cargo of both ships.</summary>
    /// <param name="shipSymbol">The ship that gave.</param>
    /// <param name="targetShipSymbol">The ship that received.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked giving ship.</returns>
    public TrackedShip Apply(string shipSymbol, string targetShipSymbol, TransferCargoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Merge(targetShipSymbol, new ShipUpdate { Cargo = result.TargetCargo });
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../jettison</c>: cargo.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, JettisonCargoResult result) => ApplyParts(shipSymbol, result);

    /// <summary>Merges <c>POST .../mounts/install</c>: the agent, mounts and cargo.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, InstallMountResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Mount, shipSymbol, result.Transaction.TradeSymbol, null);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../mounts/remove</c>: the agent, mounts and cargo.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, RemoveMountResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Mount, shipSymbol, result.Transaction.TradeSymbol, null);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../modules/install</c>: the agent, modules and cargo.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, InstallShipModuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Module, shipSymbol, result.Transaction.TradeSymbol, null);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../modules/remove</c>: the agent, modules and cargo.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, RemoveShipModuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Module, shipSymbol, result.Transaction.TradeSymbol, null);
        return ApplyParts(shipSymbol, result);
    }

    /// <summary>Merges <c>POST .../repair</c>: the agent and the whole ship (with its restored condition).</summary>
    /// <param name="shipSymbol">The ship repaired.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, RepairShipResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ApplyAgent(result.Agent, CreditCauses.Repair, shipSymbol, null, null);
        return Apply(result.Ship);
    }

    /// <summary>
    /// Merges <c>POST .../scrap</c>: the agent; the ship stops being tracked (<see cref="TrackedShip.IsScrapped"/>)
    /// and is listed in <see cref="AgentStateChanges.ScrappedShips"/> until a store acknowledges it.
    /// </summary>
    /// <param name="shipSymbol">The ship scrapped.</param>
    /// <param name="result">The response.</param>
    /// <returns><see langword="true"/> if the ship was tracked.</returns>
    public bool Apply(string shipSymbol, ScrapShipResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Scrap, shipSymbol, null, null);
        return MarkScrapped(shipSymbol);
    }

    /// <summary>
    /// Stops tracking a ship the server no longer has (a scrap whose answer was lost, found gone by reading it back),
    /// as <see cref="Apply(string, ScrapShipResult)"/> does without the agent.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <returns><see langword="true"/> if the ship was tracked.</returns>
    internal bool MarkScrapped(string shipSymbol)
    {
        if (!_ships.TryRemove(shipSymbol, out var ship))
        {
            _scrapped.TryAdd(shipSymbol, new TrackedShip(shipSymbol, _clock, Rules));
            return false;
        }

        ship.MarkScrapped();
        _scrapped[shipSymbol] = ship;
        return true;
    }

    /// <summary>Merges <c>POST /my/ships</c> (ship purchase): the new ship and the agent.</summary>
    /// <param name="result">The response.</param>
    /// <returns>The new tracked ship.</returns>
    public TrackedShip Apply(PurchaseShipResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.ShipPurchase, result.Ship.Symbol, null, null);
        return Apply(result.Ship);
    }

    /// <summary>Merges <c>POST .../chart</c>: the agent and the charted waypoint.</summary>
    /// <param name="result">The response.</param>
    /// <returns>The tracked waypoint.</returns>
    public TrackedValue<Waypoint> Apply(CreateChartResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Chart, result.Transaction.ShipSymbol, null, null);
        return Apply(result.Waypoint);
    }

    /// <summary>Merges <c>POST .../construction/supply</c>: the supplying ship's cargo.</summary>
    /// <param name="shipSymbol">The ship that supplied.</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked ship.</returns>
    public TrackedShip Apply(string shipSymbol, SupplyConstructionResult result) => ApplyParts(shipSymbol, result);

    // ----- Contracts -----

    /// <summary>Merges <c>POST .../negotiate/contract</c>: the new contract.</summary>
    /// <param name="shipSymbol">The ship that negotiated (its state does not change).</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked contract.</returns>
    public TrackedValue<Contract> Apply(string shipSymbol, NegotiateContractResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(result);
        return Apply(result.Contract);
    }

    /// <summary>Merges <c>POST /my/contracts/{contractId}/accept</c>: the contract and the agent (the advance payment).</summary>
    /// <param name="result">The response.</param>
    /// <returns>The tracked contract.</returns>
    public TrackedValue<Contract> Apply(AcceptContractResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.ContractAccept, null, null, null);
        return Apply(result.Contract);
    }

    /// <summary>Merges <c>POST /my/contracts/{contractId}/fulfill</c>: the contract and the agent (the payment).</summary>
    /// <param name="result">The response.</param>
    /// <returns>The tracked contract.</returns>
    public TrackedValue<Contract> Apply(FulfillContractResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.ContractFulfil, null, null, null);
        return Apply(result.Contract);
    }

    /// <summary>Merges <c>POST /my/contracts/{contractId}/deliver</c>: the contract and the delivering ship's cargo.</summary>
    /// <param name="shipSymbol">The ship that delivered (the request's <c>shipSymbol</c>).</param>
    /// <param name="result">The response.</param>
    /// <returns>The tracked contract.</returns>
    public TrackedValue<Contract> Apply(string shipSymbol, DeliverContractResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyParts(shipSymbol, result);
        return Apply(result.Contract);
    }

    // ----- Accounts -----

    private TrackedValue<Agent> ApplyAgent(Agent agent, string cause, string? shipSymbol, TradeSymbol? good, int? units)
    {
        ArgumentNullException.ThrowIfNull(agent);
        long? previous;
        var now = _clock.GetUtcNow();
        lock (_agentGate)
        {
            // Read and replace under one lock, so that consecutive deltas telescope to the balance change.
            previous = Agent.Value?.Credits;
            Agent.Apply(agent, now);
        }

        if (previous is { } before && before != agent.Credits)
        {
            CreditsChanged?.Invoke(this, new CreditsChangedEventArgs(before, agent.Credits, cause, shipSymbol, good, units, now));
        }

        return Agent;
    }

    /// <summary>Merges <c>POST /register</c>: the agent, the starting contract and the starting ships.</summary>
    /// <param name="result">The response.</param>
    public void Apply(RegisterResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ApplyAgent(result.Agent, CreditCauses.Sync, null, null, null);
        Apply(result.Contract);
        Apply(result.Ships);
    }

    /// <summary>Gets a value indicating whether anyone listens to <see cref="ShipChanged"/> (so that no event arguments are built for nobody).</summary>
    internal bool HasShipChangedHandlers => ShipChanged is not null;

    /// <summary>Raises <see cref="ShipChanged"/> for a tracked ship.</summary>
    internal void RaiseShipChanged(TrackedShip ship, ShipChangedEventArgs args) => ShipChanged?.Invoke(ship, args);

    private static void MarkClean<T>(ConcurrentDictionary<string, TrackedValue<T>> values, IReadOnlyList<TrackedChange<T>> written)
        where T : class
    {
        foreach (var change in written)
        {
            if (values.TryGetValue(change.Key, out var tracked))
            {
                tracked.MarkClean(change);
            }
        }
    }

    private TrackedShip Merge(string shipSymbol, in ShipUpdate update)
    {
        var ship = GetShip(shipSymbol);
        ship.Apply(update);
        return ship;
    }

    private void ApplyModifiers(TrackedShip ship, IReadOnlyList<WaypointModifier>? modifiers)
    {
        if (modifiers is null || ship.WaypointSymbol is not { } waypointSymbol || !_waypoints.TryGetValue(waypointSymbol, out var tracked)
            || tracked.Value is not { } waypoint)
        {
            return;
        }

        tracked.Apply(waypoint with { Modifiers = modifiers }, _clock.GetUtcNow());
    }
}

/// <summary>Everything a store should write, from <see cref="AgentState.GetChanges"/>.</summary>
/// <param name="Agent">The agent, if it changed.</param>
/// <param name="Ships">The ships with dirty parts.</param>
/// <param name="Contracts">The contracts that changed.</param>
/// <param name="Markets">The markets that changed.</param>
/// <param name="Waypoints">The waypoints that changed.</param>
/// <param name="ScrappedShips">The ships scrapped since the store last acknowledged them (delete them).</param>
public sealed record AgentStateChanges(
    TrackedChange<Agent>? Agent,
    IReadOnlyList<ShipChanges> Ships,
    IReadOnlyList<TrackedChange<Contract>> Contracts,
    IReadOnlyList<TrackedChange<Market>> Markets,
    IReadOnlyList<TrackedChange<Waypoint>> Waypoints,
    IReadOnlyList<string> ScrappedShips)
{
    /// <summary>Gets a value indicating whether there is nothing to write.</summary>
    public bool IsEmpty =>
        Agent is null && Ships.Count == 0 && Contracts.Count == 0 && Markets.Count == 0 && Waypoints.Count == 0 && ScrappedShips.Count == 0;
}
