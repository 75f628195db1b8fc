using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Tests.State;

/// <summary>Fixed models for the state, cache and navigation tests. Every call builds new instances (new lists too).</summary>
internal static class ShipData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ShipRequirements Requirements(int power = 1, int crew = 0, int slots = 0) => new() { Power = power, Crew = crew, Slots = slots };

    public static ShipNavRouteWaypoint RoutePoint(string symbol, int x, int y) =>
        new() { Symbol = symbol, Type = WaypointType.Planet, SystemSymbol = "X1-DF55", X = x, Y = y };

    public static ShipNav DockedAt(string waypoint = "X1-DF55-A1", int x = 0, int y = 0) => new()
    {
        SystemSymbol = "X1-DF55",
        WaypointSymbol = waypoint,
        Route = new ShipNavRoute
        {
            Origin = RoutePoint(waypoint, x, y),
            Destination = RoutePoint(waypoint, x, y),
            DepartureTime = Start.AddHours(-1),
            Arrival = Start.AddHours(-1),
        },
        Status = ShipNavStatus.Docked,
        FlightMode = ShipNavFlightMode.Cruise,
    };

    public static ShipNav InTransit(string from, string to, DateTimeOffset arrival, int toX = 30, int toY = 40) => new()
    {
        SystemSymbol = "X1-DF55",
        WaypointSymbol = to,
        Route = new ShipNavRoute
        {
            Origin = RoutePoint(from, 0, 0),
            Destination = RoutePoint(to, toX, toY),
            DepartureTime = Start,
            Arrival = arrival,
        },
        Status = ShipNavStatus.InTransit,
        FlightMode = ShipNavFlightMode.Cruise,
    };

    public static ShipCargo Cargo(int capacity = 40, params (string Good, int Units)[] items) => new()
    {
        Capacity = capacity,
        Units = items.Sum(i => i.Units),
        Inventory = [.. items.Select(i => new ShipCargoItem { Symbol = i.Good, Name = i.Good, Description = "-", Units = i.Units })],
    };

    public static ShipFuel Fuel(int current = 400, int capacity = 400, int? consumed = null) => new()
    {
        Current = current,
        Capacity = capacity,
        Consumed = consumed is { } amount ? new ShipFuelConsumed { Amount = amount, Timestamp = Start } : null,
    };

    public static Cooldown NoCooldown(string ship = "BADGER-1") => new() { ShipSymbol = ship, TotalSeconds = 0, RemainingSeconds = 0 };

    public static Cooldown CooldownUntil(DateTimeOffset expiration, int total = 70, int remaining = 70, string ship = "BADGER-1") =>
        new() { ShipSymbol = ship, TotalSeconds = total, RemainingSeconds = remaining, Expiration = expiration };

    public static IReadOnlyList<ShipMount> Mounts() =>
    [
        new ShipMount
        {
            Symbol = ShipMountSymbol.MountMiningLaserI,
            Name = "Mining Laser I",
            Description = "-",
            Strength = 10,
            Requirements = Requirements(power: 1, crew: 1),
        },
        new ShipMount
        {
            Symbol = ShipMountSymbol.MountSurveyorI,
            Name = "Surveyor I",
            Description = "-",
            Strength = 1,
            Deposits = ["IRON_ORE", "COPPER_ORE", "QUARTZ_SAND"],
            Requirements = Requirements(power: 1, crew: 2),
        },
    ];

    public static IReadOnlyList<ShipModule> Modules() =>
    [
        new ShipModule { Symbol = "MODULE_CARGO_HOLD_I", Name = "Cargo Hold", Description = "-", Capacity = 30, Requirements = Requirements(power: 1, slots: 1) },
        new ShipModule { Symbol = "MODULE_MINERAL_PROCESSOR_I", Name = "Mineral Processor", Description = "-", Requirements = Requirements(power: 1, crew: 0, slots: 2) },
    ];

    public static ShipFrame Frame(double condition = 1.0) => new()
    {
        Symbol = ShipFrameSymbol.FrameFrigate,
        Name = "Frigate",
        Condition = condition,
        Integrity = 1.0,
        Description = "-",
        ModuleSlots = 8,
        MountingPoints = 5,
        FuelCapacity = 400,
        Requirements = Requirements(power: 8, crew: 25),
        Quality = 4,
    };

    public static ShipReactor Reactor() => new()
    {
        Symbol = ShipReactorSymbol.ReactorFissionI,
        Name = "Fission Reactor I",
        Condition = 1.0,
        Integrity = 1.0,
        Description = "-",
        PowerOutput = 31,
        Requirements = Requirements(crew: 8),
        Quality = 4,
    };

    public static ShipEngine Engine(int speed = 30) => new()
    {
        Symbol = ShipEngineSymbol.EngineIonDriveII,
        Name = "Ion Drive II",
        Condition = 1.0,
        Integrity = 1.0,
        Description = "-",
        Speed = speed,
        Requirements = Requirements(power: 6, crew: 8),
        Quality = 4,
    };

    public static ShipCrew Crew() => new() { Current = 57, Required = 57, Capacity = 80, Rotation = ShipCrewRotation.Strict, Morale = 100, Wages = 0 };

    public static ShipRegistration Registration(string name = "BADGER-1") => new() { Name = name, FactionSymbol = "COSMIC", Role = ShipRole.Command };

    public static Ship Ship(string symbol = "BADGER-1") => new()
    {
        Symbol = symbol,
        Registration = Registration(symbol),
        Nav = DockedAt(),
        Crew = Crew(),
        Frame = Frame(),
        Reactor = Reactor(),
        Engine = Engine(),
        Modules = Modules(),
        Mounts = Mounts(),
        Cargo = Cargo(40, ("IRON_ORE", 10)),
        Fuel = Fuel(),
        Cooldown = NoCooldown(symbol),
    };

    public static Agent Agent(long credits = 175_000, int ships = 2) => new()
    {
        AccountId = "acc-1",
        Symbol = "BADGER",
        Headquarters = "X1-DF55-A1",
        Credits = credits,
        StartingFaction = "COSMIC",
        ShipCount = ships,
    };

    public static Contract Contract(string id = "c-1", bool accepted = false, int fulfilled = 0) => new()
    {
        Id = id,
        FactionSymbol = "COSMIC",
        Type = ContractType.Procurement,
        Terms = new ContractTerms
        {
            Deadline = Start.AddDays(7),
            Payment = new ContractPayment { OnAccepted = 10_000, OnFulfilled = 40_000 },
            Deliver =
            [
                new ContractDeliverGood { TradeSymbol = "IRON_ORE", DestinationSymbol = "X1-DF55-B2", UnitsRequired = 60, UnitsFulfilled = fulfilled },
            ],
        },
        Accepted = accepted,
        Fulfilled = false,
        DeadlineToAccept = Start.AddDays(1),
    };

    public static MarketTransaction Transaction(string type = "SELL", string good = "IRON_ORE", int units = 10, int price = 20) => new()
    {
        WaypointSymbol = "X1-DF55-A1",
        ShipSymbol = "BADGER-1",
        TradeSymbol = good,
        Type = type,
        Units = units,
        PricePerUnit = price,
        TotalPrice = units * price,
        Timestamp = Start,
    };

    public static MarketTradeGood TradeGood(string good, string type, int purchase, int sell, int volume = 20, string supply = "MODERATE", string? activity = "GROWING") => new()
    {
        Symbol = good,
        Type = type,
        TradeVolume = volume,
        Supply = supply,
        Activity = activity is null ? (ActivityLevel?)null : new ActivityLevel(activity),
        PurchasePrice = purchase,
        SellPrice = sell,
    };

    public static Market Market(string symbol, IReadOnlyList<MarketTradeGood>? goods, params (string Good, string Type)[] listing) => new()
    {
        Symbol = symbol,
        Exports = [.. listing.Where(l => l.Type == "EXPORT").Select(l => Good(l.Good))],
        Imports = [.. listing.Where(l => l.Type == "IMPORT").Select(l => Good(l.Good))],
        Exchange = [.. listing.Where(l => l.Type == "EXCHANGE").Select(l => Good(l.Good))],
        TradeGoods = goods,
        Transactions = goods is null ? null : [],
    };

    public static TradeGood Good(string symbol) => new() { Symbol = symbol, Name = symbol, Description = "-" };

    public static Waypoint Waypoint(string symbol = "X1-DF55-C3", string type = "ASTEROID", int x = 10, int y = -20, params string[] modifiers) => new()
    {
        Symbol = symbol,
        Type = type,
        SystemSymbol = "X1-DF55",
        X = x,
        Y = y,
        Orbitals = [],
        Traits = [new WaypointTrait { Symbol = "COMMON_METAL_DEPOSITS", Name = "Common Metal Deposits", Description = "-" }],
        Modifiers = [.. modifiers.Select(m => new WaypointModifier { Symbol = m, Name = m, Description = "-" })],
        IsUnderConstruction = false,
    };

    public static IReadOnlyList<ShipConditionEvent> Events(params string[] symbols) =>
        [.. symbols.Select(s => new ShipConditionEvent { Symbol = s, Component = ShipComponent.Engine, Name = s, Description = "-" })];

    public static Survey Survey(string signature, string waypoint, DateTimeOffset expiration, string size, params string[] deposits) => new()
    {
        Signature = signature,
        Symbol = waypoint,
        Deposits = [.. deposits.Select(d => new SurveyDeposit { Symbol = d })],
        Expiration = expiration,
        Size = size,
    };
}
