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
    /// <remarks>
    /// An export is made from the inputs the market imports (<see cref="TradeGoodCatalog.InputsOf"/>): while one of them
    /// is SCARCE it is RESTRICTED, and the better supplied its scarcest input, the faster it is made (see
    /// <see cref="MarketGood.Update"/>). Imports are brought up to date first, so exports see their current supply.
    /// </remarks>
    public void Update(DateTimeOffset now)
    {
        foreach (var good in Goods)
        {
            if (good.Type != "EXPORT")
            {
                good.Update(now, restricted: false);
            }
        }

        foreach (var good in Goods)
        {
            if (good.Type != "EXPORT")
            {
                continue;
            }

            double? scarcest = null;
            foreach (var input in TradeGoodCatalog.InputsOf(good.Symbol))
            {
                if (_bySymbol.TryGetValue(input, out var supplied) && supplied.Type == "IMPORT")
                {
                    scarcest = Math.Min(scarcest ?? double.MaxValue, supplied.Supply);
                }
            }

            good.Update(now, restricted: scarcest < 0.2, InputFactor(scarcest));
        }
    }

    /// <summary>
    /// How much faster an export is made than at rest: 1 with its inputs at their usual LIMITED-or-so supply (or with
    /// no imported inputs), rising to 3 as its scarcest input reaches 0.75 (HIGH): a fleet that feeds a market's
    /// imports makes its exports plentiful, as the live game's supply chains do.
    /// </summary>
    /// <param name="scarcest">The supply value of the scarcest imported input, or <see langword="null"/> for none.</param>
    /// <returns>The factor.</returns>
    public static double InputFactor(double? scarcest) =>
        scarcest is { } supply ? 1 + (2 * Math.Clamp((supply - 0.25) / 0.5, 0, 1)) : 1;

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
