using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// Finds the best buy-here-sell-there trades for a ship from the prices in a <see cref="MarketCache"/>: for every
/// good priced at two markets of the ship's system, the units worth carrying, the profit after fuel, the profit per
/// hour including the flights, and the return on investment.
/// </summary>
/// <remarks>
/// <para>
/// Each candidate is costed with the <see cref="PriceImpactModel"/> (prices move after every batch, so the units
/// carried are the ones that still add profit, up to the hold and the credits), and flown with the
/// <see cref="SystemRoutePlanner"/> (the ship flies to the buying market, then to the selling market, refuelling
/// where it must; it tops up at the buying market when that market sells FUEL). Fuel is charged at the price
/// seen at the system's markets (one FUEL market unit holds 100 ship fuel units).
/// </para>
/// <para>Stateless between calls and thread-safe. Time comes from the market cache's clock.</para>
/// </remarks>
public sealed class TradeRouteEvaluator
{
    private readonly MarketCache _markets;
    private readonly IWaypointLocator _locator;
    private readonly PriceImpactModel _impact;
    private readonly FlightRules _rules;

    /// <summary>Initializes a new instance of the <see cref="TradeRouteEvaluator"/> class.</summary>
    /// <param name="markets">The prices.</param>
    /// <param name="locator">Where the waypoints lie, for example a <see cref="StaticWorldCache"/>.</param>
    /// <param name="priceImpact">How prices move with trading. The default value is the SDK's <see cref="PriceImpactModel.Default"/> parameters at 94bdb2f, spelled out in this library.</param>
    /// <param name="rules">The travel formulas. The default value is <see cref="FlightRules.Default"/>.</param>
    public TradeRouteEvaluator(MarketCache markets, IWaypointLocator locator, PriceImpactModel? priceImpact = null, FlightRules? rules = null)
    {
        _markets = markets ?? throw new ArgumentNullException(nameof(markets));
        _locator = locator ?? throw new ArgumentNullException(nameof(locator));
        _impact = priceImpact ?? FrozenDefaults.PriceImpact;
        _rules = rules ?? FlightRules.Default;
    }

    /// <summary>Finds and ranks the profitable trades for a ship in its system.</summary>
    /// <param name="ship">The ship: where it is, its hold, engine and fuel, and optionally the credits it may spend.</param>
    /// <param name="options">What to rank by and what to consider. The default value is <see cref="TradeRouteOptions.Default"/>.</param>
    /// <returns>The trades, best first, at most <see cref="TradeRouteOptions.MaxResults"/>.</returns>
    public IReadOnlyList<TradeRoute> FindRoutes(TradeShipProfile ship, TradeRouteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ship);
        options ??= TradeRouteOptions.Default;
        var context = new Context(this, ship, options);
        var now = _markets.TimeProvider.GetUtcNow();
        var priced = _markets.GetMarkets(context.SystemSymbol).Where(m => m.HasPrices).ToArray();
        var routes = new List<TradeRoute>();
        foreach (var buy in priced)
        {
            foreach (var (good, offered) in buy.Goods)
            {
                if (!Fresh(offered, options, now) || (options.Goods is { } goods && !goods.Contains(good)))
                {
                    continue;
                }

                foreach (var sell in priced)
                {
                    if (ReferenceEquals(sell, buy)
                        || !sell.Goods.TryGetValue(good, out var wanted)
                        || !Fresh(wanted, options, now)
                        || wanted.SellPrice <= offered.PurchasePrice)
                    {
                        continue;
                    }

                    if (context.Evaluate(good, buy.WaypointSymbol, offered.Good, sell.WaypointSymbol, wanted.Good) is { } route
                        && route.Profit >= options.MinProfit)
                    {
                        routes.Add(route);
                    }
                }
            }
        }

        routes.Sort((a, b) => Compare(a, b, options.RankBy));
        return routes.Count > options.MaxResults ? routes.GetRange(0, options.MaxResults) : routes;
    }

    /// <summary>Evaluates one trade: buy a good at one market, sell it at another.</summary>
    /// <param name="ship">The ship.</param>
    /// <param name="good">The good.</param>
    /// <param name="buyAt">The market to buy at (its price must have been seen).</param>
    /// <param name="sellAt">The market to sell at (its price must have been seen).</param>
    /// <param name="options">The settings. The default value is <see cref="TradeRouteOptions.Default"/>.</param>
    /// <returns>The trade, or <see langword="null"/> when a price is unknown, no unit adds profit, or a market is out of reach.</returns>
    public TradeRoute? Evaluate(TradeShipProfile ship, TradeSymbol good, string buyAt, string sellAt, TradeRouteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentException.ThrowIfNullOrWhiteSpace(buyAt);
        ArgumentException.ThrowIfNullOrWhiteSpace(sellAt);
        options ??= TradeRouteOptions.Default;
        if (!_markets.TryGet(buyAt, out var buy) || buy.GetGood(good) is not { } offered
            || !_markets.TryGet(sellAt, out var sell) || sell.GetGood(good) is not { } wanted)
        {
            return null;
        }

        return new Context(this, ship, options).Evaluate(good, buyAt, offered.Good, sellAt, wanted.Good);
    }

    private static bool Fresh(ObservedTradeGood good, TradeRouteOptions options, DateTimeOffset now) =>
        options.MaxPriceAge is not { } maxAge || now - good.ObservedAt <= maxAge;

    private static int Compare(TradeRoute a, TradeRoute b, TradeRouteRanking rankBy)
    {
        var primary = rankBy switch
        {
            TradeRouteRanking.Profit => b.Profit.CompareTo(a.Profit),
            TradeRouteRanking.ReturnOnInvestment => b.ReturnOnInvestment.CompareTo(a.ReturnOnInvestment),
            _ => b.ProfitPerHour.CompareTo(a.ProfitPerHour),
        };
        if (primary != 0)
        {
            return primary;
        }

        var byProfit = b.Profit.CompareTo(a.Profit);
        if (byProfit != 0)
        {
            return byProfit;
        }

        var byGood = string.CompareOrdinal(a.Good.Value, b.Good.Value);
        if (byGood != 0)
        {
            return byGood;
        }

        var byBuy = string.CompareOrdinal(a.BuyAt, b.BuyAt);
        return byBuy != 0 ? byBuy : string.CompareOrdinal(a.SellAt, b.SellAt);
    }

    /// <summary>The per-call state: the planner, the fuel price and the cached flights.</summary>
    private sealed class Context
    {
        private readonly TradeRouteEvaluator _owner;
        private readonly TradeShipProfile _ship;
        private readonly TradeRouteOptions _options;
        private readonly SystemRoutePlanner _planner;
        private readonly double _fuelPricePerUnit;
        private readonly Dictionary<string, RoutePlan?> _toBuy = new(StringComparer.Ordinal);
        private readonly Dictionary<(string From, string To, int Fuel), RoutePlan?> _toSell = [];

        public Context(TradeRouteEvaluator owner, TradeShipProfile ship, TradeRouteOptions options)
        {
            _owner = owner;
            _ship = ship;
            _options = options;
            SystemSymbol = Symbols.SystemOf(ship.WaypointSymbol);
            var waypoints = owner._locator.GetSystemWaypoints(SystemSymbol).ToList();
            if (!waypoints.Any(w => string.Equals(w.Symbol, ship.WaypointSymbol, StringComparison.Ordinal)))
            {
                if (!owner._locator.TryGetPosition(ship.WaypointSymbol, out var here))
                {
                    throw new ArgumentException($"The position of {ship.WaypointSymbol} is not known to the locator.", nameof(ship));
                }

                waypoints.Add(here);
            }

            _planner = new SystemRoutePlanner(waypoints, owner._markets.GetFuelStations(SystemSymbol), owner._rules);
            var fuelPrices = owner._markets.GetMarkets(SystemSymbol)
                .Select(m => m.GetGood(TradeSymbol.Fuel))
                .OfType<ObservedTradeGood>()
                .Select(g => (double)g.PurchasePrice)
                .ToList();
            _fuelPricePerUnit = options.FuelPricePerUnit
                ?? (fuelPrices.Count > 0 ? fuelPrices.Average() : options.FallbackFuelMarketPrice) / 100.0;
        }

        public string SystemSymbol { get; }

        public TradeRoute? Evaluate(TradeSymbol good, string buyAt, MarketTradeGood offered, string sellAt, MarketTradeGood wanted)
        {
            var shipFuel = new RouteShip(_ship.EngineSpeed, _ship.FuelCapacity, _ship.CurrentFuel);
            if (!_toBuy.TryGetValue(buyAt, out var toBuy))
            {
                _toBuy[buyAt] = toBuy = Plan(_ship.WaypointSymbol, buyAt, shipFuel);
            }

            if (toBuy is null)
            {
                return null;
            }

            var fuelAtBuy = _planner.SellsFuel(buyAt) ? _ship.FuelCapacity : toBuy.FuelRemaining;
            if (!_toSell.TryGetValue((buyAt, sellAt, fuelAtBuy), out var toSell))
            {
                _toSell[(buyAt, sellAt, fuelAtBuy)] = toSell = Plan(buyAt, sellAt, shipFuel with { CurrentFuel = fuelAtBuy });
            }

            if (toSell is null)
            {
                return null;
            }

            var (units, purchase, sale) = BestUnits(offered, wanted);
            if (units == 0)
            {
                return null;
            }

            var fuelUsed = toBuy.FuelUsed + toSell.FuelUsed;
            var fuelCost = (long)Math.Ceiling(fuelUsed * _fuelPricePerUnit);
            var profit = sale.Total - purchase.Total - fuelCost;
            var transactions = purchase.Batches.Count + sale.Batches.Count;
            var duration = toBuy.Duration + toSell.Duration + (_options.TimePerTransaction * transactions);
            var hours = Math.Max(duration.TotalHours, 1.0 / 3600);
            var invested = purchase.Total + fuelCost;
            return new TradeRoute(
                good,
                buyAt,
                sellAt,
                units,
                offered,
                wanted,
                purchase,
                sale,
                fuelUsed,
                fuelCost,
                profit,
                duration,
                profit / hours,
                invested > 0 ? (double)profit / invested : 0,
                toBuy,
                toSell);
        }

        private RoutePlan? Plan(string from, string to, RouteShip ship)
        {
            try
            {
                return _planner.Plan(from, to, ship, _options.Routing);
            }
            catch (ArgumentException)
            {
                // A market whose position the locator does not know cannot be flown to.
                return null;
            }
        }

        /// <summary>
        /// Picks the units that maximise the trade's margin: every batch boundary of either market up to the hold
        /// (and the credits) is a candidate, since the margin changes only there.
        /// </summary>
        private (int Units, TradeEstimate Purchase, TradeEstimate Sale) BestUnits(MarketTradeGood offered, MarketTradeGood wanted)
        {
            var impact = _owner._impact;
            var cap = Math.Max(0, Math.Min(_ship.CargoCapacity, _options.MaxUnits ?? int.MaxValue));
            if (_ship.Credits is { } credits)
            {
                cap = Math.Min(cap, Affordable(offered, cap, credits));
            }

            var candidates = new SortedSet<int> { cap };
            foreach (var volume in (ReadOnlySpan<int>)[Math.Max(1, offered.TradeVolume), Math.Max(1, wanted.TradeVolume)])
            {
                for (var n = volume; n < cap; n += volume)
                {
                    candidates.Add(n);
                }
            }

            var best = (Units: 0, Purchase: impact.EstimatePurchase(offered, 0), Sale: impact.EstimateSale(wanted, 0));
            var bestMargin = 0L;
            foreach (var units in candidates)
            {
                if (units <= 0)
                {
                    continue;
                }

                var purchase = impact.EstimatePurchase(offered, units);
                var sale = impact.EstimateSale(wanted, units);
                var margin = sale.Total - purchase.Total;
                if (margin > bestMargin)
                {
                    bestMargin = margin;
                    best = (units, purchase, sale);
                }
            }

            return best;
        }

        private int Affordable(MarketTradeGood offered, int cap, long credits)
        {
            int low = 0, high = cap;
            while (low < high)
            {
                var mid = (low + high + 1) / 2;
                if (_owner._impact.EstimatePurchase(offered, mid).Total <= credits)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return low;
        }
    }
}

/// <summary>What <see cref="TradeRouteEvaluator"/> ranks trades by.</summary>
public enum TradeRouteRanking
{
    /// <summary>Profit per hour, flights and transactions included: what keeps a ship busiest earning.</summary>
    ProfitPerHour = 0,

    /// <summary>Profit per trip, after fuel.</summary>
    Profit = 1,

    /// <summary>Profit over the credits put in (goods and fuel): what to prefer when credits are short.</summary>
    ReturnOnInvestment = 2,
}

/// <summary>Settings of <see cref="TradeRouteEvaluator"/>.</summary>
public sealed record TradeRouteOptions
{
    /// <summary>Gets the default settings.</summary>
    public static TradeRouteOptions Default { get; } = new();

    /// <summary>Gets what to rank by. The default value is <see cref="TradeRouteRanking.ProfitPerHour"/>.</summary>
    public TradeRouteRanking RankBy { get; init; } = TradeRouteRanking.ProfitPerHour;

    /// <summary>Gets the number of trades to return at most. The default value is 10.</summary>
    public int MaxResults { get; init; } = 10;

    /// <summary>Gets the smallest profit, after fuel, worth returning. The default value is 1 credit.</summary>
    public long MinProfit { get; init; } = 1;

    /// <summary>Gets the oldest price to trust. The default value is <see langword="null"/> (any age).</summary>
    public TimeSpan? MaxPriceAge { get; init; }

    /// <summary>Gets the goods to consider. The default value is <see langword="null"/> (every good priced).</summary>
    public IReadOnlyCollection<TradeSymbol>? Goods { get; init; }

    /// <summary>Gets the most units to carry (to leave room in the hold). The default value is <see langword="null"/> (the whole hold).</summary>
    public int? MaxUnits { get; init; }

    /// <summary>
    /// Gets the price of one ship fuel unit in credits. The default value is <see langword="null"/>: the average FUEL
    /// purchase price seen in the system, divided by 100 (one FUEL market unit is 100 ship units).
    /// </summary>
    public double? FuelPricePerUnit { get; init; }

    /// <summary>Gets the FUEL market price to assume when no market of the system has shown one. The default value is 100 credits.</summary>
    public double FallbackFuelMarketPrice { get; init; } = 100;

    /// <summary>
    /// Gets the time each purchase or sale transaction adds to a trip (each is a request, and requests are rationed).
    /// The default value is 0.5 seconds.
    /// </summary>
    public TimeSpan TimePerTransaction { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Gets the route planner's settings for the flights. The default value is the SDK's
    /// <see cref="RoutePlannerOptions.Default"/> at 94bdb2f, spelled out in this library.
    /// </summary>
    public RoutePlannerOptions Routing { get; init; } = FrozenDefaults.Route;
}

/// <summary>What a trade route evaluation needs to know about a ship.</summary>
/// <param name="WaypointSymbol">Where the ship is (or will be when the trade starts).</param>
/// <param name="CargoCapacity">The hold's free capacity for the trade.</param>
/// <param name="EngineSpeed">The engine's speed.</param>
/// <param name="FuelCapacity">The fuel capacity (0 for a probe).</param>
/// <param name="CurrentFuel">The fuel in the tank.</param>
public sealed record TradeShipProfile(string WaypointSymbol, int CargoCapacity, int EngineSpeed, int FuelCapacity, int CurrentFuel)
{
    /// <summary>Gets the credits the trade may spend on goods, or <see langword="null"/> for no limit. The default value is <see langword="null"/>.</summary>
    public long? Credits { get; init; }

    /// <summary>Gets the profile of a ship: its waypoint, free hold, engine and fuel.</summary>
    /// <param name="ship">The ship.</param>
    /// <param name="credits">The credits the trade may spend, or <see langword="null"/> for no limit.</param>
    /// <returns>The profile.</returns>
    public static TradeShipProfile From(Ship ship, long? credits = null)
    {
        ArgumentNullException.ThrowIfNull(ship);
        return new(ship.Nav.WaypointSymbol, ship.Cargo.Capacity - ship.Cargo.Units, ship.Engine.Speed, ship.Fuel.Capacity, ship.Fuel.Current)
        {
            Credits = credits,
        };
    }

    /// <summary>Gets the profile of a tracked ship.</summary>
    /// <param name="ship">The tracked ship; its nav, cargo, engine and fuel must be known.</param>
    /// <param name="credits">The credits the trade may spend, or <see langword="null"/> for no limit.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidOperationException">A part the profile needs is not known yet.</exception>
    public static TradeShipProfile From(TrackedShip ship, long? credits = null)
    {
        ArgumentNullException.ThrowIfNull(ship);
        var snapshot = ship.Current;
        if (snapshot.Nav is not { } nav || snapshot.Cargo is not { } cargo || snapshot.Engine is not { } engine || snapshot.Fuel is not { } fuel)
        {
            throw new InvalidOperationException($"The nav, cargo, engine and fuel of {ship.Symbol} must be known: apply the full ship first.");
        }

        return new(nav.WaypointSymbol, cargo.Capacity - cargo.Units, engine.Speed, fuel.Capacity, fuel.Current) { Credits = credits };
    }
}

/// <summary>A trade: buy a good at one market, fly, sell it at another.</summary>
/// <param name="Good">The good.</param>
/// <param name="BuyAt">The market to buy at.</param>
/// <param name="SellAt">The market to sell at.</param>
/// <param name="Units">The units to carry (those that still add profit, up to the hold and the credits).</param>
/// <param name="BuyGood">The good at the buying market, as last seen.</param>
/// <param name="SellGood">The good at the selling market, as last seen.</param>
/// <param name="Purchase">The expected cost, batch by batch.</param>
/// <param name="Sale">The expected revenue, batch by batch.</param>
/// <param name="FuelUsed">The fuel both flights use.</param>
/// <param name="FuelCost">The credits that fuel costs.</param>
/// <param name="Profit">Revenue less cost less fuel.</param>
/// <param name="Duration">The flights (refuel stops included) plus the transactions.</param>
/// <param name="ProfitPerHour">Profit per hour of <paramref name="Duration"/>.</param>
/// <param name="ReturnOnInvestment">Profit over the credits put in (goods and fuel).</param>
/// <param name="ToBuy">The flight from the ship's waypoint to the buying market.</param>
/// <param name="ToSell">The flight from the buying market to the selling market.</param>
public sealed record TradeRoute(
    TradeSymbol Good,
    string BuyAt,
    string SellAt,
    int Units,
    MarketTradeGood BuyGood,
    MarketTradeGood SellGood,
    TradeEstimate Purchase,
    TradeEstimate Sale,
    int FuelUsed,
    long FuelCost,
    long Profit,
    TimeSpan Duration,
    double ProfitPerHour,
    double ReturnOnInvestment,
    RoutePlan ToBuy,
    RoutePlan ToSell);
