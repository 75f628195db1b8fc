using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// How much one extraction brings: <c>max(1, round(S / 5 × u))</c> units, S the summed strength of the ship's mining
/// lasers and u uniform in [1, 2), times 1.25 with a MODERATE survey and 1.5 with a LARGE one, halved at an UNSTABLE
/// waypoint, cut to the free cargo space.
/// </summary>
/// <remarks>
/// The formula is the community's measurement of the live game, which the offline simulator implements. Use it to
/// decide whether an extraction is worth its request and cooldown (for example: not when more than half of the yield
/// would not fit). Stateless; no request is made.
/// </remarks>
public static class YieldEstimate
{
    /// <summary>Gets the summed strength of the mining lasers among <paramref name="mounts"/>.</summary>
    /// <param name="mounts">The ship's mounts.</param>
    /// <returns>The strength; 0 without a laser.</returns>
    public static int LaserStrength(IEnumerable<ShipMount>? mounts) =>
        mounts?.Where(m => m.Symbol.Value.StartsWith("MOUNT_MINING_LASER", StringComparison.Ordinal)).Sum(m => m.Strength ?? 0) ?? 0;

    /// <summary>Gets the expected units of one extraction (the mean of the formula, before the cargo cut).</summary>
    /// <param name="mounts">The ship's mounts.</param>
    /// <param name="survey">The survey's size, or <see langword="null"/> without one. The default value is <see langword="null"/>.</param>
    /// <param name="unstable">Whether the waypoint is unstable. The default value is <see langword="false"/>.</param>
    /// <returns>The expected units; 0 without a laser.</returns>
    public static double ExpectedUnits(IEnumerable<ShipMount>? mounts, SurveySize? survey = null, bool unstable = false)
    {
        var strength = LaserStrength(mounts);
        if (strength == 0)
        {
            return 0;
        }

        var units = strength / 5.0 * 1.5 * SurveyFactor(survey);
        return Math.Max(1, unstable ? units / 2 : units);
    }

    /// <summary>Gets the most units one extraction can bring (before the cargo cut).</summary>
    /// <param name="mounts">The ship's mounts.</param>
    /// <param name="survey">The survey's size, or <see langword="null"/> without one. The default value is <see langword="null"/>.</param>
    /// <returns>The largest yield; 0 without a laser.</returns>
    public static int MaximumUnits(IEnumerable<ShipMount>? mounts, SurveySize? survey = null)
    {
        var strength = LaserStrength(mounts);
        return strength == 0 ? 0 : Math.Max(1, (int)Math.Round(strength / 5.0 * 2 * SurveyFactor(survey), MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// Gets the share of an extraction's expected yield that would not fit in <paramref name="cargoFree"/> units of space
    /// (0 when it all fits, close to 1 when almost nothing does).
    /// </summary>
    /// <param name="mounts">The ship's mounts.</param>
    /// <param name="cargoFree">The free cargo space.</param>
    /// <param name="survey">The survey's size, or <see langword="null"/> without one. The default value is <see langword="null"/>.</param>
    /// <returns>The wasted share, from 0 to 1.</returns>
    public static double WastedShare(IEnumerable<ShipMount>? mounts, int cargoFree, SurveySize? survey = null)
    {
        var expected = ExpectedUnits(mounts, survey);
        return expected <= 0 ? 1 : Math.Clamp((expected - Math.Max(0, cargoFree)) / expected, 0, 1);
    }

    private static double SurveyFactor(SurveySize? survey) => survey?.Value switch
    {
        "MODERATE" => 1.25,
        "LARGE" => 1.5,
        _ => 1.0,
    };
}
