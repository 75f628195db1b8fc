using Npgsql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>Schema migrations: applied on an empty database, idempotent, safe when several nodes start at once.</summary>
[TestFixture]
public sealed class PostgresMigrationTests
{
    /// <summary>The node columns as a development build of the faults-runtime branch numbered them (3), never released.</summary>
    private const string DevelopmentNodeColumnsAsThree = """
        ALTER TABLE spacetraders.requests ADD COLUMN node text;
        ALTER TABLE spacetraders.credit_movements ADD COLUMN node text;
        CREATE INDEX requests_agent_at ON spacetraders.requests (agent_symbol, at_ticks);
        CREATE INDEX requests_node_at ON spacetraders.requests (node, at_ticks) WHERE node IS NOT NULL;
        CREATE INDEX sessions_open ON spacetraders.sessions (ship_symbol, node) WHERE ended_ticks IS NULL;
        """;

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Initialization_applies_every_migration_to_an_empty_database_and_records_it()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM pg_namespace WHERE nspname = 'spacetraders'"), Is.Zero, "an empty database");

        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
        }

        var versions = await TestDatabase.QueryAsync(cs, "SELECT version FROM spacetraders.schema_migrations ORDER BY version", r => r.GetInt32(0));
        var tables = await TestDatabase.QueryAsync(cs, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'spacetraders' AND table_type = 'BASE TABLE' ORDER BY 1", r => r.GetString(0));
        var views = await TestDatabase.QueryAsync(cs, "SELECT table_name FROM information_schema.views WHERE table_schema = 'spacetraders' ORDER BY 1", r => r.GetString(0));

        Assert.That(versions, Is.EqualTo(PostgresSchema.Migrations.Select(m => m.Version)));
        Assert.That(tables, Is.EqualTo(new[] { "agents", "credit_movements", "leases", "market_hours", "market_observations", "requests", "schema_migrations", "session_counts", "sessions", "ship_parts" }));
        Assert.That(views, Is.EqualTo(new[] { "credits_over_time", "market_hour_figures", "requests_per_minute", "resets", "runs", "session_figures", "session_totals", "ships" }));
    }

    [Test]
    public async Task A_second_start_applies_nothing_and_keeps_the_data()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using (var first = new PostgresStore(options))
        {
            await first.InitializeAsync(Ct);
            await first.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", TimeSpan.FromMinutes(1), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        }

        await using (var second = new PostgresStore(options))
        {
            await second.InitializeAsync(Ct);
        }

        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(Ct);
        var appliedAgain = await PostgresSchema.MigrateAsync(connection, Ct);

        Assert.That(appliedAgain, Is.Empty);
        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.schema_migrations"), Is.EqualTo(PostgresSchema.Migrations.Count));
        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.leases"), Is.EqualTo(1));
    }

    [TestCase(false, TestName = "A database at version 3 with the run ids gets the node columns")]
    [TestCase(true, TestName = "A database at version 3 with the node columns (a development build) gets the run ids")]
    public async Task A_database_at_version_3_ends_up_with_run_ids_nodes_and_the_runs_view(bool nodeColumnsAsThree)
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(Ct);
            var third = nodeColumnsAsThree ? DevelopmentNodeColumnsAsThree : PostgresSchema.Migrations.Single(m => m.Version == 3).Sql;
            var sql = "CREATE SCHEMA spacetraders; CREATE TABLE spacetraders.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                + PostgresSchema.Migrations[0].Sql + PostgresSchema.Migrations[1].Sql + third
                + "INSERT INTO spacetraders.schema_migrations (version, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');";
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            var applied = await PostgresSchema.MigrateAsync(connection, Ct);
            Assert.That(applied, Is.EqualTo(new[] { 4, 5, 6 }));
        }

        var columns = await TestDatabase.QueryAsync(
            cs,
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'spacetraders' AND column_name IN ('run_id', 'node') ORDER BY 1",
            r => r.GetString(0));
        Assert.That(columns, Is.SupersetOf(new[]
        {
            "credit_movements.node", "credit_movements.run_id", "requests.node", "requests.run_id", "runs.node", "runs.run_id",
            "session_figures.run_id", "session_totals.run_id", "sessions.node", "sessions.run_id",
        }));

        // And the store writes and reads both on it.
        var run = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, at) { RunId = run, Node = "node-a" });
            store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 10, 110, null, null, null, at) { RunId = run, Node = "node-a" });
            await store.FlushAsync(Ct);
            Assert.That((await store.GetRequestFiguresAsync(new RequestQuery("ALPHA", "node-a", RunId: run), Ct)).Requests, Is.EqualTo(1));
        }

        var runs = await TestDatabase.QueryAsync(cs, "SELECT run_id, node, requests, credits_moved FROM spacetraders.runs", r => (r.GetGuid(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
        Assert.That(runs, Is.EqualTo(new[] { (run, "node-a", 1L, 10L) }));
    }

    [Test]
    public async Task Concurrent_start_ups_apply_each_migration_exactly_once()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var connections = new List<NpgsqlConnection>();
        try
        {
            // Six nodes opened and ready, then migrating at the same moment.
            for (var i = 0; i < 6; i++)
            {
                var connection = new NpgsqlConnection(options.ConnectionString);
                await connection.OpenAsync(Ct);
                connections.Add(connection);
            }

            using var go = new ManualResetEventSlim();
            var runs = connections.Select(c => Task.Run(async () =>
            {
                go.Wait(Ct);
                return await PostgresSchema.MigrateAsync(c, Ct);
            })).ToArray();
            go.Set();
            var applied = await Task.WhenAll(runs);

            Assert.That(applied.Count(a => a.Count > 0), Is.EqualTo(1), "one node applied the migrations");
            Assert.That(applied.Single(a => a.Count > 0), Is.EqualTo(PostgresSchema.Migrations.Select(m => m.Version)));
            Assert.That(applied.Where(a => a.Count == 0).Count(), Is.EqualTo(5), "the others waited for the lock and found them applied");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        // And the store itself starts concurrently on the migrated database.
        var stores = Enumerable.Range(0, 3).Select(_ => new PostgresStore(options)).ToArray();
        await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));
        foreach (var store in stores)
        {
            Assert.That(store.Health.Connected, Is.True);
            await store.DisposeAsync();
        }
    }

    [Test]
    public async Task Concurrent_stores_initialize_a_fresh_database_together()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStore(options)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(Ct))));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.schema_migrations"), Is.EqualTo(PostgresSchema.Migrations.Count));
    }
}
