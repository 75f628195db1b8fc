using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week10;

/// <summary>Exploratory runs of the week-10 conductor (explicit: 12 simulated hours per seed, figures to the output).</summary>
[TestFixture]
[Explicit("Exploratory: prints the figures of whole runs.")]
public sealed class Week10Runs
{
    [TestCase(1, "")]
    [TestCase(2, "")]
    [TestCase(3, "")]
    [TestCase(1, "tourRefresh=00:30:00")]
    [TestCase(2, "tourRefresh=00:30:00")]
    [TestCase(3, "tourRefresh=00:30:00")]
    [TestCase(1, "upgrade=false")]
    [TestCase(2, "upgrade=false")]
    [TestCase(3, "upgrade=false")]
    public async Task Run(int seed, string parameters)
    {
        using var game = new WeeklyGame(seed);
        var run = await game.RunAsync(new StrategyRef("week10"), TimeSpan.FromHours(12), StrategyParameters.Parse(parameters), [.. WeeklyPlugins.All, new Week10Plugin()]);
        TestContext.Out.WriteLine(parameters + " " + run.ToString());
        foreach (var trade in run.Movements.Where(m => m.Kind is "purchase" or "sell" or "jettison").Take(0))
        {
            TestContext.Out.WriteLine($"  {trade.At:HH:mm:ss} {trade.ShipSymbol} {trade.Kind} {trade.Units} {trade.TradeSymbol} {trade.Amount}");
        }

        Assert.That(run.Requests, Is.Positive);
    }
}
