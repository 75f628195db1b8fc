using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>The store contract on the in-memory store.</summary>
[TestFixture]
public sealed class InMemoryStoreTests : StoreContractTests
{
    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(new InMemoryStore());

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
}
