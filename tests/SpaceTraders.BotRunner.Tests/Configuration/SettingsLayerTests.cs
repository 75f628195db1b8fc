using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.Tests.Configuration;

/// <summary>Settings come from appsettings.json, the environment and the command line; the command line wins over the environment, which wins over the file.</summary>
[TestFixture]
public sealed class SettingsLayerTests
{
    private const string FileConnection = "Host=file-db;Username=st;Database=fromfile";
    private const string EnvironmentConnection = "Host=env-db;Username=st;Database=fromenv";
    private const string CommandLineConnection = "Host=cli-db;Username=st;Database=fromcli";

    private static readonly string File = """
        {
          // Comments are allowed, as in any .NET appsettings.json.
          "Runner": {
            "Postgres": "Host=file-db;Username=st;Database=fromfile",
            "Seed": 11,
            "Conductor": "week04",
            "Plugins": [ "from-file-a", "from-file-b" ],
            "Params": { "reserve": "1000", "surveyors": "2" },
            "View": "plain",
            "Duration": "2h"
          }
        }
        """;

    [Test]
    public void Appsettings_json_is_read()
    {
        var options = Settings.Options([], settingsJson: File);

        Assert.Multiple(() =>
        {
            Assert.That(options.PostgresConnectionString, Is.EqualTo(FileConnection));
            Assert.That(options.Seed, Is.EqualTo(11));
            Assert.That(options.Conductor, Is.EqualTo(new StrategyRef("week04")));
            Assert.That(options.PluginDirectories, Is.EqualTo(new[] { "from-file-a", "from-file-b" }));
            Assert.That(options.ConductorParameters.GetInt32("reserve", 0), Is.EqualTo(1000));
            Assert.That(options.View, Is.EqualTo(ViewKind.Lines));
            Assert.That(options.Duration, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }

    [Test]
    public void SPACETRADERS_POSTGRES_and_the_other_variables_are_read_and_win_over_the_file()
    {
        var environment = new Dictionary<string, string>
        {
            ["SPACETRADERS_POSTGRES"] = EnvironmentConnection,
            ["SPACETRADERS_SEED"] = "12",
            ["SPACETRADERS_PLUGINS"] = "env-a" + Path.PathSeparator + "env-b",
            ["SPACETRADERS_PARAMS"] = "reserve=2000",
            ["SPACETRADERS_TIME_SCALE"] = "5",
            ["SPACETRADERS_URL"] = "http://not-the-runners-variable",
        };

        var options = Settings.Options([], environment, File);

        Assert.Multiple(() =>
        {
            Assert.That(options.PostgresConnectionString, Is.EqualTo(EnvironmentConnection));
            Assert.That(options.Seed, Is.EqualTo(12));
            Assert.That(options.PluginDirectories, Is.EqualTo(new[] { "env-a", "env-b" }), "a list comes whole from one layer");
            Assert.That(options.ConductorParameters.GetInt32("reserve", 0), Is.EqualTo(2000));
            Assert.That(options.ConductorParameters.GetInt32("surveyors", 0), Is.EqualTo(2), "parameters merge by name across layers");
            Assert.That(options.TimeScale, Is.EqualTo(5));
            Assert.That(options.Conductor, Is.EqualTo(new StrategyRef("week04")), "what the environment does not set still comes from the file");
        });
    }

    [Test]
    public void The_command_line_wins_over_the_environment_and_the_file()
    {
        var environment = new Dictionary<string, string> { ["SPACETRADERS_POSTGRES"] = EnvironmentConnection, ["SPACETRADERS_SEED"] = "12" };

        var options = Settings.Options(["--postgres", CommandLineConnection, "--seed", "13", "--plugins", "cli", "--param", "reserve=3000", "--quiet"], environment, File);

        Assert.Multiple(() =>
        {
            Assert.That(options.PostgresConnectionString, Is.EqualTo(CommandLineConnection));
            Assert.That(options.Seed, Is.EqualTo(13));
            Assert.That(options.PluginDirectories, Is.EqualTo(new[] { "cli" }), "the command line's list replaces the file's, it does not merge with it");
            Assert.That(options.ConductorParameters.GetInt32("reserve", 0), Is.EqualTo(3000));
            Assert.That(options.View, Is.EqualTo(ViewKind.Quiet));
        });
    }

    [Test]
    public void A_settings_file_can_be_named_and_a_wrong_one_is_refused_in_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("runner-settings-file-").FullName;
        try
        {
            var path = Path.Combine(folder, "mine.json");
            System.IO.File.WriteAllText(path, File);

            Assert.That(Settings.Options(["--settings", path]).Seed, Is.EqualTo(11));
            Assert.That(Settings.Error(["--settings", Path.Combine(folder, "missing.json")]), Does.Contain("missing.json").And.Contain("does not exist"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Wrong_values_name_the_layer_they_came_from()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Settings.Error(["--seed", "x"]), Is.EqualTo("--seed takes a whole number, not 'x'."));
            Assert.That(Settings.Error([], new() { ["SPACETRADERS_SEED"] = "y" }), Is.EqualTo("SPACETRADERS_SEED takes a whole number, not 'y'."));
            Assert.That(Settings.Error([], settingsJson: """{ "Runner": { "Seed": "z" } }"""), Does.StartWith("Runner:Seed in ").And.EndWith("appsettings.json takes a whole number, not 'z'."));
            Assert.That(Settings.Error([], settingsJson: """{ "Runner": { "Conductr": "week04" } }"""), Does.StartWith("Unknown setting Runner:Conductr in "));
            Assert.That(Settings.Error([], settingsJson: """{ "Runner": { "View": "fancy" } }"""), Does.Contain("live, plain or quiet"));
        });
    }

    [Test]
    public void A_token_in_the_environment_plays_the_live_server_unless_the_command_line_picks_the_simulator()
    {
        var environment = new Dictionary<string, string> { ["SPACETRADERS_TOKEN"] = "env.token", ["SPACETRADERS_ACCOUNT_TOKEN"] = "acct" };

        var live = Settings.Options([], environment, """{ "Runner": { "Seed": 3 } }""");
        var simulator = Settings.Options(["--seed", "3"], environment);

        Assert.Multiple(() =>
        {
            Assert.That(live.Game, Is.EqualTo(GameKind.LiveServer), "a seed in the file is a default for the simulator, not a choice of it");
            Assert.That(live.Token, Is.EqualTo("env.token"));
            Assert.That(live.AccountToken, Is.EqualTo("acct"));
            Assert.That(simulator.Game, Is.EqualTo(GameKind.BuiltInSimulator));
            Assert.That(simulator.Token, Is.Null);
        });
    }

    [Test]
    public void Virtual_time_and_a_time_scale_in_different_layers_resolve_by_precedence()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Settings.Options(["--time-scale", "4"], settingsJson: """{ "Runner": { "VirtualTime": true } }""").VirtualTime, Is.False);
            Assert.That(Settings.Options(["--virtual-time"], new() { ["SPACETRADERS_TIME_SCALE"] = "4" }).VirtualTime, Is.True);
            Assert.That(Settings.Error([], settingsJson: """{ "Runner": { "VirtualTime": true, "TimeScale": 4 } }"""), Does.Contain("TimeScale"));
        });
    }
}
