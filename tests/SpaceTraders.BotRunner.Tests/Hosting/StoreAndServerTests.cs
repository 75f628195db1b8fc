using Npgsql;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime.Tests.Postgres;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Simulator;

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

        var (outcome, report, json, output) = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "01:00:00", "--conductor", "sample-fleet", "--postgres", connectionString]);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), output);
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
            Assert.That(report.CreditsEarned, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.CreditsEarned, Is.EqualTo(credits), "the report's credits are the database's");
            Assert.That(report.Behaviours.Sum(b => b.Sessions), Is.EqualTo(sessions), "every session is in the database");
            Assert.That(report.Requests, Is.GreaterThan(0));
            Assert.That(output + json, Does.Not.Contain("never-print-me-7"));
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
        var (outcome, report, json, output) = await RunnerRuns.RunAsync(["--simulator-url", url, "--token", token, "--duration", "3s", "--conductor", "sample-fleet"]);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(report!.Agent, Is.EqualTo("HTTPBOT"), "the token's own agent");
            Assert.That(report.Game, Does.Contain("simulator at http://127.0.0.1"));
            Assert.That(report.Seed, Is.Null);
            Assert.That(report.Requests, Is.GreaterThan(0));
            Assert.That(report.CreditsEarned, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.WallSeconds, Is.GreaterThanOrEqualTo(3));
            Assert.That(output, Does.Not.Contain("Registered agent"));
            Assert.That(output + json, Does.Not.Contain(token));
        });
    }
}
