using System.Reflection;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.State;

/// <summary>
/// The cost of change detection, which runs on every response of the fleet: comparing equal parts allocates nothing,
/// whether the server kept the order (the common case) or not; and the hand-written comparisons miss no field.
/// </summary>
[TestFixture]
public sealed class StructuralEqualityTests
{
    [Test]
    public void Comparing_equal_ship_parts_markets_waypoints_and_contracts_allocates_nothing()
    {
        var ship = Ship() with { Cargo = Cargo(40, ("IRON_ORE", 5), ("COPPER_ORE", 3), ("QUARTZ_SAND", 2)) };
        var same = Ship() with { Cargo = Cargo(40, ("IRON_ORE", 5), ("COPPER_ORE", 3), ("QUARTZ_SAND", 2)) };
        var reordered = Ship() with
        {
            Cargo = Cargo(40, ("QUARTZ_SAND", 2), ("IRON_ORE", 5), ("COPPER_ORE", 3)),
            Mounts = [.. Mounts().Reverse().Select(m => m with { Deposits = m.Deposits?.Reverse().ToArray() })],
            Modules = [.. Modules().Reverse()],
        };
        var market = Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 30, 25), TradeGood("FUEL", "EXCHANGE", 70, 68)], ("IRON_ORE", "IMPORT"), ("FUEL", "EXCHANGE"));
        var sameMarket = Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 30, 25), TradeGood("FUEL", "EXCHANGE", 70, 68)], ("IRON_ORE", "IMPORT"), ("FUEL", "EXCHANGE"));
        var reorderedMarket = Market("X1-DF55-A1", [TradeGood("FUEL", "EXCHANGE", 70, 68), TradeGood("IRON_ORE", "IMPORT", 30, 25)], ("FUEL", "EXCHANGE"), ("IRON_ORE", "IMPORT"));
        var world = new World(FullWaypoint(), FullContract());
        var sameWorld = new World(FullWaypoint(), FullContract());
        var reorderedWorld = new World(Reordered(FullWaypoint()), Reordered(FullContract()));

        Assert.That(Compare(ship, same, market, sameMarket, world, sameWorld), Is.True, "warm-up: the first call compiles and caches");
        Assert.That(Compare(ship, reordered, market, reorderedMarket, world, reorderedWorld), Is.True, "warm-up: the first call compiles and caches");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var inOrder = Compare(ship, same, market, sameMarket, world, sameWorld);
        var inOrderBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var inAnotherOrder = Compare(ship, reordered, market, reorderedMarket, world, reorderedWorld);
        var inAnotherOrderBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(inOrder, Is.True);
            Assert.That(inOrderBytes, Is.Zero, "the same order");
            Assert.That(inAnotherOrder, Is.True);
            Assert.That(inAnotherOrderBytes, Is.Zero, "another order");
        });
    }

    /// <summary>Orbitals, traits and modifiers are sets: in another order the waypoint is the same; the same for a contract's goods.</summary>
    [Test]
    public void Waypoints_and_contracts_listed_in_another_order_are_equal_both_ways()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StructuralEquality.WaypointEquals(FullWaypoint(), Reordered(FullWaypoint())), Is.True);
            Assert.That(StructuralEquality.WaypointEquals(Reordered(FullWaypoint()), FullWaypoint()), Is.True);
            Assert.That(StructuralEquality.ContractEquals(FullContract(), Reordered(FullContract())), Is.True);
            Assert.That(StructuralEquality.ContractEquals(Reordered(FullContract()), FullContract()), Is.True);
        });
    }

    [TestCaseSource(nameof(WaypointChanges))]
    public void A_waypoint_that_differs_in_one_field_is_another_waypoint(string field, Func<Waypoint, Waypoint> change)
    {
        var changed = change(FullWaypoint());

        Assert.That(StructuralEquality.WaypointEquals(FullWaypoint(), changed) || StructuralEquality.WaypointEquals(changed, FullWaypoint()), Is.False, field);
    }

    [TestCaseSource(nameof(ContractChanges))]
    public void A_contract_that_differs_in_one_field_is_another_contract(string field, Func<Contract, Contract> change)
    {
        var changed = change(FullContract());

        Assert.That(StructuralEquality.ContractEquals(FullContract(), changed) || StructuralEquality.ContractEquals(changed, FullContract()), Is.False, field);
    }

    /// <summary>A field added to the models (they are generated from the spec) needs a line in the comparison and a change above.</summary>
    [Test]
    public void Every_field_of_a_waypoint_and_a_contract_has_a_change_test()
    {
        var fields = new[] { typeof(Waypoint), typeof(Contract), typeof(ContractTerms) }
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => t.Name + "." + p.Name));
        var changed = WaypointChanges().Concat(ContractChanges()).Select(c => (string)c.Arguments[0]!);

        Assert.That(changed, Is.SupersetOf(fields));
    }

    private static IEnumerable<TestCaseData> WaypointChanges()
    {
        yield return Change<Waypoint>("Waypoint.Symbol", w => w with { Symbol = "X1-DF55-C4" });
        yield return Change<Waypoint>("Waypoint.Type", w => w with { Type = "PLANET" });
        yield return Change<Waypoint>("Waypoint.SystemSymbol", w => w with { SystemSymbol = "X1-DF56" });
        yield return Change<Waypoint>("Waypoint.X", w => w with { X = w.X + 1 });
        yield return Change<Waypoint>("Waypoint.Y", w => w with { Y = w.Y + 1 });
        yield return Change<Waypoint>("Waypoint.Orbitals", w => w with { Orbitals = [.. w.Orbitals.Skip(1), new WaypointOrbital { Symbol = "X1-DF55-C9" }] });
        yield return Change<Waypoint>("Waypoint.Orbits", w => w with { Orbits = null });
        yield return Change<Waypoint>("Waypoint.Faction", w => w with { Faction = new WaypointFaction { Symbol = "VOID" } });
        yield return Change<Waypoint>("Waypoint.Traits", w => w with { Traits = [w.Traits[0] with { Description = "changed" }, .. w.Traits.Skip(1)] });
        yield return Change<Waypoint>("Waypoint.Modifiers", w => w with { Modifiers = [.. w.Modifiers!.Skip(1)] });
        yield return Change<Waypoint>("Waypoint.Chart", w => w with { Chart = w.Chart! with { SubmittedOn = Start.AddSeconds(1) } });
        yield return Change<Waypoint>("Waypoint.IsUnderConstruction", w => w with { IsUnderConstruction = !w.IsUnderConstruction });
    }

    private static IEnumerable<TestCaseData> ContractChanges()
    {
        yield return Change<Contract>("Contract.Id", c => c with { Id = "c-2" });
        yield return Change<Contract>("Contract.FactionSymbol", c => c with { FactionSymbol = "VOID" });
        yield return Change<Contract>("Contract.Type", c => c with { Type = ContractType.Transport });
        yield return Change<Contract>("Contract.Terms", c => c with { Terms = FullContract("c-2").Terms with { Deliver = null } });
        yield return Change<Contract>("Contract.Accepted", c => c with { Accepted = !c.Accepted });
        yield return Change<Contract>("Contract.Fulfilled", c => c with { Fulfilled = !c.Fulfilled });
        yield return Change<Contract>("Contract.Expiration", c => c with { Expiration = c.Expiration!.Value.AddTicks(1) });
        yield return Change<Contract>("Contract.DeadlineToAccept", c => c with { DeadlineToAccept = null });
        yield return Change<Contract>("ContractTerms.Deadline", c => c with { Terms = c.Terms with { Deadline = c.Terms.Deadline.AddTicks(-1) } });
        yield return Change<Contract>("ContractTerms.Payment", c => c with { Terms = c.Terms with { Payment = c.Terms.Payment with { OnFulfilled = c.Terms.Payment.OnFulfilled + 1 } } });
        yield return Change<Contract>("ContractTerms.Deliver", c => c with { Terms = c.Terms with { Deliver = [c.Terms.Deliver![0] with { UnitsFulfilled = 1 }, .. c.Terms.Deliver.Skip(1)] } });
    }

    private static TestCaseData Change<T>(string field, Func<T, T> change) => new TestCaseData(field, change).SetArgDisplayNames(field);

    /// <summary>A waypoint with every field set and two of each list, so every change and every reordering shows.</summary>
    private static Waypoint FullWaypoint() => Waypoint(modifiers: ["STRIPPED", "UNSTABLE"]) with
    {
        Orbitals = [new WaypointOrbital { Symbol = "X1-DF55-C5" }, new WaypointOrbital { Symbol = "X1-DF55-C6" }],
        Orbits = "X1-DF55-A1",
        Faction = new WaypointFaction { Symbol = "COSMIC" },
        Traits =
        [
            new WaypointTrait { Symbol = "COMMON_METAL_DEPOSITS", Name = "Common Metal Deposits", Description = "-" },
            new WaypointTrait { Symbol = "MARKETPLACE", Name = "Marketplace", Description = "-" },
        ],
        Chart = new Chart { WaypointSymbol = "X1-DF55-C3", SubmittedBy = "COSMIC", SubmittedOn = Start },
    };

    private static Waypoint Reordered(Waypoint w) => w with
    {
        Orbitals = [.. w.Orbitals.Reverse()],
        Traits = [.. w.Traits.Reverse()],
        Modifiers = [.. w.Modifiers!.Reverse()],
    };

    /// <summary>A contract with every field set and two goods to deliver.</summary>
    private static Contract FullContract(string id = "c-1")
    {
        var contract = Contract(id, accepted: true, fulfilled: 12);
        return contract with
        {
            Expiration = Start.AddDays(2),
            Terms = contract.Terms with
            {
                Deliver = [.. contract.Terms.Deliver!, new ContractDeliverGood { TradeSymbol = "COPPER_ORE", DestinationSymbol = "X1-DF55-B2", UnitsRequired = 40, UnitsFulfilled = 0 }],
            },
        };
    }

    private static Contract Reordered(Contract c) => c with { Terms = c.Terms with { Deliver = [.. c.Terms.Deliver!.Reverse()] } };

    private static bool Compare(Ship a, Ship b, Market marketA, Market marketB, World worldA, World worldB) =>
        StructuralEquality.CargoEquals(a.Cargo, b.Cargo)
        & StructuralEquality.MountsEquals(a.Mounts, b.Mounts)
        & StructuralEquality.ModulesEquals(a.Modules, b.Modules)
        & StructuralEquality.MarketEquals(marketA, marketB)
        & StructuralEquality.WaypointEquals(worldA.Waypoint, worldB.Waypoint)
        & StructuralEquality.ContractEquals(worldA.Contract, worldB.Contract);

    private sealed record World(Waypoint Waypoint, Contract Contract);
}
