using Npgsql;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Recording;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The runner through server resets on the built-in simulator (<c>--reset-every</c>), in virtual time: with an account
/// token it registers the agent again and plays on, each reset's records apart; without one it stops with exit code 3.
/// And <c>--record</c>: the traffic of a run, tokens redacted, replays through the SDK.
/// </summary>
[TestFixture]
public sealed class ServerResetRunTests
{
    private const string AccountToken = "account-token-never-print-3141";

    private static readonly string[] ThroughTwoResets = ["--virtual-time", "--seed", "7", "--reset-every", "12h", "--duration", "30h", "--conductor", "sample-fleet"];

    private static readonly Dictionary<string, string> WithAccountToken = new() { ["SPACETRADERS_ACCOUNT_TOKEN"] = AccountToken };

    [Test]
    public async Task With_an_account_token_the_fleet_plays_through_two_resets_and_the_report_has_three()
    {
        var run = await RunnerRuns.RunAsync(ThroughTwoResets, environment: WithAccountToken);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        AssertThreeSeparateResets(run.Report!);
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("Server resets played: 3"));
            Assert.That(run.All + run.ReportJson, Does.Not.Contain(AccountToken), "the account token is never printed");
        });
    }

    [Test]
    public async Task With_PostgreSQL_every_row_carries_its_reset_and_none_is_counted_in_another()
    {
        await using var cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        var connectionString = await cluster.CreateDatabaseAsync(CancellationToken.None);

        var run = await RunnerRuns.RunAsync([.. ThroughTwoResets, "--postgres", connectionString], environment: WithAccountToken);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        var report = run.Report!;
        AssertThreeSeparateResets(report);
        var requests = await QueryAsync(
            connectionString,
            $"SELECT reset, count(*), min(at_ticks), max(at_ticks) FROM spacetraders.requests WHERE run_id = '{report.RunId}' GROUP BY reset ORDER BY reset",
            r => (Reset: r.IsDBNull(0) ? null : r.GetString(0), Count: r.GetInt64(1), First: r.GetInt64(2), Last: r.GetInt64(3)));
        var sessions = await QueryAsync(
            connectionString,
            $"SELECT reset, count(*), min(started_ticks), max(started_ticks) FROM spacetraders.sessions WHERE run_id = '{report.RunId}' GROUP BY reset ORDER BY reset",
            r => (Reset: r.IsDBNull(0) ? null : r.GetString(0), Count: r.GetInt64(1), First: r.GetInt64(2), Last: r.GetInt64(3)));
        var credits = await QueryAsync(
            connectionString,
            $"SELECT reset, sum(amount)::bigint FROM spacetraders.credit_movements WHERE run_id = '{report.RunId}' GROUP BY reset ORDER BY reset",
            r => (Reset: r.IsDBNull(0) ? null : r.GetString(0), Net: r.GetInt64(1)));
        var agents = await QueryAsync(connectionString, "SELECT agent_symbol, reset FROM spacetraders.agents ORDER BY reset", r => (r.GetString(0), r.GetString(1)));

        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Reset), Is.EqualTo(report.Resets.Select(r => r.Reset)), "every request row has its reset");
            Assert.That(requests.Select(r => r.Count), Is.EqualTo(report.Resets.Select(r => r.Requests)), "each reset's requests are the database's");
            Assert.That(sessions.Select(s => s.Reset), Is.EqualTo(report.Resets.Select(r => r.Reset)), "every session row has its reset");
            Assert.That(credits.Select(c => c.Net), Is.EqualTo(report.Resets.Select(r => r.CreditsEnd - r.CreditsStart)), "each reset's credit rows add up to its own balance change");
            Assert.That(agents, Is.EqualTo(report.Resets.Select(r => (r.Agent, r.Reset!))), "the agent is kept once per reset");
            for (var i = 0; i < report.Resets.Count; i++)
            {
                var reset = report.Resets[i];
                Assert.That(sessions[i].First, Is.GreaterThanOrEqualTo(reset.StartedAt.UtcTicks), $"reset {reset.Reset}: no session of it started before it");
                Assert.That(sessions[i].Last, Is.LessThanOrEqualTo(reset.EndedAt.UtcTicks), $"reset {reset.Reset}: no session of it started after it");
                Assert.That(requests[i].Last, Is.LessThanOrEqualTo(reset.EndedAt.UtcTicks), $"reset {reset.Reset}: no request of it after its end");
                if (i > 0)
                {
                    Assert.That(requests[i].First, Is.GreaterThanOrEqualTo(report.Resets[i - 1].EndedAt.UtcTicks), $"reset {reset.Reset}: no request of it before the previous reset ended");
                }
            }
        });
    }

    [Test]
    public async Task Without_an_account_token_the_run_stops_at_the_first_reset_with_its_exit_code()
    {
        var run = await RunnerRuns.RunAsync(ThroughTwoResets);

        Assert.That(run.ExitCode, Is.EqualTo(BotRun.StoppedByReset), run.All);
        var report = run.Report!;
        Assert.Multiple(() =>
        {
            Assert.That(BotRun.StoppedByReset, Is.Not.EqualTo(BotRun.Failed).And.Not.EqualTo(BotRun.BadInput).And.Not.Zero, "a distinct exit code");
            Assert.That(run.Error, Does.Contain("Stopped at the server reset").And.Contain("SPACETRADERS_ACCOUNT_TOKEN"));
            Assert.That(report.Ended, Is.EqualTo("reset"));
            Assert.That(report.StoppedByReset, Does.Contain("SPACETRADERS_ACCOUNT_TOKEN").And.Not.Contain("client options"), "the report tells the operator what to set, as the console does");
            Assert.That(report.SimulatedSeconds, Is.EqualTo(TimeSpan.FromHours(12).TotalSeconds).Within(120), "stopped at the first reset, 12 h in, not at 30 h");
            Assert.That(report.Requests, Is.GreaterThan(0));
        });
    }

    /// <summary>
    /// A reset a minute in, found at the fleet's next request (a 5-minute run) or only by the stop's last read of the agent
    /// (a run of 61 seconds, which no request met after the reset): the fleet's actors stop at once (the fleet refresh slept
    /// to its 10-minute interval, holding the dispatcher until then), and the run ends as stopped by the reset, with its
    /// exit code, even when its duration is shorter than the old 10 minutes; the old token's gate is not read after it.
    /// </summary>
    /// <param name="duration">The run's duration.</param>
    [TestCase("5m", TestName = "A_reset_every_minute_stops_the_run_promptly_with_the_reset_exit_code")]
    [TestCase("61s", TestName = "A_reset_found_only_by_the_stop_still_ends_the_run_as_a_reset")]
    public async Task A_reset_a_minute_in_ends_the_run_promptly_as_a_reset(string duration)
    {
        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--reset-every", "1m", "--duration", duration, "--conductor", "sample-fleet"]);

        Assert.That(run.ExitCode, Is.EqualTo(BotRun.StoppedByReset), run.All);
        Assert.Multiple(() =>
        {
            Assert.That(run.Report!.Ended, Is.EqualTo("reset"));
            Assert.That(run.Report.StoppedByReset, Is.Not.Null);
            Assert.That(run.Error, Does.Contain("Stopped at the server reset"));
            Assert.That(run.Report.SimulatedSeconds, Is.LessThan(TimeSpan.FromMinutes(3).TotalSeconds), "the actors stop within moments of the reset being found, not at the next fleet refresh");
            Assert.That(run.All, Does.Not.Contain("Could not read the starting gate"), "the old token's gate is not read after the reset");
        });
    }

    [Test]
    public async Task A_recorded_one_hour_run_replays_through_the_SDK_with_the_same_parsed_results_and_no_token()
    {
        var folder = Directory.CreateTempSubdirectory("record-run-").FullName;
        try
        {
            var path = Path.Combine(folder, "traffic.jsonl");
            var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "1h", "--conductor", "sample-fleet", "--record", path], environment: WithAccountToken);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            var report = run.Report!;

            var text = string.Concat(TrafficRecording.Files(path).Select(File.ReadAllText));
            var exchanges = await TrafficRecording.ReadAsync(path);
            var agentReads = exchanges.Count(e => e.Method == "GET" && e.Path == "/v2/my/agent");

            // The SDK, fed the recording, parses what the runtime parsed live: the registration, then every read of the agent.
            var replay = await ReplayTransport.LoadAsync(path);
            var parsed = new List<Agent>();
            RegisterResult? registration = null;
            using (var clock = new VirtualClock(replay.FirstAt ?? VirtualClock.DefaultStart))
            {
                await clock.RunActorAsync("replay", async ct =>
                {
                    var options = new SpaceTradersClientOptions { AccountToken = "any-account-token", TimeProvider = clock, Transport = replay };
                    var (client, registered) = await SpaceTradersClient.RegisterAgentAsync(options, "RUNNER", FactionSymbol.Cosmic, ct);
                    using (client)
                    {
                        registration = registered;
                        for (var i = 0; i < agentReads; i++)
                        {
                            parsed.Add(await client.Agents.GetMyAgentAsync(cancellationToken: ct));
                        }
                    }
                }, CancellationToken.None);
            }

            Assert.Multiple(() =>
            {
                Assert.That(exchanges, Has.Count.GreaterThanOrEqualTo(report.Requests), "every request of the run is recorded");
                Assert.That(text, Does.Not.Contain(AccountToken), "the account token never reaches the file");
                Assert.That(text, Does.Not.Contain("eyJ"), "nor an agent token (JWT-shaped)");
                Assert.That(exchanges, Has.All.Matches<RecordedExchange>(e => e.Headers.Keys.All(h => !h.Equals("Authorization", StringComparison.OrdinalIgnoreCase))));
                Assert.That(registration!.Token, Is.EqualTo(TrafficRecorderOptions.Redacted), "the registration's token was blanked out");
                Assert.That(registration.Agent.Symbol, Is.EqualTo(report.Agent));
                Assert.That(registration.Agent.Credits, Is.EqualTo(report.CreditsStart));
                Assert.That(agentReads, Is.GreaterThan(0));
                Assert.That(parsed, Has.All.Matches<Agent>(a => a.Symbol == report.Agent));
                Assert.That(parsed[^1].Credits, Is.EqualTo(report.CreditsEnd), "the last agent read replays to the credits the run ended with");
                Assert.That(replay.Unmatched, Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("0s")]
    [TestCase("soon")]
    public async Task A_wrong_reset_period_is_a_wrong_setting(string every)
    {
        var run = await RunnerRuns.RunAsync(["--virtual-time", "--reset-every", every]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(BotRun.BadInput), run.All);
            Assert.That(run.All, Does.Contain("--reset-every"));
        });
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        var rows = new List<T>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Three resets, each its own: a fresh agent, books that balance on its own records, requests that add up to the run's.</summary>
    private static void AssertThreeSeparateResets(RunReport report)
    {
        var resets = report.Resets;
        Assert.That(resets, Has.Count.EqualTo(3), report.ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(resets.Select(r => r.Reset).Distinct().Count(), Is.EqualTo(3), "three different reset dates");
            Assert.That(resets.Select(r => r.Reset), Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
            Assert.That(resets.Select(r => r.EndedByReset), Is.EqualTo(new[] { true, true, false }));
            Assert.That(resets.Select(r => r.SimulatedSeconds / 3600), Is.EqualTo(new[] { 12.0, 12.0, 6.0 }).Within(0.05));
            Assert.That(resets.Sum(r => r.Requests), Is.EqualTo(report.RequestsAllResets), "each request is counted in exactly one reset");
            Assert.That(report.Reset, Is.EqualTo(resets[^1].Reset), "the top of the report is the current reset");
            Assert.That(report.Requests, Is.EqualTo(resets[^1].Requests));
            Assert.That(report.CreditsEarned, Is.EqualTo(resets[^1].CreditsEarned));
            foreach (var reset in resets)
            {
                Assert.That(reset.CreditsStart, Is.EqualTo(175_000), $"reset {reset.Reset}: a new agent");
                Assert.That(reset.CreditsEnd - reset.CreditsStart, Is.EqualTo(reset.CreditsEarned - reset.CapitalSpent), $"reset {reset.Reset}: its own credit records add up to its balance change");
                Assert.That(reset.Requests, Is.GreaterThan(0), $"reset {reset.Reset}: played");
                Assert.That(reset.Sessions, Is.GreaterThan(0), $"reset {reset.Reset}: the conductor started afresh");
                Assert.That(reset.Behaviours, Is.Not.Empty);
            }

            for (var i = 1; i < resets.Count; i++)
            {
                Assert.That(resets[i].StartedAt, Is.GreaterThanOrEqualTo(resets[i - 1].EndedAt), "one reset after the other");
            }
        });
    }
}
