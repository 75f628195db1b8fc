using System.Text.Json;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// <c>--dashboard-only</c> over a database two runs wrote (a restart): the newest run by default, another with
/// <c>--run</c>, every run with <c>--run all</c>, an unknown id refused with the list of runs.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class DashboardOnlyRunsTests
{
    private const string Password = "never-print-me-15";

    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private RunReport _older = null!;
    private RunReport _newer = null!;

    [OneTimeSetUp]
    public async Task PlayTwiceAsync()
    {
        _cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        _connectionString = await _cluster.CreateDatabaseAsync(CancellationToken.None) + ";Password=" + Password;

        // Virtual time starts both runs at the same moment: the newer (the later to start, then to end) is the longer.
        var older = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "00:15:00", "--conductor", "sample-fleet", "--postgres", _connectionString]);
        Assert.That(older.ExitCode, Is.EqualTo(0), older.All);
        var newer = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "8", "--duration", "00:30:00", "--conductor", "sample-fleet", "--postgres", _connectionString]);
        Assert.That(newer.ExitCode, Is.EqualTo(0), newer.All);
        (_older, _newer) = (older.Report!, newer.Report!);
        Assert.That(_newer.CreditsEnd, Is.Not.EqualTo(_older.CreditsEnd), "two runs told apart by their credits");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task By_default_it_shows_the_newest_run_and_says_so(CancellationToken cancellationToken)
    {
        var (output, overview, behaviours) = await ServeAsync([], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"History: run {_newer.RunId:D} (started 2026-01-01 00:00:00Z, agent RUNNER); 2 runs in the database (--run <id> or --run all for another)."));
            Assert.That(output, Does.StartWith($"Dashboard only (nothing plays): history (read-only): 127.0.0.1:").And.Contain($", run {_newer.RunId:D}"));
            Assert.That(Credits(overview), Is.EqualTo(_newer.CreditsEnd), "the newer run's credits");
            Assert.That(Sessions(behaviours), Is.EqualTo(_newer.Behaviours.Sum(b => b.Sessions)), "its sessions only");
            Assert.That(output, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task Run_shows_the_run_whose_id_starts_so(CancellationToken cancellationToken)
    {
        var (output, overview, behaviours) = await ServeAsync(["--run", _older.RunId.ToString("D")[..8]], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"History: run {_older.RunId:D} (started 2026-01-01 00:00:00Z, agent RUNNER); 2 runs in the database."));
            Assert.That(Credits(overview), Is.EqualTo(_older.CreditsEnd), "the older run's credits");
            Assert.That(Sessions(behaviours), Is.EqualTo(_older.Behaviours.Sum(b => b.Sessions)), "its sessions only");
        });
    }

    [Test]
    public async Task Run_all_shows_every_run(CancellationToken cancellationToken)
    {
        var (output, _, behaviours) = await ServeAsync(["--run", "all"], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("History: every run (2 runs in the database)."));
            Assert.That(output, Does.Not.Contain(", run "));
            Assert.That(Sessions(behaviours), Is.EqualTo(_older.Behaviours.Sum(b => b.Sessions) + _newer.Behaviours.Sum(b => b.Sessions)), "both runs' sessions");
        });
    }

    [Test]
    public async Task An_unknown_run_is_refused_with_the_runs_listed(CancellationToken cancellationToken)
    {
        // A prefix of neither id: the first hex digit of each is known, so take one that is neither.
        var unknown = "0123456789abcdef".First(c => c != _older.RunId.ToString("D")[0] && c != _newer.RunId.ToString("D")[0]) + "0000000";
        var folder = Directory.CreateTempSubdirectory("runner-dashboard-only-runs-").FullName;
        try
        {
            var result = await RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", _connectionString, "--dashboard", "http://127.0.0.1:0", "--run", unknown], folder, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
                Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
                Assert.That(result.Error, Does.StartWith($"--run {unknown}: no run of the database has that id. The runs in the database: {_older.RunId:D} (started 2026-01-01 00:00:00Z, agent RUNNER); {_newer.RunId:D} (started 2026-01-01 00:00:00Z, agent RUNNER)."));
                Assert.That(result.Output, Is.Empty, "nothing served");
                Assert.That(result.All, Does.Not.Contain(Password));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Credits(JsonElement overview) => overview.GetProperty("agents")[0].GetProperty("credits").GetInt64();

    private static int Sessions(JsonElement behaviours) => behaviours.GetProperty("behaviours").EnumerateArray().Sum(b => b.GetProperty("sessions").GetInt32());

    /// <summary>Serves the history with <paramref name="args"/>, reads the overview and the behaviours, and stops.</summary>
    private async Task<(string Output, JsonElement Overview, JsonElement Behaviours)> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new ConsoleCapture();
        using var stop = new CancellationTokenSource();
        var folder = Directory.CreateTempSubdirectory("runner-dashboard-only-runs-").FullName;
        try
        {
            var runner = RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", _connectionString, "--dashboard", "http://127.0.0.1:0", .. args], folder, stop.Token, output: output);
            var line = await output.LineAsync(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(line["Dashboard: ".Length..]) };
            var overview = await DashboardOnlyTests.GetJsonAsync(http, "/api/overview", cancellationToken);
            var behaviours = await DashboardOnlyTests.GetJsonAsync(http, "/api/behaviours", cancellationToken);
            await stop.CancelAsync();
            var result = await runner;
            Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
            return (result.Output, overview, behaviours);
        }
        finally
        {
            await stop.CancelAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
