using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>The simulator's command line, parsed in-process (the child-process tests in <see cref="HttpHostGameTests"/> run the program itself).</summary>
[TestFixture]
public sealed class CommandLineTests
{
    [Test]
    public void No_arguments_serve_the_defaults()
    {
        var (exit, start, _, _) = Parse();

        Assert.That(exit, Is.Null);
        Assert.That(start!.Url, Is.EqualTo("http://127.0.0.1:5800"));
        Assert.That(start.TimeScale, Is.EqualTo(1));
        Assert.That(start.Options.Seed, Is.EqualTo(42));
        Assert.That(start.Options.Clock, Is.SameAs(TimeProvider.System));
        Assert.That(start.Options.RateLimits.Enabled, Is.True);
        Assert.That(start.Options.FaultProfile, Is.EqualTo("none"));
        Assert.That(start.Options.AccountToken, Is.Null);
        Assert.That(start.Options.RandomStreams, Is.EqualTo(RandomStreams.Shared));
        Assert.That(start.Options.ResetEvery, Is.Null);
        Assert.That(start.Options.OmitFields, Is.Empty);
    }

    [Test]
    public void Every_option_is_read_and_omit_field_repeats()
    {
        var (exit, start, _, _) = Parse(
            "--urls", "http://127.0.0.1:0", "--seed", "7", "--time-scale", "20", "--rate-limit", "off", "--faults", "drop-after",
            "--account-token", "@secret", "--luck", "per-ship", "--reset-every", "12h",
            "--omit-field", "ShipMount.description", "--omit-field=Waypoint.chart");

        Assert.That(exit, Is.Null);
        Assert.That(start!.Url, Is.EqualTo("http://127.0.0.1:0"));
        Assert.That(start.Options.Seed, Is.EqualTo(7));
        Assert.That(start.Options.Clock, Is.InstanceOf<ScaledClock>());
        Assert.That(start.Options.RateLimits.Enabled, Is.False);
        Assert.That(start.Options.FaultProfile, Is.EqualTo("drop-after"));
        Assert.That(start.Options.AccountToken, Is.EqualTo("@secret"), "no @file expansion");
        Assert.That(start.Options.RandomStreams, Is.EqualTo(RandomStreams.PerShip));
        Assert.That(start.Options.ResetEvery, Is.EqualTo(TimeSpan.FromHours(12)));
        Assert.That(start.Options.OmitFields, Is.EqualTo(new[] { "ShipMount.description", "Waypoint.chart" }));

        var line = start.ListeningLine(new Uri("http://127.0.0.1:5800/v2/"));
        Assert.That(line, Does.StartWith("Simulator listening on http://127.0.0.1:5800/v2/ (seed 7, time scale 20, rate limit off, faults drop-after, luck per-ship"));
        Assert.That(line, Does.Contain("resets every 12h").And.Contain("registration needs the account token").And.Contain("omitting ShipMount.description, Waypoint.chart"));
        Assert.That(line, Does.Not.Contain("secret"), "the account token is never printed");
    }

    [TestCase("reorder", "reorder")]
    [TestCase("slow", "slow")]
    [TestCase("REORDER", "reorder")]
    [TestCase("Drop-After", "drop-after")]
    public void Every_fault_profile_is_accepted_in_any_case(string given, string profile)
    {
        var (exit, start, _, _) = Parse("--faults", given);

        Assert.That(exit, Is.Null);
        Assert.That(start!.Options.FaultProfile, Is.EqualTo(profile));
        Assert.That(() => new Simulation(start.Options), Throws.Nothing, "the simulation knows the profile");
    }

    [TestCase("90m", 90 * 60)]
    [TestCase("7d", 7 * 86400)]
    [TestCase("36:00:00", 36 * 3600)]
    [TestCase("1.12:00:00", 36 * 3600)]
    [TestCase("0.5h", 1800)]
    public void Reset_periods_read_like_the_runners_durations(string text, int seconds)
    {
        var (exit, start, _, _) = Parse("--reset-every", text);

        Assert.That(exit, Is.Null);
        Assert.That(start!.Options.ResetEvery, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("--reset-every", "soon", "--reset-every")]
    [TestCase("--reset-every", "0s", "longer than zero")]
    [TestCase("--omit-field", "Spaceship.name", "writes no schema 'Spaceship'")]
    [TestCase("--omit-field", "ShipMount", "Schema.property")]
    [TestCase("--faults", "gremlins", "gremlins")]
    [TestCase("--time-scale", "-2", "positive")]
    [TestCase("--seed", "many", "many")]
    [TestCase("--colour", "blue", "--colour")]
    public void A_wrong_option_is_a_clear_error_with_exit_code_2(string option, string value, string message)
    {
        var (exit, start, _, error) = Parse(option, value);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(start, Is.Null);
        Assert.That(error, Does.Contain(message).And.Contain("--help"));
    }

    [Test]
    public void Help_lists_the_options_and_exits_with_0()
    {
        var (exit, _, output, _) = Parse("--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("--reset-every").And.Contain("--omit-field").And.Contain("drop-after").And.Contain("--account-token"));
    }

    [Test]
    public void The_reset_period_and_frequency_read_back_briefly()
    {
        Assert.That(DurationText.Format(TimeSpan.FromHours(12)), Is.EqualTo("12h"));
        Assert.That(DurationText.Format(TimeSpan.FromHours(30)), Is.EqualTo("1d6h"));
        Assert.That(DurationText.Format(TimeSpan.FromSeconds(90)), Is.EqualTo("1m30s"));
        Assert.That(ResetSchedule.Frequency(null), Is.EqualTo("weekly"));
        Assert.That(ResetSchedule.Frequency(TimeSpan.FromDays(14)), Is.EqualTo("fortnightly"));
        Assert.That(ResetSchedule.Frequency(TimeSpan.FromDays(1)), Is.EqualTo("daily"));
        Assert.That(ResetSchedule.Frequency(TimeSpan.FromMinutes(90)), Is.EqualTo("every 1h30m"));
    }

    private static (int? Exit, SimulatorStart? Start, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SimulatorCommandLine.Parse(args, output, error, out var start);
        return (exit, start, output.ToString(), error.ToString());
    }
}
