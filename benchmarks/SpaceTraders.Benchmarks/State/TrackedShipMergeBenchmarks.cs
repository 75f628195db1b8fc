using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Benchmarks.State;

/// <summary>
/// The cost of merging a navigate response into a tracked ship: a real change (nav and fuel differ, a new
/// snapshot is swapped in and the parts are marked dirty) and a repeat of what is already known (compared part
/// by part, nothing changes). Also the store's side: reading the dirty parts and marking them clean.
/// </summary>
[MemoryDiagnoser]
public class TrackedShipMergeBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private AgentState _state = null!;
    private TrackedShip _ship = null!;
    private NavigateShipResult _there = null!;
    private NavigateShipResult _back = null!;
    private NavigateShipResult _thereAgain = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _state = new AgentState(TimeProvider.System);
        _ship = _state.Apply(Ship());
        _there = Navigate("X1-DF55-B2", 30, 40, fuel: 350);
        _back = Navigate("X1-DF55-A1", 0, 0, fuel: 300);
        _thereAgain = Navigate("X1-DF55-B2", 30, 40, fuel: 350);   // equal to _there, in new instances
        _state.Apply("BADGER-1", _there);
    }

    [Benchmark(Description = "Apply navigate (nav + fuel change)")]
    public ShipParts MergeChange()
    {
        _flip = !_flip;
        return _state.Apply("BADGER-1", _flip ? _back : _there).DirtyParts;
    }

    [Benchmark(Description = "Apply navigate (same values, no change)")]
    public long MergeNoChange()
    {
        _state.Apply("BADGER-1", _thereAgain);
        return _ship.Version;
    }

    [Benchmark(Description = "Store: GetChanges + MarkClean")]
    public ShipParts ReadAndClean()
    {
        _flip = !_flip;
        _state.Apply("BADGER-1", _flip ? _back : _there);
        var changes = _ship.GetChanges()!;
        _ship.MarkClean(changes);
        return changes.Parts;
    }

    private static NavigateShipResult Navigate(string to, int x, int y, int fuel) => new()
    {
        Nav = new ShipNav
        {
            SystemSymbol = "X1-DF55",
            WaypointSymbol = to,
            Route = new ShipNavRoute
            {
                Origin = Point("X1-DF55-A1", 0, 0),
                Destination = Point(to, x, y),
                DepartureTime = Start,
                Arrival = Start.AddSeconds(57),
            },
            Status = ShipNavStatus.InTransit,
            FlightMode = ShipNavFlightMode.Cruise,
        },
        Fuel = new ShipFuel { Current = fuel, Capacity = 400, Consumed = new ShipFuelConsumed { Amount = 50, Timestamp = Start } },
        Events = [],
    };

    private static ShipNavRouteWaypoint Point(string symbol, int x, int y) =>
        new() { Symbol = symbol, Type = WaypointType.Planet, SystemSymbol = "X1-DF55", X = x, Y = y };

    private static Ship Ship()
    {
        var requirements = new ShipRequirements { Power = 1, Crew = 1, Slots = 1 };
        return new Ship
        {
            Symbol = "BADGER-1",
            Registration = new ShipRegistration { Name = "BADGER-1", FactionSymbol = "COSMIC", Role = ShipRole.Command },
            Nav = Navigate("X1-DF55-A1", 0, 0, 400).Nav with { Status = ShipNavStatus.Docked },
            Crew = new ShipCrew { Current = 57, Required = 57, Capacity = 80, Rotation = ShipCrewRotation.Strict, Morale = 100, Wages = 0 },
            Frame = new ShipFrame { Symbol = ShipFrameSymbol.FrameFrigate, Name = "Frigate", Condition = 1, Integrity = 1, Description = "-", ModuleSlots = 8, MountingPoints = 5, FuelCapacity = 400, Requirements = requirements, Quality = 4 },
            Reactor = new ShipReactor { Symbol = ShipReactorSymbol.ReactorFissionI, Name = "Fission", Condition = 1, Integrity = 1, Description = "-", PowerOutput = 31, Requirements = requirements, Quality = 4 },
            Engine = new ShipEngine { Symbol = ShipEngineSymbol.EngineIonDriveII, Name = "Ion II", Condition = 1, Integrity = 1, Description = "-", Speed = 30, Requirements = requirements, Quality = 4 },
            Modules = [new ShipModule { Symbol = "MODULE_CARGO_HOLD_I", Name = "Hold", Description = "-", Capacity = 30, Requirements = requirements }],
            Mounts = [new ShipMount { Symbol = ShipMountSymbol.MountMiningLaserI, Name = "Laser", Description = "-", Strength = 10, Requirements = requirements }],
            Cargo = new ShipCargo { Capacity = 40, Units = 0, Inventory = [] },
            Fuel = new ShipFuel { Current = 400, Capacity = 400 },
            Cooldown = new Cooldown { ShipSymbol = "BADGER-1", TotalSeconds = 0, RemainingSeconds = 0 },
        };
    }
}
