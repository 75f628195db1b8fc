using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.State;

/// <summary>Dirty semantics, versions, change events, concurrency and the time-aware answers of a tracked ship.</summary>
[TestFixture]
public sealed class TrackedShipTests
{
    private FakeTimeProvider _clock = null!;
    private AgentState _state = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _state = new AgentState(_clock);
    }

    [Test]
    public void A_new_ship_has_every_part_dirty_at_version_1()
    {
        var ship = _state.Apply(Ship());

        Assert.That(ship.Version, Is.EqualTo(1));
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.All));
        Assert.That(ship.Current.GetVersion(ShipParts.Cargo), Is.EqualTo(1));
        Assert.That(() => ship.Current.GetVersion(ShipParts.Cargo | ShipParts.Nav), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_refresh_with_the_same_values_in_new_instances_marks_nothing()
    {
        var ship = _state.Apply(Ship());
        ship.MarkClean(ship.GetChanges()!);
        var before = ship.Current;

        _state.Apply(Ship());   // every record and every list is a new instance with equal values

        Assert.That(ship.IsDirty, Is.False);
        Assert.That(ship.GetChanges(), Is.Null);
        Assert.That(ship.Version, Is.EqualTo(1));
        Assert.That(ship.Current, Is.SameAs(before), "no new snapshot for a no-op");
    }

    /// <summary>
    /// A part whose lists have no order in the game, received again in another order, is no change: no new version,
    /// nothing dirty, no new snapshot, no change event (the live server lists a hold's goods in no stable order:
    /// eseidel/space_traders logged "Server is returning ship inventories with an unstable sort"). A real change to
    /// the same part still counts.
    /// </summary>
    [TestCaseSource(nameof(PartsListedInAnotherOrder))]
    public void The_same_part_listed_in_another_order_marks_nothing(Ship first, Ship reordered, Ship changed, ShipParts part)
    {
        var ship = _state.Apply(first);
        ship.MarkClean(ship.GetChanges()!);
        var before = ship.Current;
        var raised = 0;
        ship.Changed += (_, _) => raised++;

        _state.Apply(reordered);

        Assert.Multiple(() =>
        {
            Assert.That(ship.IsDirty, Is.False);
            Assert.That(ship.Version, Is.EqualTo(1));
            Assert.That(ship.Current, Is.SameAs(before), "no new snapshot");
            Assert.That(raised, Is.Zero, "no change event");
        });

        _state.Apply(changed);

        Assert.That(ship.DirtyParts, Is.EqualTo(part), "a real change still counts");
        Assert.That(raised, Is.EqualTo(1));
    }

    /// <summary>
    /// Condition events are not a part, but the same events in another order keep the snapshot as it is (the events
    /// of one action happen together); other events replace the last ones, still without a new version.
    /// </summary>
    [Test]
    public void The_same_events_in_another_order_keep_the_snapshot()
    {
        var ship = _state.Apply(Ship());
        var nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(60));
        _state.Apply("BADGER-1", new NavigateShipResult { Nav = nav, Fuel = Fuel(350), Events = Events("ENGINE_WEAR", "FRAME_DAMAGE", "REACTOR_WEAR") });
        ship.MarkClean(ship.GetChanges()!);
        var before = ship.Current;

        _state.Apply("BADGER-1", new NavigateShipResult { Nav = nav, Fuel = Fuel(350), Events = Events("REACTOR_WEAR", "ENGINE_WEAR", "FRAME_DAMAGE") });

        Assert.That(ship.Current, Is.SameAs(before), "no new snapshot");

        _state.Apply("BADGER-1", new NavigateShipResult { Nav = nav, Fuel = Fuel(350), Events = Events("ENGINE_WEAR") });

        Assert.That(ship.Current.LastEvents.Select(e => e.Symbol.Value), Is.EqualTo(new[] { "ENGINE_WEAR" }));
        Assert.That(ship.Current.Version, Is.EqualTo(before.Version));
        Assert.That(ship.IsDirty, Is.False);
    }

    /// <summary>
    /// A hold that changed keeps its goods in the order they came aboard, whatever order the server lists them in:
    /// code that walks the hold (selling it in turn) does the same thing in the same order against a server that
    /// reorders lists (the simulator's <c>reorder</c> profile moved week 12's figures through the order of its sales).
    /// </summary>
    [Test]
    public void A_changed_hold_keeps_its_goods_in_the_order_they_came_aboard()
    {
        var ship = _state.Apply(Ship() with { Cargo = Cargo(40, ("IRON_ORE", 5), ("COPPER_ORE", 3), ("QUARTZ_SAND", 2)) });
        string[] Goods() => [.. ship.Current.Cargo!.Inventory.Select(i => i.Symbol.Value)];

        _state.Apply(Ship() with { Cargo = Cargo(40, ("QUARTZ_SAND", 2), ("ICE_WATER", 4), ("IRON_ORE", 9), ("SILICON_CRYSTALS", 1), ("COPPER_ORE", 3)) });

        Assert.That(Goods(), Is.EqualTo(new[] { "IRON_ORE", "COPPER_ORE", "QUARTZ_SAND", "ICE_WATER", "SILICON_CRYSTALS" }), "held goods in place, new ones last as sent");
        Assert.That(ship.Current.Cargo!.Inventory.Single(i => i.Symbol.Value == "IRON_ORE").Units, Is.EqualTo(9), "the new units");
        Assert.That(ship.Current.Cargo.Units, Is.EqualTo(19));

        _state.Apply(Ship() with { Cargo = Cargo(40, ("SILICON_CRYSTALS", 1), ("ICE_WATER", 4), ("QUARTZ_SAND", 1), ("IRON_ORE", 9)) });

        Assert.That(Goods(), Is.EqualTo(new[] { "IRON_ORE", "QUARTZ_SAND", "ICE_WATER", "SILICON_CRYSTALS" }), "a good sold out leaves, the others keep their order");

        var asSent = Cargo(40, ("IRON_ORE", 8), ("QUARTZ_SAND", 1), ("ICE_WATER", 4), ("SILICON_CRYSTALS", 1));
        _state.Apply(Ship() with { Cargo = asSent });

        Assert.That(ship.Current.Cargo, Is.SameAs(asSent), "a hold sent in the kept order is taken as it is");
    }

    [Test]
    public void A_change_marks_only_its_part()
    {
        var ship = _state.Apply(Ship());
        ship.MarkClean(ship.GetChanges()!);

        _state.Apply(Ship() with { Cargo = Cargo(40, ("IRON_ORE", 11)) });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cargo));
        Assert.That(ship.Version, Is.EqualTo(2));
        Assert.That(ship.Current.GetVersion(ShipParts.Cargo), Is.EqualTo(2));
        Assert.That(ship.Current.GetVersion(ShipParts.Nav), Is.EqualTo(1));
    }

    [Test]
    public void Nested_lists_compare_by_value()
    {
        var ship = _state.Apply(Ship());
        ship.MarkClean(ship.GetChanges()!);

        var mounts = Mounts();
        var otherDeposits = mounts.Select((m, i) => i == 1 ? m with { Deposits = ["IRON_ORE", "COPPER_ORE", "GOLD_ORE"] } : m).ToArray();
        _state.Apply("BADGER-1", Mounts());
        Assert.That(ship.IsDirty, Is.False, "equal mounts with equal deposit lists");

        _state.Apply("BADGER-1", otherDeposits);
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Mounts), "one deposit differs inside a mount");
    }

    [Test]
    public void Cleaning_after_a_write_keeps_changes_made_during_the_write_dirty()
    {
        var ship = _state.Apply(Ship());
        ship.MarkClean(ship.GetChanges()!);
        _state.Apply("BADGER-1", new NavigateShipResult { Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(60)), Fuel = Fuel(350), Events = [] });

        var read = ship.GetChanges()!;                 // the store reads nav + fuel at version 2 ...
        Assert.That(read.Parts, Is.EqualTo(ShipParts.Nav | ShipParts.Fuel));
        _state.Apply("BADGER-1", new PatchShipNavResult     // ... a flight-mode change lands while it writes ...
        {
            Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(40)) with { FlightMode = ShipNavFlightMode.Burn },
            Fuel = Fuel(350),
            Events = [],
        });
        ship.MarkClean(read);                          // ... and then it marks what it wrote clean.

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Nav), "the nav changed again after the read; the fuel did not");
        Assert.That(ship.GetChanges()!.Snapshot.Nav!.FlightMode, Is.EqualTo(ShipNavFlightMode.Burn));
    }

    [Test]
    public void Cleaning_only_some_parts_leaves_the_others_dirty()
    {
        var ship = _state.Apply(Ship());

        ship.MarkClean(ShipParts.Nav | ShipParts.Fuel, ship.Version);

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.All & ~(ShipParts.Nav | ShipParts.Fuel)));
        Assert.That(() => ship.MarkClean(new ShipChanges("BADGER-2", ShipParts.All, ship.Current)), Throws.ArgumentException);
    }

    [Test]
    public void A_cooldown_refresh_that_only_counts_down_marks_nothing()
    {
        var ship = _state.Apply(Ship() with { Cooldown = CooldownUntil(Start.AddSeconds(70), 70, 70) });
        ship.MarkClean(ship.GetChanges()!);

        _clock.Advance(TimeSpan.FromSeconds(20));
        _state.Apply("BADGER-1", CooldownUntil(Start.AddSeconds(70), 70, 50));

        Assert.That(ship.IsDirty, Is.False);
        Assert.That(ship.CooldownRemaining, Is.EqualTo(TimeSpan.FromSeconds(50)));
    }

    [Test]
    public void A_cooldown_without_an_expiration_gets_one_from_the_clock()
    {
        var ship = _state.Apply("BADGER-1", new Cooldown { ShipSymbol = "BADGER-1", TotalSeconds = 60, RemainingSeconds = 42 });

        Assert.That(ship.Current.Cooldown!.Expiration, Is.EqualTo(Start.AddSeconds(42)));
        Assert.That(ship.CooldownExpiration, Is.EqualTo(Start.AddSeconds(42)));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.That(ship.CooldownRemaining, Is.EqualTo(TimeSpan.FromSeconds(2)));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That(ship.IsOnCooldown, Is.False);
        Assert.That(ship.CooldownExpiration, Is.Null);
    }

    [Test]
    public void Transit_is_over_once_the_arrival_passes_without_a_request()
    {
        var ship = _state.Apply(Ship());
        _state.Apply("BADGER-1", new NavigateShipResult { Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(57)), Fuel = Fuel(350), Events = [] });

        Assert.That(ship.IsInTransit, Is.True);
        Assert.That(ship.TimeToArrival, Is.EqualTo(TimeSpan.FromSeconds(57)));
        Assert.That(ship.Status, Is.EqualTo(ShipNavStatus.InTransit));

        _clock.Advance(TimeSpan.FromSeconds(56));
        Assert.That(ship.TimeToArrival, Is.EqualTo(TimeSpan.FromSeconds(1)));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(ship.IsInTransit, Is.False);
        Assert.That(ship.TimeToArrival, Is.EqualTo(TimeSpan.Zero));
        Assert.That(ship.Status, Is.EqualTo(ShipNavStatus.InOrbit));
        Assert.That(ship.WaypointSymbol, Is.EqualTo("X1-DF55-B2"));
    }

    [Test]
    public void Cargo_and_fuel_answers_come_from_local_state()
    {
        var ship = _state.Apply(Ship() with { Cargo = Cargo(40, ("IRON_ORE", 10), ("COPPER_ORE", 5)), Fuel = Fuel(40, 400) });
        var b2 = new WaypointPosition("X1-DF55-B2", "X1-DF55", 30, 40);   // 50 away from A1 at (0, 0)

        Assert.That(ship.CargoFree, Is.EqualTo(25));
        Assert.That(ship.CargoUnitsOf("COPPER_ORE"), Is.EqualTo(5));
        Assert.That(ship.CargoUnitsOf("GOLD_ORE"), Is.Zero);
        Assert.That(ship.FuelNeededFor(b2), Is.EqualTo(50), "the ship's mode, CRUISE: round(50)");
        Assert.That(ship.FuelNeededFor(b2, ShipNavFlightMode.Burn), Is.EqualTo(100));
        Assert.That(ship.FuelNeededFor(b2, ShipNavFlightMode.Drift), Is.EqualTo(1));
        Assert.That(ship.CanReach(b2), Is.False, "40 fuel, 50 needed");
        Assert.That(ship.CanReach(b2, ShipNavFlightMode.Drift), Is.True);
        Assert.That(ship.TravelTimeTo(b2), Is.EqualTo(TimeSpan.FromSeconds(57)), "50 × 25 / 30 + 15 = 56.7");
    }

    [Test]
    public void A_probe_needs_no_fuel()
    {
        var probe = _state.Apply(Ship("BADGER-2") with { Fuel = Fuel(0, 0) });

        Assert.That(probe.FuelNeededFor(500, 500, ShipNavFlightMode.Burn), Is.Zero);
        Assert.That(probe.CanReach(new WaypointPosition("X1-DF55-Z9", "X1-DF55", 500, 500)), Is.True);
    }

    [Test]
    public void The_change_event_reports_the_changed_parts_once_per_real_change()
    {
        var ship = _state.Apply(Ship());
        var seen = new List<ShipParts>();
        var forwarded = new List<string>();
        ship.Changed += (_, e) => seen.Add(e.Parts);
        _state.ShipChanged += (_, e) => forwarded.Add(e.ShipSymbol);

        _state.Apply("BADGER-1", Cargo(40));
        _state.Apply("BADGER-1", Cargo(40));
        _state.Apply("BADGER-1", new RefuelShipResult { Agent = Agent(), Fuel = Fuel(300), Cargo = Cargo(40, ("FUEL", 1)), Transaction = Transaction() });

        Assert.That(seen, Is.EqualTo(new[] { ShipParts.Cargo, ShipParts.Fuel | ShipParts.Cargo }));
        Assert.That(forwarded, Is.EqualTo(new[] { "BADGER-1", "BADGER-1" }));
    }

    [Test]
    public void Readers_always_see_a_consistent_snapshot_while_a_writer_merges()
    {
        var ship = _state.Apply(Ship());
        const int Updates = 20_000;
        var torn = 0;
        using var done = new CancellationTokenSource();

        // The writer keeps nav and fuel in step: the fuel left always equals the destination's x coordinate.
        var writer = Task.Run(() =>
        {
            for (var i = 1; i <= Updates; i++)
            {
                _state.Apply("BADGER-1", new NavigateShipResult { Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(60), toX: i), Fuel = Fuel(i, Updates), Events = [] });
            }

            done.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var lastVersion = 0L;
            while (!done.IsCancellationRequested)
            {
                var snapshot = ship.Current;
                if (snapshot.Nav!.Route.Destination.X != snapshot.Fuel!.Current && snapshot.Version > 1)
                {
                    Interlocked.Increment(ref torn);
                }

                Assert.That(snapshot.Version, Is.GreaterThanOrEqualTo(lastVersion), "versions never go back");
                lastVersion = snapshot.Version;
            }
        })).ToArray();

        Task.WaitAll([writer, .. readers]);

        Assert.That(torn, Is.Zero);
        Assert.That(ship.Version, Is.EqualTo(1 + Updates));
        Assert.That(ship.Current.Fuel!.Current, Is.EqualTo(Updates));
    }

    [Test]
    public void Concurrent_writers_to_one_ship_lose_no_update()
    {
        var ship = _state.Apply(Ship());
        ship.MarkClean(ship.GetChanges()!);

        Parallel.For(0, 1_000, i =>
        {
            if (i % 2 == 0)
            {
                _state.Apply("BADGER-1", Cargo(40, ("IRON_ORE", i)));
            }
            else
            {
                _state.Apply("BADGER-1", new NavigateShipResult { Nav = DockedAt(), Fuel = Fuel(i), Events = [] });
            }
        });

        // Every apply changed a value, so every apply bumped the version exactly once.
        Assert.That(ship.Version, Is.EqualTo(1 + 1_000));
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cargo | ShipParts.Fuel));
    }

    [Test]
    public void The_agent_state_collects_and_cleans_every_change_in_one_go()
    {
        _state.Apply(Ship("BADGER-1"));
        _state.Apply(Agent());
        _state.Apply(Contract());
        _state.Apply(Waypoint());
        _state.Apply(Market("X1-DF55-A1", null, ("FUEL", "EXCHANGE")));

        var changes = _state.GetChanges();
        Assert.That(changes.Ships.Single().Parts, Is.EqualTo(ShipParts.All));
        Assert.That(changes.Agent, Is.Not.Null);
        Assert.That(changes.Contracts, Has.Count.EqualTo(1));
        Assert.That(changes.Waypoints, Has.Count.EqualTo(1));
        Assert.That(changes.Markets, Has.Count.EqualTo(1));

        _state.Apply(Agent(5));               // lands while the store writes
        _state.MarkClean(changes);

        var after = _state.GetChanges();
        Assert.That(after.Agent!.Value.Credits, Is.EqualTo(5));
        Assert.That(after.Ships, Is.Empty);
        Assert.That(after.Contracts, Is.Empty);
        Assert.That(after.IsEmpty, Is.False);
    }

    private static IEnumerable<TestCaseData> PartsListedInAnotherOrder()
    {
        yield return new TestCaseData(
                Ship() with { Cargo = Cargo(40, ("IRON_ORE", 5), ("COPPER_ORE", 3), ("QUARTZ_SAND", 2)) },
                Ship() with { Cargo = Cargo(40, ("QUARTZ_SAND", 2), ("IRON_ORE", 5), ("COPPER_ORE", 3)) },
                Ship() with { Cargo = Cargo(40, ("QUARTZ_SAND", 2), ("IRON_ORE", 4), ("COPPER_ORE", 3)) },
                ShipParts.Cargo)
            .SetArgDisplayNames("hold");
        yield return new TestCaseData(
                Ship(),
                Ship() with { Mounts = [.. Mounts().Reverse()] },
                Ship() with { Mounts = [.. Mounts().Reverse().Select(m => m with { Strength = m.Strength + 1 })] },
                ShipParts.Mounts)
            .SetArgDisplayNames("mounts");
        yield return new TestCaseData(
                Ship(),
                Ship() with { Mounts = [.. Mounts().Select(m => m with { Deposits = m.Deposits?.Reverse().ToArray() })] },
                Ship() with { Mounts = [.. Mounts().Select(m => m with { Deposits = m.Deposits?.Skip(1).ToArray() })] },
                ShipParts.Mounts)
            .SetArgDisplayNames("a mount's deposits");
        yield return new TestCaseData(
                Ship(),
                Ship() with { Modules = [.. Modules().Reverse()] },
                Ship() with { Modules = [.. Modules().Reverse().Skip(1)] },
                ShipParts.Modules)
            .SetArgDisplayNames("modules");
    }
}
