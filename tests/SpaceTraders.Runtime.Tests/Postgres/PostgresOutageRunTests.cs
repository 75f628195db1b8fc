using System.Collections.Concurrent;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// One runner on the simulator in virtual time, its database stopped for five game minutes (five leases) in the middle
/// of the run, or away when the run ends.
/// </summary>
/// <remarks>
/// Virtual time shows the lease rules honestly: the leases lapse in game time while the database refuses every call,
/// and the writer meets the outage in real time (its retries and its ordering on return). The game itself never waits
/// on the database, so the run with the outage must play exactly like the same seed without one.
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed class PostgresOutageRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Down = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Up = TimeSpan.FromMinutes(20);

    private static PostgresCluster Cluster => PostgresFixture.Cluster;

    [TearDown]
    public async Task RestartTheServerIfATestLeftItDownAsync()
    {
        if (!Cluster.IsRunning)
        {
            await Cluster.StartServerAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task A_five_minute_outage_keeps_one_runner_playing_at_its_rate_and_loses_no_record()
    {
        var reference = await PlayAsync(outage: false);
        var run = await PlayAsync(outage: true);

        var before = run.RequestsBetween(Down - TimeSpan.FromMinutes(5), Down);
        var during = run.RequestsBetween(Down, Up);
        TestContext.Out.WriteLine($"requests: 5 min before the outage {before}, during it {during}, the same minutes without an outage {reference.RequestsBetween(Down, Up)}; total {run.Requests.Count} (without outage {reference.Requests.Count})");
        foreach (var (with, without) in run.Sessions.Zip(reference.Sessions))
        {
            TestContext.Out.WriteLine($"  {with.ShipSymbol} {with.BehaviourId} {with.StartedAt - run.StartedAt} - {with.EndedAt - run.StartedAt} {with.Outcome} | {without.ShipSymbol} {without.BehaviourId} {without.StartedAt - reference.StartedAt} - {without.EndedAt - reference.StartedAt} {without.Outcome}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(run.WriterFailures, Is.GreaterThan(0), "the writer met the outage");
            Assert.That(run.PendingWhileDown, Is.GreaterThan(0), "records waited in memory meanwhile");
            Assert.That(during, Is.GreaterThanOrEqualTo(0.8 * before), "requests during the outage: at least 80% of the rate before it");
            Assert.That(during, Is.EqualTo(reference.RequestsBetween(Down, Up)), "exactly the requests of the run without an outage");
            Assert.That(run.Requests, Has.Count.EqualTo(reference.Requests.Count), "the same run end to end");
            Assert.That(run.Credits, Is.EqualTo(reference.Credits));
            Assert.That(run.Sessions.Select(s => (s.ShipSymbol, s.BehaviourId, s.StartedAt, s.EndedAt, s.Outcome)), Is.EqualTo(reference.Sessions.Select(s => (s.ShipSymbol, s.BehaviourId, s.StartedAt, s.EndedAt, s.Outcome))), "the same sessions, ended the same way");
            Assert.That(run.Sessions.Select(s => s.Outcome), Has.None.EqualTo(SessionOutcome.LeaseLost), "no session lost its lease");
            Assert.That(run.Sessions.Count(s => s.StartedAt >= Start(run) + Down && s.StartedAt < Start(run) + Up), Is.GreaterThan(0), "sessions ended and started again during the outage");

            // Nothing lost: every request, credit movement and session is in the database once.
            Assert.That(run.Requests, Has.Count.EqualTo(run.Totals.Requests), "every request the runner made is a row");
            Assert.That(run.Requests.Distinct().Count(), Is.EqualTo(run.Requests.Count), "none twice");
            Assert.That(run.MovementRows, Is.EqualTo(run.Movements.Count));
            Assert.That(run.Movements.Sum(m => m.Amount), Is.EqualTo(run.ServerChange), "the movements sum to the server's change");
            Assert.That(run.LeasesRenewedFirst, Is.True, "when the database came back, the leases were renewed before the queue was written");
        });
    }

    [Test]
    public async Task A_database_away_when_the_run_ends_neither_stalls_the_virtual_clock_nor_loses_the_queue()
    {
        // A clock that reports a stall after 15 s of real time without progress (the flush used to hold it for good).
        using var game = new SimulatedGame(clockOptions: new VirtualClockOptions { NoProgressTimeout = TimeSpan.FromSeconds(15) });
        var agent = await game.RegisterAsync("ENDDOWN");
        var database = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var options = game.RuntimeOptions(agent, store);
        options.Conductor = StrategyRef.Parse("sample-fleet@week10");
        options.ConductorParameters = StrategyParameters.Parse("trips=1;markets=3");
        options.StopAfter = TimeSpan.FromMinutes(30);
        options.ShutdownFlushTimeout = TimeSpan.FromSeconds(2);
        await using var runtime = new FleetRuntime(options);

        Task run = null!;
        Task outage = null!;
        await game.Clock.RunActorAsync("start", _ =>
        {
            run = runtime.RunAsync(CancellationToken.None);
            outage = game.Clock.RunActorAsync("database outage", async ct =>
            {
                await game.Clock.DelayUntilAsync(game.Start + TimeSpan.FromMinutes(25), ct);
                await Cluster.StopServerAsync(ct);
            }, CancellationToken.None);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(run, outage).WaitAsync(Patience, TimeProvider.System);
        var snapshot = runtime.GetSnapshot();
        var pending = store.Health.Pending;

        await Cluster.StartServerAsync(CancellationToken.None);
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        var requestRows = await TestDatabase.ScalarAsync(database.ConnectionString!, "SELECT count(*) FROM spacetraders.requests");
        Assert.Multiple(() =>
        {
            Assert.That(game.Clock.Fault, Is.Null, "the clock never stalled");
            Assert.That(snapshot.Status, Is.EqualTo(RuntimeStatus.Stopped));
            Assert.That(snapshot.StoppedAt, Is.EqualTo(game.Start + TimeSpan.FromMinutes(30)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(pending, Is.GreaterThan(0), "the last five minutes waited for the database");
            Assert.That(snapshot.Problems.Select(p => p.Message), Has.One.StartsWith("The store did not make everything durable within 00:00:02"));
            Assert.That(requestRows, Is.EqualTo(snapshot.Agents.Single().Totals.Requests), "written once the database was back");
        });
    }

    /// <summary>
    /// The same outage on the built-in simulator's default x20 clock, in real time: five game minutes before it, five
    /// of outage (15 s of wall time, five leases), two after. A measurement more than a test (real time, about 40 s),
    /// so it runs only when asked for: <c>dotnet test --filter "FullyQualifiedName~at_x20"</c>.
    /// </summary>
    [Test]
    [Explicit("Real time (about 40 s): a measurement; the virtual-time test above is the regression test.")]
    [Category("RealTime")]
    public async Task A_five_minute_outage_at_x20_real_time_keeps_the_request_rate()
    {
        var clock = new ScaledClock(20);
        var simulation = new SpaceTraders.Simulator.Simulation(new SpaceTraders.Simulator.SimulationOptions { Seed = 7, Clock = clock, AccountToken = "x20-outage" });
        using var transport = simulation.CreateTransport();
        var throttling = SimulatedGame.Throttling;
        var (client, registration) = await SpaceTraders.Sdk.SpaceTradersClient.RegisterAgentAsync(
            new SpaceTraders.Sdk.SpaceTradersClientOptions { AccountToken = "x20-outage", TimeProvider = clock, Transport = transport, Throttling = throttling },
            "SCALED",
            SpaceTraders.Sdk.Models.FactionSymbol.Cosmic,
            CancellationToken.None);
        client.Dispose();
        var database = await PostgresFixture.NewDatabaseAsync();
        var cs = database.ConnectionString!;
        await using var store = new PostgresStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var options = new RuntimeOptions
        {
            Clock = clock,
            NodeId = "node-x20",
            Store = store,
            Throttling = throttling,
            FleetRefreshInterval = TimeSpan.Zero,
            Conductor = StrategyRef.Parse("sample-fleet@week10"),
            ConductorParameters = StrategyParameters.Parse("trips=1;markets=3"),
            StopAfter = TimeSpan.FromMinutes(12),
        };
        options.PluginDirectories.Add(SimulatedGame.PluginDirectory);
        options.Agents.Add(new SpaceTraders.Sdk.SpaceTradersClientOptions { Token = registration.Token, TimeProvider = clock, Transport = transport, Throttling = throttling });
        await using var runtime = new FleetRuntime(options);

        var start = clock.GetUtcNow();
        var run = runtime.RunAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMinutes(5), clock);
        var down = clock.GetUtcNow();
        await Cluster.StopServerAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMinutes(5) - (clock.GetUtcNow() - down), clock);
        var pendingWhileDown = store.Health.Pending;
        await Cluster.StartServerAsync(CancellationToken.None);
        var up = clock.GetUtcNow();
        await run.WaitAsync(Patience, TimeProvider.System);
        var snapshot = runtime.GetSnapshot();
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        var requests = await TestDatabase.QueryAsync(cs, "SELECT at_ticks FROM spacetraders.requests", r => new DateTimeOffset(r.GetInt64(0), TimeSpan.Zero));
        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, snapshot.StoppedAt!.Value, CancellationToken.None);
        var beforeRate = requests.Count(at => at >= start && at < down) / (down - start).TotalMinutes;
        var duringRate = requests.Count(at => at >= down && at < up) / (up - down).TotalMinutes;
        TestContext.Out.WriteLine(FormattableString.Invariant($"x20: before the outage {beforeRate:0.0} requests/game minute over {(down - start).TotalMinutes:0.0} min, during it {duringRate:0.0} over {(up - down).TotalMinutes:0.0} min ({duringRate / beforeRate:P0}); {pendingWhileDown} records waited; {requests.Count} request rows for {snapshot.Agents.Single().Totals.Requests} requests; outcomes {string.Join(", ", sessions.GroupBy(s => s.Outcome).Select(g => g.Key + " " + g.Count()))}"));
        Assert.Multiple(() =>
        {
            Assert.That(duringRate, Is.GreaterThanOrEqualTo(0.8 * beforeRate), "requests during the outage: at least 80% of the rate before it");
            Assert.That(pendingWhileDown, Is.GreaterThan(0));
            Assert.That(requests, Has.Count.EqualTo(snapshot.Agents.Single().Totals.Requests), "every request is a row, none twice");
            Assert.That(sessions.Select(s => s.Outcome), Has.None.EqualTo(SessionOutcome.LeaseLost));
        });
    }

    private static DateTimeOffset Start(Outcome outcome) => outcome.StartedAt;

    private static async Task<Outcome> PlayAsync(bool outage)
    {
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("OUTAGE");
        var before = await game.CreditsAsync(agent);
        var database = await PostgresFixture.NewDatabaseAsync();
        var cs = database.ConnectionString!;
        await using var store = new PostgresStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var events = new ConcurrentQueue<string>();
        var failures = 0;
        store.BatchAttempted += error =>
        {
            events.Enqueue(error is null ? "written" : "failed");
            if (error is not null)
            {
                Interlocked.Increment(ref failures);
            }
        };
        store.LeasesRenewedFirst += () => events.Enqueue("leases");

        var options = game.RuntimeOptions(agent, store);
        options.Conductor = StrategyRef.Parse("sample-fleet@week10");
        options.ConductorParameters = StrategyParameters.Parse("trips=1;markets=3");
        options.StopAfter = TimeSpan.FromMinutes(30);
        await using var runtime = new FleetRuntime(options);
        var pendingWhileDown = 0;

        // The outage is an actor of the game's clock: the server stops at +15 min and starts again at +20 min of game time.
        Task run = null!;
        var stopAndStart = Task.CompletedTask;
        await game.Clock.RunActorAsync("start", _ =>
        {
            run = runtime.RunAsync(CancellationToken.None);
            if (outage)
            {
                stopAndStart = game.Clock.RunActorAsync("database outage", async ct =>
                {
                    await game.Clock.DelayUntilAsync(game.Start + Down, ct);
                    await Cluster.StopServerAsync(ct);
                    await game.Clock.DelayUntilAsync(game.Start + Up, ct);
                    pendingWhileDown = store.Health.Pending;
                    await Cluster.StartServerAsync(ct);
                }, CancellationToken.None);
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(run, stopAndStart).WaitAsync(Patience, TimeProvider.System);
        var after = await game.CreditsAsync(agent);
        var snapshot = runtime.GetSnapshot();
        var symbol = snapshot.Agents.Single().Symbol;

        var requests = await TestDatabase.QueryAsync(cs, "SELECT writer_seq, at_ticks FROM spacetraders.requests ORDER BY writer_seq", r => (r.GetInt64(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero)));
        var sequence = events.ToList();
        var firstFailure = sequence.IndexOf("failed");
        var firstWriteAfter = firstFailure < 0 ? -1 : sequence.FindIndex(firstFailure, e => e == "written");
        return new Outcome(
            game.Start,
            requests,
            await store.GetCreditMovementsAsync(symbol, CancellationToken.None),
            await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.credit_movements"),
            // Sessions that start at the same instant come back in the order of their (random) ids: order them by ship.
            [.. (await store.GetSessionReportsAsync(SessionQuery.All, snapshot.StoppedAt!.Value, CancellationToken.None)).OrderBy(s => s.StartedAt).ThenBy(s => s.ShipSymbol, StringComparer.Ordinal)],
            snapshot.Agents.Single().Totals,
            after - before,
            snapshot.Agents.Single().Metrics.Credits,
            Volatile.Read(ref failures),
            pendingWhileDown,
            firstWriteAfter > firstFailure && sequence.IndexOf("leases", firstFailure) is var leases && leases > firstFailure && leases < firstWriteAfter);
    }

    private sealed record Outcome(
        DateTimeOffset StartedAt,
        List<(long Seq, DateTimeOffset At)> Requests,
        IReadOnlyList<CreditMovementRecord> Movements,
        long MovementRows,
        IReadOnlyList<SessionReport> Sessions,
        RequestTotals Totals,
        long ServerChange,
        long Credits,
        int WriterFailures,
        int PendingWhileDown,
        bool LeasesRenewedFirst)
    {
        public int RequestsBetween(TimeSpan from, TimeSpan to) => Requests.Count(r => r.At >= StartedAt + from && r.At < StartedAt + to);
    }
}
