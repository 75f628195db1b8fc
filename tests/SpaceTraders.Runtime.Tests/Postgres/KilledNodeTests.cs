using System.Diagnostics;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Simulator;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Two runner nodes, each a process of its own (the node host), play one agent on one simulator over HTTP and one
/// database, on the real clock with a 3-second lease. One is killed with SIGKILL: nothing of it runs any more, so it
/// closes nothing and renews nothing.
/// </summary>
/// <remarks>
/// Real processes and real time: the test waits for conditions in the database (polling, with deadlines), never for
/// fixed times, and its time bounds have slack for a loaded machine only where the lease rules allow none to be needed.
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed class KilledNodeTests
{
    private const string AccountToken = "killed-node-tests";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>How late a node may act on a lapsed lease on a loaded machine (scheduling, a database round trip).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    private static string NodeHost => Path.Combine(TestContext.CurrentContext.TestDirectory, "nodehost", "SpaceTraders.Fixtures.NodeHost.dll");

    [Test]
    public async Task A_killed_nodes_ships_resume_on_the_other_within_a_lease_its_sessions_are_closed_and_no_ship_runs_twice()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 7, AccountToken = AccountToken });
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0", CancellationToken.None);
        var token = await RegisterAsync(server.BaseAddress);
        var database = await PostgresFixture.NewDatabaseAsync();
        var cs = database.ConnectionString!;
        await using (var store = new PostgresStore(database))
        {
            await store.InitializeAsync(CancellationToken.None);    // the schema, before two nodes race to apply it
        }

        using var nodeA = await NodeProcess.StartAsync(NodeHost, server.BaseAddress, token, cs, "node-a", Lease, maxShips: 1);
        using var nodeB = await NodeProcess.StartAsync(NodeHost, server.BaseAddress, token, cs, "node-b", Lease, maxShips: null);

        // Both ships run: one on each node (node-a may run one ship only).
        var running = await UntilAsync(cs, sessions => sessions.Where(s => s.To is null).Select(s => s.Node).Distinct().Count() == 2, "both nodes run a ship");
        var shipOfA = running.Single(s => s.Node == "node-a" && s.To is null).Ship;

        // A few renewals later, node-a dies without a word.
        await UntilAsync(cs, sessions => sessions.Any(s => s.Node == "node-a" && TimeProvider.System.GetUtcNow() - s.From > 2 * Lease), "node-a ran for two leases");
        var killedAt = TimeProvider.System.GetUtcNow();
        nodeA.Kill();

        var takenOver = await UntilAsync(cs, sessions => sessions.Any(s => s.Ship == shipOfA && s.Node == "node-b"), "node-b takes node-a's ship over");
        var resumedAt = takenOver.Where(s => s.Ship == shipOfA && s.Node == "node-b").Min(s => s.From);

        // node-b plays on for a while, then stops gracefully.
        await UntilAsync(cs, _ => TimeProvider.System.GetUtcNow() - resumedAt > 2 * Lease, "node-b played on");
        var exit = await nodeB.StopAsync(Patience);
        var sessions = await SessionsAsync(cs);

        TestContext.Out.WriteLine($"killed at {killedAt:HH:mm:ss.fff}; {shipOfA} resumed on node-b at {resumedAt:HH:mm:ss.fff} (+{(resumedAt - killedAt).TotalSeconds:0.000} s)");
        foreach (var session in sessions)
        {
            TestContext.Out.WriteLine($"  {session.Ship} on {session.Node}: {session.From:HH:mm:ss.fff} - {session.To:HH:mm:ss.fff} {session.Outcome}");
        }

        var killed = sessions.Where(s => s.Node == "node-a" && s.From < killedAt).OrderBy(s => s.From).Last();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), "node-b stopped gracefully: " + nodeB.Output);
            Assert.That(resumedAt - killedAt, Is.LessThanOrEqualTo(Lease + Slack), "node-a's ship resumed on node-b within one lease of the kill");
            Assert.That(killed.Outcome, Is.EqualTo("abandoned"), "node-b closed the session node-a left open");
            Assert.That(killed.To, Is.LessThanOrEqualTo(resumedAt).And.GreaterThan(resumedAt - Slack), "at the lease's expiry, just before node-b's session started");
            Assert.That(killed.To, Is.LessThanOrEqualTo(killedAt + Lease + TimeSpan.FromSeconds(0.2)), "the lease node-a renewed last lapsed within a lease of the kill");
            Assert.That(sessions.Where(s => s.To is null), Is.Empty, "no session stays open");
            Assert.That(sessions.Where(s => s.Node == "node-b").Select(s => s.Outcome), Is.All.EqualTo("cancelled"), "node-b's sessions ended with its graceful stop");
            foreach (var ship in sessions.Select(s => s.Ship).Distinct())
            {
                var runs = sessions.Where(s => s.Ship == ship).OrderBy(s => s.From).ToList();
                for (var i = 1; i < runs.Count; i++)
                {
                    Assert.That(runs[i].From, Is.GreaterThanOrEqualTo(runs[i - 1].To ?? DateTimeOffset.MaxValue), $"{ship}: a session on {runs[i].Node} started while one on {runs[i - 1].Node} ran");
                }
            }
        });
    }

    private static async Task<string> RegisterAsync(Uri baseAddress)
    {
        var options = new SpaceTradersClientOptions { BaseAddress = baseAddress, AccountToken = AccountToken };
        var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "KILLED", FactionSymbol.Cosmic, CancellationToken.None);
        client.Dispose();
        return registration.Token;
    }

    /// <summary>Reads the sessions until <paramref name="condition"/> holds, or fails after <see cref="Patience"/>.</summary>
    private static async Task<List<Session>> UntilAsync(string cs, Func<List<Session>, bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            var sessions = await SessionsAsync(cs);
            if (condition(sessions))
            {
                return sessions;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}; sessions: {string.Join("; ", sessions)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private static Task<List<Session>> SessionsAsync(string cs) => TestDatabase.QueryAsync(
        cs,
        "SELECT ship_symbol, node, started_ticks, ended_ticks, outcome FROM spacetraders.sessions ORDER BY started_ticks",
        r => new Session(
            r.GetString(0),
            r.GetString(1),
            new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero),
            r.IsDBNull(3) ? null : new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero),
            r.IsDBNull(4) ? null : r.GetString(4)));

    private sealed record Session(string Ship, string Node, DateTimeOffset From, DateTimeOffset? To, string? Outcome);

    /// <summary>A node host process; the token and the connection string go through its environment, never its arguments.</summary>
    private sealed class NodeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private NodeProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<NodeProcess> StartAsync(string host, Uri simulator, string token, string postgres, string node, TimeSpan lease, int? maxShips)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { host, "--url", simulator.ToString(), "--node", node, "--lease", lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--poll", "1" })
            {
                start.ArgumentList.Add(argument);
            }

            if (maxShips is { } max)
            {
                start.ArgumentList.Add("--max-ships");
                start.ArgumentList.Add(max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            start.Environment["NODEHOST_TOKEN"] = token;
            start.Environment["NODEHOST_POSTGRES"] = postgres;
            var process = new Process { StartInfo = start };
            var host_ = new NodeProcess(process);
            var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                host_.Append(e.Data);
                if (e.Data?.StartsWith("RUNNING", StringComparison.Ordinal) == true)
                {
                    running.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) => host_.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await running.Task.WaitAsync(Patience, TimeProvider.System);
            }
            catch (TimeoutException)
            {
                host_.Dispose();
                throw new InvalidOperationException($"{node} did not start: {host_.Output}");
            }

            return host_;
        }

        /// <summary>Ends the process at once with SIGKILL (kill -9).</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        /// <summary>Asks the process to stop gracefully (SIGTERM, as a service manager would) and waits for it.</summary>
        public async Task<int> StopAsync(TimeSpan patience)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            await _process.WaitForExitAsync().WaitAsync(patience, TimeProvider.System);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
