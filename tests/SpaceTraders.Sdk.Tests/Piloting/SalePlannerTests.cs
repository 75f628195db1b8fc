using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>
/// Where to sell a hold, on a small system: the ship at A1 (0, 0); B2 at (30, 40), 50 away; C3 at (0, 10), 10 away.
/// </summary>
[TestFixture]
public sealed class SalePlannerTests
{
    private FakeTimeProvider _clock = null!;
    private WaypointPositions _positions = null!;
    private MarketCache _markets = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _positions = new WaypointPositions(
        [
            new WaypointPosition("X1-DF55-A1", "X1-DF55", 0, 0),
            new WaypointPosition("X1-DF55-B2", "X1-DF55", 30, 40),
            new WaypointPosition("X1-DF55-C3", "X1-DF55", 0, 10),
        ]);
        _markets = new MarketCache(_clock, _positions);
    }

    [Test]
    public void The_farther_market_wins_only_when_its_better_price_pays_for_the_distance()
    {
        _markets.Record(Market("X1-DF55-B2", [TradeGood("IRON_ORE", "IMPORT", 60, 50, volume: 60)], ("IRON_ORE", "IMPORT")));
        _markets.Record(Market("X1-DF55-C3", [TradeGood("IRON_ORE", "IMPORT", 45, 40, volume: 60)], ("IRON_ORE", "IMPORT")));
        ShipCargoItem[] hold = [Item("IRON_ORE", 40)];

        // 40 units: 10 credits a unit more at B2 is 400 more, for 40 more units of distance.
        var cheapDistance = SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", hold, new SalePlanOptions { CreditsPerDistance = 5 });
        var dearDistance = SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", hold, new SalePlanOptions { CreditsPerDistance = 20 });

        Assert.That(cheapDistance!.WaypointSymbol, Is.EqualTo("X1-DF55-B2"));
        Assert.That(cheapDistance.Distance, Is.EqualTo(50));
        Assert.That(dearDistance!.WaypointSymbol, Is.EqualTo("X1-DF55-C3"));
        Assert.That(dearDistance.ExpectedRevenue, Is.EqualTo(40 * 40), "one batch of a good with trade volume 60 sells at the price seen");
    }

    [Test]
    public void A_market_whose_prices_are_unseen_is_valued_by_its_listing_at_the_best_price_seen_elsewhere()
    {
        _markets.Record(Market("X1-DF55-B2", [TradeGood("COPPER_ORE", "IMPORT", 60, 50, volume: 60)], ("COPPER_ORE", "IMPORT")));
        _markets.Record(Market("X1-DF55-C3", goods: null, ("COPPER_ORE", "IMPORT"), ("QUARTZ_SAND", "IMPORT")));
        ShipCargoItem[] hold = [Item("COPPER_ORE", 10), Item("QUARTZ_SAND", 10)];

        var stop = SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", hold, new SalePlanOptions { CreditsPerDistance = 1, FallbackPricePerUnit = 3 });

        Assert.That(stop!.WaypointSymbol, Is.EqualTo("X1-DF55-C3"));
        Assert.That(stop.Goods, Is.EquivalentTo(new TradeSymbol[] { "COPPER_ORE", "QUARTZ_SAND" }));
        Assert.That(stop.ExpectedRevenue, Is.EqualTo((10 * 50) + (10 * 3)));
    }

    [Test]
    public void Exports_kept_goods_and_excluded_pairs_are_not_sold()
    {
        _markets.Record(Market("X1-DF55-B2", [TradeGood("IRON", "EXPORT", 90, 80)], ("IRON", "EXPORT")));
        _markets.Record(Market("X1-DF55-C3", [TradeGood("IRON_ORE", "IMPORT", 45, 40)], ("IRON_ORE", "IMPORT")));

        Assert.That(SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", [Item("IRON", 5)]), Is.Null, "an export market does not buy");
        Assert.That(SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", [Item("IRON", 5)], new SalePlanOptions { IncludeExports = true })!.WaypointSymbol, Is.EqualTo("X1-DF55-B2"));
        Assert.That(SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", [Item("IRON_ORE", 5)], new SalePlanOptions { Keep = [TradeSymbol.IronOre] }), Is.Null);
        Assert.That(SalePlanner.FindBestStop(_markets, _positions, "X1-DF55-A1", [Item("IRON_ORE", 5)], excluded: (market, good) => market == "X1-DF55-C3"), Is.Null);
    }

    private static ShipCargoItem Item(string good, int units) => new() { Symbol = good, Name = good, Description = "-", Units = units };
}
