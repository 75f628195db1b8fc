using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Caches;

/// <summary>
/// The market cache on a small system: A1 at (0, 0), B2 at (30, 40) (50 away), C3 at (0, 10) (10 away), and
/// D4 in another system.
/// </summary>
[TestFixture]
public sealed class MarketCacheTests
{
    private FakeTimeProvider _clock = null!;
    private WaypointPositions _positions = null!;
    private MarketCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _positions = new WaypointPositions(
        [
            new WaypointPosition("X1-DF55-A1", "X1-DF55", 0, 0),
            new WaypointPosition("X1-DF55-B2", "X1-DF55", 30, 40),
            new WaypointPosition("X1-DF55-C3", "X1-DF55", 0, 10),
            new WaypointPosition("X1-ZZ9-D4", "X1-ZZ9", 0, 0),
        ]);
        _cache = new MarketCache(_clock, _positions);
    }

    [Test]
    public void Each_good_keeps_the_time_its_prices_were_seen_and_a_listing_without_prices_keeps_them()
    {
        _cache.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 30, 25)], ("IRON_ORE", "IMPORT"), ("FUEL", "EXCHANGE")));
        _clock.Advance(TimeSpan.FromMinutes(10));

        var snapshot = _cache.Record(Market("X1-DF55-A1", null, ("IRON_ORE", "IMPORT"), ("FUEL", "EXCHANGE")));

        Assert.That(snapshot.ListedAt, Is.EqualTo(Start.AddMinutes(10)));
        Assert.That(snapshot.PricesObservedAt, Is.EqualTo(Start));
        Assert.That(snapshot.GetGood("IRON_ORE")!.ObservedAt, Is.EqualTo(Start));
        Assert.That(snapshot.Market.TradeGoods, Has.Count.EqualTo(1));
        Assert.That(snapshot.PriceAge(_clock.GetUtcNow()), Is.EqualTo(TimeSpan.FromMinutes(10)));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var repriced = _cache.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 33, 28)], ("IRON_ORE", "IMPORT")));
        Assert.That(repriced.GetGood("IRON_ORE")!.SellPrice, Is.EqualTo(28));
        Assert.That(repriced.GetGood("IRON_ORE")!.ObservedAt, Is.EqualTo(Start.AddMinutes(11)));
        Assert.That(repriced.GetListing("FUEL"), Is.Null, "FUEL is no longer listed");
    }

    [Test]
    public void An_older_observation_does_not_replace_a_newer_one()
    {
        _cache.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 30, 25)], ("IRON_ORE", "IMPORT")));

        var kept = _cache.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 1, 1)], ("IRON_ORE", "IMPORT")), Start.AddMinutes(-5));

        Assert.That(kept.GetGood("IRON_ORE")!.SellPrice, Is.EqualTo(25));
    }

    [Test]
    public void Exports_imports_and_exchange_goods_stay_distinct()
    {
        _cache.Record(Market("X1-DF55-A1", null, ("IRON", "EXPORT"), ("IRON_ORE", "IMPORT"), ("FUEL", "EXCHANGE")));
        _cache.Record(Market("X1-DF55-B2", null, ("IRON_ORE", "EXPORT")));

        var snapshot = _cache.Markets.Single(m => m.WaypointSymbol == "X1-DF55-A1");
        Assert.That(snapshot.GetListing("IRON"), Is.EqualTo(MarketTradeGoodType.Export));
        Assert.That(snapshot.GetListing("IRON_ORE"), Is.EqualTo(MarketTradeGoodType.Import));
        Assert.That(snapshot.GetListing("FUEL"), Is.EqualTo(MarketTradeGoodType.Exchange));
        Assert.That(_cache.FindMarkets("X1-DF55", "IRON_ORE").Select(m => m.WaypointSymbol), Is.EqualTo(new[] { "X1-DF55-A1", "X1-DF55-B2" }));
        Assert.That(_cache.FindMarkets("X1-DF55", "IRON_ORE", MarketTradeGoodType.Export).Select(m => m.WaypointSymbol), Is.EqualTo(new[] { "X1-DF55-B2" }));
        Assert.That(_cache.GetFuelStations("X1-DF55"), Is.EqualTo(new[] { "X1-DF55-A1" }));
    }

    [Test]
    public void Stale_markets_are_the_never_priced_then_the_oldest()
    {
        _cache.Record(Market("X1-DF55-A1", [TradeGood("FUEL", "EXCHANGE", 72, 68)], ("FUEL", "EXCHANGE")));
        _clock.Advance(TimeSpan.FromMinutes(30));
        _cache.Record(Market("X1-DF55-B2", [TradeGood("FUEL", "EXCHANGE", 80, 75)], ("FUEL", "EXCHANGE")));
        _cache.Record(Market("X1-DF55-C3", null, ("FUEL", "EXCHANGE")));
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.That(_cache.GetStaleMarkets("X1-DF55", TimeSpan.FromMinutes(10)).Select(m => m.WaypointSymbol), Is.EqualTo(new[] { "X1-DF55-C3", "X1-DF55-A1" }));
        Assert.That(_cache.GetStaleMarkets("X1-DF55", TimeSpan.FromHours(1)).Select(m => m.WaypointSymbol), Is.EqualTo(new[] { "X1-DF55-C3" }));
        Assert.That(
            _cache.GetStaleMarkets(["X1-DF55-A1", "X1-DF55-B2", "X1-DF55-Q7"], TimeSpan.FromMinutes(10)),
            Is.EqualTo(new[] { "X1-DF55-Q7", "X1-DF55-A1" }),
            "a market never recorded comes first");
        Assert.That(_cache.GetMostRecentlyPriced(5).Select(m => m.WaypointSymbol), Is.EqualTo(new[] { "X1-DF55-B2", "X1-DF55-A1" }));
        Assert.That(_cache.GetMostRecentlyPriced(1, "X1-DF55").Single().WaypointSymbol, Is.EqualTo("X1-DF55-B2"));
    }

    [Test]
    public void The_best_place_to_sell_weighs_price_against_distance()
    {
        // Selling 20 IRON_ORE from A1: B2 pays 30 (50 away), C3 pays 28 (10 away), A1 itself pays 20.
        _cache.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "EXPORT", 22, 20)], ("IRON_ORE", "EXPORT")));
        _cache.Record(Market("X1-DF55-B2", [TradeGood("IRON_ORE", "IMPORT", 34, 30)], ("IRON_ORE", "IMPORT")));
        _cache.Record(Market("X1-DF55-C3", [TradeGood("IRON_ORE", "EXCHANGE", 31, 28)], ("IRON_ORE", "EXCHANGE")));
        _cache.Record(Market("X1-ZZ9-D4", [TradeGood("IRON_ORE", "IMPORT", 90, 80)], ("IRON_ORE", "IMPORT")));

        var byPrice = _cache.FindSellOffers("IRON_ORE", "X1-DF55-A1");
        Assert.That(byPrice.Select(o => (o.WaypointSymbol, o.PricePerUnit)), Is.EqualTo(new[] { ("X1-DF55-B2", 30), ("X1-DF55-C3", 28), ("X1-DF55-A1", 20) }));
        Assert.That(byPrice.Select(o => o.Distance), Is.EqualTo(new double?[] { 50, 10, 0 }));

        // 2 credits per unit of distance: B2 = 20 × 30 − 100 = 500, C3 = 20 × 28 − 20 = 540, A1 = 400.
        var best = _cache.FindBestSell("IRON_ORE", "X1-DF55-A1", new MarketOfferQuery { Units = 20, CreditsPerDistance = 2 })!;
        Assert.That(best.WaypointSymbol, Is.EqualTo("X1-DF55-C3"));
        Assert.That(best.Value, Is.EqualTo(540));
        Assert.That(best.Listing, Is.EqualTo(MarketTradeGoodType.Exchange));

        var importsOnly = _cache.FindBestSell("IRON_ORE", "X1-DF55-A1", new MarketOfferQuery { Listings = [MarketTradeGoodType.Import], MaxDistance = 40 });
        Assert.That(importsOnly, Is.Null, "the only import in the system is 50 away");
    }

    [Test]
    public void The_best_place_to_buy_is_the_cheapest_fresh_offer_nearby()
    {
        _cache.Record(Market("X1-DF55-A1", [TradeGood("FUEL", "EXCHANGE", 72, 68)], ("FUEL", "EXCHANGE")));
        _clock.Advance(TimeSpan.FromHours(2));
        _cache.Record(Market("X1-DF55-B2", [TradeGood("FUEL", "EXCHANGE", 75, 70)], ("FUEL", "EXCHANGE")));

        Assert.That(_cache.FindBestBuy("FUEL", "X1-DF55-C3")!.WaypointSymbol, Is.EqualTo("X1-DF55-A1"));
        Assert.That(_cache.FindBestBuy("FUEL", "X1-DF55-C3", new MarketOfferQuery { MaxAge = TimeSpan.FromHours(1) })!.WaypointSymbol, Is.EqualTo("X1-DF55-B2"));
        Assert.That(_cache.GetBestPurchasePrice("X1-DF55", "FUEL"), Is.EqualTo(72));
        Assert.That(_cache.GetBestSellPrice("X1-DF55", "FUEL"), Is.EqualTo(70));
        Assert.That(_cache.GetBestSellPrice("X1-DF55", "GOLD"), Is.Null);
    }

    [Test]
    public void Versions_grow_per_system_with_every_record()
    {
        Assert.That(_cache.GetVersion("X1-DF55"), Is.Zero);

        _cache.Record(Market("X1-DF55-A1", null, ("FUEL", "EXCHANGE")));
        _cache.Record(Market("X1-DF55-A1", null, ("FUEL", "EXCHANGE")));
        _cache.Record(Market("X1-ZZ9-D4", null, ("FUEL", "EXCHANGE")));

        Assert.That(_cache.GetVersion("X1-DF55"), Is.EqualTo(2));
        Assert.That(_cache.GetVersion("X1-ZZ9"), Is.EqualTo(1));
        Assert.That(_cache.Version, Is.EqualTo(3));
        Assert.That(_cache.Count, Is.EqualTo(2));
    }

    [Test]
    public void Many_ships_can_record_and_query_at_once()
    {
        Parallel.For(0, 2_000, i =>
        {
            var waypoint = $"X1-DF55-M{i % 50}";
            _cache.Record(Market(waypoint, [TradeGood("FUEL", "EXCHANGE", 70 + (i % 7), 60)], ("FUEL", "EXCHANGE")));
            _ = _cache.FindBestBuy("FUEL", "X1-DF55-A1");
        });

        Assert.That(_cache.Count, Is.EqualTo(50));
        Assert.That(_cache.GetVersion("X1-DF55"), Is.EqualTo(2_000));
        Assert.That(_cache.GetBestPurchasePrice("X1-DF55", "FUEL"), Is.InRange(70, 76));
    }
}
