using System.Collections.Frozen;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// What <see cref="MarketCache"/> knows about one market: what it lists as exports, imports and exchange goods,
/// and the prices last seen for each good with the time they were seen.
/// </summary>
/// <remarks>Immutable: a new snapshot replaces it whenever the market is recorded again.</remarks>
public sealed class MarketSnapshot
{
    internal MarketSnapshot(
        Market market,
        string systemSymbol,
        FrozenDictionary<TradeSymbol, ObservedTradeGood> goods,
        IReadOnlyList<MarketTransaction> transactions,
        DateTimeOffset listedAt,
        DateTimeOffset? pricesObservedAt)
    {
        Market = market;
        SystemSymbol = systemSymbol;
        Goods = goods;
        Transactions = transactions;
        ListedAt = listedAt;
        PricesObservedAt = pricesObservedAt;
        Exports = [.. market.Exports.Select(g => g.Symbol)];
        Imports = [.. market.Imports.Select(g => g.Symbol)];
        Exchange = [.. market.Exchange.Select(g => g.Symbol)];
    }

    /// <summary>Gets the market's waypoint symbol.</summary>
    public string WaypointSymbol => Market.Symbol;

    /// <summary>Gets the system the market lies in.</summary>
    public string SystemSymbol { get; }

    /// <summary>
    /// Gets the market as last recorded. When the last record carried no prices (no ship was there), its
    /// <see cref="Market.TradeGoods"/> and <see cref="Market.Transactions"/> are the ones last seen.
    /// </summary>
    public Market Market { get; }

    /// <summary>Gets the goods the market exports (produces).</summary>
    public IReadOnlyList<TradeSymbol> Exports { get; }

    /// <summary>Gets the goods the market imports (consumes).</summary>
    public IReadOnlyList<TradeSymbol> Imports { get; }

    /// <summary>Gets the goods the market exchanges (they move only with player trades).</summary>
    public IReadOnlyList<TradeSymbol> Exchange { get; }

    /// <summary>Gets the prices last seen, by good, each with the time it was seen; empty until a ship has been at the market.</summary>
    public IReadOnlyDictionary<TradeSymbol, ObservedTradeGood> Goods { get; }

    /// <summary>Gets the market's recent transactions, as last seen.</summary>
    public IReadOnlyList<MarketTransaction> Transactions { get; }

    /// <summary>Gets when the market was last recorded (with or without prices).</summary>
    public DateTimeOffset ListedAt { get; }

    /// <summary>Gets when prices were last seen, or <see langword="null"/> if never.</summary>
    public DateTimeOffset? PricesObservedAt { get; }

    /// <summary>Gets a value indicating whether prices have been seen.</summary>
    public bool HasPrices => PricesObservedAt is not null;

    /// <summary>Gets how the market lists a good: as an export, an import or an exchange good.</summary>
    /// <param name="good">The good.</param>
    /// <returns>The listing, or <see langword="null"/> if the market does not trade the good.</returns>
    public MarketTradeGoodType? GetListing(TradeSymbol good)
    {
        if (Goods.TryGetValue(good, out var observed))
        {
            return observed.Good.Type;
        }

        if (Exports.Contains(good))
        {
            return MarketTradeGoodType.Export;
        }

        if (Imports.Contains(good))
        {
            return MarketTradeGoodType.Import;
        }

        return Exchange.Contains(good) ? MarketTradeGoodType.Exchange : (MarketTradeGoodType?)null;
    }

    /// <summary>Gets the price data last seen for a good.</summary>
    /// <param name="good">The good.</param>
    /// <returns>The observation, or <see langword="null"/> when no price has been seen.</returns>
    public ObservedTradeGood? GetGood(TradeSymbol good) => Goods.TryGetValue(good, out var observed) ? observed : null;

    /// <summary>Gets how old the prices are.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The age, or <see langword="null"/> when no prices have been seen.</returns>
    public TimeSpan? PriceAge(DateTimeOffset now) => now - PricesObservedAt;

    /// <inheritdoc />
    public override string ToString() =>
        $"{WaypointSymbol}: {Exports.Count} export(s), {Imports.Count} import(s), {Exchange.Count} exchange, {(HasPrices ? $"{Goods.Count} priced at {PricesObservedAt:O}" : "no prices")}";
}

/// <summary>A good's prices as seen at a market, and when they were seen.</summary>
/// <param name="Good">The good's prices, supply, activity and trade volume.</param>
/// <param name="ObservedAt">When they were seen.</param>
public sealed record ObservedTradeGood(MarketTradeGood Good, DateTimeOffset ObservedAt)
{
    /// <summary>Gets the good's symbol.</summary>
    public TradeSymbol Symbol => Good.Symbol;

    /// <summary>Gets whether the market exports, imports or exchanges the good.</summary>
    public MarketTradeGoodType Type => Good.Type;

    /// <summary>Gets the price the market charges per unit.</summary>
    public int PurchasePrice => Good.PurchasePrice;

    /// <summary>Gets the price the market pays per unit.</summary>
    public int SellPrice => Good.SellPrice;
}
