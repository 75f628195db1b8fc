using Npgsql;
using SpaceTraders.Runtime.Stores.Postgres;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>Schema migrations: applied on an empty database, idempotent, safe when several nodes start at once.</summary>
[TestFixture]
public sealed class PostgresMigrationTests
{
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
        Assert.That(tables, Is.EqualTo(new[] { "agents", "credit_movements", "leases", "market_hours", "market_observations", "requests", "schema_migrations", "sessions", "ship_parts" }));
        Assert.That(views, Is.EqualTo(new[] { "credits_over_time", "market_hour_figures", "requests_per_minute", "runs", "session_figures", "session_totals", "ships" }));
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
