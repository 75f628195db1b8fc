using Npgsql;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Simulator;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>The runner with PostgreSQL (a throwaway cluster), and against a simulator over HTTP with a given token.</summary>
[TestFixture]
public sealed class StoreAndServerTests
{
    [Test]
    public async Task The_runner_keeps_its_records_in_PostgreSQL_and_reports_from_them_without_ever_printing_the_password()
    {
        await using var cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        // Trust authentication: the server never asks for the password, so it only has to stay out of every output.
        var connectionString = await cluster.CreateDatabaseAsync(CancellationToken.None) + ";Password=never-print-me-7";

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "01:00:00", "--conductor", "sample-fleet", "--postgres", connectionString]);
        var (report, json, output) = (run.Report, run.ReportJson, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM spacetraders.sessions), (SELECT coalesce(sum(amount), 0)::bigint FROM spacetraders.credit_movements)", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var sessions = reader.GetInt64(0);
        var credits = reader.GetInt64(1);
        Assert.Multiple(() =>
        {
            Assert.That(report!.Store, Is.EqualTo("postgres"));
            Assert.That(output, Does.Contain("Store: postgres"));
            Assert.That(report.CreditsNet, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.CreditsNet, Is.EqualTo(credits), "the report's credits are the database's");
            Assert.That(report.Behaviours.Sum(b => b.Sessions), Is.EqualTo(sessions), "every session is in the database");
            Assert.That(report.Requests, Is.GreaterThan(0));
            Assert.That(output + json, Does.Not.Contain("never-print-me-7"));
        });
    }

    [Test]
    public async Task A_second_and_a_third_run_on_the_same_database_report_only_their_own_figures()
    {
        await using var cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        var connectionString = await cluster.CreateDatabaseAsync(CancellationToken.None);
        string[] run = ["--virtual-time", "--seed", "7", "--duration", "00:40:00", "--conductor", "sample-fleet"];

        // The same fresh simulator each time (agent RUNNER, the same game times), the connection string from each layer in turn.
        var first = await RunnerRuns.RunAsync([.. run, "--postgres", connectionString]);
        var second = await RunnerRuns.RunAsync(run, environment: new Dictionary<string, string> { ["SPACETRADERS_POSTGRES"] = connectionString });
        var third = await RunnerRuns.RunAsync(run, settingsJson: $$"""{ "Runner": { "Postgres": "{{connectionString}}" } }""");

        foreach (var result in new[] { first, second, third })
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
            Assert.That(result.Output, Does.Contain("Store: postgres"));
        }

        var reports = new[] { first.Report!, second.Report! , third.Report! };
        var perRun = await QueryAsync(connectionString, "SELECT run_id, requests, credits_moved FROM spacetraders.runs", r => (Run: r.GetGuid(0), Requests: r.GetInt64(1), Credits: r.GetInt64(2)));
        var allRequests = perRun.Sum(r => r.Requests);
        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(3), "three runs");
            Assert.That(perRun.Select(r => r.Run), Is.EquivalentTo(reports.Select(r => r.RunId)), "every run stays queryable in the runs view");
            foreach (var report in reports)
            {
                var own = perRun.Single(r => r.Run == report.RunId);
                Assert.That(report.Requests, Is.EqualTo(own.Requests), "the report counts its own run's requests");
                Assert.That(report.CreditsNet, Is.EqualTo(own.Credits));
                Assert.That(report.CreditsNet, Is.EqualTo(report.CreditsEnd - report.CreditsStart), "no earlier run summed in");
                Assert.That(report.Behaviours.Sum(b => b.Sessions), Is.LessThan(reports.Sum(r => r.Behaviours.Sum(b => b.Sessions))));
            }

            Assert.That(second.Report!.Requests, Is.EqualTo(first.Report!.Requests), "the same seed plays the same run: the second reports what the first did, not twice as much");
            Assert.That(third.Report!.Requests, Is.EqualTo(first.Report!.Requests));
            Assert.That(third.Report!.CreditsEarned, Is.EqualTo(first.Report!.CreditsEarned));
            Assert.That(allRequests, Is.EqualTo(3 * first.Report!.Requests), "the database holds all three");
        });
    }

    [Test]
    public async Task The_runner_plays_a_simulator_over_HTTP_as_the_agent_of_a_given_token_and_never_prints_the_token()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 9 });
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0", CancellationToken.None);
        var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(new SpaceTradersClientOptions { BaseAddress = server.BaseAddress }, "HTTPBOT", FactionSymbol.Cosmic);
        client.Dispose();
        var token = registration.Token;

        var url = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var run = await RunnerRuns.RunAsync(["--simulator-url", url, "--token", token, "--duration", "3s", "--conductor", "sample-fleet"]);
        var (report, json, output) = (run.Report, run.ReportJson, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(report!.Agent, Is.EqualTo("HTTPBOT"), "the token's own agent");
            Assert.That(report.Game, Does.Contain("simulator at http://127.0.0.1"));
            Assert.That(report.Seed, Is.Null);
            Assert.That(report.Requests, Is.GreaterThan(0));
            Assert.That(report.CreditsNet, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.WallSeconds, Is.GreaterThanOrEqualTo(3));
            Assert.That(output, Does.Not.Contain("Registered agent"));
            Assert.That(output + json, Does.Not.Contain(token));
        });
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
