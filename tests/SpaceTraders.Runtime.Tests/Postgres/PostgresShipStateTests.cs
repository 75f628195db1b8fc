using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Tracked SDK state written through the store: only the dirty parts become rows, a refresh that changes nothing
/// writes nothing, and the parts are marked clean once durable.
/// </summary>
[TestFixture]
public sealed class PostgresShipStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Only_dirty_parts_are_written_and_a_refresh_that_changes_nothing_writes_nothing()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var state = new AgentState(new FakeTimeProvider(T0));

        var ship = state.Apply(Ship("BADGER-1"));
        var first = await WriteAsync(store, ship);

        state.Apply(ship.Current.ToShip()! with { });                 // GET /my/ships/BADGER-1: the same values in new instances
        var refresh = await WriteAsync(store, ship);

        state.Apply("BADGER-1", new NavigateShipResult
        {
            Nav = Nav("X1-DF55-B7", ShipNavStatus.InTransit),
            Fuel = new ShipFuel { Current = 350, Capacity = 400, Consumed = new ShipFuelConsumed { Amount = 50, Timestamp = T0 } },
            Events = [],
        });
        var navigate = await WriteAsync(store, ship);

        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.EqualTo(11), "a new ship: every part");
            Assert.That(refresh, Is.Zero, "nothing changed, nothing written");
            Assert.That(navigate, Is.EqualTo(2), "navigate changes nav and fuel");
            Assert.That(ship.IsDirty, Is.False, "marked clean once durable");
            var nav = await TestDatabase.QueryAsync(options.ConnectionString!, "SELECT version, data->>'status' FROM spacetraders.ship_parts WHERE part = 'nav'", r => (r.GetInt64(0), r.GetString(1)));
            Assert.That(nav, Is.EqualTo(new[] { (ship.Current.GetVersion(ShipParts.Nav), "IN_TRANSIT") }));
        });
    }

    /// <summary>Appends the ship's dirty parts as the runtime does and returns the part rows the store wrote for them.</summary>
    private static async Task<long> WriteAsync(IRecordSink store, TrackedShip ship)
    {
        var before = store.GetStatistics().RowsWritten.GetValueOrDefault(StoreTables.ShipParts);
        if (ship.GetChanges() is { } changes)
        {
            var parts = new List<ShipPartValue>();
            foreach (var (part, name) in ShipPartsWriter.Parts.Where(p => (changes.Parts & p.Part) != 0))
            {
                parts.Add(new ShipPartValue(name, changes.Snapshot.GetVersion(part), ShipPartsWriter.PartJson(changes.Snapshot, part) ?? "null"));
            }

            store.Append(new ShipPartsRecord("BADGER", ship.Symbol, parts, T0) { OnDurable = () => ship.MarkClean(changes) });
        }

        await store.FlushAsync(Ct);
        return store.GetStatistics().RowsWritten.GetValueOrDefault(StoreTables.ShipParts) - before;
    }

    private static ShipNav Nav(string waypoint, ShipNavStatus status) => new()
    {
        SystemSymbol = "X1-DF55",
        WaypointSymbol = waypoint,
        Route = new ShipNavRoute
        {
            Origin = Point("X1-DF55-A1"),
            Destination = Point(waypoint),
            DepartureTime = T0,
            Arrival = T0.AddSeconds(60),
        },
        Status = status,
        FlightMode = ShipNavFlightMode.Cruise,
    };

    private static ShipNavRouteWaypoint Point(string symbol) => new() { Symbol = symbol, Type = WaypointType.Planet, SystemSymbol = "X1-DF55", X = 0, Y = 0 };

    private static Ship Ship(string symbol)
    {
        var requirements = new ShipRequirements { Power = 1, Crew = 0, Slots = 1 };
        return new Ship
        {
            Symbol = symbol,
            Registration = new ShipRegistration { Name = symbol, FactionSymbol = "COSMIC", Role = ShipRole.Excavator },
            Nav = Nav("X1-DF55-A1", ShipNavStatus.Docked),
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
