using System.Net;
using System.Net.Sockets;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Simulator;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// Every input is checked before anything runs: each wrong one ends the runner with exit code 2 and one clear line on
/// standard error, nothing on standard output (no plugin list), nothing created on disk, well within 10 seconds.
/// Servers that cannot be reached end it with exit code 1 and a line saying which.
/// </summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class BadInputTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("runner-bad-input-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_report_in_a_folder_that_does_not_exist_is_refused_and_no_folder_is_created(CancellationToken cancellationToken)
    {
        var report = Path.Combine(_folder, "missing", "deeper", "x.json");

        var run = await RefusedAsync(["--report", report], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo($"--report: cannot write {report}: the folder {Path.GetDirectoryName(report)} does not exist (the runner creates no folders; make it first)."));
        Assert.That(Directory.Exists(Path.Combine(_folder, "missing")), Is.False);
    }

    [Test]
    public async Task A_report_under_a_file_is_refused(CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder, "hostname");
        await File.WriteAllTextAsync(file, "not a folder", cancellationToken);

        var run = await RefusedAsync(["--report", Path.Combine(file, "x.json")], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo($"--report: cannot write {Path.Combine(file, "x.json")}: {file} is a file, not a folder."));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.EqualTo(new[] { file }), "nothing else on disk");
    }

    [Test]
    public async Task A_report_that_is_a_folder_is_refused(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--report", _folder], cancellationToken);

        Assert.That(run.Error, Does.StartWith($"--report: {_folder} is a folder"));
    }

    [Test]
    public async Task A_plugin_folder_that_does_not_exist_is_refused(CancellationToken cancellationToken)
    {
        var missing = Path.Combine(_folder, "nonexistent");

        var run = await RefusedAsync(["--plugins", missing], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo($"--plugins: the folder {missing} does not exist."));
    }

    [Test]
    public async Task A_plugin_folder_without_a_plugin_is_refused(CancellationToken cancellationToken)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var run = await RefusedAsync(["--plugins", empty], cancellationToken);

        Assert.That(run.Error.Trim(), Does.StartWith($"--plugins: {empty} holds no plugin"));
    }

    [Test]
    public async Task A_plugin_folder_whose_plugins_do_not_load_says_why(CancellationToken cancellationToken)
    {
        var wrong = Path.Combine(RunnerRuns.FixturePlugins, "SpaceTraders.Fixtures.WrongContract");

        var run = await RefusedAsync(["--plugins", wrong], cancellationToken);

        Assert.That(run.Error, Does.StartWith($"--plugins: no plugin in {wrong} loads:").And.Contain("contract"));
    }

    [Test]
    public async Task A_conductor_no_plugin_offers_is_refused_without_a_parameter_name_leaking(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--conductor", "week99"], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo($"--conductor week99: no loaded plugin offers this conductor (loaded: sample-fleet@week9, sample-fleet@week10, sample-refit@week9, sample-refit@week10). Searched the runner's plugins/ folder ({RunnerRuns.FixturePlugins}); --plugins <dir> loads the plugins of the folders given instead."));
        Assert.That(run.Error, Does.Not.Contain("(Parameter"));
    }

    // The text parameter's case: text parameters had no allowed values, so strategy=nosuch passed the checks and failed in
    // the conductor, after the agent was registered and the run had started.
    [TestCase("scuots=3", "--param scuots=3: market-scout@1.0 has no parameter 'scuots' (its parameters: scouts, strategy,", false, TestName = "An_unknown_conductor_parameter_is_refused_with_the_conductors_own_list")]
    [TestCase("scouts=abc", "--param scouts=abc: market-scout@1.0's scouts takes a whole number.", true, TestName = "A_conductor_parameter_that_does_not_read_as_its_type_is_refused")]
    [TestCase("strategy=nosuch", "--param strategy=nosuch: market-scout@1.0's strategy takes one of: greedy, kmeans, slices, optimal, k-means, slice, sectors, ortools, or-tools.", true, TestName = "A_text_parameter_outside_its_allowed_values_is_refused_with_the_list")]
    [TestCase("flightMode=WARP", "--param flightMode=WARP: market-scout@1.0's flightMode takes one of: CRUISE, BURN, STEALTH, DRIFT.", true, TestName = "A_flight_mode_the_game_has_not_is_refused_with_the_four_it_has")]
    public async Task A_market_scout_parameter_that_is_wrong_is_refused_with_why(string parameter, string line, bool whole, CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--plugins", RunnerRuns.RunnerPlugins, "--conductor", "market-scout", "--param", parameter], cancellationToken);

        Assert.That(run.Error.Trim(), whole ? Is.EqualTo(line) : (NUnit.Framework.Constraints.IResolveConstraint)Does.StartWith(line));
    }

    [Test]
    public async Task A_parameter_from_the_environment_is_named_as_such(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync([], cancellationToken, new Dictionary<string, string> { ["SPACETRADERS_PLUGINS"] = RunnerRuns.RunnerPlugins, ["SPACETRADERS_CONDUCTOR"] = "week07", ["SPACETRADERS_PARAMS"] = "upgrade=maybe" });

        Assert.That(run.Error.Trim(), Is.EqualTo("SPACETRADERS_PARAMS upgrade=maybe: week07@week07's upgrade takes true or false."));
    }

    [Test]
    public async Task A_token_against_a_server_that_cannot_be_reached_fails_at_once_with_what_failed(CancellationToken cancellationToken)
    {
        var port = ClosedPort();

        var run = await RunnerRuns.ExecuteAsync(["--simulator-url", $"http://127.0.0.1:{port}", "--token", "secret-token-xyz", "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Error.Trim(), Does.StartWith($"Could not reach the simulator at http://127.0.0.1:{port}/v2/: ").And.Contain("refused"));
            Assert.That(run.All, Does.Not.Contain("secret-token-xyz"));
            Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
        });
    }

    // The recorder replaces an earlier recording (and its rotated files) when it starts; it used to start before the
    // token was checked or the server reached, so a start that failed wiped the last run's recording.
    [Test]
    public async Task A_refused_token_leaves_an_earlier_recording_alone(CancellationToken cancellationToken)
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 9 });
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0", cancellationToken);
        var recording = await EarlierRecordingAsync(cancellationToken);

        var run = await RunnerRuns.ExecuteAsync(["--simulator-url", server.BaseAddress.GetLeftPart(UriPartial.Authority), "--token", "secret-token-xyz", "--record", recording, "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error, Does.Contain("The token was refused"));
            AssertEarlierRecordingKept(recording);
        });
    }

    [Test]
    public async Task A_server_that_cannot_be_reached_leaves_an_earlier_recording_alone(CancellationToken cancellationToken)
    {
        var port = ClosedPort();
        var recording = await EarlierRecordingAsync(cancellationToken);

        var run = await RunnerRuns.ExecuteAsync(["--simulator-url", $"http://127.0.0.1:{port}", "--record", recording, "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Error.Trim(), Does.StartWith($"Could not reach the simulator at http://127.0.0.1:{port}/v2/: ").And.Contain("refused"));
            AssertEarlierRecordingKept(recording);
        });
    }

    // The built-in simulator started the recorder before it registered the agent, so a refused registration replaced the
    // last run's recording (and its rotations) with the refusal.
    [Test]
    public async Task A_refused_registration_on_the_built_in_simulator_leaves_an_earlier_recording_alone(CancellationToken cancellationToken)
    {
        var recording = await EarlierRecordingAsync(cancellationToken);

        var run = await RunnerRuns.ExecuteAsync(["--virtual-time", "--faction", "NOSUCH", "--record", recording, "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error, Does.Contain("refused to register"));
            AssertEarlierRecordingKept(recording);
            Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "traffic.jsonl", "traffic.jsonl.1" }), "no other file");
        });
    }

    // A registration the server refuses is a wrong setting, not a server that cannot be reached: the symbol taken used to
    // end with exit code 1 and "Could not reach the simulator at ...: POST /register failed: HTTP 409 ...".
    [Test]
    public async Task An_agent_symbol_the_server_has_already_is_a_wrong_setting(CancellationToken cancellationToken)
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 9 });
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0", cancellationToken);
        var (client, _) = await SpaceTradersClient.RegisterAgentAsync(new SpaceTradersClientOptions { BaseAddress = server.BaseAddress }, "TAKEN1", FactionSymbol.Cosmic, cancellationToken);
        client.Dispose();

        var run = await RunnerRuns.ExecuteAsync(["--simulator-url", server.BaseAddress.GetLeftPart(UriPartial.Authority), "--agent", "taken1", "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error.Trim(), Is.EqualTo("The server already has an agent TAKEN1 (409, error 4111): give another symbol with --agent."));
        });
    }

    [Test]
    public async Task A_faction_the_server_does_not_know_is_a_wrong_setting(CancellationToken cancellationToken)
    {
        var run = await RunnerRuns.ExecuteAsync(["--virtual-time", "--faction", "NOSUCH", "--quiet", "--no-dashboard"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error.Trim(), Does.StartWith("The server refused to register RUNNER in NOSUCH (422").And.Contain("Check --agent and --faction."));
            Assert.That(run.Error, Does.Not.Contain("Could not"));
        });
    }

    // The second case: without Database and Username in the connection string the line read "at 127.0.0.1:5432/ as : ...".
    [TestCase("Username=st;Password=never-print-me-3;Database=db", "never-print-me-3", "/db as st: ", TestName = "A_PostgreSQL_server_that_cannot_be_reached_is_reported_as_such")]
    [TestCase("Password=never-print-me-4", "never-print-me-4", "/(default database) as (default user): ", TestName = "A_PostgreSQL_server_that_cannot_be_reached_is_named_even_without_database_and_user")]
    public async Task A_PostgreSQL_server_that_cannot_be_reached_is_named_without_its_password(string connection, string password, string named, CancellationToken cancellationToken)
    {
        var port = ClosedPort();

        var run = await RunnerRuns.ExecuteAsync(["--postgres", $"Host=127.0.0.1;Port={port};{connection}", "--virtual-time", "--quiet"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Error.Trim(), Does.StartWith($"Could not connect to PostgreSQL at 127.0.0.1:{port}{named}"));
            Assert.That(run.All, Does.Not.Contain("plugin").IgnoreCase, "no misleading plugin message, no plugin list");
            Assert.That(run.All, Does.Not.Contain(password));
            Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
        });
    }

    // The report was written over the recording at the end of the run: the whole recording was lost, without a word.
    [TestCase("same.json", "same.json")]
    [TestCase("traffic.jsonl.1", "traffic.jsonl")]
    public async Task A_report_on_the_recordings_file_is_refused(string report, string record, CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--report", Path.Combine(_folder, report), "--record", Path.Combine(_folder, record)], cancellationToken);

        Assert.That(run.Error.Trim(), Does.StartWith("--report and --record name the same file"));
    }

    [Test]
    public async Task A_malformed_setting_is_refused_before_anything_runs(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--duration", "soon"], cancellationToken);

        Assert.That(run.Error.Trim(), Does.StartWith("--duration takes a duration"));
    }

    [TestCase("ftp://127.0.0.1:5080", "takes an http:// URL")]
    [TestCase("https://127.0.0.1:5080", "serves no TLS")]
    [TestCase("http://dashboard.example:5080", "IP address or localhost")]
    [TestCase("http://127.0.0.1:5080/fleet", "served from the root")]
    [TestCase("5080", "takes an http:// URL")]
    [TestCase("http://localhost:0", "port 0 (any free port) only with an IP address")] // was: "The runner failed: Dynamic port binding is not supported when binding to localhost", exit code 1, after registering
    public async Task A_dashboard_URL_that_is_not_one_is_refused(string url, string why, CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--dashboard", url], cancellationToken);

        Assert.That(run.Error, Does.StartWith("--dashboard ").And.Contain(why).And.Contain("http://127.0.0.1:5080"));
    }

    [Test]
    public async Task A_dashboard_address_in_use_stops_the_runner_before_the_run(CancellationToken cancellationToken)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await RefusedAsync(["--dashboard", $"http://127.0.0.1:{port}"], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo($"The dashboard's address http://127.0.0.1:{port} is in use (another runner?): give another port with --dashboard (for example http://127.0.0.1:0, a free one), or --no-dashboard."));
    }

    [Test]
    public async Task A_dashboard_address_of_another_machine_is_refused(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--dashboard", "http://192.0.2.1:5080"], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo("The dashboard cannot listen on http://192.0.2.1:5080: 192.0.2.1 is not an address of this machine."));
    }

    [Test]
    public async Task Dashboard_only_needs_a_database(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--dashboard-only"], cancellationToken, virtualTime: false);

        Assert.That(run.Error.Trim(), Is.EqualTo("--dashboard-only shows a PostgreSQL database's history: give it with --postgres <conn string> (or SPACETRADERS_POSTGRES)."));
    }

    [Test]
    public async Task Dashboard_only_refuses_the_settings_of_a_run_that_plays(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--dashboard-only", "--postgres", "Host=127.0.0.1;Username=st;Password=never-print-me-5", "--conductor", "week10"], cancellationToken, virtualTime: false);

        Assert.That(run.Error.Trim(), Is.EqualTo("--conductor is for a run that plays; --dashboard-only plays nothing (it serves the dashboard over the database's history)."));
        Assert.That(run.All, Does.Not.Contain("never-print-me-5"));
    }

    [Test]
    public async Task A_run_to_show_is_refused_in_a_run_that_plays(CancellationToken cancellationToken)
    {
        var run = await RefusedAsync(["--run", "all"], cancellationToken);

        Assert.That(run.Error.Trim(), Is.EqualTo("--run picks the run --dashboard-only shows; a run that plays records a new run (give --dashboard-only to show the database's history)."));
    }

    [Test]
    public async Task Dashboard_only_over_a_database_that_cannot_be_reached_is_reported_as_such(CancellationToken cancellationToken)
    {
        var port = ClosedPort();

        var run = await RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", $"Host=127.0.0.1;Port={port};Username=st;Password=never-print-me-6;Database=db", "--dashboard", "http://127.0.0.1:0"], _folder, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Error.Trim(), Does.StartWith($"The database 127.0.0.1:{port}/db as st could not be read: "));
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(run.Output, Is.Empty, "nothing served");
            Assert.That(run.All, Does.Not.Contain("never-print-me-6"));
        });
    }

    /// <summary>Runs arguments that must be refused: exit code 2, one line on standard error, nothing on standard output or on disk.</summary>
    private async Task<RunnerResult> RefusedAsync(string[] args, CancellationToken cancellationToken, Dictionary<string, string>? environment = null, bool virtualTime = true)
    {
        var before = Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var run = await RunnerRuns.ExecuteAsync([.. args, .. virtualTime ? new[] { "--virtual-time" } : [], "--quiet"], _folder, cancellationToken, environment: environment);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(run.Output, Is.Empty, "nothing ran, no plugin list");
            Assert.That(Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), Is.EqualTo(before), "nothing created on disk");
        });
        return run;
    }

    private async Task<string> EarlierRecordingAsync(CancellationToken cancellationToken)
    {
        var recording = Path.Combine(_folder, "traffic.jsonl");
        await File.WriteAllTextAsync(recording, "last run\n", cancellationToken);
        await File.WriteAllTextAsync(recording + ".1", "the run before\n", cancellationToken);
        return recording;
    }

    private static void AssertEarlierRecordingKept(string recording)
    {
        Assert.That(File.ReadAllText(recording), Is.EqualTo("last run\n"), "the earlier recording is kept");
        Assert.That(File.ReadAllText(recording + ".1"), Is.EqualTo("the run before\n"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
