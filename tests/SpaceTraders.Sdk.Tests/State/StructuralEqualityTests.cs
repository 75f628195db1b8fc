using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.State;

/// <summary>
/// The cost of change detection, which runs on every response of the fleet: comparing equal parts allocates nothing,
/// whether the server kept the order (the common case) or not.
/// </summary>
[TestFixture]
public sealed class StructuralEqualityTests
{
    [Test]
    public void Comparing_equal_ship_parts_and_markets_allocates_nothing()
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

        Assert.That(Compare(ship, same, market, sameMarket), Is.True, "warm-up: the first call compiles and caches");
        Assert.That(Compare(ship, reordered, market, reorderedMarket), Is.True, "warm-up: the first call compiles and caches");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var inOrder = Compare(ship, same, market, sameMarket);
        var inOrderBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var inAnotherOrder = Compare(ship, reordered, market, reorderedMarket);
        var inAnotherOrderBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(inOrder, Is.True);
            Assert.That(inOrderBytes, Is.Zero, "the same order");
            Assert.That(inAnotherOrder, Is.True);
            Assert.That(inAnotherOrderBytes, Is.Zero, "another order");
        });
    }

    private static bool Compare(Ship a, Ship b, Market marketA, Market marketB) =>
        StructuralEquality.CargoEquals(a.Cargo, b.Cargo)
        & StructuralEquality.MountsEquals(a.Mounts, b.Mounts)
        & StructuralEquality.ModulesEquals(a.Modules, b.Modules)
        & StructuralEquality.MarketEquals(marketA, marketB);
}
