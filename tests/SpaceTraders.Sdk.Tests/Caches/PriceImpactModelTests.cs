using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Caches;

/// <summary>The price-impact model against the calibration players published, and its batch arithmetic.</summary>
[TestFixture]
public sealed class PriceImpactModelTests
{
    private static readonly PriceImpactModel Model = PriceImpactModel.Default;

    [Test]
    public void Buying_ship_plating_at_trade_volume_6_and_limited_supply_raises_the_price_about_16_percent_over_three_batches()
    {
        // The calibration: 18 units, trade volume 6, LIMITED supply (activity not reported: GROWING counts 1).
        var plating = TradeGood("SHIP_PLATING", "EXPORT", purchase: 2_000, sell: 1_900, volume: 6, supply: "LIMITED", activity: "GROWING");

        var estimate = Model.EstimatePurchase(plating, 18);

        Assert.That(estimate.Batches.Select(b => b.Units), Is.EqualTo(new[] { 6, 6, 6 }));
        Assert.That(estimate.Batches.Select(b => b.PricePerUnit), Is.EqualTo(new[] { 2_000, 2_100, 2_205 }), "5% a batch");
        Assert.That(estimate.Total, Is.EqualTo((6 * 2_000) + (6 * 2_100) + (6 * 2_205)));
        var rise = (Model.PurchasePriceAfter(plating, 3) / 2_000.0) - 1;
        Assert.That(rise, Is.InRange(0.15, 0.17), "about +16% over three batches");
    }

    [Test]
    public void Selling_degrades_the_price_by_half_a_percent_to_three_percent_a_batch()
    {
        // Every supply and activity level, at the small-to-medium trade volumes of the published observations.
        foreach (var volume in new[] { 6, 10, 20 })
        {
            foreach (var supply in SupplyLevel.KnownValues)
            {
                foreach (var activity in ActivityLevel.KnownValues.Select(a => (string?)a.Value).Append(null))
                {
                    var good = TradeGood("IRON", "IMPORT", purchase: 1_100, sell: 1_000, volume: volume, supply: supply.Value, activity: activity);
                    Assert.That(Model.SaleStep(good), Is.InRange(0.005, 0.03), $"{volume} {supply} {activity}");
                }
            }
        }
    }

    [Test]
    public void Larger_trade_volumes_and_stronger_activity_move_prices_less()
    {
        var small = TradeGood("FAB_MATS", "EXPORT", 100, 90, volume: 6);
        var large = TradeGood("FAB_MATS", "EXPORT", 100, 90, volume: 60);
        var strong = small with { Activity = ActivityLevel.Strong };
        var scarce = small with { Supply = SupplyLevel.Scarce };

        Assert.That(Model.PurchaseStep(large), Is.LessThan(Model.PurchaseStep(small)));
        Assert.That(Model.PurchaseStep(strong), Is.LessThan(Model.PurchaseStep(small)));
        Assert.That(Model.PurchaseStep(scarce), Is.GreaterThan(Model.PurchaseStep(small)));
        Assert.That(Model.SaleStep(large), Is.LessThan(Model.SaleStep(small)));
    }

    [Test]
    public void A_sale_goes_in_batches_of_the_trade_volume_with_the_last_one_partial()
    {
        // Sell 25 at trade volume 10, MODERATE supply, no activity (exchange): step 2% × 0.9 × √(6/10) = 1.394%.
        var good = TradeGood("FUEL", "EXCHANGE", purchase: 80, sell: 1_000, volume: 10, supply: "MODERATE", activity: null);
        var step = 0.02 * 0.9 * Math.Sqrt(0.6);

        var estimate = Model.EstimateSale(good, 25);

        Assert.That(Model.SaleStep(good), Is.EqualTo(step).Within(1e-12));
        Assert.That(estimate.Batches.Select(b => b.Units), Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(estimate.Batches.Select(b => b.PricePerUnit), Is.EqualTo(new[]
        {
            1_000,
            (int)Math.Round(1_000 * (1 - step), MidpointRounding.AwayFromZero),
            (int)Math.Round(1_000 * Math.Pow(1 - step, 2), MidpointRounding.AwayFromZero),
        }));
        Assert.That(estimate.FirstPrice, Is.EqualTo(1_000));
        Assert.That(estimate.LastPrice, Is.EqualTo(972));
        Assert.That(estimate.Total, Is.EqualTo((10 * 1_000) + (10 * 986) + (5 * 972)));
        Assert.That(estimate.AveragePrice, Is.EqualTo(estimate.Total / 25.0));
    }

    [Test]
    public void Parameters_are_configurable()
    {
        var flat = new PriceImpactModel(new PriceImpactOptions { PurchaseStep = 0, SaleStep = 0 });
        var good = TradeGood("IRON", "EXPORT", 50, 40, volume: 5);

        Assert.That(flat.EstimatePurchase(good, 20).Total, Is.EqualTo(1_000));
        Assert.That(flat.EstimateSale(good, 20).Total, Is.EqualTo(800));

        var doubled = new PriceImpactModel(PriceImpactOptions.Default with { PurchaseStep = 0.10 });
        Assert.That(doubled.PurchaseStep(TradeGood("X", "EXPORT", 1, 1, volume: 6, supply: "LIMITED")), Is.EqualTo(0.10).Within(1e-12));
        Assert.That(Model.EstimatePurchase(good, 0).Batches, Is.Empty);
        Assert.That(() => Model.EstimatePurchase(good, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Prices_never_fall_below_one_credit()
    {
        var cheap = TradeGood("ICE_WATER", "EXPORT", 2, 2, volume: 1, supply: "ABUNDANT", activity: "WEAK");

        Assert.That(Model.SellPriceAfter(cheap, 500), Is.EqualTo(1));
    }
}
