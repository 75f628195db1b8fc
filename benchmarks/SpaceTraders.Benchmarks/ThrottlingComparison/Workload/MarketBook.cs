using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What a good costs and how much may change hands at once at one market, as last seen.</summary>
/// <param name="TradeVolume">The most units per transaction.</param>
/// <param name="PurchasePrice">What the market asks per unit.</param>
/// <param name="SellPrice">What the market pays per unit.</param>
public readonly record struct MarketQuote(int TradeVolume, int PurchasePrice, int SellPrice);

/// <summary>The fleet's shared market knowledge in one run, kept from market responses and transactions.</summary>
public sealed class MarketBook
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Market, TradeSymbol Good), MarketQuote> _quotes = [];

    /// <summary>Records the trade goods of a market response (seen only with a ship there).</summary>
    /// <param name="market">The market.</param>
    public void Record(Market market)
    {
        ArgumentNullException.ThrowIfNull(market);
        lock (_gate)
        {
            foreach (var good in market.TradeGoods ?? [])
            {
                _quotes[(market.Symbol, good.Symbol)] = new MarketQuote(good.TradeVolume, good.PurchasePrice, good.SellPrice);
            }
        }
    }

    /// <summary>Records the unit price of a sale.</summary>
    /// <param name="market">The market.</param>
    /// <param name="good">The good.</param>
    /// <param name="pricePerUnit">What the market paid.</param>
    public void RecordSale(string market, TradeSymbol good, int pricePerUnit)
    {
        lock (_gate)
        {
            if (_quotes.TryGetValue((market, good), out var quote))
            {
                _quotes[(market, good)] = quote with { SellPrice = pricePerUnit };
            }
        }
    }

    /// <summary>Records the unit price of a purchase.</summary>
    /// <param name="market">The market.</param>
    /// <param name="good">The good.</param>
    /// <param name="pricePerUnit">What the market asked.</param>
    public void RecordPurchase(string market, TradeSymbol good, int pricePerUnit)
    {
        lock (_gate)
        {
            if (_quotes.TryGetValue((market, good), out var quote))
            {
                _quotes[(market, good)] = quote with { PurchasePrice = pricePerUnit };
            }
        }
    }

    /// <summary>Looks a quote up.</summary>
    /// <param name="market">The market.</param>
    /// <param name="good">The good.</param>
    /// <param name="quote">The quote, if known.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool TryGet(string market, TradeSymbol good, out MarketQuote quote)
    {
        lock (_gate)
        {
            return _quotes.TryGetValue((market, good), out quote);
        }
    }
}
