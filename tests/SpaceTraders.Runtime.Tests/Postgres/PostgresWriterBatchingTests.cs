using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// The writer's commits: one transaction per batch with no reset transaction around it (the server's own count,
/// <c>pg_stat_database.xact_commit</c>), and group commit: records appended within the commit interval after a commit
/// share the next transaction, while a flush, a full batch or disposal never waits for the interval.
/// </summary>
[TestFixture]
public sealed class PostgresWriterBatchingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Each_flushed_batch_and_each_lease_renewal_is_one_commit_on_the_server()
    {
        const int Batches = 20;
        const int Renewals = 20;

        // The same start-up on two databases: one stops there, the other writes batches and renews a lease; the
        // difference of the server's commit counts is what the batches and renewals cost.
        var idle = await PostgresFixture.NewDatabaseAsync();
        await using (var store = new PostgresStore(idle))
        {
            await StartAsync(store);
            await EndSessionsAsync(idle.ConnectionString!);
        }

        var busy = await PostgresFixture.NewDatabaseAsync();
        await using (var store = new PostgresStore(busy))
        {
            await StartAsync(store);
            for (var i = 0; i < Batches; i++)
            {
                store.Append(Request(T0.AddSeconds(i + 1)));
                await store.FlushAsync(Ct);
            }

            for (var i = 0; i < Renewals; i++)
            {
                Assert.That(await store.RenewLeaseAsync("ALPHA-1", "node-a", TimeSpan.FromMinutes(1), T0.AddSeconds(i + 1), Ct), Is.True);
            }

            Assert.That(store.GetStatistics().Batches, Is.EqualTo(Batches + 1), "each flush wrote its record in a batch of its own");
            await EndSessionsAsync(busy.ConnectionString!);
        }

        var cost = await CommitsAsync(busy.ConnectionString!) - await CommitsAsync(idle.ConnectionString!);

        // Before: each batch and each renewal came with a DISCARD ALL on its pooled connection, a transaction of its own
        // (80 here). Autovacuum's visits to either database count too, a few transactions each: hence the margin.
        Assert.That(cost, Is.InRange(Batches + Renewals - 5, Batches + Renewals + 5), "one commit per batch and per renewal, and nothing else");
    }

    [Test]
    public async Task Records_appended_within_the_commit_interval_after_a_commit_share_one_transaction()
    {
        var clock = new TimerWatchingClock(T0);
        var options = await PostgresFixture.NewDatabaseAsync() with { WriterClock = clock, CommitInterval = TimeSpan.FromMilliseconds(25) };
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        store.Append(Request(T0));
        await store.FlushAsync(Ct);                                    // the first commit, at T0 on the writer's clock

        var gathering = clock.NextTimer();
        store.Append(Request(T0.AddSeconds(1)));                       // within the interval: the writer waits for the rest of it
        await gathering.WaitAsync(Patience, TimeProvider.System);
        for (var i = 2; i < 10; i++)
        {
            store.Append(Request(T0.AddSeconds(i)));
        }

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BatchAttempted += error => written.TrySetResult();
        var whileGathering = await CountAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.requests");
        clock.Advance(TimeSpan.FromMilliseconds(25));
        await written.Task.WaitAsync(Patience, TimeProvider.System);

        var cs = options.ConnectionString!;
        Assert.Multiple(async () =>
        {
            Assert.That(whileGathering, Is.EqualTo(1), "nothing written before the interval ends");
            Assert.That(store.GetStatistics().Batches, Is.EqualTo(2), "the first record, then the nine gathered");
            Assert.That(await CountAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(10));
            Assert.That(await CountAsync(cs, "SELECT count(DISTINCT xmin::text) FROM spacetraders.requests"), Is.EqualTo(2), "two transactions wrote them");
        });
    }

    [Test]
    public async Task A_flush_a_full_batch_and_disposal_never_wait_for_the_commit_interval()
    {
        // The writer's clock never moves: only the hurry signals can end the interval.
        var clock = new TimerWatchingClock(T0);
        var options = await PostgresFixture.NewDatabaseAsync() with { WriterClock = clock, CommitInterval = TimeSpan.FromHours(1), MaxBatchSize = 5 };
        var cs = options.ConnectionString!;
        var store = new PostgresStore(options);
        await using (store)
        {
            await store.InitializeAsync(Ct);
            store.Append(Request(T0));
            await store.FlushAsync(Ct);

            var gathering = clock.NextTimer();
            store.Append(Request(T0.AddSeconds(1)));
            await gathering.WaitAsync(Patience, TimeProvider.System);
            await store.FlushAsync(Ct).WaitAsync(Patience, TimeProvider.System);
            Assert.That(await CountAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(2), "a flush ends the interval");

            gathering = clock.NextTimer();
            store.Append(Request(T0.AddSeconds(2)));
            await gathering.WaitAsync(Patience, TimeProvider.System);
            var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            store.BatchAttempted += error => full.TrySetResult();
            for (var i = 3; i < 7; i++)
            {
                store.Append(Request(T0.AddSeconds(i)));
            }

            await full.Task.WaitAsync(Patience, TimeProvider.System);
            Assert.That(await CountAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(7), "a full batch ends the interval");

            gathering = clock.NextTimer();
            store.Append(Request(T0.AddSeconds(7)));
            await gathering.WaitAsync(Patience, TimeProvider.System);
            store.Append(Request(T0.AddSeconds(8)));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(store.Health.Pending, Is.Zero, "disposal wrote what was gathering");
            Assert.That(await CountAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(9));
            Assert.That(await CountAsync(cs, "SELECT count(DISTINCT xmin::text) FROM spacetraders.requests"), Is.EqualTo(4), "1, 1, 5 and the 2 gathered at disposal");
        });
    }

    /// <summary>
    /// Starts the store and uses each of its connections once: the writer's (a batch) and one for lease calls (the
    /// lease taken, then renewed while the writer holds its own). A new connection's start-up is a transaction too.
    /// </summary>
    private static async Task StartAsync(PostgresStore store)
    {
        await store.InitializeAsync(Ct);
        Assert.That((await store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), T0, Ct)).Acquired, Is.True);
        store.Append(Request(T0));
        await store.FlushAsync(Ct);
        Assert.That(await store.RenewLeaseAsync("ALPHA-1", "node-a", TimeSpan.FromMinutes(1), T0, Ct), Is.True);
    }

    private static RequestRecordedRecord Request(DateTimeOffset at) =>
        new(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.FromMilliseconds(80), 1, 0, false, at);

    private static Task<long> CountAsync(string connectionString, string sql) => TestDatabase.ScalarAsync(connectionString, sql);

    /// <summary>
    /// Ends every server process of the database and waits until each has gone (a process reports its counts to the
    /// statistics as it exits, before it leaves the process table that <c>pg_terminate_backend</c> waits on).
    /// </summary>
    private static async Task EndSessionsAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var ended = await AdminQueryAsync(
            connectionString,
            "SELECT count(*) FILTER (WHERE NOT pg_terminate_backend(pid, 30000)) FROM pg_stat_activity WHERE datname = @db",
            database);
        Assert.That(ended, Is.Zero, "every server process of the test database ended");
    }

    /// <summary>The server's count of committed transactions in the database (read from another database, so the read is not counted).</summary>
    private static async Task<long> CommitsAsync(string connectionString) =>
        await AdminQueryAsync(
            connectionString,
            "SELECT xact_commit FROM pg_stat_database WHERE datname = @db",
            new NpgsqlConnectionStringBuilder(connectionString).Database!);

    private static async Task<long> AdminQueryAsync(string connectionString, string sql, string database)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("db", database);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A fake clock that says when the next timer is created on it (the writer's wait for the rest of the interval).</summary>
    private sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private TaskCompletionSource? _next;

        /// <summary>Returns a task that completes when the next timer is created.</summary>
        public Task NextTimer()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _next, next);
            return next.Task;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Exchange(ref _next, null)?.TrySetResult();
            return timer;
        }
    }
}
