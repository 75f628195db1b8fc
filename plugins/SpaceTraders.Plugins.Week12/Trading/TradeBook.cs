using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week12.Trading;

/// <summary>A trade one ship can make: buy <see cref="Units"/> of <see cref="Good"/> at one market, sell them at another.</summary>
/// <param name="Good">The good.</param>
/// <param name="BuyAt">Where to buy (an export or exchange market).</param>
/// <param name="SellAt">Where to sell (an import or exchange market).</param>
/// <param name="Units">The units worth carrying (price impact counted batch by batch).</param>
/// <param name="Cost">What the units are expected to cost.</param>
/// <param name="Revenue">What they are expected to fetch.</param>
/// <param name="FuelCost">The fuel both legs burn, in credits.</param>
/// <param name="Duration">Both flights plus the transactions.</param>
internal sealed record TradePlan(TradeSymbol Good, string BuyAt, string SellAt, int Units, long Cost, long Revenue, long FuelCost, TimeSpan Duration)
{
    /// <summary>Gets the expected profit after fuel.</summary>
    public long Profit => Revenue - Cost - FuelCost;

    /// <summary>Gets the expected profit per hour of the trip.</summary>
    public double ProfitPerHour => Profit / Math.Max(Duration.TotalHours, 1.0 / 3600);
}

/// <summary>The ship a trade is planned for.</summary>
/// <param name="Waypoint">Where it is (or where it arrives).</param>
/// <param name="CargoFree">Free hold space.</param>
/// <param name="Speed">Engine speed.</param>
/// <param name="FuelCapacity">Tank size (0 for a ship that needs no fuel).</param>
/// <param name="Credits">The credits it may spend on the load.</param>
internal sealed record TradeShip(string Waypoint, int CargoFree, int Speed, int FuelCapacity, long Credits);

/// <summary>
/// The trades of one system, from the market cache's prices: every good that one market sells (export or exchange)
/// and another buys (import or exchange) dearer, costed for one ship with the price impact of each batch, both
/// flights (straight CRUISE legs; a leg longer than the tank is out of reach) and their fuel. Cheap to call: a
/// system has a few dozen such pairs.
/// </summary>
/// <remarks>Stateless apart from the positions it was built with; thread-safe.</remarks>
internal sealed class TradeBook
{
    private const double FuelPerMarketUnit = 100;
    private static readonly ShipNavFlightMode Cruise = new("CRUISE");
    private readonly Dictionary<string, WaypointPosition> _positions;
    private readonly PriceImpactModel _impact;
    private readonly FlightRules _rules;
    private readonly TimeSpan _perTransaction;

    /// <summary>Initializes a new instance of the <see cref="TradeBook"/> class.</summary>
    /// <param name="waypoints">The system's waypoints (positions).</param>
    /// <param name="impact">How prices move per batch.</param>
    /// <param name="rules">Travel formulas.</param>
    /// <param name="perTransaction">Time a transaction costs (the rate limit), for the trip's duration.</param>
    public TradeBook(IEnumerable<Waypoint> waypoints, PriceImpactModel? impact = null, FlightRules? rules = null, TimeSpan? perTransaction = null)
    {
        _positions = waypoints.ToDictionary(w => w.Symbol, WaypointPosition.From, StringComparer.Ordinal);
        _impact = impact ?? PriceImpactModel.Default;
        _rules = rules ?? FlightRules.Default;
        _perTransaction = perTransaction ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Gets the straight-line distance between two waypoints of the book's system, or <see langword="null"/> when one is unknown.</summary>
    /// <param name="from">One waypoint.</param>
    /// <param name="to">The other.</param>
    /// <returns>The distance.</returns>
    public double? Distance(string from, string to) =>
        _positions.TryGetValue(from, out var a) && _positions.TryGetValue(to, out var b) ? a.DistanceTo(b) : null;

    /// <summary>Gets the CRUISE flight time between two waypoints at an engine speed, or <see langword="null"/> when one is unknown.</summary>
    /// <param name="from">Where from.</param>
    /// <param name="to">Where to.</param>
    /// <param name="speed">The engine speed.</param>
    /// <returns>The flight time.</returns>
    public TimeSpan? FlightTime(string from, string to, int speed) =>
        Distance(from, to) is { } d ? TimeSpan.FromSeconds(from == to ? 0 : _rules.NavigateSeconds(d, speed, Cruise)) : null;

    /// <summary>Lists the trades a ship can make now, best profit per hour first.</summary>
    /// <param name="markets">The prices.</param>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="ship">The ship.</param>
    /// <param name="maxPriceAge">How old a price may be to plan with.</param>
    /// <param name="now">The current time.</param>
    /// <param name="available">Whether a good may be traded at a market now: false for ends another ship has claimed (asked once per good and market).</param>
    /// <param name="minProfit">The least profit a trade must make.</param>
    /// <param name="minMargin">The least margin of the last batch carried (0.25: sold for a quarter more than it cost).</param>
    /// <returns>The trades.</returns>
    public List<TradePlan> Plans(
        MarketCache markets,
        string systemSymbol,
        TradeShip ship,
        TimeSpan maxPriceAge,
        DateTimeOffset now,
        Func<TradeSymbol, string, bool> available,
        long minProfit,
        double minMargin)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(available);
        var plans = new List<TradePlan>();
        if (ship.CargoFree <= 0 || !_positions.TryGetValue(ship.Waypoint, out var here))
        {
            return plans;
        }

        var priced = markets.GetMarkets(systemSymbol).Where(m => m.HasPrices && _positions.ContainsKey(m.WaypointSymbol)).ToArray();
        var fuelPrice = FuelPrice(priced);

        // Who buys each good (imports and exchanges), so each offer meets only its buyers.
        var buyers = new Dictionary<TradeSymbol, List<(MarketSnapshot Market, ObservedTradeGood Good)>>();
        foreach (var market in priced)
        {
            foreach (var (good, observed) in market.Goods)
            {
                if (observed.Good.Type != MarketTradeGoodType.Export && now - observed.ObservedAt <= maxPriceAge && available(good, market.WaypointSymbol))
                {
                    if (!buyers.TryGetValue(good, out var list))
                    {
                        buyers[good] = list = [];
                    }

                    list.Add((market, observed));
                }
            }
        }

        foreach (var buy in priced)
        {
            var buyAt = _positions[buy.WaypointSymbol];
            var toBuy = buy.WaypointSymbol == ship.Waypoint ? 0 : here.DistanceTo(buyAt);
            if (ship.FuelCapacity > 0 && toBuy > ship.FuelCapacity)
            {
                continue;
            }

            foreach (var (good, offered) in buy.Goods)
            {
                if (offered.Good.Type == MarketTradeGoodType.Import || now - offered.ObservedAt > maxPriceAge
                    || !buyers.TryGetValue(good, out var sellers) || !available(good, buy.WaypointSymbol))
                {
                    continue;
                }

                foreach (var (sell, wanted) in sellers)
                {
                    if (ReferenceEquals(sell, buy) || wanted.Good.SellPrice <= offered.Good.PurchasePrice)
                    {
                        continue;
                    }

                    var leg = buyAt.DistanceTo(_positions[sell.WaypointSymbol]);
                    if (ship.FuelCapacity > 0 && leg > ship.FuelCapacity)
                    {
                        continue;
                    }

                    if (Cost(offered.Good, wanted.Good, ship, toBuy, leg, fuelPrice, buy.WaypointSymbol, sell.WaypointSymbol, minMargin) is { } plan && plan.Profit >= minProfit)
                    {
                        plans.Add(plan);
                    }
                }
            }
        }

        plans.Sort(static (a, b) =>
        {
            var byRate = b.ProfitPerHour.CompareTo(a.ProfitPerHour);
            if (byRate != 0)
            {
                return byRate;
            }

            var byGood = string.CompareOrdinal(a.Good.Value, b.Good.Value);
            return byGood != 0 ? byGood : string.CompareOrdinal(a.BuyAt + a.SellAt, b.BuyAt + b.SellAt);
        });
        return plans;
    }

    /// <summary>Costs one trade with the prices seen: the units that maximise its margin, its flights and fuel.</summary>
    /// <param name="offered">The good where it is bought.</param>
    /// <param name="wanted">The good where it is sold.</param>
    /// <param name="ship">The ship.</param>
    /// <param name="toBuy">The distance to the buying market.</param>
    /// <param name="leg">The distance from there to the selling market.</param>
    /// <param name="fuelPrice">Credits per fuel market unit.</param>
    /// <param name="buyAt">The buying market.</param>
    /// <param name="sellAt">The selling market.</param>
    /// <param name="minMargin">The least margin of the last batch carried: a market pushed far from where it rests recovers no
    /// faster (it recovers a fixed number of batches an hour), so batches bought at thin margins only waste its recovery.</param>
    /// <returns>The plan, or <see langword="null"/> when no unit adds profit.</returns>
    public TradePlan? Cost(MarketTradeGood offered, MarketTradeGood wanted, TradeShip ship, double toBuy, double leg, double fuelPrice, string buyAt, string sellAt, double minMargin)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(ship);
        var cap = ship.CargoFree;
        var (units, cost, revenue, batches) = (0, 0L, 0L, 0);
        var batch = Math.Max(1, Math.Min(offered.TradeVolume, wanted.TradeVolume));
        for (var n = batch; ; n = Math.Min(n + batch, cap))
        {
            var purchase = _impact.EstimatePurchase(offered, n);
            if (purchase.Total > ship.Credits)
            {
                break;
            }

            var sale = _impact.EstimateSale(wanted, n);
            if (sale.Total - purchase.Total <= revenue - cost
                || sale.Batches[^1].PricePerUnit < purchase.Batches[^1].PricePerUnit * (1 + minMargin))
            {
                break;
            }

            (units, cost, revenue, batches) = (n, purchase.Total, sale.Total, purchase.Batches.Count + sale.Batches.Count);
            if (n >= cap)
            {
                break;
            }
        }

        if (units == 0)
        {
            return null;
        }

        var fuel = _rules.FuelCost(toBuy, Cruise, ship.FuelCapacity) + _rules.FuelCost(leg, Cruise, ship.FuelCapacity);
        var fuelCost = ship.FuelCapacity == 0 ? 0 : (long)Math.Ceiling(fuel / FuelPerMarketUnit * fuelPrice);
        var seconds = (toBuy > 0 ? _rules.NavigateSeconds(toBuy, ship.Speed, Cruise) : 0) + _rules.NavigateSeconds(leg, ship.Speed, Cruise);
        var duration = TimeSpan.FromSeconds(seconds) + (_perTransaction * (batches + 6));
        return new TradePlan(offered.Symbol, buyAt, sellAt, units, cost, revenue, fuelCost, duration);
    }

    /// <summary>The cheapest fuel seen in the system, per market unit (100 ship fuel units).</summary>
    private static double FuelPrice(IEnumerable<MarketSnapshot> markets)
    {
        var best = double.MaxValue;
        foreach (var market in markets)
        {
            if (market.GetGood(TradeSymbol.Fuel) is { } fuel && fuel.Good.PurchasePrice < best)
            {
                best = fuel.Good.PurchasePrice;
            }
        }

        return best == double.MaxValue ? 100 : best;
    }
}
