using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>A market's live state: its goods with prices and its recent transactions.</summary>
internal sealed class Market
{
    /// <summary>The number of recent transactions kept.</summary>
    public const int MaxTransactions = 20;

    private readonly Dictionary<string, MarketGood> _bySymbol = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="Market"/> class from the world's definition.</summary>
    public Market(Waypoint waypoint, MarketSpec spec, Random random, DateTimeOffset now)
    {
        Waypoint = waypoint;
        Spec = spec;
        AddAll(spec.Exports, "EXPORT", random, now);
        AddAll(spec.Imports, "IMPORT", random, now);
        AddAll(spec.Exchange, "EXCHANGE", random, now);
    }

    /// <summary>Gets the waypoint.</summary>
    public Waypoint Waypoint { get; }

    /// <summary>Gets the definition (which goods, which list).</summary>
    public MarketSpec Spec { get; }

    /// <summary>Gets the goods: exports, then imports, then exchange.</summary>
    public List<MarketGood> Goods { get; } = [];

    /// <summary>Gets the recent transactions, oldest first.</summary>
    public List<TransactionRecord> Transactions { get; } = [];

    /// <summary>Finds a good.</summary>
    public MarketGood? Find(string symbol) => _bySymbol.GetValueOrDefault(symbol);

    /// <summary>Brings every good's price state up to <paramref name="now"/>.</summary>
    public void Update(DateTimeOffset now)
    {
        foreach (var good in Goods)
        {
            var restricted = false;
            if (good.Type == "EXPORT")
            {
                foreach (var input in TradeGoodCatalog.InputsOf(good.Symbol))
                {
                    if (_bySymbol.TryGetValue(input, out var supplied) && supplied.Type == "IMPORT" && supplied.Supply < 0.2)
                    {
                        restricted = true;
                        break;
                    }
                }
            }

            good.Update(now, restricted);
        }
    }

    /// <summary>Records a transaction, keeping the most recent <see cref="MaxTransactions"/>.</summary>
    public void Record(TransactionRecord transaction)
    {
        Transactions.Add(transaction);
        if (Transactions.Count > MaxTransactions)
        {
            Transactions.RemoveAt(0);
        }
    }

    private void AddAll(List<string> symbols, string type, Random random, DateTimeOffset now)
    {
        foreach (var symbol in symbols)
        {
            var jitter = (random.NextDouble() - 0.5) * 0.16;
            var priceFactor = 0.92 + (random.NextDouble() * 0.16);
            var good = new MarketGood(TradeGoodCatalog.Get(symbol), type, jitter, priceFactor, random.NextDouble() * 6, now);
            Goods.Add(good);
            _bySymbol[symbol] = good;
        }
    }
}

/// <summary>A market transaction (purchase, sale, refuel, jump fee).</summary>
internal sealed record TransactionRecord(
    string WaypointSymbol,
    string ShipSymbol,
    string TradeSymbol,
    string Type,
    int Units,
    int PricePerUnit,
    int TotalPrice,
    DateTimeOffset Timestamp);
