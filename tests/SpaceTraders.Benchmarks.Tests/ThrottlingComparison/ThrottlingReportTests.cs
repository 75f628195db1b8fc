using SpaceTraders.Benchmarks.ThrottlingComparison;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>The report's verdicts on the expectations, from made-up runs.</summary>
[TestFixture]
public sealed class ThrottlingReportTests
{
    [Test]
    public void Above_the_ceiling_the_sdk_must_win_on_every_seed_not_only_on_average()
    {
        // The SDK earns more on average but loses seed 43 to the pacer.
        var report = new ThrottlingReport(
            [Run(ThrottlingStrategies.Sdk, 42, 200), Run(ThrottlingStrategies.Sdk, 43, 100), Run("fixed-pacer", 42, 100), Run("fixed-pacer", 43, 110)],
            [Run("no-limiter-backoff", 42, 0, requestsPerMinute: 300), Run("no-limiter-backoff", 43, 0, requestsPerMinute: 300)],
            []);

        var verdict = report.MustShow().Single(c => c.Expectation.StartsWith("100 ships", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Expectation, Does.Contain("above the ceiling"));
            Assert.That(verdict.Holds, Is.False);
            Assert.That(verdict.Detail, Does.Contain("fixed-pacer (1/2)"));
        });
    }

    [Test]
    public void Below_the_ceiling_the_sdk_need_only_be_within_the_interval_of_the_best()
    {
        var report = new ThrottlingReport(
            [Run(ThrottlingStrategies.Sdk, 42, 99), Run(ThrottlingStrategies.Sdk, 43, 100), Run("fixed-pacer", 42, 90), Run("fixed-pacer", 43, 120)],
            [Run("no-limiter-backoff", 42, 0, requestsPerMinute: 100), Run("no-limiter-backoff", 43, 0, requestsPerMinute: 100)],
            []);

        var verdict = report.MustShow().Single(c => c.Expectation.StartsWith("100 ships", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Expectation, Does.Contain("below the ceiling"));
            Assert.That(verdict.Holds, Is.True, verdict.Detail);
        });
    }

    [Test]
    public void Service_targets_hold_only_on_every_seed()
    {
        var report = new ThrottlingReport(
            [Run(ThrottlingStrategies.Sdk, 42, 100, requestsPerMinute: 149, criticalP99: 0.9), Run(ThrottlingStrategies.Sdk, 43, 100, requestsPerMinute: 146, criticalP99: 1.2)],
            [],
            []);

        var checks = report.MustShow();

        Assert.Multiple(() =>
        {
            Assert.That(checks.Single(c => c.Expectation.Contains("of the ceiling", StringComparison.Ordinal)).Holds, Is.False);
            Assert.That(checks.Single(c => c.Expectation.StartsWith("Critical p99", StringComparison.Ordinal)).Holds, Is.False);
            Assert.That(checks.Single(c => c.Expectation.StartsWith("zero 429s", StringComparison.Ordinal)).Holds, Is.True);
        });
    }

    private static RunResult Run(string strategy, int seed, long credits, double requestsPerMinute = 150, double criticalP99 = 0.5) => new()
    {
        Strategy = strategy,
        Seed = seed,
        Ships = 100,
        Minutes = 60,
        Requests = (long)(requestsPerMinute * 60),
        Succeeded = (long)(requestsPerMinute * 60),
        RateLimited = 0,
        GameErrors = 0,
        CriticalWaits = [criticalP99],
        NormalWaits = [],
        BackgroundWaits = [],
        IdleShipSeconds = 0,
        CreditsEarned = credits,
        MinerCredits = 0,
        HaulerCredits = 0,
        Extractions = 0,
        Sales = 0,
        Wall = TimeSpan.Zero,
        Simulated = TimeSpan.FromMinutes(60),
    };
}
