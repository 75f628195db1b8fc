using Npgsql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Tests.Stores;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The store contract on the PostgreSQL store (a fresh database per test), plus what only a database store does.</summary>
[TestFixture]
public sealed class PostgresStoreTests : StoreContractTests
{
    private string _connectionString = null!;

    protected override async Task<IStore> CreateStoreAsync()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        _connectionString = options.ConnectionString!;
        return new PostgresStore(options);
    }

    [Test]
    public async Task Ship_parts_are_one_row_per_part_holding_the_latest_value_and_the_ships_view_joins_them()
    {
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, """{"a":1}"""), new ShipPartValue("fuel", 1, """{"current":5}""")], T0));
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 2, """{"a":2}""")], T0.AddSeconds(1)));
        await Store.FlushAsync(Ct);

        var rows = await QueryAsync("SELECT part, version, data::text FROM spacetraders.ship_parts ORDER BY part", r => (r.GetString(0), r.GetInt64(1), r.GetString(2)));
        var ship = await QueryAsync("SELECT agent_symbol, ship::text FROM spacetraders.ships WHERE ship_symbol = 'ALPHA-1'", r => (r.GetString(0), r.GetString(1)));

        Assert.That(rows, Is.EqualTo(new[] { ("fuel", 1L, """{"current": 5}"""), ("nav", 2L, """{"a": 2}""") }));
        Assert.That(ship, Is.EqualTo(new[] { ("ALPHA", """{"nav": {"a": 2}, "fuel": {"current": 5}}""") }));
        Assert.That(Store.GetStatistics().RowsWritten[StoreTables.ShipParts], Is.EqualTo(3), "three part values were handed over, three upserts");
    }

    [Test]
    public async Task The_history_reads_the_current_server_reset_s_agents_and_ships()
    {
        Store.Append(new AgentSnapshotRecord("ALPHA", 100, "{}", T0) { Reset = "2026-01-01" });
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, """{"old":1}""")], T0) { Reset = "2026-01-01" });
        Store.Append(new AgentSnapshotRecord("ALPHA", 175, "{}", T0.AddHours(1)) { Reset = "2026-01-08" });
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, """{"new":1}""")], T0.AddHours(1)) { Reset = "2026-01-08" });
        await Store.FlushAsync(Ct);

        await using var history = new PostgresHistory(_connectionString);
        var reset = await history.GetCurrentResetAsync(Ct);
        var agents = await history.GetAgentsAsync(Ct);
        var ships = await history.GetShipsAsync(Ct);
        var rows = await QueryAsync("SELECT reset, credits FROM spacetraders.agents ORDER BY reset", r => (r.GetString(0), r.GetInt64(1)));

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new[] { ("2026-01-01", 100L), ("2026-01-08", 175L) }), "the agent is kept once per reset");
            Assert.That(reset, Is.EqualTo("2026-01-08"));
            Assert.That(agents.Select(a => (a.Symbol, a.Credits)), Is.EqualTo(new[] { ("ALPHA", 175L) }), "the current reset's agent only");
            Assert.That(ships.Select(s => s.Symbol), Is.EqualTo(new[] { "ALPHA-1" }), "the ship once, as in the current reset");
        });
    }

    // The history's timeline (the dashboard's charts over a store without a runtime) used to carry only the net change:
    // a ship bought showed as a loss in the CPH chart.
    [Test]
    public async Task The_history_timeline_counts_ships_and_mounts_as_capital_spent()
    {
        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Sell, 30_000, 130_000, "ALPHA-1", "IRON_ORE", 10, T0));
        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.ShipPurchase, -50_000, 80_000, "ALPHA-2", null, null, T0.AddSeconds(20)));
        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Purchase, -3_000, 77_000, "ALPHA-1", "MOUNT_MINING_LASER_II", 1, T0.AddSeconds(30)));
        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Purchase, -500, 76_500, "ALPHA-1", "FUEL", 5, T0.AddSeconds(40)));
        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Sell, 10_000, 86_500, "ALPHA-1", "IRON_ORE", 4, T0.AddSeconds(70)));
        await Store.FlushAsync(Ct);

        await using var history = new PostgresHistory(_connectionString);
        var points = await history.GetTimelineAsync("ALPHA", 100, Ct);

        Assert.That(points, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(points[0].CreditsEarned, Is.EqualTo(-23_500), "the net change");
            Assert.That(points[0].CapitalSpent, Is.EqualTo(53_000), "the ship and the mount bought at a market");
            Assert.That(points[0].OperatingEarned, Is.EqualTo(29_500), "the sale less the fuel");
            Assert.That(points[1].CapitalSpent, Is.EqualTo(53_000), "cumulative from the start");
            Assert.That(points[1].OperatingEarned, Is.EqualTo(39_500));
        });
    }

    // Each bucket's balance is read by one index probe per bucket (migration 6's branch), not by sorting every movement.
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(90)]
    public async Task The_history_timeline_ends_each_bucket_on_its_last_balance(int maxPoints)
    {
        var random = new Random(maxPoints);
        var origin = T0.AddTicks(70_000_123);                   // not on a whole minute
        var movements = new List<(DateTimeOffset At, long Balance)>();
        for (var i = 0; i < 300; i++)
        {
            // Every third movement shares the moment of the one before (the later written is the last); none in the second hour.
            var at = i % 3 == 2 ? movements[^1].At : origin.AddSeconds(random.Next(3 * 3600));
            if (at >= origin.AddHours(1) && at < origin.AddHours(2))
            {
                continue;
            }

            movements.Add((at, random.Next(1_000_000)));
            Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Sell, 1, movements[^1].Balance, null, null, null, at));
        }

        Store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.Sell, 1, 5, null, null, null, origin));
        movements.Add((origin, 5));
        Store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, origin.AddMinutes(90)));
        await Store.FlushAsync(Ct);

        await using var history = new PostgresHistory(_connectionString);
        var points = await history.GetTimelineAsync("ALPHA", maxPoints, Ct);

        Assert.That(points[0].Start, Is.EqualTo(origin));
        var previous = 0L;
        foreach (var point in points)
        {
            var inside = movements.Select((m, i) => (m.At, m.Balance, i)).Where(m => m.At >= point.Start && m.At < point.Start + point.Width).ToList();
            var expected = inside.Count == 0 ? previous : inside.OrderBy(m => m.At).ThenBy(m => m.i).Last().Balance;
            Assert.That(point.Credits, Is.EqualTo(expected), $"the bucket at {point.Start:O}");
            previous = point.Credits;
        }

        Assert.That(points.Count(p => !movements.Any(m => m.At >= p.Start && m.At < p.Start + p.Width)), Is.EqualTo(maxPoints == 1 ? 0 : 1), "a bucket without movements (the request's) keeps the balance before it");
    }

    [Test]
    public async Task Times_and_durations_round_trip_to_the_tick()
    {
        var at = T0.AddTicks(1_234_567);                       // below PostgreSQL's microsecond resolution
        var wait = TimeSpan.FromTicks(12_345_678_9);
        Store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", wait, wait, 1, 0, true, at));
        Store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 7, 107, null, null, null, at));
        await Store.FlushAsync(Ct);

        var minute = (await Store.GetSaturationAsync(T0, T0.AddMinutes(1), Ct)).Single();
        var movement = (await Store.GetCreditMovementsAsync("ALPHA", Ct)).Single();

        Assert.That(minute.MeanQueueWait, Is.EqualTo(wait));
        Assert.That(movement.At.UtcTicks, Is.EqualTo(at.UtcTicks));
    }

    [Test]
    public async Task The_connection_string_password_never_appears_in_the_description()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = _connectionString + ";Password=hunter2-secret" });

        Assert.That(store.Database, Does.Not.Contain("hunter2"));
        Assert.That(store.Database, Does.Contain("127.0.0.1").And.Contain(":" + PostgresFixture.Cluster.Port));
    }

    private Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read) => TestDatabase.QueryAsync(_connectionString, sql, read);
}
