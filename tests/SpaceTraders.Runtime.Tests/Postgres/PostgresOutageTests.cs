using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.Postgres;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// The database going away in the middle of a run: the server is stopped (<c>pg_ctl stop -m fast</c>) and started
/// again while records keep coming. Nothing is lost, nothing is written twice, the credits still add up.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static PostgresCluster Cluster => PostgresFixture.Cluster;

    private static CancellationToken Ct => CancellationToken.None;

    [TearDown]
    public async Task RestartTheServerIfATestLeftItDownAsync()
    {
        if (!Cluster.IsRunning)
        {
            await Cluster.StartServerAsync(Ct);
        }
    }

    [Test]
    public async Task Records_appended_while_the_server_restarts_are_all_written_exactly_once()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BatchAttempted += error =>
        {
            if (error is not null)
            {
                failed.TrySetResult();
            }
        };
        var fleet = new FleetHistory(seed: 7, "ALPHA", startCredits: 175_000, T0);

        // Before: written normally.
        fleet.AppendTo(store, 300);
        await store.FlushAsync(Ct);

        // The server goes down; the fleet keeps playing from memory.
        await Cluster.StopServerAsync(Ct);
        fleet.AppendTo(store, 400);
        await failed.Task.WaitAsync(Patience, TimeProvider.System);
        var during = store.Health;
        fleet.AppendTo(store, 100);

        // The server is back; everything owed is flushed.
        await Cluster.StartServerAsync(Ct);
        fleet.AppendTo(store, 200);
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        Assert.Multiple(() =>
        {
            Assert.That(during.Pending, Is.GreaterThan(0), "records waited in memory");
            Assert.That(during.Connected, Is.False);
            Assert.That(during.LastError, Is.Not.Null.And.Not.Empty);
            Assert.That(store.Health.Pending, Is.Zero);
            Assert.That(store.Health.Connected, Is.True);
            Assert.That(store.GetStatistics().Retries, Is.GreaterThan(0));
        });

        var requests = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.requests");
        var distinctRequests = await TestDatabase.ScalarAsync(cs, "SELECT count(DISTINCT writer_seq) FROM spacetraders.requests");
        var sessions = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.sessions");
        var ended = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.sessions WHERE ended_ticks IS NOT NULL");
        var movements = await store.GetCreditMovementsAsync("ALPHA", Ct);
        var statistics = store.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(requests, Is.EqualTo(fleet.Requests), "every request recorded once");
            Assert.That(distinctRequests, Is.EqualTo(fleet.Requests));
            Assert.That(statistics.RowsWritten[StoreTables.Requests], Is.EqualTo(fleet.Requests), "no row inserted twice");
            Assert.That(sessions, Is.EqualTo(fleet.SessionsStarted));
            Assert.That(ended, Is.EqualTo(fleet.SessionsEnded));
            Assert.That(movements, Has.Count.EqualTo(fleet.Movements));
            Assert.That(movements.Sum(m => m.Amount), Is.EqualTo(fleet.Credits - fleet.StartCredits), "the movements sum exactly to the agent's change");
            Assert.That(movements[^1].BalanceAfter, Is.EqualTo(fleet.Credits));
            Assert.That(movements.Select(m => m.At), Is.Ordered);
        });
        Assert.That(fleet.Requests, Is.GreaterThan(300), "the history is big enough to mean something");
    }

    [Test]
    public async Task The_writer_backs_off_on_its_own_clock_and_doubles_the_wait()
    {
        var clock = new FakeTimeProvider(T0);
        var options = await PostgresFixture.NewDatabaseAsync() with
        {
            WriterClock = clock,
            RetryBaseDelay = TimeSpan.FromHours(1),
            RetryMaxDelay = TimeSpan.FromHours(8),
        };
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var failures = new List<TaskCompletionSource>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        var failed = 0;
        store.BatchAttempted += error =>
        {
            if (error is not null)
            {
                failures[Math.Min(Interlocked.Increment(ref failed), 3) - 1].TrySetResult();
            }
        };

        await Cluster.StopServerAsync(Ct);
        store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 10, 110, null, null, null, T0));
        await failures[0].Task.WaitAsync(Patience, TimeProvider.System);
        var first = store.Health;

        clock.Advance(TimeSpan.FromHours(1));                        // the first retry, still down
        await failures[1].Task.WaitAsync(Patience, TimeProvider.System);
        var second = store.Health;

        await Cluster.StartServerAsync(Ct);
        clock.Advance(TimeSpan.FromHours(1));                        // half of the doubled wait: no retry yet
        var flush = store.FlushAsync(Ct);
        var early = flush.IsCompleted;
        clock.Advance(TimeSpan.FromHours(1));                        // the second retry: the server is back
        await flush.WaitAsync(Patience, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That((first.Pending, first.Connected, first.LastErrorAt), Is.EqualTo((1, false, (DateTimeOffset?)T0)));
            Assert.That(second.LastErrorAt, Is.EqualTo(T0.AddHours(1)), "retried after the base delay on the writer's clock");
            Assert.That(early, Is.False, "the second wait is twice the first");
            Assert.That(Volatile.Read(ref failed), Is.EqualTo(2));
            Assert.That(store.GetStatistics().Retries, Is.EqualTo(2));
            Assert.That(store.Health.Pending, Is.Zero);
        });
        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.credit_movements"), Is.EqualTo(1));
    }

    [Test]
    public async Task Queries_and_leases_fail_clearly_while_the_server_is_down_and_work_again_after()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);

        await Cluster.StopServerAsync(Ct);
        Assert.That(
            async () => await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), T0, Ct),
            Throws.InstanceOf<Npgsql.NpgsqlException>());
        Assert.That(store.Health.Connected, Is.False);

        await Cluster.StartServerAsync(Ct);
        var lease = await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), T0, Ct);

        Assert.That(lease.Acquired, Is.True);
        Assert.That(store.Health.Connected, Is.True);
    }
}
