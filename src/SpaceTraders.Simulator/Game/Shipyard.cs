using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>
/// A shipyard's live state. Each ship type has a supply value like a market good: a purchase raises its price
/// by 5% (to at most three times the base price), and the price returns to the base price with a half-life of two hours.
/// </summary>
internal sealed class Shipyard
{
    /// <summary>The number of recent transactions kept.</summary>
    public const int MaxTransactions = 20;

    /// <summary>Initializes a new instance of the <see cref="Shipyard"/> class.</summary>
    public Shipyard(Waypoint waypoint, ShipyardSpec spec, Random random, DateTimeOffset now)
    {
        Waypoint = waypoint;
        ModificationsFee = spec.ModificationsFee;
        foreach (var type in spec.ShipTypes)
        {
            Offers.Add(new ShipOffer(ShipCatalog.GetType(type), 0.6 + ((random.NextDouble() - 0.5) * 0.2), now));
        }
    }

    /// <summary>Gets the waypoint.</summary>
    public Waypoint Waypoint { get; }

    /// <summary>Gets the flat fee per mount or module change.</summary>
    public int ModificationsFee { get; }

    /// <summary>Gets the ship types on sale.</summary>
    public List<ShipOffer> Offers { get; } = [];

    /// <summary>Gets the recent purchases, oldest first.</summary>
    public List<ShipyardTransactionRecord> Transactions { get; } = [];

    /// <summary>Finds the offer for a ship type.</summary>
    public ShipOffer? Find(string type)
    {
        foreach (var offer in Offers)
        {
            if (string.Equals(offer.Spec.Type, type, StringComparison.Ordinal))
            {
                return offer;
            }
        }

        return null;
    }

    /// <summary>Brings the prices up to <paramref name="now"/>.</summary>
    public void Update(DateTimeOffset now)
    {
        foreach (var offer in Offers)
        {
            offer.Update(now);
        }
    }

    /// <summary>Records a purchase.</summary>
    public void Record(ShipyardTransactionRecord transaction)
    {
        Transactions.Add(transaction);
        if (Transactions.Count > MaxTransactions)
        {
            Transactions.RemoveAt(0);
        }
    }
}

/// <summary>One ship type on sale and its price state.</summary>
internal sealed class ShipOffer(ShipTypeSpec spec, double supply, DateTimeOffset now)
{
    private const double Baseline = 0.6;
    private const double Sensitivity = 0.6;
    private static readonly double MinSupply = Baseline - (Math.Log(3) / Sensitivity);
    private static readonly TimeSpan HalfLife = TimeSpan.FromHours(2);

    /// <summary>Gets the ship type.</summary>
    public ShipTypeSpec Spec { get; } = spec;

    /// <summary>Gets the supply value.</summary>
    public double Supply { get; private set; } = supply;

    /// <summary>Gets the decaying count of recent purchases.</summary>
    public double ActivityScore { get; private set; }

    /// <summary>Gets the current price.</summary>
    public int Price => (int)Math.Round(Spec.BasePrice * Math.Exp(Sensitivity * (Baseline - Supply)), MidpointRounding.AwayFromZero);

    /// <summary>Gets the SupplyLevel.</summary>
    public string SupplyLevel => Supply switch
    {
        < 0.2 => "SCARCE",
        < 0.4 => "LIMITED",
        < 0.6 => "MODERATE",
        < 0.8 => "HIGH",
        _ => "ABUNDANT",
    };

    /// <summary>Gets the ActivityLevel.</summary>
    public string ActivityLevel => ActivityScore switch
    {
        < 1 => "WEAK",
        < 3 => "GROWING",
        _ => "STRONG",
    };

    private DateTimeOffset LastUpdate { get; set; } = now;

    /// <summary>Brings the price up to <paramref name="now"/>.</summary>
    public void Update(DateTimeOffset now)
    {
        var elapsed = now - LastUpdate;
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        Supply = Baseline + ((Supply - Baseline) * Math.Pow(0.5, elapsed / HalfLife));
        ActivityScore *= Math.Pow(0.5, elapsed / HalfLife);
        LastUpdate = now;
    }

    /// <summary>Applies one purchase (the price rises about 5%).</summary>
    public void RecordPurchase()
    {
        Supply = Math.Max(MinSupply, Supply - (Math.Log(1.05) / Sensitivity));
        ActivityScore += 1;
    }
}

/// <summary>A ship purchase.</summary>
internal sealed record ShipyardTransactionRecord(string WaypointSymbol, string ShipSymbol, string ShipType, int Price, string AgentSymbol, DateTimeOffset Timestamp);
