using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Benchmarks.Stores;

/// <summary>
/// A fleet of mining ships played as the API answers them: each cycle a ship orbits, flies to the asteroid, extracts
/// five times, flies back, docks, sells two goods, refuels and reads the market; every third cycle it also
/// refreshes itself with GET /my/ships/{shipSymbol}. Each response, in the live game's shape (only the parts the
/// endpoint returns), is merged into an <see cref="AgentState"/>, and the caller sees every request in order.
/// </summary>
/// <remarks>Deterministic for a seed: yields, prices and distances come from a seeded <see cref="Random"/>.</remarks>
internal sealed class MiningScript(int ships, int cycles, int seed)
{
    private const string System = "X1-DF55";
    private const string Market = "X1-DF55-A1";
    private const string Asteroid = "X1-DF55-B7";

    /// <summary>One request of the script.</summary>
    /// <param name="Endpoint">The endpoint template.</param>
    /// <param name="Ship">The ship the response merged into, when it carried ship parts.</param>
    /// <param name="CreditChange">The agent's credit change, when the response carried the agent.</param>
    /// <param name="Agent">The agent after the response, when it carried the agent.</param>
    public sealed record Request(string Endpoint, TrackedShip? Ship, long CreditChange, Agent? Agent);

    /// <summary>Plays the script against <paramref name="state"/>, calling <paramref name="onRequest"/> after each response is merged.</summary>
    /// <param name="state">The state to merge into (its clock must be a <see cref="ScriptClock"/>).</param>
    /// <param name="clock">The state's clock, moved by the script.</param>
    /// <param name="onRequest">Called after every request.</param>
    public void Play(AgentState state, ScriptClock clock, Action<Request> onRequest)
    {
        var random = new Random(seed);
        var agent = new Agent { AccountId = "acc-1", Symbol = "BADGER", Headquarters = Market, Credits = 175_000, StartingFaction = new FactionSymbol("COSMIC"), ShipCount = ships };
        state.Apply(agent);
        var symbols = Enumerable.Range(1, ships).Select(i => $"BADGER-{i}").ToArray();
        foreach (var symbol in symbols)
        {
            state.Apply(Ship(symbol, clock.GetUtcNow()));
        }

        foreach (var symbol in symbols)
        {
            state.GetShip(symbol).MarkClean(ShipParts.All, long.MaxValue);   // the fleet as loaded at start is already stored
        }

        for (var cycle = 0; cycle < cycles; cycle++)
        {
            foreach (var symbol in symbols)
            {
                var ship = state.GetShip(symbol);
                var fuel = ship.Current.Fuel!.Current;
                var distance = 20 + random.Next(30);

                clock.Advance(TimeSpan.FromSeconds(1));
                onRequest(new("/my/ships/{shipSymbol}/orbit", state.Apply(symbol, new OrbitShipResult { Nav = Nav(Market, Market, ShipNavStatus.InOrbit, clock.GetUtcNow()) }), 0, null));

                fuel -= distance;
                onRequest(new("/my/ships/{shipSymbol}/navigate", state.Apply(symbol, new NavigateShipResult
                {
                    Nav = Nav(Market, Asteroid, ShipNavStatus.InTransit, clock.GetUtcNow()),
                    Fuel = new ShipFuel { Current = fuel, Capacity = 400, Consumed = new ShipFuelConsumed { Amount = distance, Timestamp = clock.GetUtcNow() } },
                    Events = [],
                }), 0, null));

                clock.Advance(TimeSpan.FromSeconds(60));
                var cargo = ship.Current.Cargo!;
                for (var i = 0; i < 5; i++)
                {
                    var good = random.Next(2) == 0 ? TradeSymbol.IronOre : TradeSymbol.CopperOre;
                    var units = Math.Min(3 + random.Next(6), cargo.Capacity - cargo.Units);
                    cargo = Add(cargo, good, units);
                    onRequest(new("/my/ships/{shipSymbol}/extract", state.Apply(symbol, new ExtractResourcesResult
                    {
                        Extraction = new Extraction { ShipSymbol = symbol, Yield = new ExtractionYield { Symbol = good, Units = units } },
                        Cooldown = new Cooldown { ShipSymbol = symbol, TotalSeconds = 70, RemainingSeconds = 70, Expiration = clock.GetUtcNow().AddSeconds(70) },
                        Cargo = cargo,
                        Events = [],
                    }), 0, null));
                    clock.Advance(TimeSpan.FromSeconds(70));
                }

                fuel -= distance;
                onRequest(new("/my/ships/{shipSymbol}/navigate", state.Apply(symbol, new NavigateShipResult
                {
                    Nav = Nav(Asteroid, Market, ShipNavStatus.InTransit, clock.GetUtcNow()),
                    Fuel = new ShipFuel { Current = fuel, Capacity = 400, Consumed = new ShipFuelConsumed { Amount = distance, Timestamp = clock.GetUtcNow() } },
                    Events = [],
                }), 0, null));

                clock.Advance(TimeSpan.FromSeconds(60));
                onRequest(new("/my/ships/{shipSymbol}/dock", state.Apply(symbol, new DockShipResult { Nav = Nav(Market, Market, ShipNavStatus.Docked, clock.GetUtcNow()) }), 0, null));

                foreach (var item in cargo.Inventory.ToArray())
                {
                    var price = 30 + random.Next(20);
                    cargo = Add(cargo, item.Symbol, -item.Units);
                    agent = agent with { Credits = agent.Credits + (price * item.Units) };
                    var sold = state.Apply(symbol, new SellCargoResult { Cargo = cargo, Agent = agent, Transaction = Transaction(symbol, item.Symbol, MarketTransactionType.Sell, item.Units, price, clock.GetUtcNow()) });
                    onRequest(new("/my/ships/{shipSymbol}/sell", sold, price * item.Units, agent));
                }

                var refuel = 400 - fuel;
                var fuelCost = ((refuel + 99) / 100) * 72;
                fuel = 400;
                agent = agent with { Credits = agent.Credits - fuelCost };
                var refuelled = state.Apply(symbol, new RefuelShipResult
                {
                    Agent = agent,
                    Fuel = new ShipFuel { Current = fuel, Capacity = 400, Consumed = ship.Current.Fuel!.Consumed },
                    Transaction = Transaction(symbol, TradeSymbol.Fuel, MarketTransactionType.Purchase, (refuel + 99) / 100, 72, clock.GetUtcNow()),
                });
                onRequest(new("/my/ships/{shipSymbol}/refuel", refuelled, -fuelCost, agent));

                onRequest(new("/systems/{systemSymbol}/waypoints/{waypointSymbol}/market", null, 0, null));

                if (cycle % 3 == 2)
                {
                    // A refresh that tells nothing new: the tracked ship already knows every part.
                    onRequest(new("/my/ships/{shipSymbol}", state.Apply(ship.Current.ToShip()!), 0, null));
                }
            }
        }
    }

    private static ShipCargo Add(ShipCargo cargo, TradeSymbol good, int units)
    {
        var inventory = cargo.Inventory.ToList();
        var index = inventory.FindIndex(i => i.Symbol == good);
        if (index < 0)
        {
            inventory.Add(new ShipCargoItem { Symbol = good, Name = good.ToString(), Description = "-", Units = units });
        }
        else if (inventory[index].Units + units == 0)
        {
            inventory.RemoveAt(index);
        }
        else
        {
            inventory[index] = inventory[index] with { Units = inventory[index].Units + units };
        }

        return cargo with { Units = cargo.Units + units, Inventory = inventory };
    }

    private static MarketTransaction Transaction(string ship, TradeSymbol good, MarketTransactionType type, int units, int price, DateTimeOffset at) => new()
    {
        WaypointSymbol = Market,
        ShipSymbol = ship,
        TradeSymbol = good,
        Type = type,
        Units = units,
        PricePerUnit = price,
        TotalPrice = units * price,
        Timestamp = at,
    };

    private static ShipNav Nav(string from, string to, ShipNavStatus status, DateTimeOffset at) => new()
    {
        SystemSymbol = System,
        WaypointSymbol = to,
        Route = new ShipNavRoute
        {
            Origin = Point(from),
            Destination = Point(to),
            DepartureTime = at,
            Arrival = status == ShipNavStatus.InTransit ? at.AddSeconds(60) : at,
        },
        Status = status,
        FlightMode = ShipNavFlightMode.Cruise,
    };

    private static ShipNavRouteWaypoint Point(string symbol) => new()
    {
        Symbol = symbol,
        Type = symbol == Market ? WaypointType.Planet : WaypointType.EngineeredAsteroid,
        SystemSymbol = System,
        X = symbol == Market ? 0 : 30,
        Y = symbol == Market ? 0 : 40,
    };

    private static Ship Ship(string symbol, DateTimeOffset at)
    {
        var requirements = new ShipRequirements { Power = 1, Crew = 0, Slots = 1 };
        return new Ship
        {
            Symbol = symbol,
            Registration = new ShipRegistration { Name = symbol, FactionSymbol = "COSMIC", Role = ShipRole.Excavator },
            Nav = Nav(Market, Market, ShipNavStatus.Docked, at),
            Crew = new ShipCrew { Current = 0, Required = 0, Capacity = 0, Rotation = ShipCrewRotation.Strict, Morale = 100, Wages = 0 },
            Frame = new ShipFrame { Symbol = ShipFrameSymbol.FrameDrone, Name = "Drone", Condition = 1, Integrity = 1, Description = "-", ModuleSlots = 2, MountingPoints = 1, FuelCapacity = 400, Requirements = requirements, Quality = 1 },
            Reactor = new ShipReactor { Symbol = ShipReactorSymbol.ReactorSolarI, Name = "Solar", Condition = 1, Integrity = 1, Description = "-", PowerOutput = 3, Requirements = requirements, Quality = 1 },
            Engine = new ShipEngine { Symbol = ShipEngineSymbol.EngineImpulseDriveI, Name = "Impulse", Condition = 1, Integrity = 1, Description = "-", Speed = 10, Requirements = requirements, Quality = 1 },
            Modules = [new ShipModule { Symbol = "MODULE_CARGO_HOLD_I", Name = "Hold", Description = "-", Capacity = 30, Requirements = requirements }],
            Mounts = [new ShipMount { Symbol = ShipMountSymbol.MountMiningLaserI, Name = "Laser", Description = "-", Strength = 10, Requirements = requirements }],
            Cargo = new ShipCargo { Capacity = 30, Units = 0, Inventory = [] },
            Fuel = new ShipFuel { Current = 400, Capacity = 400 },
            Cooldown = new Cooldown { ShipSymbol = symbol, TotalSeconds = 0, RemainingSeconds = 0 },
        };
    }
}

/// <summary>A clock the script moves by hand.</summary>
internal sealed class ScriptClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
