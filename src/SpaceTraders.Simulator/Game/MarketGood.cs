using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>
/// One good at one market and its price state.
/// </summary>
/// <remarks>
/// <para>Prices follow the live game's shape (fitted to <c>docs/api/captures/live-start-X1-AD75</c>): an import pays
/// about 1.2 times the good's base price and charges about 2.5 times it; an export charges about 0.7 times the base and
/// pays about 0.35 times it (so buying at an export and selling at an import earns about 70% of the purchase); an
/// exchange trades close to the base price with a narrow spread (1.5%, at least 2 credits each side). Each market's
/// good carries its own fixed factor within ±8%, so no two markets price a good alike.</para>
/// <para>The state is a supply value <c>s</c> (0 scarce ... 1 abundant; it may leave that range under heavy trade).
/// The mid price is <c>base × type factor × market factor × e^(baseline - s)</c> with the type factors 1.85 (import),
/// 0.52 (export) and 1 (exchange); the purchase price is the mid plus a half-spread, the sell price the mid minus it
/// (35% for exports and imports; exchange as above).</para>
/// <para>A transaction of a full trade volume moves the price by a step: a purchase raises the mid by <c>5% × v</c>, a
/// sale lowers it by <c>2% × v</c>, where <c>v = clamp(√(6 / tradeVolume), 0.3, 1.5)</c> (so a good with trade
/// volume 6 moves 5% per full purchase, about 16% over three; sales move 0.6% to 3%). A smaller transaction moves it
/// by its share of the trade volume (a refuel of one fuel unit barely moves a 180-unit fuel market). Heavy
/// trading saturates: <c>s</c> stays within [-0.5, 1.5], so the mid stays within about a quarter and four times its
/// resting value.</para>
/// <para>Between trades <c>s</c> returns to its baseline at a constant pace: exports are produced (baseline 0.8, between
/// HIGH and ABUNDANT), imports are consumed (baseline 0.25, between SCARCE and LIMITED), exchange goods drift back
/// (baseline 0.5, MODERATE). The pace is counted in batches (one trade volume's step) per hour: 1 while the good is
/// WEAK (activity: a decaying count of transactions, half-life one hour), 2 while GROWING, 3 while STRONG (the live
/// game's developers: a STRONG market produces or consumes about twice its trade volume an hour, a WEAK one once),
/// and half a batch while an export is RESTRICTED (an input the market imports is SCARCE). A market that stays STRONG
/// grows: every STRONG hour its trade volume grows by a quarter of its starting value, up to three times it. An export
/// is also made faster the better its market's imported inputs are supplied: up to three times as fast when the
/// scarcest of them is HIGH (<see cref="Market.InputFactor"/>), so a fleet that feeds a supply chain grows what it
/// can trade. All of this is computed lazily from the elapsed time.</para>
/// </remarks>
internal sealed class MarketGood
{
    /// <summary>The price sensitivity to supply (mid = base × factors × e^(Alpha × (baseline - s))).</summary>
    public const double Alpha = 1.0;

    /// <summary>The lowest supply value trades can push a good to.</summary>
    public const double MinSupply = -0.5;

    /// <summary>The highest supply value trades can push a good to.</summary>
    public const double MaxSupply = 1.5;

    private const double BuyStep = 0.05;
    private const double SellStep = 0.02;
    private const double StrongActivity = 5;
    private const double GrowthHours = 1;
    private static readonly TimeSpan ActivityHalfLife = TimeSpan.FromHours(1);
    private double _strongHours;

    /// <summary>Initializes a new instance of the <see cref="MarketGood"/> class.</summary>
    /// <param name="info">The good.</param>
    /// <param name="type">EXPORT, IMPORT or EXCHANGE.</param>
    /// <param name="jitter">The starting supply's offset from the baseline.</param>
    /// <param name="priceFactor">This market's fixed price factor for the good (about 0.92 to 1.08).</param>
    /// <param name="activity">The starting activity score.</param>
    /// <param name="now">The current time.</param>
    public MarketGood(TradeGoodInfo info, string type, double jitter, double priceFactor, double activity, DateTimeOffset now)
    {
        Info = info;
        Type = type;
        Baseline = type switch
        {
            "EXPORT" => 0.8,
            "IMPORT" => 0.25,
            _ => 0.5,
        };
        TypeFactor = type switch
        {
            "EXPORT" => 0.52,
            "IMPORT" => 1.85,
            _ => 1.0,
        };
        PriceFactor = priceFactor;
        Supply = Baseline + jitter;
        BaseVolume = type == "EXCHANGE" ? info.TradeVolume * 3 : info.TradeVolume;
        TradeVolume = BaseVolume;
        ActivityScore = activity;
        LastUpdate = now;
    }

    /// <summary>Gets the good.</summary>
    public TradeGoodInfo Info { get; }

    /// <summary>Gets the TradeSymbol.</summary>
    public string Symbol => Info.Symbol;

    /// <summary>Gets EXPORT, IMPORT or EXCHANGE.</summary>
    public string Type { get; }

    /// <summary>Gets the supply value the good returns to.</summary>
    public double Baseline { get; }

    /// <summary>Gets the price level of this kind of market relative to the base price (import 1.85, export 0.52, exchange 1).</summary>
    public double TypeFactor { get; }

    /// <summary>Gets this market's fixed price factor for the good.</summary>
    public double PriceFactor { get; }

    /// <summary>Gets the current supply value.</summary>
    public double Supply { get; private set; }

    /// <summary>Gets the starting trade volume.</summary>
    public int BaseVolume { get; }

    /// <summary>Gets the current maximum units per transaction.</summary>
    public int TradeVolume { get; private set; }

    /// <summary>Gets the decaying count of recent transactions.</summary>
    public double ActivityScore { get; private set; }

    /// <summary>Gets the number of transactions so far.</summary>
    public int Transactions { get; private set; }

    /// <summary>Gets a value indicating whether production is held back by a scarce input (exports only).</summary>
    public bool Restricted { get; private set; }

    /// <summary>Gets when the state was last brought up to date.</summary>
    public DateTimeOffset LastUpdate { get; private set; }

    /// <summary>Gets the mid price.</summary>
    public double Mid => Info.BasePrice * TypeFactor * PriceFactor * Math.Exp(Alpha * (Baseline - Supply));

    /// <summary>Gets the price the market charges per unit.</summary>
    public int PurchasePrice => Math.Max(SellPrice + 1, (int)Math.Round(Mid * (1 + HalfSpread), MidpointRounding.AwayFromZero));

    /// <summary>Gets the price the market pays per unit.</summary>
    public int SellPrice => Math.Max(1, (int)Math.Round(Mid * (1 - HalfSpread), MidpointRounding.AwayFromZero));

    /// <summary>Gets the SupplyLevel.</summary>
    public string SupplyLevel => Supply switch
    {
        < 0.2 => "SCARCE",
        < 0.4 => "LIMITED",
        < 0.6 => "MODERATE",
        < 0.8 => "HIGH",
        _ => "ABUNDANT",
    };

    /// <summary>Gets the ActivityLevel, or null for exchange goods.</summary>
    public string? ActivityLevel => Type == "EXCHANGE"
        ? null
        : Restricted ? "RESTRICTED" : ActivityScore switch
        {
            < 1 => "WEAK",
            < StrongActivity => "GROWING",
            _ => "STRONG",
        };

    private double HalfSpread => Type == "EXCHANGE" ? Math.Max(0.015, 2 / Math.Max(1, Mid)) : 0.35;

    /// <summary>Gets the price step multiplier for this trade volume.</summary>
    public static double Volatility(int tradeVolume) => Math.Clamp(Math.Sqrt(6.0 / tradeVolume), 0.3, 1.5);

    /// <summary>Gets the batches (trade-volume-sized transactions) the market makes up for per hour at its activity.</summary>
    /// <remarks>
    /// A market produces (exports), consumes (imports) or drifts back (exchange) one trade volume an hour while WEAK, two
    /// while GROWING and three while STRONG (the live game's developers say a WEAK market consumes about one trade volume
    /// an hour and a STRONG one about two; the simulator's markets are a little deeper, so that a fleet that keeps them
    /// busy can grow into them); a RESTRICTED export makes up for half a batch an hour.
    /// </remarks>
    public double RecoveryPace => Restricted ? 0.5 : ActivityScore switch
    {
        < 1 => 1.0,
        < StrongActivity => 2.0,
        _ => 3.0,
    } * InputFactor;

    /// <summary>Gets how much faster the export is made because its inputs are well supplied (1 to 3; 1 for other goods).</summary>
    public double InputFactor { get; private set; } = 1;

    /// <summary>Gets how far one batch moves the supply value: a purchase's step, or at an import a sale's.</summary>
    private double BatchStep => Type == "IMPORT"
        ? -Math.Log(1 - (SellStep * Volatility(TradeVolume))) / Alpha
        : Math.Log(1 + (BuyStep * Volatility(TradeVolume))) / Alpha;

    /// <summary>Brings the state up to <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="restricted">Whether an input of this export is scarce at the market.</param>
    /// <param name="inputFactor">How much faster the export is made because its inputs are well supplied (see <see cref="Market.InputFactor"/>).</param>
    public void Update(DateTimeOffset now, bool restricted, double inputFactor = 1)
    {
        var elapsed = now - LastUpdate;
        Restricted = restricted && Type == "EXPORT";
        InputFactor = Type == "EXPORT" ? inputFactor : 1;
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        // Supply returns to its baseline at a constant pace (batches per hour), not exponentially: a market the
        // fleet has drained takes hours to recover, so a system can feed only so many traders.
        var hours = elapsed.TotalHours;
        var move = RecoveryPace * BatchStep * hours;
        Supply = Supply > Baseline ? Math.Max(Baseline, Supply - move) : Math.Min(Baseline, Supply + move);

        // A market that stays STRONG grows: every STRONG hour its trade volume grows by a quarter of its starting
        // value, up to three times it.
        if (Type != "EXCHANGE" && !Restricted && ActivityScore >= StrongActivity && TradeVolume < BaseVolume * 3)
        {
            _strongHours += hours;
            while (_strongHours >= GrowthHours && TradeVolume < BaseVolume * 3)
            {
                _strongHours -= GrowthHours;
                TradeVolume = Math.Min(BaseVolume * 3, TradeVolume + Math.Max(1, BaseVolume / 4));
            }
        }

        ActivityScore *= Math.Pow(0.5, elapsed / ActivityHalfLife);
        LastUpdate = now;
    }

    /// <summary>Applies one purchase by a player (the market's supply falls, the price rises).</summary>
    /// <param name="units">The units bought: a full trade volume moves the price a whole step, fewer units a share of it.</param>
    public void RecordPurchase(int units)
    {
        var share = Share(units);
        Supply = Math.Max(MinSupply, Supply - (share * Math.Log(1 + (BuyStep * Volatility(TradeVolume))) / Alpha));
        Traded(share);
    }

    /// <summary>Applies one sale by a player (the market's supply rises, the price falls).</summary>
    /// <param name="units">The units sold: a full trade volume moves the price a whole step, fewer units a share of it.</param>
    public void RecordSale(int units)
    {
        var share = Share(units);
        Supply = Math.Min(MaxSupply, Supply - (share * Math.Log(1 - (SellStep * Volatility(TradeVolume))) / Alpha));
        Traded(share);
    }

    /// <summary>The share of a whole step a transaction of <paramref name="units"/> moves the price (and counts as activity).</summary>
    private double Share(int units) => Math.Clamp(units / (double)Math.Max(1, TradeVolume), 0, 1);

    private void Traded(double share)
    {
        ActivityScore += share;
        Transactions++;
    }
}
