using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>The limiter's latency margin per game: none on the virtual clock, scaled with the clock in scaled real time.</summary>
[TestFixture]
public sealed class GameConnectionThrottlingTests
{
    [Test]
    public void The_virtual_clock_needs_no_margin()
    {
        var options = new RunnerOptions { Game = GameKind.BuiltInSimulator, VirtualTime = true };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Scaled_real_time_scales_the_default_margin_with_the_clock()
    {
        var options = new RunnerOptions { Game = GameKind.BuiltInSimulator, VirtualTime = false, TimeScale = 20 };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(new ThrottlingOptions().SafetyMargin * 20), "at x20 a few real milliseconds of jitter are a game tenth of a second");
    }

    [Test]
    public void Other_games_keep_the_default_margin()
    {
        var options = new RunnerOptions { Game = GameKind.SimulatorOverHttp };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(new ThrottlingOptions().SafetyMargin));
    }
}
