using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Exploration;

/// <summary>Long conductor runs for tuning, printed rather than asserted; run them by name.</summary>
[TestFixture]
[Explicit("Tuning runs: simulated hours of play, printed for a human.")]
public sealed class ConductorRuns
{
    [TestCase("week02", 1, 12)]
    [TestCase("week02", 2, 12)]
    [TestCase("week02", 3, 12)]
    [TestCase("week04", 1, 12)]
    [TestCase("week04", 2, 12)]
    [TestCase("week04", 3, 12)]
    [TestCase("week07", 1, 12)]
    [TestCase("week07", 2, 12)]
    [TestCase("week07", 3, 12)]
    public async Task Run(string conductor, int seed, int hours)
    {
        using var game = new WeeklyGame(seed) { Log = new ListLogger(Microsoft.Extensions.Logging.LogLevel.Information) };
        var run = await game.RunAsync(new StrategyRef(conductor), TimeSpan.FromHours(hours));
        TestContext.Out.WriteLine(run.ToString());
        foreach (var line in game.Log.Messages.Where(m => m.Contains("is idle", StringComparison.Ordinal) || m.Contains("accepting", StringComparison.Ordinal) || m.Contains("Bought", StringComparison.Ordinal) || m.Contains("Warning", StringComparison.Ordinal)).Distinct().Take(60))
        {
            TestContext.Out.WriteLine("  log: " + line);
        }
        Assert.That(run.Requests, Is.Positive);
    }
}
