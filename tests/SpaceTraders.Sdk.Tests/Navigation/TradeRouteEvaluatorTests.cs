using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Navigation;

/// <summary>
/// Trade routes on a hand-computed system. A (0, 0), B (30, 40) 50 away, C (0, 10) 10 away, B to C 42.4 away.
/// IRON: buy at A for 10; sell at B for 20 or at C for 16; C also sells it for 18. FUEL costs 100 a market unit
/// (1 credit per ship fuel unit) at A and B; C sells no fuel. The ship: at A, 40 free units, speed 30, a full
/// tank of 400. Prices do not move (a flat impact model) so every figure can be worked by hand.
/// </summary>
[TestFixture]
public sealed class TradeRouteEvaluatorTests
{
    private static readonly PriceImpactModel Flat = new(new PriceImpactOptions { PurchaseStep = 0, SaleStep = 0 });

    private FakeTimeProvider _clock = null!;
    private MarketCache _markets = null!;
    private WaypointPositions _positions = null!;
    private TradeShipProfile _ship = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _positions = new WaypointPositions(
        [
            new WaypointPosition("X1-T-A", "X1-T", 0, 0),
            new WaypointPosition("X1-T-B", "X1-T", 30, 40),
            new WaypointPosition("X1-T-C", "X1-T", 0, 10),
        ]);
        _markets = new MarketCache(_clock, _positions);
        _markets.Record(Market("X1-T-A", [TradeGood("IRON", "EXPORT", 10, 8, volume: 100), TradeGood("FUEL", "EXCHANGE", 100, 90, volume: 100)], ("IRON", "EXPORT"), ("FUEL", "EXCHANGE")));
        _markets.Record(Market("X1-T-B", [TradeGood("IRON", "IMPORT", 24, 20, volume: 100), TradeGood("FUEL", "EXCHANGE", 100, 95, volume: 100)], ("IRON", "IMPORT"), ("FUEL", "EXCHANGE")));
        _markets.Record(Market("X1-T-C", [TradeGood("IRON", "EXCHANGE", 18, 16, volume: 100)], ("IRON", "EXCHANGE")));
        _ship = new TradeShipProfile("X1-T-A", CargoCapacity: 40, EngineSpeed: 30, FuelCapacity: 400, CurrentFuel: 400);
    }

    [Test]
    public void Routes_are_costed_and_ranked_by_profit_per_hour()
    {
        var routes = new TradeRouteEvaluator(_markets, _positions, Flat).FindRoutes(_ship);

        // A -> C: 40 × 16 − 40 × 10 = 240, fuel: BURN 10 away = 20 units = 20 credits; profit 220.
        //         Flight 10 × 12.5 / 30 + 15 = 19.2 -> 19 s, plus 2 transactions × 0.5 s = 20 s: 220 / 20 s = 39,600 per hour.
        // A -> B: 40 × 20 − 400 = 400, fuel: BURN 50 away = 100 credits; profit 300 over 36 + 1 = 37 s: 29,189 per hour.
        // C -> B: 40 × (20 − 18) = 80, fuel 20 + 84 = 104: a loss, left out.
        Assert.That(routes.Select(r => (r.BuyAt, r.SellAt)), Is.EqualTo(new[] { ("X1-T-A", "X1-T-C"), ("X1-T-A", "X1-T-B") }));

        var toC = routes[0];
        Assert.That(toC.Good, Is.EqualTo((TradeSymbol)"IRON"));
        Assert.That(toC.Units, Is.EqualTo(40));
        Assert.That(toC.Purchase.Total, Is.EqualTo(400));
        Assert.That(toC.Sale.Total, Is.EqualTo(640));
        Assert.That(toC.FuelUsed, Is.EqualTo(20));
        Assert.That(toC.FuelCost, Is.EqualTo(20));
        Assert.That(toC.Profit, Is.EqualTo(220));
        Assert.That(toC.Duration, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(toC.ProfitPerHour, Is.EqualTo(39_600).Within(1e-6));
        Assert.That(toC.ReturnOnInvestment, Is.EqualTo(220.0 / 420).Within(1e-9));
        Assert.That(toC.ToBuy.Legs, Is.Empty, "the ship is already at A");
        Assert.That(toC.ToSell.Legs.Single().Mode, Is.EqualTo(ShipNavFlightMode.Burn));

        var toB = routes[1];
        Assert.That(toB.Profit, Is.EqualTo(300));
        Assert.That(toB.Duration, Is.EqualTo(TimeSpan.FromSeconds(37)));
        Assert.That(toB.ProfitPerHour, Is.EqualTo(300 / (37 / 3600.0)).Within(1e-6));
        Assert.That(toB.ReturnOnInvestment, Is.EqualTo(0.6).Within(1e-9));
    }

    [Test]
    public void Ranking_by_profit_or_by_return_on_investment_prefers_the_longer_trip()
    {
        var evaluator = new TradeRouteEvaluator(_markets, _positions, Flat);

        var byProfit = evaluator.FindRoutes(_ship, new TradeRouteOptions { RankBy = TradeRouteRanking.Profit });
        var byRoi = evaluator.FindRoutes(_ship, new TradeRouteOptions { RankBy = TradeRouteRanking.ReturnOnInvestment, MaxResults = 1 });

        Assert.That(byProfit[0].SellAt, Is.EqualTo("X1-T-B"));
        Assert.That(byRoi.Single().SellAt, Is.EqualTo("X1-T-B"));
    }

    [Test]
    public void The_credits_limit_the_units_bought()
    {
        var routes = new TradeRouteEvaluator(_markets, _positions, Flat).FindRoutes(_ship with { Credits = 250 });

        Assert.That(routes.Select(r => r.Units), Is.All.EqualTo(25), "250 credits buy 25 units at 10");
        Assert.That(routes[0].Purchase.Total, Is.EqualTo(250));
    }

    [Test]
    public void A_ship_elsewhere_flies_to_the_buying_market_first()
    {
        var routes = new TradeRouteEvaluator(_markets, _positions, Flat).FindRoutes(_ship with { WaypointSymbol = "X1-T-C" });

        // From C: A -> C now needs C -> A first (BURN 20 fuel, 19 s): profit 220 − 20 = 200 over 19 + 20 = 39 s.
        var aToC = routes.Single(r => r.BuyAt == "X1-T-A" && r.SellAt == "X1-T-C");
        Assert.That(aToC.ToBuy.Legs.Single().To, Is.EqualTo("X1-T-A"));
        Assert.That(aToC.FuelUsed, Is.EqualTo(40));
        Assert.That(aToC.Profit, Is.EqualTo(200));
        Assert.That(aToC.Duration, Is.EqualTo(TimeSpan.FromSeconds(39)));
    }

    [Test]
    public void With_moving_prices_the_units_carried_are_those_that_still_add_profit()
    {
        // A thin market: trade volume 5 on both sides and a margin of one credit that the price impact eats up.
        var markets = new MarketCache(_clock, _positions);
        var offered = TradeGood("IRON", "EXPORT", 10, 8, volume: 5);
        var wanted = TradeGood("IRON", "IMPORT", 12, 11, volume: 5);
        markets.Record(Market("X1-T-A", [offered], ("IRON", "EXPORT")));
        markets.Record(Market("X1-T-C", [wanted], ("IRON", "IMPORT")));
        var model = PriceImpactModel.Default;

        var route = new TradeRouteEvaluator(markets, _positions, model).Evaluate(_ship, "IRON", "X1-T-A", "X1-T-C", new TradeRouteOptions { FuelPricePerUnit = 0 })!;

        var bestMargin = Enumerable.Range(1, 40).Max(n => model.EstimateSale(wanted, n).Total - model.EstimatePurchase(offered, n).Total);
        Assert.That(route.Sale.Total - route.Purchase.Total, Is.EqualTo(bestMargin));
        Assert.That(route.Units, Is.LessThan(40), "carrying a full hold would give the margin back");
        Assert.That(route.Profit, Is.EqualTo(bestMargin));
    }

    [Test]
    public void Stale_prices_and_unlisted_goods_can_be_left_out()
    {
        _clock.Advance(TimeSpan.FromHours(3));
        _markets.Record(Market("X1-T-C", [TradeGood("IRON", "EXCHANGE", 18, 16, volume: 100)], ("IRON", "EXCHANGE")));
        var evaluator = new TradeRouteEvaluator(_markets, _positions, Flat);

        Assert.That(evaluator.FindRoutes(_ship, new TradeRouteOptions { MaxPriceAge = TimeSpan.FromHours(1) }), Is.Empty, "A's prices are 3 hours old");
        Assert.That(evaluator.FindRoutes(_ship, new TradeRouteOptions { Goods = ["FUEL"] }), Is.Empty);
        Assert.That(evaluator.Evaluate(_ship, "GOLD", "X1-T-A", "X1-T-B"), Is.Null);
    }
}
