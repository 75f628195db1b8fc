using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>The store contract on the in-memory store.</summary>
[TestFixture]
public sealed class InMemoryStoreTests : StoreContractTests
{
    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(new InMemoryStore());

    [Test]
    public void A_record_type_without_a_writer_is_refused_and_changes_nothing()
    {
        var store = new InMemoryStore();

        Assert.That(() => store.Append(new UnknownRecord(T0)), Throws.ArgumentException.With.Message.Contains(nameof(UnknownRecord)));
        Assert.That(store.GetStatistics().TotalRows, Is.Zero);
    }

    [Test]
    public async Task Several_dispatchers_share_leases_through_one_instance()
    {
        var store = new InMemoryStore();

        var a = await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), T0, Ct);
        var b = await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", TimeSpan.FromMinutes(1), T0, Ct);

        Assert.That((a.Acquired, b.Acquired, b.Owner), Is.EqualTo((true, false, "node-a")));
    }

    [Test]
    public async Task Ship_parts_keep_the_latest_value_of_each_part()
    {
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, "{\"a\":1}"), new ShipPartValue("fuel", 1, "{}")], T0));
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 2, "{\"a\":2}")], T0.AddSeconds(1)));
        await Store.FlushAsync(Ct);

        var parts = ((InMemoryStore)Store).GetShipParts();

        Assert.That(parts[("ALPHA-1", "nav")], Is.EqualTo(new ShipPartValue("nav", 2, "{\"a\":2}")));
        Assert.That(parts, Has.Count.EqualTo(2));
    }

    [Test]
    public void Kept_market_observations_share_one_copy_of_each_name()
    {
        // Two market reads deserialise their own copies of the same names (built here at run time, not literals).
        MarketObservationRecord Read(DateTimeOffset at) => new(
            string.Concat("X1-A1-", "B7"), string.Concat("IRON", "_ORE"), string.Concat("EXP", "ORT"), 10, 8, 60, string.Concat("MODER", "ATE"), string.Concat("GROW", "ING"), at);
        var first = Read(T0);
        var second = Read(T0.AddMinutes(1));
        Assert.That(second.TradeSymbol, Is.Not.SameAs(first.TradeSymbol));
        var store = new InMemoryStore();

        store.Append(first);
        store.Append(second);
        var kept = store.GetRawMarketObservations();

        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.EqualTo(new[] { first, second }), "the same values");
            Assert.That(kept[1].WaypointSymbol, Is.SameAs(kept[0].WaypointSymbol));
            Assert.That(kept[1].TradeSymbol, Is.SameAs(kept[0].TradeSymbol));
            Assert.That(kept[1].Type, Is.SameAs(kept[0].Type));
            Assert.That(kept[1].Supply, Is.SameAs(kept[0].Supply));
            Assert.That(kept[1].Activity, Is.SameAs(kept[0].Activity));
        });
    }

    private sealed record UnknownRecord(DateTimeOffset At) : StoreRecord(At);
}
