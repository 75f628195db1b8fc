using System.Collections.Frozen;
using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Api;

/// <summary>
/// Turns game state into the spec's JSON shapes. Called under the game's lock: every DTO is a snapshot, safe to
/// serialize after the lock is released. Immutable parts (modules, mounts, requirements) are built once.
/// </summary>
internal static class Views
{
    private const int ComponentQuality = 4;

    private static readonly FrozenDictionary<string, ModuleDto> ModuleViews =
        ShipCatalog.Modules.ToFrozenDictionary(static m => m.Symbol, static m => new ModuleDto(m.Symbol, m.Name, m.Description, m.Capacity, m.Range, Requirements(m.Requirements)), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, MountDto> MountViews =
        ShipCatalog.Mounts.ToFrozenDictionary(static m => m.Symbol, static m => new MountDto(m.Symbol, m.Name, m.Description, m.Strength, m.Deposits, Requirements(m.Requirements)), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, TradeGoodDto> GoodViews =
        TradeGoodCatalog.All.ToFrozenDictionary(static g => g.Symbol, static g => new TradeGoodDto(g.Symbol, g.Name, g.Description), StringComparer.Ordinal);

    private static readonly TraitDto[] UnchartedTraits = [Trait(TraitCatalog.Waypoint("UNCHARTED"))];

    /// <summary>Agent (own view, with the account id).</summary>
    public static AgentDto Agent(Agent agent) =>
        new(agent.AccountId, agent.Symbol, agent.Headquarters, agent.Credits, agent.StartingFaction, agent.Ships.Count);

    /// <summary>PublicAgent.</summary>
    public static PublicAgentDto PublicAgent(Agent agent) =>
        new(agent.Symbol, agent.Headquarters, agent.Credits, agent.StartingFaction, agent.Ships.Count);

    /// <summary>Faction.</summary>
    public static FactionDto Faction(FactionInfo faction, Universe universe) =>
        new(faction.Symbol, faction.Name, faction.Description,
            universe.Headquarters.TryGetValue(faction.Symbol, out var hq) ? hq.Symbol : null,
            [.. faction.Traits.Select(static t => Trait(TraitCatalog.Faction(t)))], faction.IsRecruiting);

    /// <summary>System.</summary>
    public static SystemDto System(StarSystem system)
    {
        var waypoints = new SystemWaypointDto[system.Waypoints.Count];
        for (var i = 0; i < waypoints.Length; i++)
        {
            var w = system.Waypoints[i];
            waypoints[i] = new SystemWaypointDto(w.Symbol, w.Type, w.X, w.Y, Orbitals(w), w.Orbits?.Symbol);
        }

        return new SystemDto(system.Constellation, system.Symbol, system.SectorSymbol, system.Type, system.X, system.Y, waypoints,
            [.. system.Factions.Select(static f => new SymbolDto(f))], system.Name);
    }

    /// <summary>Waypoint. Uncharted waypoints show only the UNCHARTED trait and no chart.</summary>
    public static WaypointDto Waypoint(GameState game, Waypoint waypoint, DateTimeOffset now) =>
        new(waypoint.Symbol, waypoint.Type, waypoint.System.Symbol, waypoint.X, waypoint.Y, Orbitals(waypoint), waypoint.Orbits?.Symbol,
            waypoint.Faction is null ? null : new SymbolDto(waypoint.Faction), Traits(waypoint),
            [.. game.Modifiers(waypoint, now).Select(static m => Trait(TraitCatalog.Modifier(m)))], Chart(waypoint), waypoint.IsUnderConstruction);

    /// <summary>ScannedWaypoint.</summary>
    public static ScannedWaypointDto ScannedWaypoint(Waypoint waypoint) =>
        new(waypoint.Symbol, waypoint.Type, waypoint.System.Symbol, waypoint.X, waypoint.Y, Orbitals(waypoint),
            waypoint.Faction is null ? null : new SymbolDto(waypoint.Faction), Traits(waypoint), Chart(waypoint));

    /// <summary>Chart, or null for an uncharted waypoint.</summary>
    public static ChartDto? Chart(Waypoint waypoint) =>
        waypoint.IsCharted ? new ChartDto(waypoint.Symbol, waypoint.ChartedBy ?? "UNITED", waypoint.ChartedOn) : null;

    /// <summary>Construction.</summary>
    public static ConstructionDto Construction(Construction construction) =>
        new(construction.Waypoint.Symbol, [.. construction.Materials.Select(static m => new ConstructionMaterialDto(m.TradeSymbol, m.Required, m.Fulfilled))], construction.IsComplete);

    /// <summary>Market; trade goods and transactions only when <paramref name="present"/>.</summary>
    public static MarketDto Market(Market market, bool present)
    {
        var spec = market.Spec;
        List<MarketTradeGoodDto>? goods = null;
        List<MarketTransactionDto>? transactions = null;
        if (present)
        {
            goods = new List<MarketTradeGoodDto>(market.Goods.Count);
            foreach (var good in market.Goods)
            {
                goods.Add(new MarketTradeGoodDto(good.Symbol, good.Type, good.TradeVolume, good.SupplyLevel, good.ActivityLevel, good.PurchasePrice, good.SellPrice));
            }

            transactions = [.. market.Transactions.Select(Transaction)];
        }

        return new MarketDto(market.Waypoint.Symbol, Goods(spec.Exports), Goods(spec.Imports), Goods(spec.Exchange), transactions, goods);
    }

    /// <summary>MarketTransaction.</summary>
    public static MarketTransactionDto Transaction(TransactionRecord t) =>
        new(t.WaypointSymbol, t.ShipSymbol, t.TradeSymbol, t.Type, t.Units, t.PricePerUnit, t.TotalPrice, t.Timestamp);

    /// <summary>Shipyard; ships and transactions only when <paramref name="present"/>.</summary>
    public static ShipyardDto Shipyard(Shipyard shipyard, bool present) =>
        new(shipyard.Waypoint.Symbol,
            [.. shipyard.Offers.Select(static o => new ShipTypeEntryDto(o.Spec.Type))],
            present ? [.. shipyard.Transactions.Select(ShipyardTransaction)] : null,
            present ? [.. shipyard.Offers.Select(ShipyardShip)] : null,
            shipyard.ModificationsFee);

    /// <summary>ShipyardTransaction.</summary>
    public static ShipyardTransactionDto ShipyardTransaction(ShipyardTransactionRecord t) =>
        new(t.WaypointSymbol, t.ShipSymbol, t.ShipType, t.Price, t.AgentSymbol, t.Timestamp);

    /// <summary>JumpGate.</summary>
    public static JumpGateDto JumpGate(Waypoint gate) => new(gate.Symbol, [.. gate.Connections]);

    /// <summary>Ship.</summary>
    public static ShipDto Ship(Ship ship, DateTimeOffset now) =>
        new(ship.Symbol,
            new RegistrationDto(ship.Symbol, ship.Owner.StartingFaction, ship.Role),
            Nav(ship),
            new CrewDto(ship.CrewCurrent, ship.CrewRequired, ship.CrewCapacity, "STRICT", 100, 0),
            Frame(ship.Frame, ship.FrameWear),
            Reactor(ship.Reactor, ship.ReactorWear),
            Engine(ship.Engine, ship.EngineWear),
            Modules(ship),
            Mounts(ship),
            Cargo(ship),
            Fuel(ship),
            Cooldown(ship, now));

    /// <summary>ScannedShip.</summary>
    public static ScannedShipDto ScannedShip(Ship ship) =>
        new(ship.Symbol, new RegistrationDto(ship.Symbol, ship.Owner.StartingFaction, ship.Role), Nav(ship),
            new SymbolDto(ship.Frame.Symbol), new SymbolDto(ship.Reactor.Symbol), new SymbolDto(ship.Engine.Symbol),
            [.. ship.Mounts.Select(static m => new SymbolDto(m.Symbol))]);

    /// <summary>ShipNav.</summary>
    public static NavDto Nav(Ship ship) =>
        new(ship.Location.System.Symbol, ship.Location.Symbol,
            new RouteDto(RouteWaypoint(ship.Location), RouteWaypoint(ship.Origin), ship.DepartureTime, ship.Arrival),
            ship.Status, ship.FlightMode);

    /// <summary>ShipCargo.</summary>
    public static CargoDto Cargo(Ship ship)
    {
        var items = ship.Cargo.Items;
        var inventory = new CargoItemDto[items.Count];
        for (var i = 0; i < inventory.Length; i++)
        {
            var good = GoodViews[items[i].Symbol];
            inventory[i] = new CargoItemDto(good.Symbol, good.Name, good.Description, items[i].Units);
        }

        return new CargoDto(ship.CargoCapacity, ship.Cargo.Units, inventory);
    }

    /// <summary>ShipFuel.</summary>
    public static FuelDto Fuel(Ship ship) =>
        new(ship.Fuel, ship.FuelCapacity, ship.FuelConsumed is { } amount ? new FuelConsumedDto(amount, ship.FuelConsumedAt) : null);

    /// <summary>Cooldown (remaining 0 and no expiration when the reactor is ready).</summary>
    public static CooldownDto Cooldown(Ship ship, DateTimeOffset now)
    {
        var remaining = ship.CooldownRemaining(now);
        return new CooldownDto(ship.Symbol, ship.CooldownTotalSeconds, remaining, remaining > 0 ? ship.CooldownExpiration : null);
    }

    /// <summary>The ship's modules.</summary>
    public static ModuleDto[] Modules(Ship ship)
    {
        var modules = new ModuleDto[ship.Modules.Count];
        for (var i = 0; i < modules.Length; i++)
        {
            modules[i] = ModuleViews[ship.Modules[i].Symbol];
        }

        return modules;
    }

    /// <summary>The ship's mounts.</summary>
    public static MountDto[] Mounts(Ship ship)
    {
        var mounts = new MountDto[ship.Mounts.Count];
        for (var i = 0; i < mounts.Length; i++)
        {
            mounts[i] = MountViews[ship.Mounts[i].Symbol];
        }

        return mounts;
    }

    /// <summary>ShipConditionEvent list.</summary>
    public static ShipConditionEventDto[] Events(IReadOnlyList<ConditionEvent> events)
    {
        if (events.Count == 0)
        {
            return [];
        }

        return [.. events.Select(static e => new ShipConditionEventDto(e.Symbol, e.Component, e.Name, e.Description))];
    }

    /// <summary>Survey.</summary>
    public static SurveyDto Survey(Survey survey) =>
        new(survey.Signature, survey.WaypointSymbol, [.. survey.Deposits.Select(static d => new SymbolDto(d))], survey.Expiration, survey.Size);

    /// <summary>Contract.</summary>
    public static ContractDto Contract(Contract contract) =>
        new(contract.Id, contract.Faction, contract.Type,
            new ContractTermsDto(contract.Deadline, new ContractPaymentDto(contract.OnAccepted, contract.OnFulfilled),
                [.. contract.Deliveries.Select(static d => new ContractDeliverGoodDto(d.TradeSymbol, d.Destination, d.UnitsRequired, d.UnitsFulfilled))]),
            contract.Accepted, contract.Fulfilled, contract.DeadlineToAccept, contract.DeadlineToAccept);

    /// <summary>A WaypointModifier list.</summary>
    public static TraitDto[] Modifiers(IReadOnlyList<string> modifiers) => [.. modifiers.Select(static m => Trait(TraitCatalog.Modifier(m)))];

    /// <summary>ShipyardShip.</summary>
    public static ShipyardShipDto ShipyardShip(ShipOffer offer)
    {
        var spec = offer.Spec;
        return new ShipyardShipDto(spec.Type, spec.Name, spec.Description, offer.ActivityLevel, offer.SupplyLevel, offer.Price,
            Frame(spec.Frame, null), Reactor(spec.Reactor, null), Engine(spec.Engine, null),
            [.. spec.Modules.Select(static m => ModuleViews[m.Symbol])], [.. spec.Mounts.Select(static m => MountViews[m.Symbol])],
            new ShipyardCrewDto(spec.CrewRequired, spec.CrewCapacity));
    }

    private static TraitDto Trait(TraitInfo info) => new(info.Symbol, info.Name, info.Description);

    private static TraitDto[] Traits(Waypoint waypoint) =>
        waypoint.IsCharted ? [.. waypoint.Traits.Select(static t => Trait(TraitCatalog.Waypoint(t)))] : UnchartedTraits;

    private static SymbolDto[] Orbitals(Waypoint waypoint) => [.. waypoint.Orbitals.Select(static o => new SymbolDto(o.Symbol))];

    private static TradeGoodDto[] Goods(List<string> symbols) => [.. symbols.Select(static s => GoodViews[s])];

    private static RouteWaypointDto RouteWaypoint(Waypoint w) => new(w.Symbol, w.Type, w.System.Symbol, w.X, w.Y);

    private static RequirementsDto Requirements(ComponentRequirements r) => new(r.Power, r.Crew, r.Slots);

    private static FrameDto Frame(FrameSpec f, ComponentWear? wear) =>
        new(f.Symbol, f.Name, Round(wear?.Condition ?? 1), Round(wear?.Integrity ?? 1), f.Description, f.ModuleSlots, f.MountingPoints, f.FuelCapacity, Requirements(f.Requirements), ComponentQuality);

    private static ReactorDto Reactor(ReactorSpec r, ComponentWear? wear) =>
        new(r.Symbol, r.Name, Round(wear?.Condition ?? 1), Round(wear?.Integrity ?? 1), r.Description, r.PowerOutput, Requirements(r.Requirements), ComponentQuality);

    private static EngineDto Engine(EngineSpec e, ComponentWear? wear) =>
        new(e.Symbol, e.Name, Round(wear?.Condition ?? 1), Round(wear?.Integrity ?? 1), e.Description, e.Speed, Requirements(e.Requirements), ComponentQuality);

    private static double Round(double value) => Math.Round(value, 4);
}
