using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Piloting;

/// <summary>
/// Picks where to sell a hold: the market of the ship's system where the goods it buys bring the most, less the cost of
/// getting there. Prices come from the <see cref="MarketCache"/> (estimated batch by batch with the
/// <see cref="PriceImpactModel"/>); a market whose listing shows it buys a good but whose prices have not been seen is
/// valued at the best price seen for that good elsewhere in the system (or <see cref="SalePlanOptions.FallbackPricePerUnit"/>).
/// </summary>
/// <remarks>Stateless and thread-safe; no request is made.</remarks>
public static class SalePlanner
{
    /// <summary>Finds the best market stop for a hold.</summary>
    /// <param name="markets">The market cache.</param>
    /// <param name="locator">Where waypoints lie (for example the client's <see cref="StaticWorldCache"/>).</param>
    /// <param name="fromWaypoint">Where the ship is (or will be).</param>
    /// <param name="cargo">The hold.</param>
    /// <param name="options">What to keep and how to cost distance. The default value is <see cref="SalePlanOptions.Default"/>.</param>
    /// <param name="excluded">Market and good pairs to leave out (for example a market that refused a good); <see langword="null"/> for none.</param>
    /// <returns>The best stop, or <see langword="null"/> when no known market of the system buys any of the goods.</returns>
    public static SaleStop? FindBestStop(
        MarketCache markets,
        IWaypointLocator locator,
        string fromWaypoint,
        IEnumerable<ShipCargoItem> cargo,
        SalePlanOptions? options = null,
        Func<string, TradeSymbol, bool>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentException.ThrowIfNullOrWhiteSpace(fromWaypoint);
        ArgumentNullException.ThrowIfNull(cargo);
        options ??= SalePlanOptions.Default;
        var impact = options.PriceImpact ?? PriceImpactModel.Default;
        var system = Symbols.SystemOf(fromWaypoint);
        var held = cargo
            .Where(i => i.Units > 0 && (options.Keep is null || !options.Keep.Contains(i.Symbol)))
            .GroupBy(i => i.Symbol)
            .Select(g => (Good: g.Key, Units: g.Sum(i => i.Units)))
            .ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var now = markets.TimeProvider.GetUtcNow();
        var hasOrigin = locator.TryGetPosition(fromWaypoint, out var origin);
        SaleStop? best = null;
        foreach (var market in markets.GetMarkets(system))
        {
            var goods = new List<TradeSymbol>();
            long revenue = 0;
            foreach (var (good, units) in held)
            {
                if (excluded?.Invoke(market.WaypointSymbol, good) == true)
                {
                    continue;
                }

                var listing = market.GetListing(good);
                if (listing is null || (listing == MarketTradeGoodType.Export && !options.IncludeExports))
                {
                    continue;
                }

                var observed = market.GetGood(good);
                if (observed is not null && (options.MaxPriceAge is not { } maxAge || now - observed.ObservedAt <= maxAge))
                {
                    revenue += impact.EstimateSale(observed.Good, units).Total;
                }
                else
                {
                    revenue += (long)units * (markets.GetBestSellPrice(system, good) ?? options.FallbackPricePerUnit);
                }

                goods.Add(good);
            }

            if (goods.Count == 0)
            {
                continue;
            }

            double? distance = market.WaypointSymbol == fromWaypoint
                ? 0
                : hasOrigin && locator.TryGetPosition(market.WaypointSymbol, out var there) ? origin.DistanceTo(there) : null;
            var score = revenue - (options.CreditsPerDistance * (distance ?? options.UnknownDistance));
            if (best is null || score > best.Score || (score == best.Score && string.CompareOrdinal(market.WaypointSymbol, best.WaypointSymbol) < 0))
            {
                best = new SaleStop(market.WaypointSymbol, goods, revenue, distance, score);
            }
        }

        return best;
    }
}

/// <summary>Settings of <see cref="SalePlanner"/> and <see cref="ShipPilot.SellHoldAsync(SalePlanOptions?, CancellationToken)"/>.</summary>
public sealed record SalePlanOptions
{
    /// <summary>Gets the default settings.</summary>
    public static SalePlanOptions Default { get; } = new();

    /// <summary>
    /// Gets the credits each unit of distance to a market costs (fuel, and the time the ship is not earning). The default
    /// value is 5.
    /// </summary>
    public double CreditsPerDistance { get; init; } = 5;

    /// <summary>Gets the distance assumed for a market whose position is unknown. The default value is 200.</summary>
    public double UnknownDistance { get; init; } = 200;

    /// <summary>Gets the goods not to sell (for example those a contract needs). The default value is <see langword="null"/> (none).</summary>
    public IReadOnlyCollection<TradeSymbol>? Keep { get; init; }

    /// <summary>Gets a value indicating whether markets that only export a good count as buyers. The default value is <see langword="false"/>.</summary>
    public bool IncludeExports { get; init; }

    /// <summary>Gets the oldest price to trust; older prices count as unseen. The default value is <see langword="null"/> (any age).</summary>
    public TimeSpan? MaxPriceAge { get; init; }

    /// <summary>Gets the price per unit assumed for a good no market of the system has priced. The default value is 1.</summary>
    public int FallbackPricePerUnit { get; init; } = 1;

    /// <summary>Gets the price-impact model for the estimates. The default value is <see langword="null"/> (<see cref="PriceImpactModel.Default"/>).</summary>
    public PriceImpactModel? PriceImpact { get; init; }

    /// <summary>Gets the most markets <see cref="ShipPilot.SellHoldAsync(SalePlanOptions?, CancellationToken)"/> visits in one call. The default value is 3.</summary>
    public int MaxStops { get; init; } = 3;
}

/// <summary>A market to sell at, from <see cref="SalePlanner.FindBestStop"/>.</summary>
/// <param name="WaypointSymbol">The market.</param>
/// <param name="Goods">The held goods it buys.</param>
/// <param name="ExpectedRevenue">What they are expected to bring.</param>
/// <param name="Distance">The distance from the ship, or <see langword="null"/> when unknown.</param>
/// <param name="Score">The revenue less the distance cost.</param>
public sealed record SaleStop(string WaypointSymbol, IReadOnlyList<TradeSymbol> Goods, long ExpectedRevenue, double? Distance, double Score);

/// <summary>What <see cref="ShipPilot.SellHoldAsync(SalePlanOptions?, CancellationToken)"/> did.</summary>
/// <param name="Sales">The sales, in order.</param>
/// <param name="Unsold">The goods left in the hold that no known market buys (goods kept on purpose are not listed).</param>
public sealed record HoldSale(IReadOnlyList<MarketTransaction> Sales, IReadOnlyList<ShipCargoItem> Unsold)
{
    /// <summary>Gets the credits the sales brought.</summary>
    public long Revenue => Sales.Sum(s => (long)s.TotalPrice);
}
