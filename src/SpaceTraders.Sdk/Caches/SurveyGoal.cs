using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Caches;

/// <summary>What a ship wants from a survey; <see cref="SurveyCache"/> ranks surveys for it.</summary>
/// <remarks>
/// Every goal scores a survey by what one extraction is expected to bring (each deposit listed is equally
/// likely, so a good listed twice is twice as likely) and multiplies by the survey's size weight
/// (<see cref="SurveyCacheOptions.SizeWeights"/>): a larger deposit lasts more extractions.
/// </remarks>
public sealed class SurveyGoal
{
    private SurveyGoal(SurveyGoalKind kind, TradeSymbol good, IReadOnlyDictionary<TradeSymbol, double>? values)
    {
        Kind = kind;
        Good = good;
        Values = values;
    }

    /// <summary>
    /// Gets the goal "the most value per extraction at the best sell prices the market cache has seen in the
    /// survey's system". Needs a <see cref="SurveyCache"/> built with a <see cref="MarketCache"/>; goods with no
    /// known price count 0. Rankings are cached until a market of the system is recorded again.
    /// </summary>
    public static SurveyGoal BestValue { get; } = new(SurveyGoalKind.BestValue, default, null);

    /// <summary>Gets the kind of goal.</summary>
    public SurveyGoalKind Kind { get; }

    /// <summary>Gets the target good of a <see cref="SurveyGoalKind.Good"/> goal.</summary>
    public TradeSymbol Good { get; }

    /// <summary>Gets the value per unit of each good of a <see cref="SurveyGoalKind.Values"/> goal.</summary>
    public IReadOnlyDictionary<TradeSymbol, double>? Values { get; }

    /// <summary>
    /// Creates the goal "the best chance of extracting <paramref name="good"/>": the share of the survey's deposits
    /// that are the good. This lookup is indexed (constant time whatever the number of surveys).
    /// </summary>
    /// <param name="good">The good wanted, for example a contract's delivery.</param>
    /// <returns>The goal.</returns>
    public static SurveyGoal ForGood(TradeSymbol good)
    {
        ArgumentException.ThrowIfNullOrEmpty(good.Value, nameof(good));
        return new(SurveyGoalKind.Good, good, null);
    }

    /// <summary>
    /// Creates the goal "the most value per extraction at these values": for example 1 for each of a few wanted
    /// goods and 0 for the rest, or the caller's own price estimates. Goods not in the map count 0. Scored on each
    /// call (linear in the surveys at the waypoint).
    /// </summary>
    /// <param name="valuePerUnit">The value of one unit of each good.</param>
    /// <returns>The goal.</returns>
    public static SurveyGoal ForValues(IReadOnlyDictionary<TradeSymbol, double> valuePerUnit)
    {
        ArgumentNullException.ThrowIfNull(valuePerUnit);
        return new(SurveyGoalKind.Values, default, new Dictionary<TradeSymbol, double>(valuePerUnit));
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SurveyGoalKind.Good => $"most {Good}",
        SurveyGoalKind.Values => $"most value ({Values!.Count} good(s) valued)",
        _ => "most value at the best known sell prices",
    };
}

/// <summary>The kinds of <see cref="SurveyGoal"/>.</summary>
public enum SurveyGoalKind
{
    /// <summary>The best share of one good (<see cref="SurveyGoal.ForGood"/>).</summary>
    Good = 0,

    /// <summary>The most value at the best known sell prices (<see cref="SurveyGoal.BestValue"/>).</summary>
    BestValue = 1,

    /// <summary>The most value at the caller's values (<see cref="SurveyGoal.ForValues"/>).</summary>
    Values = 2,
}

/// <summary>A survey and its score for a goal, from <see cref="SurveyCache.Rank"/>.</summary>
/// <param name="Survey">The survey.</param>
/// <param name="Score">
/// The expected yield of one extraction for the goal, times the size weight: for <see cref="SurveyGoal.ForGood"/>
/// the share of the deposits that are the good; for the value goals the average value per unit.
/// </param>
public sealed record RankedSurvey(Survey Survey, double Score);

/// <summary>What <see cref="SurveyCache"/> knows about a survey signature.</summary>
public enum SurveyStatus
{
    /// <summary>The cache has never seen the signature (or has forgotten it after it expired).</summary>
    Unknown = 0,

    /// <summary>The survey is held and may be used.</summary>
    Usable = 1,

    /// <summary>The survey has expired: its expiration passed, or the server answered 4221.</summary>
    Expired = 2,

    /// <summary>The server answered 4224: the deposit is used up.</summary>
    Exhausted = 3,

    /// <summary>
    /// The server answered 4220 (<c>shipSurveyVerificationError</c>): it cannot verify the survey (altered, or not
    /// one it made), so every extraction with it fails the same way.
    /// </summary>
    Invalid = 4,
}
