using SpaceTraders.Benchmarks.ThrottlingComparison;
using SpaceTraders.Benchmarks.ThrottlingComparison.Statistics;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>The comparison's statistics: Student's t intervals over seeds, paired differences by seed, seed lists.</summary>
[TestFixture]
public sealed class SampleSummaryTests
{
    [Test]
    public void The_95_percent_interval_of_five_values_uses_t_with_four_degrees_of_freedom()
    {
        var summary = SampleSummary.Of([1.0, 2, 3, 4, 5]);

        // s = √2.5; t(0.975, 4) = 2.7764; half width = 2.7764 × √2.5 / √5 = 1.9632.
        Assert.Multiple(() =>
        {
            Assert.That(summary.Count, Is.EqualTo(5));
            Assert.That(summary.Mean, Is.EqualTo(3).Within(1e-12));
            Assert.That(summary.StandardDeviation, Is.EqualTo(Math.Sqrt(2.5)).Within(1e-12));
            Assert.That(summary.HalfWidth, Is.EqualTo(1.9632).Within(1e-4));
            Assert.That(summary.Contains(4.96), Is.True);
            Assert.That(summary.Contains(4.97), Is.False);
        });
    }

    [Test]
    public void Two_values_give_the_wide_interval_of_one_degree_of_freedom_and_one_value_none()
    {
        Assert.Multiple(() =>
        {
            // t(0.975, 1) = 12.706; s = √2; half width = 12.706 × √2 / √2.
            Assert.That(SampleSummary.Of([1.0, 3]).HalfWidth, Is.EqualTo(12.7062).Within(1e-3));
            Assert.That(SampleSummary.Of([7.0]), Is.EqualTo(new SampleSummary(1, 7, 0, 0)));
        });
    }

    [Test]
    public void A_paired_difference_pairs_by_seed_and_counts_the_seeds_where_it_is_positive()
    {
        var sdk = new Dictionary<int, double> { [42] = 10, [43] = 12, [44] = 9, [45] = 100 };
        var other = new Dictionary<int, double> { [42] = 8, [43] = 13, [44] = 5, [46] = 1 };

        var pair = PairedDifference.Of(sdk, other);

        Assert.Multiple(() =>
        {
            Assert.That(pair.Differences, Is.EqualTo(new Dictionary<int, double> { [42] = 2, [43] = -1, [44] = 4 }));
            Assert.That(pair.Difference.Mean, Is.EqualTo(5.0 / 3).Within(1e-12));
            Assert.That(pair.Positive, Is.EqualTo(2));
            Assert.That(pair.PositiveOnEverySeed, Is.False);
        });
    }

    [Test]
    public void The_paired_difference_removes_what_the_seed_does_to_both()
    {
        // The seeds move both strategies a lot; one is always 1 ahead: the pair's interval is tight, the means' are not.
        var a = new Dictionary<int, double> { [42] = 101, [43] = 51, [44] = 201 };
        var b = new Dictionary<int, double> { [42] = 100, [43] = 50, [44] = 200 };

        var pair = PairedDifference.Of(a, b);

        Assert.Multiple(() =>
        {
            Assert.That(pair.Difference, Is.EqualTo(new SampleSummary(3, 1, 0, 0)));
            Assert.That(pair.PositiveOnEverySeed, Is.True);
            Assert.That(SampleSummary.Of([.. a.Values]).Contains(SampleSummary.Of([.. b.Values]).Mean), Is.True);
        });
    }

    [Test]
    public void Strategies_with_no_seed_in_common_cannot_be_paired()
        => Assert.That(() => PairedDifference.Of(new Dictionary<int, double> { [42] = 1 }, new Dictionary<int, double> { [43] = 1 }), Throws.ArgumentException);

    [TestCase("42-46", new[] { 42, 43, 44, 45, 46 })]
    [TestCase("42", new[] { 42 })]
    [TestCase("42,44", new[] { 42, 44 })]
    [TestCase("42-44,50", new[] { 42, 43, 44, 50 })]
    [TestCase("-3--1", new[] { -3, -2, -1 })]
    public void Seed_lists_take_ranges_and_single_seeds(string text, int[] seeds)
        => Assert.That(ThrottlingCommand.ParseSeeds(text), Is.EqualTo(seeds));

    [TestCase("46-42")]
    [TestCase("")]
    [TestCase("x")]
    public void Bad_seed_lists_are_refused(string text)
        => Assert.That(() => ThrottlingCommand.ParseSeeds(text), Throws.InstanceOf<FormatException>());
}
