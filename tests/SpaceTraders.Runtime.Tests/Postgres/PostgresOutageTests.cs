using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Testing;

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

    [Test]
    public async Task Past_the_bound_the_oldest_request_records_are_dropped_and_counted_and_no_credit_movement_or_session_is()
    {
        var options = await PostgresFixture.NewDatabaseAsync() with { MaxPendingRecords = 100 };
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

        // The server goes down; the first movement is taken into a batch that fails (in flight: never dropped).
        await Cluster.StopServerAsync(Ct);
        var balance = 1000L;
        void Move(int i)
        {
            balance += 10;
            store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 10, balance, "ALPHA-1", null, null, T0.AddSeconds(i)) { Node = "node-a" });
        }

        Move(0);
        await failed.Task.WaitAsync(Patience, TimeProvider.System);

        // 20 movements, 100 requests, 10 observations and a session, 20 movements: 152 records against a bound of 100.
        for (var i = 1; i <= 20; i++)
        {
            Move(i);
        }

        for (var i = 1; i <= 100; i++)
        {
            store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0.AddMinutes(1).AddSeconds(i)) { Node = "node-a" });
        }

        for (var i = 1; i <= 10; i++)
        {
            store.Append(new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 10, 9, 60, "MODERATE", null, T0.AddMinutes(3).AddSeconds(i)));
        }

        store.Append(new SessionStartedRecord(Guid.NewGuid(), "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0.AddMinutes(4)));
        for (var i = 21; i <= 40; i++)
        {
            Move(i);
        }

        var whileDown = store.Health;
        var droppedWhileDown = store.GetStatistics().RowsDropped;

        await Cluster.StartServerAsync(Ct);
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        // Kept: 41 movements, the session, 10 observations and the newest 48 requests (53..100) = 100.
        var requestRows = await TestDatabase.QueryAsync(cs, "SELECT at_ticks FROM spacetraders.requests ORDER BY at_ticks", r => r.GetInt64(0));
        Assert.Multiple(() =>
        {
            Assert.That(whileDown.Pending, Is.EqualTo(100), "the queue stays at its bound");
            Assert.That(whileDown.Dropped, Is.EqualTo(52));
            Assert.That(droppedWhileDown, Is.EqualTo(new Dictionary<string, long> { [StoreTables.Requests] = 52 }), "only request records were dropped");
            Assert.That(requestRows, Has.Count.EqualTo(48));
            Assert.That(requestRows[0], Is.EqualTo(T0.AddMinutes(1).AddSeconds(53).UtcTicks), "the oldest went first");
        });
        var movements = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.credit_movements");
        var summed = await TestDatabase.ScalarAsync(cs, "SELECT sum(amount) FROM spacetraders.credit_movements");
        var sessions = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.sessions");
        var observations = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.market_observations");
        Assert.Multiple(() =>
        {
            Assert.That(movements, Is.EqualTo(41), "every credit movement");
            Assert.That(summed, Is.EqualTo(410));
            Assert.That(sessions, Is.EqualTo(1), "the session");
            Assert.That(observations, Is.EqualTo(10));
            Assert.That(store.Health.Pending, Is.Zero);
        });
    }

    [Test]
    public async Task When_the_server_is_back_the_lease_keepers_run_before_any_queued_record_is_written()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BatchAttempted += error =>
        {
            events.Enqueue(error is null ? "written" : "failed");
            if (error is not null)
            {
                failed.TrySetResult();
            }
        };
        await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), T0, Ct);
        var keeperFailures = 1;
        using var keeper = store.RegisterLeaseKeeper(async ct =>
        {
            // The first call after the outage fails (the database flaps): the writer must try again, still leases first.
            if (Interlocked.Decrement(ref keeperFailures) >= 0)
            {
                events.Enqueue("keeper failed");
                throw new InvalidOperationException("flapping");
            }

            var renewed = await store.RenewLeasesAsync(["ALPHA-1"], "node-a", TimeSpan.FromMinutes(1), T0.AddMinutes(10), ct);
            events.Enqueue("leases renewed: " + string.Join(",", renewed));
        });
        store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 10, 110, null, null, null, T0));
        await store.FlushAsync(Ct);
        var beforeOutage = events.ToArray();

        await Cluster.StopServerAsync(Ct);
        store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 10, 120, null, null, null, T0.AddMinutes(5)));
        await failed.Task.WaitAsync(Patience, TimeProvider.System);
        await Cluster.StartServerAsync(Ct);
        using (var patience = new CancellationTokenSource(Patience, TimeProvider.System))
        {
            await store.FlushAsync(patience.Token);
        }

        var afterOutage = events.Skip(beforeOutage.Length).Where(e => e != "failed").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(beforeOutage, Is.EqualTo(new[] { "written" }), "no keeper runs while the database never went away");
            Assert.That(afterOutage, Is.EqualTo(new[] { "keeper failed", "leases renewed: ALPHA-1", "written" }), "leases first, then the queue");
        });
        var lease = await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", TimeSpan.FromMinutes(1), T0.AddMinutes(10).AddSeconds(59), Ct);
        Assert.That(lease, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddMinutes(11))), "renewed from the keeper's time");
    }
}
