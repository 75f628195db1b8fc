using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.QuickStart;

/// <summary>The README's SDK quick start is this folder's QuickStart.cs, and it works as written against the simulator.</summary>
[TestFixture]
public sealed class QuickStartTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task The_quick_start_registers_mines_at_an_asteroid_and_sells_at_a_market_in_the_simulator()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { Transport = transport, TimeProvider = clock, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };
        using var log = new StringWriter();

        await clock.RunActorAsync("quick start", ct => global::QuickStart.MineAndSellAsync(options, "BADGER", log, ct), TestContext.CurrentContext.CancellationToken);

        var lines = log.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Match(@"^\+\d+ \w+, cooldown \d+ s"), "it mined");
            Assert.That(lines, Does.Contain("Sold "), "and sold at a market");
            Assert.That(lines, Does.Not.Contain("4603"), "never selling where no market is");
            Assert.That(lines.Split('\n').Count(l => l.StartsWith("Sold ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1), lines);
        });
    }

    [Test]
    public void The_README_shows_exactly_this_code()
    {
        var block = QuickStartSource.ReadmeBlock();

        Assert.That(block, Does.Contain(QuickStartSource.TestedBody()));
        Assert.That(block, Does.Contain("using SpaceTraders.Sdk;").And.Contain("using SpaceTraders.Sdk.Errors;").And.Contain("using SpaceTraders.Sdk.Models;"));
        Assert.That(block, Does.Contain("await QuickStart.MineAndSellAsync(options, "));
    }
}
