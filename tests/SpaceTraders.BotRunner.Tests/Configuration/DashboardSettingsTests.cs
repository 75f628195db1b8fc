using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Configuration;

/// <summary>The dashboard's settings, in every layer like the others: <c>--dashboard</c>, <c>--no-dashboard</c>, <c>--dashboard-only</c>.</summary>
[TestFixture]
public sealed class DashboardSettingsTests
{
    private const string Database = "Host=127.0.0.1;Username=st;Database=history";

    [Test]
    public void By_default_the_dashboard_is_served_on_loopback_port_5080()
    {
        var options = Settings.Options([]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:5080")));
            Assert.That(options.DashboardOnly, Is.False);
        });
    }

    [Test]
    public void The_address_comes_from_the_command_line_the_environment_or_the_file()
    {
        const string File = """{ "Runner": { "Dashboard": "http://127.0.0.1:6001" } }""";
        var environment = new Dictionary<string, string> { ["SPACETRADERS_DASHBOARD"] = "http://[::1]:6002" };

        Assert.Multiple(() =>
        {
            Assert.That(Settings.Options([], settingsJson: File).Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:6001")));
            Assert.That(Settings.Options([], environment, File).Dashboard, Is.EqualTo(new Uri("http://[::1]:6002")));
            Assert.That(Settings.Options(["--dashboard", "http://localhost:6003/"], environment, File).Dashboard, Is.EqualTo(new Uri("http://localhost:6003")));
            Assert.That(Settings.Options(["--dashboard", "http://127.0.0.1:0/"], environment, File).Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:0")));
        });
    }

    [Test]
    public void No_dashboard_turns_it_off_and_the_higher_layer_wins()
    {
        const string Off = """{ "Runner": { "NoDashboard": true } }""";

        Assert.Multiple(() =>
        {
            Assert.That(Settings.Options(["--no-dashboard"]).Dashboard, Is.Null);
            Assert.That(Settings.Options([], new Dictionary<string, string> { ["SPACETRADERS_NO_DASHBOARD"] = "true" }).Dashboard, Is.Null);
            Assert.That(Settings.Options([], settingsJson: Off).Dashboard, Is.Null);
            Assert.That(Settings.Options(["--dashboard", "http://127.0.0.1:6003"], settingsJson: Off).Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:6003")), "the command line's address over the file's off");
            Assert.That(Settings.Options(["--no-dashboard"], new Dictionary<string, string> { ["SPACETRADERS_DASHBOARD"] = "http://127.0.0.1:6004" }).Dashboard, Is.Null, "the command line's off over the environment's address");
            Assert.That(Settings.Error(["--dashboard", "http://127.0.0.1:6005", "--no-dashboard"]), Is.EqualTo("--dashboard and --no-dashboard contradict each other: give one."));
            Assert.That(Settings.Error([], new Dictionary<string, string> { ["SPACETRADERS_NO_DASHBOARD"] = "maybe" }), Is.EqualTo("SPACETRADERS_NO_DASHBOARD takes true or false, not 'maybe'."));
        });
    }

    [Test]
    public void A_wrong_address_names_where_it_came_from()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Settings.Error([], new Dictionary<string, string> { ["SPACETRADERS_DASHBOARD"] = "127.0.0.1:5080" }), Does.StartWith("SPACETRADERS_DASHBOARD takes an http:// URL"));
            Assert.That(Settings.Error([], settingsJson: """{ "Runner": { "Dashboard": "http://my-host:5080" } }"""), Does.StartWith("Runner:Dashboard in ").And.Contain("IP address or localhost"));
            Assert.That(Settings.Error(["--dashboard", "http://user:secret@127.0.0.1:5080"]), Does.Contain("a scheme, a host and a port only"));
        });
    }

    [Test]
    public void Dashboard_only_needs_a_database_and_takes_it_from_any_layer()
    {
        var fromEnvironment = Settings.Options(["--dashboard-only"], new Dictionary<string, string> { ["SPACETRADERS_POSTGRES"] = Database });
        var fromFile = Settings.Options([], settingsJson: $$"""{ "Runner": { "DashboardOnly": true, "Postgres": "{{Database}}", "Dashboard": "http://127.0.0.1:6006" } }""");

        Assert.Multiple(() =>
        {
            Assert.That(fromEnvironment.DashboardOnly, Is.True);
            Assert.That(fromEnvironment.PostgresConnectionString, Is.EqualTo(Database));
            Assert.That(fromEnvironment.Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:5080")));
            Assert.That(fromFile.DashboardOnly, Is.True);
            Assert.That(fromFile.Dashboard, Is.EqualTo(new Uri("http://127.0.0.1:6006")));
            Assert.That(Settings.Error(["--dashboard-only"]), Does.StartWith("--dashboard-only shows a PostgreSQL database's history"));
            Assert.That(Settings.Error(["--dashboard-only", "--no-dashboard", "--postgres", Database]), Does.Contain("give one"));
        });
    }

    [TestCase("--seed", "7")]
    [TestCase("--conductor", "week10")]
    [TestCase("--param", "scouts=3")]
    [TestCase("--report", "out.json")]
    [TestCase("--simulator-url", "http://127.0.0.1:5800")]
    [TestCase("--virtual-time", null)]
    [TestCase("--record", "traffic.jsonl")] // was taken and ignored: nothing is recorded when nothing plays
    [TestCase("--reset-every", "12h")] // was taken and ignored: no simulator runs to reset
    public void Dashboard_only_refuses_a_playing_runs_setting_beside_it(string option, string? value)
    {
        string[] args = value is null ? [option] : [option, value];

        var error = Settings.Error(["--dashboard-only", "--postgres", Database, .. args]);

        Assert.That(error, Does.StartWith(option + " is for a run that plays; --dashboard-only plays nothing"));
    }

    [Test]
    public void Dashboard_only_leaves_a_playing_runs_settings_of_lower_layers_alone()
    {
        var environment = new Dictionary<string, string> { ["SPACETRADERS_TOKEN"] = "agent-token", ["SPACETRADERS_CONDUCTOR"] = "week10" };

        var options = Settings.Options(["--dashboard-only", "--postgres", Database], environment, """{ "Runner": { "Seed": 3, "Plugins": [ "x" ] } }""");

        var switchedInEnvironment = new Dictionary<string, string> { ["SPACETRADERS_DASHBOARD_ONLY"] = "true", ["SPACETRADERS_POSTGRES"] = Database };
        Assert.Multiple(() =>
        {
            Assert.That(options.DashboardOnly, Is.True);
            Assert.That(Settings.Options([], switchedInEnvironment, """{ "Runner": { "Seed": 3 } }""").DashboardOnly, Is.True, "the file's seed is below the environment's switch");
            Assert.That(Settings.Error([], new(switchedInEnvironment) { ["SPACETRADERS_SEED"] = "3" }), Does.StartWith("SPACETRADERS_SEED is for a run that plays"), "beside it");
        });
    }

    [Test]
    public void The_run_to_show_comes_from_any_layer_and_reads_an_id_its_start_or_all()
    {
        var byDefault = Settings.Options(["--dashboard-only", "--postgres", Database]);
        var fromCommandLine = Settings.Options(["--dashboard-only", "--postgres", Database, "--run", "3F2A9C1E"]);
        var fromEnvironment = Settings.Options(["--dashboard-only", "--postgres", Database], new Dictionary<string, string> { ["SPACETRADERS_RUN"] = "all" });
        var fromFile = Settings.Options(["--dashboard-only", "--postgres", Database], settingsJson: """{ "Runner": { "Run": "3f2a9c1e-0000-4000-8000-000000000001" } }""");

        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Run, Is.Null, "the newest run");
            Assert.That(fromCommandLine.Run, Is.EqualTo("3f2a9c1e"));
            Assert.That(fromEnvironment.Run, Is.EqualTo("all"));
            Assert.That(fromFile.Run, Is.EqualTo("3f2a9c1e-0000-4000-8000-000000000001"));
            Assert.That(Settings.Error(["--dashboard-only", "--postgres", Database, "--run", "newest"]), Does.StartWith("--run takes a run id, its first characters"));
            Assert.That(Settings.Error(["--dashboard-only", "--postgres", Database, "--run", "3f2a9c1e-0000-4000-8000-0000000000011"]), Does.StartWith("--run takes a run id"), "longer than an id");
        });
    }

    [Test]
    public void A_run_to_show_is_refused_without_dashboard_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Settings.Error(["--run", "all"]), Is.EqualTo("--run picks the run --dashboard-only shows; a run that plays records a new run (give --dashboard-only to show the database's history)."));
            Assert.That(Settings.Error(["--seed", "3"], new Dictionary<string, string> { ["SPACETRADERS_RUN"] = "3f2a" }), Does.StartWith("SPACETRADERS_RUN picks the run --dashboard-only shows"));
        });
    }
}
