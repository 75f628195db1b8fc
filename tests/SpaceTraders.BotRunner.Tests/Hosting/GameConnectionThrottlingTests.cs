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
        var options = new RunnerOptions { Game = GameKind.BuiltInSimulator, VirtualTime = false, TimeScale = 2 };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(new ThrottlingOptions().SafetyMargin * 2), "at x2 a real millisecond of jitter is two game milliseconds");
    }

    [TestCase(20)]
    [TestCase(100)]
    public void A_fast_clock_keeps_the_margin_at_a_fifth_of_the_per_second_window(double scale)
    {
        // Every window the limiter opens lasts the margin longer: a game second of margin at x20 halved the
        // two-a-second pool of a saturated fleet.
        var options = new RunnerOptions { Game = GameKind.BuiltInSimulator, VirtualTime = false, TimeScale = scale };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
    }

    [Test]
    public void Scaled_real_time_starts_wide_and_relaxes_the_margin_every_real_minute()
    {
        var options = new RunnerOptions { Game = GameKind.BuiltInSimulator, VirtualTime = false, TimeScale = 20 };
        var throttling = GameConnection.ThrottlingFor(options);

        Assert.That(throttling.MaxSafetyMargin, Is.EqualTo(TimeSpan.FromSeconds(1)), "a game second: 50 real ms at x20");
        Assert.That(throttling.InitialSafetyMargin, Is.EqualTo(TimeSpan.FromSeconds(1)), "the first minutes compile every endpoint's code");
        Assert.That(throttling.SafetyMarginRelaxAfter, Is.EqualTo(TimeSpan.FromMinutes(20)), "a real minute at x20");
    }

    [Test]
    public void Other_games_keep_the_default_margin()
    {
        var options = new RunnerOptions { Game = GameKind.SimulatorOverHttp };

        Assert.That(GameConnection.ThrottlingFor(options).SafetyMargin, Is.EqualTo(new ThrottlingOptions().SafetyMargin));
    }
}
