using System.Net;
using System.Text.Json;
using Npgsql;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// <c>--dashboard-only --postgres ...</c> over a real throwaway PostgreSQL cluster: a runner plays an hour into it, then
/// another serves that history without playing, read-only, until stopped.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class DashboardOnlyTests
{
    private const string Password = "never-print-me-14";

    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private RunReport _played = null!;

    [OneTimeSetUp]
    public async Task PlayAnHourAsync()
    {
        _cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        // Trust authentication: the password is never asked for, it only has to stay out of every output.
        _connectionString = await _cluster.CreateDatabaseAsync(CancellationToken.None) + ";Password=" + Password;
        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "01:00:00", "--conductor", "sample-fleet", "--postgres", _connectionString]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        _played = run.Report!;
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
    public async Task It_serves_the_history_read_only_without_playing_until_stopped(CancellationToken cancellationToken)
    {
        var rowsBefore = await CountRowsAsync(cancellationToken);
        var output = new ConsoleCapture();
        using var stop = new CancellationTokenSource();
        var folder = Directory.CreateTempSubdirectory("runner-dashboard-only-").FullName;
        try
        {
            // A token and a seed in the environment are a playing run's settings: below --dashboard-only they are left alone.
            var environment = new Dictionary<string, string> { ["SPACETRADERS_TOKEN"] = "not-used-token", ["SPACETRADERS_SEED"] = "5" };
            var runner = RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", _connectionString, "--dashboard", "http://127.0.0.1:0"], folder, stop.Token, environment: environment, output: output);
            var line = await output.LineAsync(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            Assert.That(runner.IsCompleted, Is.False, output.ToString());

            using var http = new HttpClient { BaseAddress = new Uri(line["Dashboard: ".Length..]) };
            var overview = await GetJsonAsync(http, "/api/overview", cancellationToken);
            var behaviours = await GetJsonAsync(http, "/api/behaviours", cancellationToken);
            var ships = await GetJsonAsync(http, "/api/ships", cancellationToken);
            using var page = await http.GetAsync("/ships", cancellationToken);
            using var metrics = await http.GetAsync("/metrics", cancellationToken);
            var agent = overview.GetProperty("agents")[0];

            await stop.CancelAsync();
            var result = await runner;

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
                Assert.That(overview.GetProperty("header").GetProperty("mode").GetString(), Is.EqualTo("history"));
                Assert.That(agent.GetProperty("symbol").GetString(), Is.EqualTo("RUNNER"));
                Assert.That(agent.GetProperty("credits").GetInt64(), Is.EqualTo(_played.CreditsEnd), "the played run's credits");
                Assert.That(behaviours.GetProperty("behaviours").EnumerateArray().Sum(b => b.GetProperty("sessions").GetInt32()), Is.EqualTo(_played.Behaviours.Sum(b => b.Sessions)), "its sessions");
                Assert.That(ships.GetProperty("ships").GetArrayLength(), Is.EqualTo(_played.Ships), "its ships");
                Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing plays, nothing is measured");
                Assert.That(result.Output, Does.StartWith("Dashboard only (nothing plays): history (read-only): 127.0.0.1:"));
                Assert.That(result.Output, Does.Contain("Serving until Ctrl+C.").And.Contain("Dashboard stopped."));
                Assert.That(result.Output, Does.Not.Contain("Game:").And.Not.Contain("Registered agent").And.Not.Contain("Conductor:"), "no simulator, no conductor");
                Assert.That(result.All, Does.Not.Contain(Password));
            });
            Assert.That(await CountRowsAsync(cancellationToken), Is.EqualTo(rowsBefore), "nothing written: no run, no migration, no row");
        }
        finally
        {
            await stop.CancelAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task It_stops_after_its_duration_of_wall_time(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("runner-dashboard-only-").FullName;
        try
        {
            var result = await RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", _connectionString, "--dashboard", "http://127.0.0.1:0", "--duration", "1s"], folder, cancellationToken);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
            Assert.That(result.Output, Does.Contain("Serving for 00:00:01 (or until Ctrl+C).").And.Contain("Dashboard stopped."));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_database_without_a_store_is_refused_in_one_line(CancellationToken cancellationToken)
    {
        var empty = await _cluster.CreateDatabaseAsync(cancellationToken) + ";Password=" + Password;
        var folder = Directory.CreateTempSubdirectory("runner-dashboard-only-").FullName;
        try
        {
            var result = await RunnerRuns.ExecuteAsync(["--dashboard-only", "--postgres", empty, "--dashboard", "http://127.0.0.1:0"], folder, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
                Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
                Assert.That(result.Error, Does.Contain("holds no SpaceTraders store").And.Contain("run the bot runner with --postgres on it first"));
                Assert.That(result.Output, Is.Empty, "nothing served");
                Assert.That(result.All, Does.Not.Contain(Password));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Gets a path's JSON, which must be served with 200.</summary>
    internal static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<long> CountRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM spacetraders.sessions) + (SELECT count(*) FROM spacetraders.requests) + (SELECT count(*) FROM spacetraders.credit_movements) + (SELECT count(*) FROM spacetraders.ship_parts) + (SELECT count(*) FROM spacetraders.market_observations) + (SELECT count(*) FROM spacetraders.schema_migrations) + (SELECT count(*) FROM spacetraders.runs)",
            connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
