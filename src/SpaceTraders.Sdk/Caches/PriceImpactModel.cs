using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// Estimates what buying or selling many units really costs or earns: the units go in batches of at most
/// <see cref="MarketTradeGood.TradeVolume"/>, and the price moves after every batch.
/// </summary>
/// <remarks>
/// <para>
/// The game publishes no formula. Players report that the price moves after each transaction by a step that
/// does not depend on how many units it carried (so trade full batches), that a good with a small trade volume
/// swings more, and give a calibration this model starts from: buying SHIP_PLATING, 18 units at trade volume 6
/// and LIMITED supply, raised the price by about 16% over three batches (5% a batch: 1.05³ ≈ 1.16), while
/// selling moved prices down by only 0.5–3% a batch.
/// </para>
/// <para>
/// The model: after <c>k</c> batches the per-unit price is <c>round(p × (1 + s)^k)</c> when buying and
/// <c>round(p × (1 − s)^k)</c> when selling, where <c>p</c> is the price seen and the step
/// <c>s = baseStep × supplyFactor × activityFactor × volumeFactor</c>, with
/// <c>volumeFactor = clamp(√(ReferenceTradeVolume / tradeVolume), MinVolumeFactor, MaxVolumeFactor)</c>.
/// Every parameter is in <see cref="PriceImpactOptions"/>; the defaults reproduce the calibration above.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PriceImpactModel
{
    /// <summary>Initializes a new instance of the <see cref="PriceImpactModel"/> class.</summary>
    /// <param name="options">The parameters. The default value is <see cref="PriceImpactOptions.Default"/>.</param>
    public PriceImpactModel(PriceImpactOptions? options = null) => Options = options ?? PriceImpactOptions.Default;

    /// <summary>Gets a model with the default parameters.</summary>
    public static PriceImpactModel Default { get; } = new();

    /// <summary>Gets the parameters.</summary>
    public PriceImpactOptions Options { get; }

    /// <summary>Gets the fraction the purchase price rises by after each batch bought.</summary>
    /// <param name="good">The good as the market shows it.</param>
    /// <returns>The step, for example 0.05 for 5%.</returns>
    public double PurchaseStep(MarketTradeGood good)
    {
        ArgumentNullException.ThrowIfNull(good);
        return Math.Clamp(
            Options.PurchaseStep * Factor(Options.PurchaseSupplyFactors, good.Supply.Value) * ActivityFactor(good) * VolumeFactor(good.TradeVolume),
            0,
            Options.MaxStep);
    }

    /// <summary>Gets the fraction the sell price falls by after each batch sold.</summary>
    /// <param name="good">The good as the market shows it.</param>
    /// <returns>The step, for example 0.02 for 2%.</returns>
    public double SaleStep(MarketTradeGood good)
    {
        ArgumentNullException.ThrowIfNull(good);
        return Math.Clamp(
            Options.SaleStep * Factor(Options.SaleSupplyFactors, good.Supply.Value) * ActivityFactor(good) * VolumeFactor(good.TradeVolume),
            0,
            Options.MaxStep);
    }

    /// <summary>Estimates the cost of buying <paramref name="units"/> units, batch by batch.</summary>
    /// <param name="good">The good as the market shows it (its purchase price and trade volume are the start).</param>
    /// <param name="units">The units to buy.</param>
    /// <returns>The batches, their prices and the total.</returns>
    public TradeEstimate EstimatePurchase(MarketTradeGood good, int units)
    {
        ArgumentNullException.ThrowIfNull(good);
        return Estimate(good.PurchasePrice, good.TradeVolume, units, 1 + PurchaseStep(good));
    }

    /// <summary>Estimates the revenue of selling <paramref name="units"/> units, batch by batch.</summary>
    /// <param name="good">The good as the market shows it (its sell price and trade volume are the start).</param>
    /// <param name="units">The units to sell.</param>
    /// <returns>The batches, their prices and the total.</returns>
    public TradeEstimate EstimateSale(MarketTradeGood good, int units)
    {
        ArgumentNullException.ThrowIfNull(good);
        return Estimate(good.SellPrice, good.TradeVolume, units, 1 - SaleStep(good));
    }

    /// <summary>Gets the purchase price expected after some batches have been bought.</summary>
    /// <param name="good">The good as the market shows it.</param>
    /// <param name="batches">The batches bought.</param>
    /// <returns>The per-unit purchase price then.</returns>
    public int PurchasePriceAfter(MarketTradeGood good, int batches)
    {
        ArgumentNullException.ThrowIfNull(good);
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        return PriceAt(good.PurchasePrice, 1 + PurchaseStep(good), batches);
    }

    /// <summary>Gets the sell price expected after some batches have been sold.</summary>
    /// <param name="good">The good as the market shows it.</param>
    /// <param name="batches">The batches sold.</param>
    /// <returns>The per-unit sell price then.</returns>
    public int SellPriceAfter(MarketTradeGood good, int batches)
    {
        ArgumentNullException.ThrowIfNull(good);
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        return PriceAt(good.SellPrice, 1 - SaleStep(good), batches);
    }

    private static TradeEstimate Estimate(int price, int tradeVolume, int units, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var volume = Math.Max(1, tradeVolume);
        var batches = new List<TradeBatch>((units + volume - 1) / volume);
        long total = 0;
        for (var left = units; left > 0; left -= volume)
        {
            var batchUnits = Math.Min(volume, left);
            var batchPrice = PriceAt(price, factor, batches.Count);
            batches.Add(new TradeBatch(batchUnits, batchPrice));
            total += (long)batchUnits * batchPrice;
        }

        return new TradeEstimate(units, total, batches);
    }

    private static int PriceAt(int price, double factor, int batches) =>
        (int)Math.Max(1, Math.Min(int.MaxValue, FlightRules.RoundHalfUp(price * Math.Pow(factor, batches))));

    private static double Factor(IReadOnlyDictionary<string, double> factors, string level) =>
        factors.TryGetValue(level, out var factor) ? factor : 1.0;

    private double ActivityFactor(MarketTradeGood good) =>
        good.Activity is { } activity ? Factor(Options.ActivityFactors, activity.Value) : 1.0;

    private double VolumeFactor(int tradeVolume) =>
        Math.Clamp(Math.Sqrt(Options.ReferenceTradeVolume / (double)Math.Max(1, tradeVolume)), Options.MinVolumeFactor, Options.MaxVolumeFactor);
}

/// <summary>The parameters of <see cref="PriceImpactModel"/>; every default is stated and reproduces the players' calibration.</summary>
public sealed record PriceImpactOptions
{
    /// <summary>Gets the default parameters.</summary>
    public static PriceImpactOptions Default { get; } = new();

    /// <summary>
    /// Gets the fraction the purchase price rises per batch bought at the reference point (trade volume
    /// <see cref="ReferenceTradeVolume"/>, every factor 1). The default value is 0.05 (5%; three batches ≈ +16%).
    /// </summary>
    public double PurchaseStep { get; init; } = 0.05;

    /// <summary>Gets the fraction the sell price falls per batch sold at the reference point. The default value is 0.02 (2%).</summary>
    public double SaleStep { get; init; } = 0.02;

    /// <summary>Gets the trade volume at which the volume factor is 1. The default value is 6.</summary>
    public int ReferenceTradeVolume { get; init; } = 6;

    /// <summary>Gets the smallest volume factor (large trade volumes move prices less). The default value is 0.3.</summary>
    public double MinVolumeFactor { get; init; } = 0.3;

    /// <summary>Gets the largest volume factor (tiny trade volumes move prices more). The default value is 1.5.</summary>
    public double MaxVolumeFactor { get; init; } = 1.5;

    /// <summary>Gets the largest step after every factor, a guard against absurd parameters. The default value is 0.5.</summary>
    public double MaxStep { get; init; } = 0.5;

    /// <summary>
    /// Gets the factor on <see cref="PurchaseStep"/> by supply (keyed by the API's spelling): buying where supply is
    /// short moves the price more. The default values are SCARCE 1.25, LIMITED 1.0, MODERATE 0.85, HIGH 0.7,
    /// ABUNDANT 0.6; an unknown level counts 1.
    /// </summary>
    public IReadOnlyDictionary<string, double> PurchaseSupplyFactors { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["SCARCE"] = 1.25,
        ["LIMITED"] = 1.0,
        ["MODERATE"] = 0.85,
        ["HIGH"] = 0.7,
        ["ABUNDANT"] = 0.6,
    };

    /// <summary>
    /// Gets the factor on <see cref="SaleStep"/> by supply: selling into a market that already has plenty moves the
    /// price more. The default values are SCARCE 0.6, LIMITED 0.75, MODERATE 0.9, HIGH 1.0, ABUNDANT 1.2; an unknown
    /// level counts 1.
    /// </summary>
    public IReadOnlyDictionary<string, double> SaleSupplyFactors { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["SCARCE"] = 0.6,
        ["LIMITED"] = 0.75,
        ["MODERATE"] = 0.9,
        ["HIGH"] = 1.0,
        ["ABUNDANT"] = 1.2,
    };

    /// <summary>
    /// Gets the factor on both steps by activity: strong production or consumption absorbs trades better. The
    /// default values are WEAK 1.2, GROWING 1.0, STRONG 0.8, RESTRICTED 1.2; no activity (exchange goods) or an
    /// unknown level counts 1.
    /// </summary>
    public IReadOnlyDictionary<string, double> ActivityFactors { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["WEAK"] = 1.2,
        ["GROWING"] = 1.0,
        ["STRONG"] = 0.8,
        ["RESTRICTED"] = 1.2,
    };
}

/// <summary>One batch of a <see cref="TradeEstimate"/>.</summary>
/// <param name="Units">The units in the batch (at most the trade volume).</param>
/// <param name="PricePerUnit">The expected price per unit.</param>
public readonly record struct TradeBatch(int Units, int PricePerUnit);

/// <summary>The expected cost or revenue of a trade of many units.</summary>
/// <param name="Units">The units traded.</param>
/// <param name="Total">The expected credits paid or received.</param>
/// <param name="Batches">The transactions, in order.</param>
public sealed record TradeEstimate(int Units, long Total, IReadOnlyList<TradeBatch> Batches)
{
    /// <summary>Gets the expected average price per unit (0 for no units).</summary>
    public double AveragePrice => Units == 0 ? 0 : (double)Total / Units;

    /// <summary>Gets the price of the first batch (0 for no units).</summary>
    public int FirstPrice => Batches.Count == 0 ? 0 : Batches[0].PricePerUnit;

    /// <summary>Gets the price of the last batch (0 for no units).</summary>
    public int LastPrice => Batches.Count == 0 ? 0 : Batches[^1].PricePerUnit;
}
