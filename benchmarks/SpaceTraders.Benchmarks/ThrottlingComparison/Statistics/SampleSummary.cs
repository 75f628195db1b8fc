using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Statistics;

/// <summary>
/// The mean of a small sample (one figure per seed) and its confidence interval from Student's t distribution:
/// mean ± t(1 - (1 - confidence) / 2, n - 1) × s / √n, with s the sample standard deviation.
/// </summary>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardDeviation">Their sample standard deviation (n - 1 in the denominator); 0 for one value.</param>
/// <param name="HalfWidth">Half the confidence interval's width; 0 for one value (no interval).</param>
public readonly record struct SampleSummary(int Count, double Mean, double StandardDeviation, double HalfWidth)
{
    /// <summary>Gets the interval's lower end.</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>Gets the interval's upper end.</summary>
    public double High => Mean + HalfWidth;

    /// <summary>Summarises a sample.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <param name="confidence">The interval's confidence level. The default is 0.95.</param>
    /// <returns>The summary.</returns>
    public static SampleSummary Of(IReadOnlyCollection<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 1, nameof(values));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(confidence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        var n = values.Count;
        var mean = values.Average();
        if (n == 1)
        {
            return new SampleSummary(1, mean, 0, 0);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var t = new StudentDistribution(n - 1).Quantile(1 - ((1 - confidence) / 2));
        return new SampleSummary(n, mean, sd, t * sd / Math.Sqrt(n));
    }

    /// <summary>Whether a value lies within the interval (ends included).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when <see cref="Low"/> ≤ value ≤ <see cref="High"/>.</returns>
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>
/// The paired difference of two strategies over the same seeds (a − b per seed): its mean with a confidence interval,
/// and on how many seeds it was positive. Pairing by seed removes what the seed does to both (the world, the luck).
/// </summary>
/// <param name="Difference">The per-seed differences, summarised.</param>
/// <param name="Positive">On how many seeds a earned more than b.</param>
/// <param name="Differences">The per-seed differences, by seed.</param>
public sealed record PairedDifference(SampleSummary Difference, int Positive, IReadOnlyDictionary<int, double> Differences)
{
    /// <summary>Gets the number of seeds both were run on.</summary>
    public int Count => Differences.Count;

    /// <summary>Gets a value indicating whether a earned more than b on every seed.</summary>
    public bool PositiveOnEverySeed => Count > 0 && Positive == Count;

    /// <summary>Pairs two strategies' figures by seed (seeds only one of them has are left out).</summary>
    /// <param name="a">One strategy's figure per seed.</param>
    /// <param name="b">The other's.</param>
    /// <param name="confidence">The interval's confidence level. The default is 0.95.</param>
    /// <returns>The paired difference a − b.</returns>
    /// <exception cref="ArgumentException">The two have no seed in common.</exception>
    public static PairedDifference Of(IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = a.Keys.Where(b.ContainsKey).Order().ToDictionary(seed => seed, seed => a[seed] - b[seed]);
        if (differences.Count == 0)
        {
            throw new ArgumentException("The two strategies were run on no common seed.", nameof(b));
        }

        return new PairedDifference(SampleSummary.Of(differences.Values, confidence), differences.Values.Count(d => d > 0), differences);
    }
}
