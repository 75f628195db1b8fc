using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// For every action that changes game state, the simplest sound read-back: what to read after an unknown outcome,
/// what in it proves the action ran or did not, and the result rebuilt from it. Used by <see cref="ActionRunner"/>.
/// </summary>
/// <remarks>
/// <para>
/// "Before" values come from the client's tracked state as it was when the action was first sent. They are sound
/// because each ship has one writer (its behaviour) and every answer is merged into the state. A read-back that
/// needs a before value the state does not have concludes <see cref="ActionOutcome.Unknown"/> unless a server
/// timestamp alone pins the action. Every read is merged into the tracked state; the agent read with a rebuilt
/// result is merged by the client with the action's cause, otherwise here as a sync, so the credit ledger always
/// ends at the server's balance.
/// </para>
/// <para>The table of what each action reads is in the SDK README (retry rules).</para>
/// </remarks>
internal sealed class ActionReadBacks
{
    private readonly IFleetApi _fleet;
    private readonly IAgentsApi _agents;
    private readonly IContractsApi _contracts;
    private readonly ISystemsApi _systems;
    private readonly AgentState? _state;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, MarketTransaction[]> _answered = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ActionReadBacks"/> class.</summary>
    /// <param name="fleet">The fleet endpoints.</param>
    /// <param name="agents">The agent endpoints.</param>
    /// <param name="contracts">The contract endpoints.</param>
    /// <param name="systems">The system endpoints (markets, shipyards, waypoints, construction sites).</param>
    /// <param name="state">The tracked state: the before values, and where every read is merged.</param>
    /// <param name="time">The client's clock.</param>
    public ActionReadBacks(IFleetApi fleet, IAgentsApi agents, IContractsApi contracts, ISystemsApi systems, AgentState? state, TimeProvider time)
    {
        _fleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        _agents = agents ?? throw new ArgumentNullException(nameof(agents));
        _contracts = contracts ?? throw new ArgumentNullException(nameof(contracts));
        _systems = systems ?? throw new ArgumentNullException(nameof(systems));
        _state = state;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many market transactions of its own answers are remembered per ship.</summary>
    internal const int AnswersKept = 16;

    // ----- Before values (taken before the first send) -----

    /// <summary>Gets what the state knows of a ship now.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <returns>The snapshot, or <see langword="null"/> when the ship is not tracked.</returns>
    public ShipSnapshot? ShipBefore(string shipSymbol)
        => _state is not null && _state.TryGetShip(shipSymbol, out var ship) ? ship.Current : null;

    /// <summary>Gets the agent as the state knows it now.</summary>
    /// <returns>The agent, or <see langword="null"/>.</returns>
    public Agent? AgentBefore() => _state?.Agent.Value;

    /// <summary>Gets a contract as the state knows it now.</summary>
    /// <param name="contractId">The contract.</param>
    /// <returns>The contract, or <see langword="null"/>.</returns>
    public Contract? ContractBefore(string contractId)
        => _state is not null && _state.TryGetContract(contractId, out var contract) ? contract.Value : null;

    /// <summary>Gets the ids of the contracts the state knows now.</summary>
    /// <returns>The ids (empty without a state).</returns>
    public IReadOnlySet<string> ContractsBefore()
        => _state is null ? new HashSet<string>() : _state.Contracts.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Gets the symbols of the ships the state knows now.</summary>
    /// <returns>The symbols (empty without a state).</returns>
    public IReadOnlySet<string> ShipsBefore()
        => _state is null ? new HashSet<string>() : _state.Ships.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Notes a market transaction a ship's action was answered with (or rebuilt with), so that a later read-back never
    /// takes it for another action's: back-to-back trades of one good in the same second (lots of the trade volume)
    /// list transactions a later action's read-back cannot tell from its own by time alone.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="transaction">The transaction, or <see langword="null"/> (an answer read without one): nothing to note.</param>
    public void Answered(string shipSymbol, MarketTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(shipSymbol);
        if (transaction is null)
        {
            return;
        }

        _answered.AddOrUpdate(
            shipSymbol,
            static (_, added) => [added],
            static (_, kept, added) => kept.Length < AnswersKept ? [.. kept, added] : [.. kept.AsSpan(1), added],
            transaction);
    }

    // ----- Trade -----

    /// <summary>
    /// <c>purchase-cargo</c>: reads the ship, the market (its recent transactions) and the agent. It ran when the hold
    /// holds <c>units</c> more of the good than before; it did not when it holds the same, unless the market lists a
    /// matching purchase by this ship stamped after the first send that no answer of the client's had (then the two
    /// disagree and the outcome is unknown). The market's newest such purchase pins the price. Without a before value,
    /// only such a transaction proves it ran.
    /// </summary>
    public Task<Reconciliation<PurchaseCargoResult>> PurchaseCargoAsync(string shipSymbol, PurchaseCargoRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
        => TradeAsync(shipSymbol, request.Symbol, request.Units, MarketTransactionType.Purchase, before, context, static (cargo, transaction, agent) => new PurchaseCargoResult { Cargo = cargo, Transaction = transaction, Agent = agent }, cancellationToken);

    /// <summary><c>sell-cargo</c>: as <see cref="PurchaseCargoAsync"/>, with <c>units</c> fewer in the hold and a sale.</summary>
    public Task<Reconciliation<SellCargoResult>> SellCargoAsync(string shipSymbol, SellCargoRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
        => TradeAsync(shipSymbol, request.Symbol, request.Units, MarketTransactionType.Sell, before, context, static (cargo, transaction, agent) => new SellCargoResult { Cargo = cargo, Transaction = transaction, Agent = agent }, cancellationToken);

    /// <summary>
    /// <c>refuel-ship</c>: reads the ship, the market (unless the fuel came from the hold) and the agent. It ran when the
    /// tank holds more than before (fuel only drops in flight, and a docked ship does not fly); it did not when it
    /// holds the same. The market's newest FUEL purchase by this ship pins the price; fuel taken from the hold is
    /// free, and its transaction is rebuilt from the FUEL the hold lost.
    /// </summary>
    public async Task<Reconciliation<RefuelShipResult>> RefuelShipAsync(string shipSymbol, RefuelShipRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var fromCargo = request.FromCargo == true;
        var market = fromCargo ? null : await ReadMarketAsync(ship.Nav.WaypointSymbol, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        var (transaction, stampedAfter) = market is null ? (null, false) : NewTransaction(market, shipSymbol, TradeSymbol.Fuel, MarketTransactionType.Purchase, units: null, context);
        var fuelBefore = before?.Fuel?.Current;
        ActionOutcome outcome;
        string finding;
        if (fuelBefore is { } had)
        {
            outcome = ship.Fuel.Current > had ? ActionOutcome.Applied
                : ship.Fuel.Current == had && !stampedAfter ? ActionOutcome.NotApplied
                : ActionOutcome.Unknown;
            finding = $"the tank went from {had} to {ship.Fuel.Current} of {ship.Fuel.Capacity}";
        }
        else
        {
            outcome = stampedAfter ? ActionOutcome.Applied : ActionOutcome.Unknown;
            finding = $"the tank holds {ship.Fuel.Current} of {ship.Fuel.Capacity}; its level before is not known";
        }

        if (fromCargo && outcome == ActionOutcome.Applied && before?.Cargo is { } cargoBefore)
        {
            var used = UnitsOf(cargoBefore, TradeSymbol.Fuel) - UnitsOf(ship.Cargo, TradeSymbol.Fuel);
            transaction = new MarketTransaction
            {
                WaypointSymbol = ship.Nav.WaypointSymbol,
                ShipSymbol = shipSymbol,
                TradeSymbol = TradeSymbol.Fuel,
                Type = MarketTransactionType.Purchase,
                Units = used,
                PricePerUnit = 0,
                TotalPrice = 0,
                Timestamp = _time.GetUtcNow(),
            };
            finding += $"; {used} FUEL left the hold";
        }

        var found = new ActionReadBack { Finding = finding + Pinned(transaction), Ship = ship, Agent = agent, Market = market };
        if (outcome == ActionOutcome.Applied && transaction is not null)
        {
            return Reconciliation<RefuelShipResult>.Applied(new RefuelShipResult { Agent = agent, Fuel = ship.Fuel, Cargo = ship.Cargo, Transaction = transaction }, found);
        }

        SyncAgent(agent);
        return new Reconciliation<RefuelShipResult>(outcome, null, found);
    }

    // ----- Cargo -----

    /// <summary><c>jettison</c>: reads the ship. It ran when the hold holds <c>units</c> fewer of the good than before; not when it holds the same.</summary>
    public async Task<Reconciliation<JettisonCargoResult>> JettisonCargoAsync(string shipSymbol, JettisonCargoRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, finding) = CargoMoved(before?.Cargo, ship.Cargo, request.Symbol, -request.Units);
        return Reconciliation<JettisonCargoResult>.From(outcome, () => new JettisonCargoResult { Cargo = ship.Cargo }, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary>
    /// <c>transfer-cargo</c>: reads the giving ship and the receiving ship's cargo. It ran when the giver holds
    /// <c>units</c> fewer of the good than before; not when it holds the same.
    /// </summary>
    public async Task<Reconciliation<TransferCargoResult>> TransferCargoAsync(string shipSymbol, TransferCargoRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var target = (await _fleet.GetMyShipCargoAsync(request.ShipSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        _state?.Apply(request.ShipSymbol, target);
        var (outcome, finding) = CargoMoved(before?.Cargo, ship.Cargo, request.TradeSymbol, -request.Units);
        return Reconciliation<TransferCargoResult>.From(outcome, () => new TransferCargoResult { Cargo = ship.Cargo, TargetCargo = target }, new ActionReadBack { Finding = finding, Ship = ship, TargetCargo = target });
    }

    /// <summary>
    /// <c>deliver-contract</c>: reads the ship and the contract. It ran when the hold holds <c>units</c> fewer of the
    /// good than before (or, without that, the contract counts <c>units</c> more delivered than the state knew); not
    /// when it holds the same.
    /// </summary>
    public async Task<Reconciliation<DeliverContractResult>> DeliverContractAsync(string contractId, DeliverContractRequest request, ShipSnapshot? before, Contract? contractBefore, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(request.ShipSymbol, context, cancellationToken).ConfigureAwait(false);
        var contract = await ReadContractAsync(contractId, context, cancellationToken).ConfigureAwait(false);
        var (outcome, finding) = CargoMoved(before?.Cargo, ship.Cargo, request.TradeSymbol, -request.Units);
        if (outcome == ActionOutcome.Unknown && contractBefore is not null)
        {
            var had = Delivered(contractBefore, request.TradeSymbol);
            var has = Delivered(contract, request.TradeSymbol);
            outcome = has == had + request.Units ? ActionOutcome.Applied : has == had ? ActionOutcome.NotApplied : ActionOutcome.Unknown;
            finding = $"the contract counts {has} {request.TradeSymbol} delivered, {had} before";
        }

        return Reconciliation<DeliverContractResult>.From(outcome, () => new DeliverContractResult { Contract = contract, Cargo = ship.Cargo }, new ActionReadBack { Finding = finding, Ship = ship, Contract = contract });
    }

    /// <summary>
    /// <c>supply-construction</c>: reads the ship and the construction site. It ran when the hold holds <c>units</c>
    /// fewer of the good than before; not when it holds the same.
    /// </summary>
    public async Task<Reconciliation<SupplyConstructionResult>> SupplyConstructionAsync(string systemSymbol, string waypointSymbol, SupplyConstructionRequest request, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(request.ShipSymbol, context, cancellationToken).ConfigureAwait(false);
        var construction = (await _systems.GetConstructionAsync(systemSymbol, waypointSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        var (outcome, finding) = CargoMoved(before?.Cargo, ship.Cargo, request.TradeSymbol, -request.Units);
        return Reconciliation<SupplyConstructionResult>.From(outcome, () => new SupplyConstructionResult { Construction = construction, Cargo = ship.Cargo }, new ActionReadBack { Finding = finding, Ship = ship, Construction = construction });
    }

    // ----- Contracts -----

    /// <summary><c>accept-contract</c>: reads the contract (and the agent, for the advance). It ran when the contract is accepted; not when it is not.</summary>
    public async Task<Reconciliation<AcceptContractResult>> AcceptContractAsync(string contractId, ReadBackContext context, CancellationToken cancellationToken)
    {
        var contract = await ReadContractAsync(contractId, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        var found = new ActionReadBack { Finding = contract.Accepted ? "the contract is accepted" : "the contract is not accepted", Contract = contract, Agent = agent };
        if (contract.Accepted)
        {
            return Reconciliation<AcceptContractResult>.Applied(new AcceptContractResult { Contract = contract, Agent = agent }, found);
        }

        SyncAgent(agent);
        return Reconciliation<AcceptContractResult>.NotApplied(found);
    }

    /// <summary><c>fulfill-contract</c>: reads the contract (and the agent, for the payment). It ran when the contract is fulfilled; not when it is not.</summary>
    public async Task<Reconciliation<FulfillContractResult>> FulfillContractAsync(string contractId, ReadBackContext context, CancellationToken cancellationToken)
    {
        var contract = await ReadContractAsync(contractId, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        var found = new ActionReadBack { Finding = contract.Fulfilled ? "the contract is fulfilled" : "the contract is not fulfilled", Contract = contract, Agent = agent };
        if (contract.Fulfilled)
        {
            return Reconciliation<FulfillContractResult>.Applied(new FulfillContractResult { Contract = contract, Agent = agent }, found);
        }

        SyncAgent(agent);
        return Reconciliation<FulfillContractResult>.NotApplied(found);
    }

    /// <summary>
    /// <c>negotiate-contract</c>: reads every contract. It ran when exactly one contract, not accepted, is new to the
    /// state; not when none is. Sound only when the state knew the agent's contracts (it tracks at least one):
    /// otherwise every contract looks new and the outcome is unknown.
    /// </summary>
    public async Task<Reconciliation<NegotiateContractResult>> NegotiateContractAsync(IReadOnlySet<string> contractsBefore, ReadBackContext context, CancellationToken cancellationToken)
    {
        var contracts = new List<Contract>();
        for (var page = 1; ; page++)
        {
            var listed = await _contracts.GetContractsAsync(page, 20, context.Priority, cancellationToken).ConfigureAwait(false);
            contracts.AddRange(listed.Data);
            _state?.Apply(listed.Data);
            if (listed.Data.Count == 0 || contracts.Count >= listed.Meta.Total)
            {
                break;
            }
        }

        var fresh = contracts.Where(c => !contractsBefore.Contains(c.Id) && !c.Accepted).ToList();
        var outcome = contractsBefore.Count == 0 ? ActionOutcome.Unknown
            : fresh.Count == 1 ? ActionOutcome.Applied
            : fresh.Count == 0 ? ActionOutcome.NotApplied
            : ActionOutcome.Unknown;
        var finding = contractsBefore.Count == 0
            ? $"{contracts.Count} contract(s) listed, but the state knew none before, so a new one cannot be told apart"
            : $"{fresh.Count} new unaccepted contract(s) among {contracts.Count}";
        return Reconciliation<NegotiateContractResult>.From(outcome, () => new NegotiateContractResult { Contract = fresh[0] }, new ActionReadBack { Finding = finding, Contracts = contracts });
    }

    // ----- Flight -----

    /// <summary>
    /// <c>navigate-ship</c>: reads the ship. It ran when the ship's waypoint is the destination (in transit to it, or
    /// arrived); not when it is still the waypoint it was at. The condition events of the flight are lost.
    /// </summary>
    public async Task<Reconciliation<NavigateShipResult>> NavigateShipAsync(string shipSymbol, string destination, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, finding) = Moved(before, ship, destination);
        return Reconciliation<NavigateShipResult>.From(outcome, () => new NavigateShipResult { Nav = ship.Nav, Fuel = ship.Fuel, Events = [] }, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary><c>warp-ship</c>: as <see cref="NavigateShipAsync"/>.</summary>
    public async Task<Reconciliation<WarpShipResult>> WarpShipAsync(string shipSymbol, string destination, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, finding) = Moved(before, ship, destination);
        return Reconciliation<WarpShipResult>.From(outcome, () => new WarpShipResult { Nav = ship.Nav, Fuel = ship.Fuel, Events = [] }, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary>
    /// <c>jump-ship</c>: reads the ship and the agent. It ran when the ship is at the destination gate; not when it is
    /// still where it was and no new cooldown runs. The antimatter's price cannot be read back (its transaction is in
    /// the market the ship has left), so a jump that ran ends in <see cref="ActionOutcome.Applied"/> without a result;
    /// the ship and the credits are current in the state.
    /// </summary>
    public async Task<Reconciliation<JumpShipResult>> JumpShipAsync(string shipSymbol, string destination, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        SyncAgent(agent);
        var (outcome, finding) = Moved(before, ship, destination);
        if (outcome == ActionOutcome.NotApplied && NewCooldown(before, ship, context))
        {
            outcome = ActionOutcome.Unknown;
            finding += ", yet a new cooldown runs";
        }

        return new Reconciliation<JumpShipResult>(outcome, null, new ActionReadBack { Finding = finding, Ship = ship, Agent = agent });
    }

    // ----- Cooldown actions -----

    /// <summary>
    /// <c>extract-resources</c>: reads the ship. It ran when a cooldown that started after the first send runs; not
    /// when none does. The yield is what the hold gained (exactly one good, against the state's cargo before); without
    /// that, it ran but the result cannot be rebuilt. Condition events and waypoint modifiers are lost.
    /// </summary>
    public async Task<Reconciliation<ExtractResourcesResult>> ExtractResourcesAsync(string shipSymbol, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, gained, finding) = Extracted(before, ship, context);
        return new(outcome, gained is { } yield
            ? new ExtractResourcesResult { Extraction = new Extraction { ShipSymbol = shipSymbol, Yield = new ExtractionYield { Symbol = yield.Good, Units = yield.Units } }, Cooldown = ship.Cooldown, Cargo = ship.Cargo, Events = [] }
            : null, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary><c>extract-resources-with-survey</c>: as <see cref="ExtractResourcesAsync"/>.</summary>
    public async Task<Reconciliation<ExtractResourcesWithSurveyResult>> ExtractResourcesWithSurveyAsync(string shipSymbol, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, gained, finding) = Extracted(before, ship, context);
        return new(outcome, gained is { } yield
            ? new ExtractResourcesWithSurveyResult { Extraction = new Extraction { ShipSymbol = shipSymbol, Yield = new ExtractionYield { Symbol = yield.Good, Units = yield.Units } }, Cooldown = ship.Cooldown, Cargo = ship.Cargo, Events = [] }
            : null, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary><c>siphon-resources</c>: as <see cref="ExtractResourcesAsync"/>.</summary>
    public async Task<Reconciliation<SiphonResourcesResult>> SiphonResourcesAsync(string shipSymbol, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var (outcome, gained, finding) = Extracted(before, ship, context);
        return new(outcome, gained is { } yield
            ? new SiphonResourcesResult { Siphon = new Siphon { ShipSymbol = shipSymbol, Yield = new SiphonYield { Symbol = yield.Good, Units = yield.Units } }, Cooldown = ship.Cooldown, Cargo = ship.Cargo, Events = [] }
            : null, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary>
    /// <c>ship-refine</c>: reads the ship. It ran when a new cooldown runs; what the hold gained is the produce and what
    /// it lost the input (against the state's cargo before; without it, the result cannot be rebuilt). When no cooldown
    /// runs at all, the one the refinement started may have run out before the read: then only the hold tells (as it
    /// is, it did not run; the input gone and the produce come, it did).
    /// </summary>
    public async Task<Reconciliation<RefineShipResult>> RefineShipAsync(string shipSymbol, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var ran = NewCooldown(before, ship, context);
        var finding = ran ? "a cooldown that started after the refinement was sent runs" : "no new cooldown runs";
        if (!ran && CooldownRuns(ship))
        {
            return Reconciliation<RefineShipResult>.NotApplied(new ActionReadBack { Finding = finding, Ship = ship });
        }

        if (before?.Cargo is not { } cargoBefore)
        {
            return ran
                ? Reconciliation<RefineShipResult>.AppliedWithoutResult(new ActionReadBack { Finding = finding + "; the hold before is not known", Ship = ship })
                : Reconciliation<RefineShipResult>.Unknown(new ActionReadBack { Finding = "no cooldown runs; the hold before is not known", Ship = ship });
        }

        var changes = CargoChanges(cargoBefore, ship.Cargo);
        if (!ran)
        {
            if (changes.Count == 0)
            {
                return Reconciliation<RefineShipResult>.NotApplied(new ActionReadBack { Finding = "no cooldown runs and the hold is as it was", Ship = ship });
            }

            if (!changes.Any(c => c.Units > 0) || !changes.Any(c => c.Units < 0))
            {
                return Reconciliation<RefineShipResult>.Unknown(new ActionReadBack { Finding = $"no cooldown runs, and the hold changed in {changes.Count} goods, not as a refinement does", Ship = ship });
            }

            finding = "no cooldown runs any more, but the hold lost the input and gained the produce";
        }
        var result = new RefineShipResult
        {
            Cargo = ship.Cargo,
            Cooldown = ship.Cooldown,
            Produced = [.. changes.Where(c => c.Units > 0).Select(c => new RefineShipItem { TradeSymbol = c.Good, Units = c.Units })],
            Consumed = [.. changes.Where(c => c.Units < 0).Select(c => new RefineShipItem { TradeSymbol = c.Good, Units = -c.Units })],
        };
        return Reconciliation<RefineShipResult>.Applied(result, new ActionReadBack { Finding = finding, Ship = ship });
    }

    /// <summary>
    /// <c>create-survey</c> and the three scans: read the ship. They ran when a new cooldown runs, but what they found
    /// (surveys, ships, systems, waypoints) cannot be read back, so that ends in <see cref="ActionOutcome.Applied"/>
    /// without a result; they did not run when no new cooldown runs.
    /// </summary>
    public async Task<Reconciliation<T>> CooldownOnlyAsync<T>(string shipSymbol, string what, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        return NewCooldown(before, ship, context)
            ? Reconciliation<T>.AppliedWithoutResult(new ActionReadBack { Finding = $"a cooldown that started after the {what} was sent runs; what it found is lost", Ship = ship })
            : Reconciliation<T>.NotApplied(new ActionReadBack { Finding = "no new cooldown runs", Ship = ship });
    }

    // ----- Ships and modifications -----

    /// <summary>
    /// <c>create-chart</c>: reads the waypoint the ship is at (and the agent). It ran when the waypoint's chart was
    /// submitted by this agent; the chart's reward cannot be read back, so that ends in
    /// <see cref="ActionOutcome.Applied"/> without a result. It did not run when the waypoint is uncharted or charted
    /// by another agent.
    /// </summary>
    public async Task<Reconciliation<CreateChartResult>> CreateChartAsync(string shipSymbol, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var waypointSymbol = before?.Nav?.WaypointSymbol ?? (await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false)).Nav.WaypointSymbol;
        var waypoint = (await _systems.GetWaypointAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        _state?.Apply(waypoint);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        SyncAgent(agent);
        var ours = waypoint.Chart is { } chart && string.Equals(chart.SubmittedBy, agent.Symbol, StringComparison.Ordinal);
        var found = new ActionReadBack
        {
            Finding = ours ? $"{waypointSymbol} is charted by {agent.Symbol}; the reward is in the credits" : $"{waypointSymbol} is not charted by {agent.Symbol}",
            Waypoint = waypoint,
            Agent = agent,
        };
        return ours ? Reconciliation<CreateChartResult>.AppliedWithoutResult(found) : Reconciliation<CreateChartResult>.NotApplied(found);
    }

    /// <summary>
    /// <c>purchase-ship</c>: reads the agent. It ran when the agent owns one ship more than the state knew; not when it
    /// owns as many. The shipyard's transaction for this agent and ship type, stamped after the first send and naming
    /// a ship the state did not know, pins the ship and its price; the ship is then read.
    /// </summary>
    public async Task<Reconciliation<PurchaseShipResult>> PurchaseShipAsync(PurchaseShipRequest request, Agent? agentBefore, IReadOnlySet<string> shipsBefore, ReadBackContext context, CancellationToken cancellationToken)
    {
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        if (agentBefore is null || agent.ShipCount != agentBefore.ShipCount + 1)
        {
            SyncAgent(agent);
            var same = agentBefore is not null && agent.ShipCount == agentBefore.ShipCount;
            var finding = agentBefore is null ? $"the agent owns {agent.ShipCount} ships; how many before is not known" : $"the agent owns {agent.ShipCount} ships, {agentBefore.ShipCount} before";
            return new(same ? ActionOutcome.NotApplied : ActionOutcome.Unknown, null, new ActionReadBack { Finding = finding, Agent = agent });
        }

        var shipyard = (await _systems.GetShipyardAsync(Symbols.SystemOf(request.WaypointSymbol), request.WaypointSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        var transaction = shipyard.Transactions?
            .Where(t => t.ShipType == request.ShipType && string.Equals(t.AgentSymbol, agent.Symbol, StringComparison.Ordinal)
                && context.MayBeAfterStart(t.Timestamp) && t.ShipSymbol is { } symbol && !shipsBefore.Contains(symbol))
            .MaxBy(t => t.Timestamp);
        var owned = $"the agent owns {agent.ShipCount} ships, {agentBefore.ShipCount} before";
        if (transaction?.ShipSymbol is not { } newShip)
        {
            SyncAgent(agent);
            return Reconciliation<PurchaseShipResult>.AppliedWithoutResult(new ActionReadBack { Finding = owned + "; the shipyard lists no matching purchase", Agent = agent, Shipyard = shipyard });
        }

        var ship = (await _fleet.GetMyShipAsync(newShip, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        var found = new ActionReadBack { Finding = $"{owned}; the shipyard sold {newShip} for {transaction.Price}", Agent = agent, Ship = ship, Shipyard = shipyard };
        return Reconciliation<PurchaseShipResult>.Applied(new PurchaseShipResult { Ship = ship, Agent = agent, Transaction = transaction }, found);
    }

    /// <summary>
    /// <c>install-mount</c>, <c>remove-mount</c>, <c>install-ship-module</c>, <c>remove-ship-module</c>: read the ship
    /// and the agent. They ran when the ship has one of the part more (install) or fewer (remove) than before; not when
    /// it has as many. The fee cannot be read back, so one that ran ends in <see cref="ActionOutcome.Applied"/> without
    /// a result; the ship and the credits are current in the state.
    /// </summary>
    public async Task<Reconciliation<T>> ModificationAsync<T>(string shipSymbol, string part, bool mount, int change, ShipSnapshot? before, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        SyncAgent(agent);
        int? had = mount ? before?.Mounts?.Count(m => m.Symbol.Value == part) : before?.Modules?.Count(m => m.Symbol.Value == part);
        var has = mount ? ship.Mounts.Count(m => m.Symbol.Value == part) : ship.Modules.Count(m => m.Symbol.Value == part);
        var outcome = had is not { } count ? ActionOutcome.Unknown
            : has == count + change ? ActionOutcome.Applied
            : has == count ? ActionOutcome.NotApplied
            : ActionOutcome.Unknown;
        var finding = had is null ? $"the ship has {has} {part}; how many before is not known" : $"the ship has {has} {part}, {had} before";
        return new(outcome, default, new ActionReadBack { Finding = finding, Ship = ship, Agent = agent });
    }

    /// <summary>
    /// <c>repair-ship</c>: no sound read-back (a repair's effect on the condition values cannot be told from wear, and
    /// its price is not readable). The ship and the agent are read so the state is current; the outcome stays unknown.
    /// </summary>
    public async Task<Reconciliation<RepairShipResult>> RepairShipAsync(string shipSymbol, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        SyncAgent(agent);
        return Reconciliation<RepairShipResult>.Unknown(new ActionReadBack { Finding = "a repair has no sound read-back; the ship and the agent were read so the state is current", Ship = ship, Agent = agent });
    }

    /// <summary>
    /// <c>scrap-ship</c>: reads the ship and the agent. It ran when the ship is gone (404), ending in
    /// <see cref="ActionOutcome.Applied"/> without a result (the price is not readable; the credits are current); it
    /// did not when the ship is still there.
    /// </summary>
    public async Task<Reconciliation<ScrapShipResult>> ScrapShipAsync(string shipSymbol, ReadBackContext context, CancellationToken cancellationToken)
    {
        Ship? ship = null;
        try
        {
            ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            _state?.MarkScrapped(shipSymbol);
        }

        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        SyncAgent(agent);
        return ship is null
            ? Reconciliation<ScrapShipResult>.AppliedWithoutResult(new ActionReadBack { Finding = $"{shipSymbol} is gone", Agent = agent })
            : Reconciliation<ScrapShipResult>.NotApplied(new ActionReadBack { Finding = $"{shipSymbol} is still there", Ship = ship, Agent = agent });
    }

    // ----- Reads -----

    private static int UnitsOf(ShipCargo cargo, TradeSymbol good)
    {
        var units = 0;
        foreach (var item in cargo.Inventory)
        {
            if (item.Symbol == good)
            {
                units += item.Units;
            }
        }

        return units;
    }

    private static int Delivered(Contract contract, TradeSymbol good)
        => contract.Terms.Deliver?.Where(d => d.TradeSymbol == good).Sum(d => d.UnitsFulfilled) ?? 0;

    private static List<(TradeSymbol Good, int Units)> CargoChanges(ShipCargo before, ShipCargo now)
    {
        var goods = before.Inventory.Select(i => i.Symbol).Concat(now.Inventory.Select(i => i.Symbol)).Distinct();
        return [.. goods.Select(good => (good, UnitsOf(now, good) - UnitsOf(before, good))).Where(c => c.Item2 != 0)];
    }

    private static (ActionOutcome Outcome, string Finding) CargoMoved(ShipCargo? before, ShipCargo now, TradeSymbol good, int change)
    {
        var has = UnitsOf(now, good);
        if (before is null)
        {
            return (ActionOutcome.Unknown, $"{has} {good} in the hold; how many before is not known");
        }

        var had = UnitsOf(before, good);
        var outcome = has == had + change ? ActionOutcome.Applied : has == had ? ActionOutcome.NotApplied : ActionOutcome.Unknown;
        return (outcome, $"{good} in the hold went from {had} to {has} (the action moves {change.ToString("+0;-0", CultureInfo.InvariantCulture)})");
    }

    private static (ActionOutcome Outcome, string Finding) Moved(ShipSnapshot? before, Ship ship, string destination)
    {
        var at = ship.Nav.WaypointSymbol;
        if (string.Equals(at, destination, StringComparison.Ordinal))
        {
            return (ActionOutcome.Applied, $"the ship is {(ship.Nav.Status == ShipNavStatus.InTransit ? "flying to" : "at")} {destination}");
        }

        return before?.Nav?.WaypointSymbol is { } from && string.Equals(at, from, StringComparison.Ordinal)
            ? (ActionOutcome.NotApplied, $"the ship is still at {from}")
            : (ActionOutcome.Unknown, $"the ship is at {at}, neither where it was nor at {destination}");
    }

    /// <summary>Tells whether the ship's cooldown started after the action was first sent and is not the one the state knew before.</summary>
    private bool NewCooldown(ShipSnapshot? before, Ship ship, ReadBackContext context)
    {
        var cooldown = ship.Cooldown;
        if (cooldown.TotalSeconds <= 0)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var expiration = cooldown.Expiration ?? now.AddSeconds(cooldown.RemainingSeconds);
        if (cooldown.Expiration is null && cooldown.RemainingSeconds <= 0)
        {
            return false;   // none running, and nothing says when the last one started
        }

        var started = expiration.AddSeconds(-cooldown.TotalSeconds);
        var known = before?.Cooldown?.Expiration is { } previous && (expiration - previous).Duration() <= TimeSpan.FromSeconds(1);
        return !known && context.MayBeAfterStart(started);
    }

    /// <summary>Tells whether the ship shows a cooldown at all (running, or with its expiration still listed).</summary>
    private static bool CooldownRuns(Ship ship) => ship.Cooldown.RemainingSeconds > 0 || ship.Cooldown.Expiration is not null;

    private (ActionOutcome Outcome, (TradeSymbol Good, int Units)? Gained, string Finding) Extracted(ShipSnapshot? before, Ship ship, ReadBackContext context)
    {
        if (!NewCooldown(before, ship, context))
        {
            if (CooldownRuns(ship))
            {
                return (ActionOutcome.NotApplied, null, "no new cooldown runs");
            }

            // No cooldown runs now: a short one the action started may have run out before this read (the read-back
            // waits a backoff, and its reads may be retried). Only the hold tells then.
            if (before?.Cargo is not { } held)
            {
                return (ActionOutcome.Unknown, null, "no cooldown runs; the hold before is not known");
            }

            return CargoChanges(held, ship.Cargo) switch
            {
                [] => (ActionOutcome.NotApplied, null, "no cooldown runs and the hold is as it was"),
                [{ Units: > 0 } grown] => (ActionOutcome.Applied, grown, $"no cooldown runs any more, but the hold gained {grown.Units} {grown.Good}"),
                var moved => (ActionOutcome.Unknown, null, $"no cooldown runs, and the hold changed in {moved.Count} goods"),
            };
        }

        const string Ran = "a cooldown that started after the action was sent runs";
        if (before?.Cargo is not { } cargoBefore)
        {
            return (ActionOutcome.Applied, null, Ran + "; the hold before is not known, so the yield is not");
        }

        var changes = CargoChanges(cargoBefore, ship.Cargo);
        return changes is [{ Units: > 0 } gained]
            ? (ActionOutcome.Applied, gained, $"{Ran}; the hold gained {gained.Units} {gained.Good}")
            : (ActionOutcome.Applied, null, $"{Ran}; the hold changed in {changes.Count} goods, so the yield is not known");
    }

    /// <summary>
    /// Finds the market's newest transaction that may be this action's: by this ship, of the good, type and units, not
    /// before the first send (allowing for the skew), and none the client was answered with before (each answer
    /// accounts for one listed transaction). Falls back to the newest matching one to pin a price.
    /// </summary>
    /// <returns>The transaction, and whether one the client has no answer for is stamped after the first send.</returns>
    private (MarketTransaction? Transaction, bool StampedAfter) NewTransaction(Market market, string shipSymbol, TradeSymbol good, MarketTransactionType type, int? units, ReadBackContext context)
    {
        var listed = market.Transactions?
            .Where(t => string.Equals(t.ShipSymbol, shipSymbol, StringComparison.Ordinal) && t.TradeSymbol == good && t.Type == type
                && (units is null || t.Units == units) && context.MayBeAfterStart(t.Timestamp))
            .ToList() ?? [];
        var newest = listed.MaxBy(t => t.Timestamp);
        if (_answered.TryGetValue(shipSymbol, out var answered))
        {
            foreach (var known in answered)
            {
                listed.Remove(known);
            }
        }

        var unanswered = listed.MaxBy(t => t.Timestamp);
        return (unanswered ?? newest, unanswered is not null && unanswered.Timestamp >= context.StartedAt);
    }

    private static string Pinned(MarketTransaction? transaction)
        => transaction is null
            ? "; the market lists no matching transaction"
            : $"; the market lists {transaction.Units} {transaction.TradeSymbol} at {transaction.PricePerUnit} ({transaction.TotalPrice} in all)";

    private async Task<Reconciliation<T>> TradeAsync<T>(
        string shipSymbol,
        TradeSymbol good,
        int units,
        MarketTransactionType type,
        ShipSnapshot? before,
        ReadBackContext context,
        Func<ShipCargo, MarketTransaction, Agent, T> build,
        CancellationToken cancellationToken)
    {
        var ship = await ReadShipAsync(shipSymbol, context, cancellationToken).ConfigureAwait(false);
        var market = await ReadMarketAsync(ship.Nav.WaypointSymbol, context, cancellationToken).ConfigureAwait(false);
        var agent = await ReadAgentAsync(context, cancellationToken).ConfigureAwait(false);
        var (transaction, stampedAfter) = NewTransaction(market, shipSymbol, good, type, units, context);
        var sign = type == MarketTransactionType.Purchase ? 1 : -1;
        var (outcome, finding) = CargoMoved(before?.Cargo, ship.Cargo, good, sign * units);
        if (before?.Cargo is null)
        {
            // No hold to compare: only a transaction stamped after the first send shows it ran.
            outcome = stampedAfter ? ActionOutcome.Applied : ActionOutcome.Unknown;
        }
        else if (outcome == ActionOutcome.NotApplied && stampedAfter)
        {
            outcome = ActionOutcome.Unknown;   // the hold and the market disagree
        }

        var found = new ActionReadBack { Finding = finding + Pinned(transaction), Ship = ship, Market = market, Agent = agent };
        if (outcome == ActionOutcome.Applied && transaction is not null)
        {
            return Reconciliation<T>.Applied(build(ship.Cargo, transaction, agent), found);
        }

        SyncAgent(agent);
        return new Reconciliation<T>(outcome, default, found);
    }

    private async Task<Ship> ReadShipAsync(string shipSymbol, ReadBackContext context, CancellationToken cancellationToken)
    {
        var ship = (await _fleet.GetMyShipAsync(shipSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        _state?.Apply(ship);
        return ship;
    }

    private async Task<Market> ReadMarketAsync(string waypointSymbol, ReadBackContext context, CancellationToken cancellationToken)
    {
        var market = (await _systems.GetMarketAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        _state?.Apply(market);
        return market;
    }

    private async Task<Contract> ReadContractAsync(string contractId, ReadBackContext context, CancellationToken cancellationToken)
    {
        var contract = (await _contracts.GetContractAsync(contractId, context.Priority, cancellationToken).ConfigureAwait(false)).Data;
        _state?.Apply(contract);
        return contract;
    }

    /// <summary>Reads the agent without merging it: with a rebuilt result the client merges it with the action's cause.</summary>
    private async Task<Agent> ReadAgentAsync(ReadBackContext context, CancellationToken cancellationToken)
        => (await _agents.GetMyAgentAsync(context.Priority, cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>Merges an agent read without a result to carry it, as a sync, so the ledger ends at the server's balance.</summary>
    private void SyncAgent(Agent agent) => _state?.Apply(agent);
}
