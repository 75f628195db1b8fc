using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Whole runtimes on the simulator in virtual time, writing to the real PostgreSQL: two dispatcher nodes with a store
/// each on one database, and a database restart in the middle of a run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresFleetTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
    public async Task A_database_restart_in_the_middle_of_a_run_loses_no_record_and_the_credit_movements_sum_to_the_agents_change()
    {
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("OUTAGE");
        var before = await game.CreditsAsync(agent);
        var database = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var failures = 0;
        store.BatchAttempted += error =>
        {
            if (error is not null)
            {
                Interlocked.Increment(ref failures);
            }
        };

        var options = game.RuntimeOptions(agent, store);
        options.Conductor = StrategyRef.Parse("sample-fleet@week10");
        options.ConductorParameters = StrategyParameters.Parse("trips=1;markets=3");
        options.StopAfter = TimeSpan.FromHours(2);
        options.LeaseDuration = TimeSpan.FromHours(1);                   // outlasts the outage: the ships keep playing from memory
        await using var runtime = new FleetRuntime(options);
        var down = game.Start + TimeSpan.FromMinutes(20);
        var up = game.Start + TimeSpan.FromMinutes(40);
        StoreHealth? whileDown = null;

        // The outage is an actor of the game's clock: the server stops at +20 min and starts again at +40 min of game time.
        Task run = null!;
        Task outage = null!;
        await game.Clock.RunActorAsync("start", _ =>
        {
            run = runtime.RunAsync(CancellationToken.None);
            outage = game.Clock.RunActorAsync("database outage", async ct =>
            {
                await game.Clock.DelayUntilAsync(down, ct);
                await Cluster.StopServerAsync(ct);
                await game.Clock.DelayUntilAsync(up, ct);
                whileDown = store.Health;
                await Cluster.StartServerAsync(ct);
            }, CancellationToken.None);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(run, outage);
        var after = await game.CreditsAsync(agent);
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        var fleet = runtime.GetSnapshot().Agents.Single();
        var movements = await store.GetCreditMovementsAsync(fleet.Symbol, CancellationToken.None);
        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, game.Clock.GetUtcNow(), CancellationToken.None);
        var statistics = store.GetStatistics();
        var requestRows = await TestDatabase.ScalarAsync(database.ConnectionString!, "SELECT count(*) FROM spacetraders.requests");
        Assert.Multiple(() =>
        {
            Assert.That(whileDown!.Pending, Is.GreaterThan(0), "records waited in memory while the server was down");
            Assert.That(Volatile.Read(ref failures), Is.GreaterThan(0), "the writer met the outage");
            Assert.That(movements.Count(m => m.At >= down && m.At < up), Is.GreaterThan(0), "the fleet kept trading during the outage");
            Assert.That(movements.Sum(m => m.Amount), Is.EqualTo(after - before), "the movements sum exactly to the agent's change on the server");
            Assert.That(movements[^1].BalanceAfter, Is.EqualTo(after));
            Assert.That(requestRows, Is.EqualTo(fleet.Totals.Requests), "every request recorded, none twice");
            Assert.That(statistics.RowsWritten[StoreTables.Requests], Is.EqualTo(fleet.Totals.Requests));
            Assert.That(statistics.RowsWritten[StoreTables.CreditMovements], Is.EqualTo(movements.Count));
            Assert.That(sessions, Is.Not.Empty);
            Assert.That(sessions.Sum(s => s.CreditsEarned), Is.EqualTo(movements.Where(m => m.SessionId is not null).Sum(m => m.Amount)));
            Assert.That(store.Health.Pending, Is.Zero);
            Assert.That(store.RejectedRecords, Is.Zero);
        });
    }

    [Test]
    public async Task Two_dispatchers_on_one_database_never_run_the_same_ship_and_a_killed_ones_ships_are_picked_up_after_lease_expiry()
    {
        var lease = TimeSpan.FromSeconds(60);
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("LEASES", probes: 2);
        var database = await PostgresFixture.NewDatabaseAsync();
        await using var storeA = new PostgresStore(database);
        await using var storeB = new PostgresStore(database);
        var a = game.RuntimeOptions(agent, storeA, "node-a");
        var b = game.RuntimeOptions(agent, storeB, "node-b");
        foreach (var options in new[] { a, b })
        {
            await options.Store!.InitializeAsync(CancellationToken.None);
            options.Plugins.Add(new TestStrategies());
            options.Conductor = new StrategyRef("script");
            options.ConductorParameters = StrategyParameters.Parse("behaviours=idle-loop|idle-loop|idle-loop|idle-loop");
            options.LeaseDuration = lease;
        }

        a.MaxShips = 2;
        a.StopAfter = TimeSpan.FromHours(1);
        b.StopAfter = TimeSpan.FromMinutes(30);
        await using var nodeA = new FleetRuntime(a);
        await using var nodeB = new FleetRuntime(b);
        var killAt = game.Start + TimeSpan.FromMinutes(10);
        using var killer = game.Clock.CreateTimer(_ => nodeA.Kill(), null, killAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await Runtimes.RunTogetherAsync(game.Clock, nodeA, nodeB);
        await storeA.FlushAsync(CancellationToken.None);
        await storeB.FlushAsync(CancellationToken.None);

        var endOfRun = game.Clock.GetUtcNow();
        var intervals = await TestDatabase.QueryAsync(
            database.ConnectionString!,
            "SELECT ship_symbol, node, started_ticks, ended_ticks, outcome FROM spacetraders.sessions ORDER BY started_ticks",
            r => (Ship: r.GetString(0), Node: r.GetString(1), From: new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), To: r.IsDBNull(3) ? (DateTimeOffset?)null : new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero), Outcome: r.IsDBNull(4) ? null : r.GetString(4)));
        var ships = intervals.Select(i => i.Ship).Distinct().Order(StringComparer.Ordinal).ToList();
        var onA = intervals.Where(i => i.Node == "node-a").Select(i => i.Ship).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ships, Has.Count.EqualTo(4));
            Assert.That(onA, Has.Count.EqualTo(2), "node-a runs at most its two ships");
            Assert.That(intervals.Where(i => i.Node == "node-b" && i.From < killAt).Select(i => i.Ship), Is.EquivalentTo(ships.Except(onA)), "node-b runs the other two until the kill");
            Assert.That(intervals.Where(i => i.Node == "node-a" && i.To is null), Is.Empty, "no session of the killed node stays open");
            foreach (var ship in ships)
            {
                var runs = intervals.Where(i => i.Ship == ship).OrderBy(i => i.From).ToList();
                for (var i = 1; i < runs.Count; i++)
                {
                    var previousEnd = runs[i - 1].To ?? endOfRun;
                    Assert.That(runs[i].From, Is.GreaterThanOrEqualTo(previousEnd), $"{ship}: a session on {runs[i].Node} started while one on {runs[i - 1].Node} ran");
                }
            }

            foreach (var ship in onA)
            {
                var takeover = intervals.Where(i => i.Ship == ship && i.Node == "node-b").Select(i => i.From).Min();
                Assert.That(takeover, Is.GreaterThan(killAt).And.LessThanOrEqualTo(killAt + lease), $"{ship} is picked up once node-a's lease lapses");
                var killed = intervals.Single(i => i.Ship == ship && i.Node == "node-a" && i.From < killAt && i.To > killAt);
                Assert.That((killed.Outcome, killed.To), Is.EqualTo(("abandoned", (DateTimeOffset?)takeover)), $"{ship}: node-b closed node-a's session at the lease's expiry, when it took the ship");
            }
        });
    }
}
