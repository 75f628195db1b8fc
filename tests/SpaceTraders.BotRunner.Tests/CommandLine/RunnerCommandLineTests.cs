using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.Tests.CommandLine;

/// <summary>The command line (System.CommandLine) read through the settings' layers, with no environment and no file.</summary>
[TestFixture]
public sealed class RunnerCommandLineTests
{

    [Test]
    public void Without_arguments_the_runner_plays_the_built_in_simulator_at_twenty_times_real_time_with_the_defaults()
    {
        var options = Parse();

        Assert.Multiple(() =>
        {
            Assert.That(options.Game, Is.EqualTo(GameKind.BuiltInSimulator));
            Assert.That(options.VirtualTime, Is.False);
            Assert.That(options.TimeScale, Is.EqualTo(20));
            Assert.That(options.Seed, Is.EqualTo(42));
            Assert.That(options.Duration, Is.Null, "until Ctrl+C");
            Assert.That(options.Conductor, Is.Null, "the best week that loads");
            Assert.That(options.PluginDirectories, Is.Empty, "plugins/ next to the runner");
            Assert.That(options.PostgresConnectionString, Is.Null, "in-memory store");
            Assert.That(options.ReportPath, Is.Null);
            Assert.That(options.View, Is.EqualTo(ViewKind.Auto));
            Assert.That(options.Token, Is.Null);
            Assert.That(options.Faction, Is.EqualTo("COSMIC"));
        });
    }

    [Test]
    public void The_single_run_command_of_the_CPR_benchmark_parses()
    {
        var options = Parse("--virtual-time", "--seed", "42", "--duration", "12:00:00", "--conductor", "week04", "--report", "out.json");

        Assert.Multiple(() =>
        {
            Assert.That(options.Game, Is.EqualTo(GameKind.BuiltInSimulator));
            Assert.That(options.VirtualTime, Is.True);
            Assert.That(options.Seed, Is.EqualTo(42));
            Assert.That(options.Duration, Is.EqualTo(TimeSpan.FromHours(12)));
            Assert.That(options.VirtualDuration, Is.EqualTo(TimeSpan.FromHours(12)));
            Assert.That(options.Conductor, Is.EqualTo(new StrategyRef("week04")));
            Assert.That(options.ReportPath, Is.EqualTo("out.json"));
        });
    }

    [Test]
    public void Virtual_time_without_a_duration_runs_twelve_simulated_hours()
    {
        Assert.That(Parse("--virtual-time").VirtualDuration, Is.EqualTo(TimeSpan.FromHours(12)));
    }

    [Test]
    public void Both_option_forms_repeatable_plugins_and_merged_conductor_parameters()
    {
        var options = Parse("--plugins", "a", "--plugins=b", "--conductor=market-scout@1.0", "--param", "scouts=100;strategy=greedy", "--param=buyProbes=true", "--starting-credits", "5000000", "--memory-limit", "300");

        Assert.Multiple(() =>
        {
            Assert.That(options.PluginDirectories, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(options.Conductor, Is.EqualTo(new StrategyRef("market-scout", "1.0")));
            Assert.That(options.ConductorParameters.GetInt32("scouts", 0), Is.EqualTo(100));
            Assert.That(options.ConductorParameters.GetString("strategy", ""), Is.EqualTo("greedy"));
            Assert.That(options.ConductorParameters.GetBoolean("buyProbes", false), Is.True);
            Assert.That(options.StartingCredits, Is.EqualTo(5_000_000));
            Assert.That(options.MemoryLimitBytes, Is.EqualTo(300L * 1024 * 1024));
        });
    }

    [TestCase("reorder", "reorder")]
    [TestCase("Drop-After", "drop-after")]
    [TestCase(" CHAOS ", "chaos")]
    public void A_fault_profile_is_taken_in_the_simulator_s_spelling_and_described(string given, string profile)
    {
        var options = Parse("--virtual-time", "--faults", given);

        Assert.Multiple(() =>
        {
            Assert.That(options.Faults, Is.EqualTo(profile));
            Assert.That(options.GameDescription, Does.EndWith($", faults: {profile}"));
            Assert.That(Parse("--virtual-time").Faults, Is.EqualTo("none"));
            Assert.That(Parse("--virtual-time").GameDescription, Does.Not.Contain("faults"));
        });
    }

    [Test]
    public void An_unknown_fault_profile_is_refused_with_the_known_ones()
    {
        Assert.That(Error("--faults", "sometimes"), Is.EqualTo("--faults takes one of none, flaky, chaos, slow, drop-after, reorder, not 'sometimes'."));
    }

    [TestCase("12:00:00", 12 * 3600)]
    [TestCase("24:00:00", 24 * 3600)]
    [TestCase("36:30:15", (36 * 3600) + (30 * 60) + 15)]
    [TestCase("00:00:02.5", 2.5)]
    [TestCase("1.00:00:00", 24 * 3600)]
    [TestCase("90m", 90 * 60)]
    [TestCase("6h", 6 * 3600)]
    [TestCase("45s", 45)]
    [TestCase("2d", 2 * 86400)]
    [TestCase("0.5h", 1800)]
    public void Durations_read_as_timespans_or_with_a_unit(string text, double seconds)
    {
        Assert.That(Parse("--duration", text).Duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("soon")]
    [TestCase("1:75:00")]
    [TestCase("0s")]
    [TestCase("-1h")]
    public void Bad_durations_are_refused(string text)
    {
        Assert.That(Error("--duration", text), Does.StartWith("--duration"));
    }

    [Test]
    public void A_token_plays_the_live_server_and_the_environment_variable_does_the_same()
    {
        var given = Parse("--token", "abc.def");
        var fromEnvironment = Settings.Options([], new() { ["SPACETRADERS_TOKEN"] = "env.token" });

        Assert.Multiple(() =>
        {
            Assert.That(given.Game, Is.EqualTo(GameKind.LiveServer));
            Assert.That(given.Token, Is.EqualTo("abc.def"));
            Assert.That(fromEnvironment.Game, Is.EqualTo(GameKind.LiveServer));
            Assert.That(fromEnvironment.Token, Is.EqualTo("env.token"));
            Assert.That(given.GameDescription, Does.Not.Contain("abc.def"));
        });
    }

    [Test]
    public void Built_in_simulator_options_win_over_the_token_in_the_environment()
    {
        var environment = new Dictionary<string, string> { ["SPACETRADERS_TOKEN"] = "env.token" };

        var virtualRun = Settings.Options(["--virtual-time"], environment);
        var simulator = Settings.Options(["--simulator"], environment);

        Assert.Multiple(() =>
        {
            Assert.That(virtualRun.Game, Is.EqualTo(GameKind.BuiltInSimulator));
            Assert.That(virtualRun.Token, Is.Null);
            Assert.That(simulator.Game, Is.EqualTo(GameKind.BuiltInSimulator));
        });
    }

    [TestCase("--virtual-time")]
    [TestCase("--seed", "7")]
    [TestCase("--time-scale", "5")]
    [TestCase("--starting-credits", "1000")]
    [TestCase("--faults", "flaky")]
    public void Built_in_simulator_options_cannot_be_combined_with_a_token(params string[] option)
    {
        Assert.That(Error(["--token", "abc", .. option]), Does.Contain(option[0]).And.Contain("--token"));
    }

    [Test]
    public void A_simulator_url_is_normalised_to_the_API_base_and_plays_a_registered_agent_or_the_given_token()
    {
        var registering = Parse("--simulator-url", "http://127.0.0.1:5800");
        var withToken = Parse("--simulator-url", "http://127.0.0.1:5800/v2", "--token", "tok");

        Assert.Multiple(() =>
        {
            Assert.That(registering.Game, Is.EqualTo(GameKind.SimulatorOverHttp));
            Assert.That(registering.SimulatorUrl, Is.EqualTo(new Uri("http://127.0.0.1:5800/v2/")));
            Assert.That(registering.Token, Is.Null);
            Assert.That(withToken.Game, Is.EqualTo(GameKind.SimulatorOverHttp));
            Assert.That(withToken.SimulatorUrl, Is.EqualTo(new Uri("http://127.0.0.1:5800/v2/")));
            Assert.That(withToken.Token, Is.EqualTo("tok"));
            Assert.That(Error("--simulator-url", "localhost:5800"), Does.Contain("--simulator-url"));
        });
    }

    [Test]
    public void Errors_name_options_but_never_echo_a_token_or_a_connection_string()
    {
        const string secret = "Host=db;Username=st;Password=hunter2";
        var errors = new[]
        {
            Error("--postgres", secret, "--bogus"),
            Error("--token", "secret-token-123", "--agent", "BOT"),
            Error("secret-token-123"),
            Error("--tokn", "secret-token-123"),
            Error("--tokne=secret-token-123"),
        };

        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Does.Contain("--bogus"));
            Assert.That(errors[1], Does.Contain("--agent"));
            Assert.That(errors[3], Does.Contain("--tokn"));
            foreach (var error in errors)
            {
                Assert.That(error, Does.Not.Contain("hunter2").And.Not.Contain("secret-token-123"));
            }
        });
    }

    [Test]
    public void A_valued_option_without_its_value_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Error("--report"), Does.Contain("--report"));
            Assert.That(Error("--postgres", "--quiet"), Does.StartWith("--postgres needs a value"));
            Assert.That(Error("--quiet=yes"), Does.Contain("--quiet"));
            Assert.That(Error("--seed", "1", "--seed", "2"), Does.Contain("--seed"));
        });
    }

    [Test]
    public void Other_checks()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Error("--virtual-time", "--time-scale", "10"), Does.Contain("--time-scale"));
            Assert.That(Error("--plain", "--quiet"), Does.Contain("--plain").And.Contain("--quiet"));
            Assert.That(Error("--conductor", "a@b@c"), Does.Contain("--conductor"));
            Assert.That(Error("--agent", "X"), Does.Contain("--agent"));
            Assert.That(Error("--seed", "many"), Does.Contain("--seed"));
            Assert.That(Error("--time-scale", "0"), Does.Contain("--time-scale"));
            Assert.That(Parse("--agent", "bot_1", "--faction", "void").AgentSymbol, Is.EqualTo("BOT_1"));
            Assert.That(Parse("--faction", "void").Faction, Is.EqualTo("VOID"));
            Assert.That(Parse("--quiet").View, Is.EqualTo(ViewKind.Quiet));
            Assert.That(Parse("--plain", "--verbose").View, Is.EqualTo(ViewKind.Lines));
        });
    }

    // The address is printed at the start ("Game: simulator at ...") and in "Could not reach ..." errors: a password in
    // it was printed with it.
    [Test]
    public void A_simulator_url_with_a_password_is_refused_without_echoing_it()
    {
        var error = Error("--simulator-url", "http://user:Secret-Pw-1@127.0.0.1:5800");

        Assert.That(error, Does.StartWith("--simulator-url takes no user name or password").And.Not.Contain("Secret-Pw-1"));
    }

    // Numbers too large for what they feed: the duration crashed the runner (an unhandled OverflowException with a stack
    // trace), the memory limit wrapped around (2^44 MB is 0 bytes), and the starting credits overflowed the simulator's
    // sums (every trade earned 0). Each is now refused in one line.
    [TestCase("--duration", "99999999d", "at most 3650 days")]
    [TestCase("--duration", "3651d", "at most 3650 days")]
    [TestCase("--reset-every", "99999999d", "at most 3650 days")]
    [TestCase("--memory-limit", "17592186044416", "megabytes from 0 to")]
    [TestCase("--starting-credits", "9223372036854775807", "from 0 to 1,000,000,000,000")]
    public void A_number_too_large_for_what_it_feeds_is_refused(string option, string value, string why)
    {
        Assert.That(Error(option, value), Does.StartWith(option + " takes").And.Contain(why));
    }

    // A time scale the scaled clock cannot run: slower, a wait of game days exceeds a .NET timer's range (the run died
    // with "dueTime ... must be less than or equal to 4294967294"); faster, the SDK's 60 game-second request timeout is a
    // fraction of a real second (the registration timed out at x600). Both are refused before anything runs.
    [TestCase("0.00001")]
    [TestCase("0.05")]
    [TestCase("600")]
    [TestCase("1e9")]
    public void A_time_scale_the_scaled_clock_cannot_run_is_refused_with_its_range(string scale)
    {
        Assert.That(Error("--time-scale", scale), Does.StartWith("--time-scale takes a number of game seconds per real second from 0.1 to 100").And.Contain("--virtual-time").And.Contain($"'{scale}'"));
    }

    [TestCase("0.1")]
    [TestCase("1")]
    [TestCase("100")]
    public void A_time_scale_in_range_is_taken(string scale)
    {
        Assert.That(Parse("--time-scale", scale).TimeScale, Is.EqualTo(double.Parse(scale, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Help_is_asked_for(string flag)
    {
        var result = RunnerCommandLine.Parse(["--seed", "3", flag]);
        var help = RunnerCommandLine.HelpText(RunnerCommandLine.CreateCommand());

        Assert.That(result.Action, Is.Not.Null, "System.CommandLine's help action runs instead of the fleet");
        Assert.That(result.Error, Is.Null);
        Assert.That(help, Does.Contain("--token").And.Contain("--postgres").And.Contain("--virtual-time").And.Contain("--report").And.Contain("SPACETRADERS_POSTGRES").And.Contain("appsettings.json"));
        foreach (var setting in RunnerSettings.All.Where(s => s.Option is not null))
        {
            Assert.That(help, Does.Contain(setting.Option), "every option is in the help");
        }
    }

    [Test]
    public void Completions_are_offered_through_the_suggest_directive()
    {
        Assert.That(RunnerCommandLine.Parse(["[suggest]", "--vir"]).Action, Is.Not.Null, "the [suggest] directive answers instead of a run");
        Assert.That(RunnerCommandLine.Parse(["--vir"]).ParseResult.GetCompletions().Select(c => c.Label), Does.Contain("--virtual-time"));
        Assert.That(RunnerCommandLine.CreateCommand().Options.Single(o => o.Name == "--faction").GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label), Does.Contain("COSMIC"));
    }

    private static RunnerOptions Parse(params string[] args) => Settings.Options(args);

    private static string Error(params string[] args) => Settings.Error(args);
}
