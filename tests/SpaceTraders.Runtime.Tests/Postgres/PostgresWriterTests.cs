using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The background writer: batches, idempotent keys, invalid records, records appended before start and at shutdown.</summary>
[TestFixture]
public sealed class PostgresWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Records_queued_before_start_go_out_in_batches_of_the_maximum_size()
    {
        var options = await PostgresFixture.NewDatabaseAsync() with { MaxBatchSize = 100 };
        await using var store = new PostgresStore(options);
        for (var i = 0; i < 1000; i++)
        {
            store.Append(Request(T0.AddSeconds(i)));
        }

        Assert.That(store.Health.Pending, Is.EqualTo(1000), "queued in memory until the store starts");
        await store.InitializeAsync(Ct);
        await store.FlushAsync(Ct);

        var statistics = store.GetStatistics();
        Assert.That(statistics.Batches, Is.EqualTo(10), "1000 records in transactions of 100");
        Assert.That(statistics.RowsWritten[StoreTables.Requests], Is.EqualTo(1000));
        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(1000));
    }

    [Test]
    public async Task A_batch_sent_again_after_an_unknown_outcome_writes_nothing_twice()
    {
        // Two stores with one writer id stand for one writer resending its batch after a lost commit acknowledgement.
        var options = await PostgresFixture.NewDatabaseAsync() with { WriterId = new Guid("5ca1ab1e-0000-0000-0000-000000000001") };
        var session = new Guid("00000000-0000-0000-0000-0000000000aa");
        var sent = new List<StoreStatistics>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var store = new PostgresStore(options);
            await store.InitializeAsync(Ct);
            store.Append(new SessionStartedRecord(session, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0));
            store.Append(Request(T0.AddSeconds(1)));
            store.Append(new CreditMovementRecord(session, "ALPHA", "sell", 300, 1300, "ALPHA-1", "IRON_ORE", 3, T0.AddSeconds(2)));
            store.Append(Observation(T0.AddSeconds(3)));
            store.Append(new SessionEndedRecord(session, SessionOutcome.Completed, null, T0.AddSeconds(4)));
            await store.FlushAsync(Ct);
            sent.Add(store.GetStatistics());
            Assert.That((store.RejectedRecords, store.Health.LastError), Is.EqualTo((0L, (string?)null)), "the resend conflicts with nothing: it is skipped, not refused");
        }

        Assert.That(sent[0].TotalRows, Is.EqualTo(5), "the first time: a session start and end, a request, a movement, an observation");
        Assert.That(sent[1].TotalRows, Is.Zero, "the second time: every row is already there");
        var cs = options.ConnectionString!;
        Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(1));
        Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.credit_movements"), Is.EqualTo(1));
        Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.market_observations"), Is.EqualTo(1));
        Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.sessions"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_record_the_database_refuses_is_dropped_alone_and_reported()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var durable = new List<string>();

        store.Append(Request(T0));
        store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, "{not json")], T0) { OnDurable = () => durable.Add("bad") });
        store.Append(new ShipPartsRecord("ALPHA", "ALPHA-2", [new ShipPartValue("nav", 1, """{"ok":true}""")], T0) { OnDurable = () => durable.Add("good") });
        store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 5, 105, null, null, null, T0));
        await store.FlushAsync(Ct);

        var cs = options.ConnectionString!;
        Assert.Multiple(async () =>
        {
            Assert.That(store.RejectedRecords, Is.EqualTo(1));
            Assert.That(store.Health.LastError, Does.Contain("json"));
            Assert.That(store.Health.Connected, Is.True, "the database answered; it refused the data");
            Assert.That(store.Health.Pending, Is.Zero);
            Assert.That(durable, Is.EqualTo(new[] { "good" }), "only written parts are marked durable");
            Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(1));
            Assert.That(await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.credit_movements"), Is.EqualTo(1));
            Assert.That(await TestDatabase.QueryAsync(cs, "SELECT ship_symbol FROM spacetraders.ship_parts", r => r.GetString(0)), Is.EqualTo(new[] { "ALPHA-2" }));
        });
    }

    [Test]
    public async Task Only_the_parts_handed_over_are_written_and_an_empty_record_writes_nothing()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var durable = 0;

        store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [.. Enumerable.Range(0, 11).Select(i => new ShipPartValue($"part{i}", 1, "{}"))], T0));
        await store.FlushAsync(Ct);
        var full = store.GetStatistics().TotalRows;

        store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [], T0.AddSeconds(1)) { OnDurable = () => durable++ });
        await store.FlushAsync(Ct);
        var nothing = store.GetStatistics().TotalRows - full;

        store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("part3", 2, "[1]"), new ShipPartValue("part7", 2, "[2]")], T0.AddSeconds(2)));
        await store.FlushAsync(Ct);
        var two = store.GetStatistics().TotalRows - full;

        Assert.That((full, nothing, two, durable), Is.EqualTo((11L, 0L, 2L, 1)));
        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.ship_parts WHERE version = 2"), Is.EqualTo(2));
    }

    [Test]
    public async Task Disposal_writes_what_is_still_queued()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        for (var i = 0; i < 50; i++)
        {
            store.Append(Request(T0.AddSeconds(i)));
        }

        await store.DisposeAsync();
        store.Append(Request(T0.AddHours(1)));                       // after disposal: logged and dropped, never thrown

        Assert.That(await TestDatabase.ScalarAsync(options.ConnectionString!, "SELECT count(*) FROM spacetraders.requests"), Is.EqualTo(50));
    }

    [Test]
    public async Task An_unreachable_database_at_start_up_fails_with_a_clear_message_without_the_password()
    {
        var options = new PostgresStoreOptions { ConnectionString = $"Host=127.0.0.1;Port={PostgresFixture.Cluster.Port};Database=st_missing;Username=st_test;Password=s3cret-pw;Timeout=5" };
        await using var store = new PostgresStore(options);

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await store.InitializeAsync(Ct));

        Assert.That(error!.Message, Does.Contain("st_missing").And.Not.Contain("s3cret-pw"));
        Assert.That(store.Health.LastError, Does.Not.Contain("s3cret-pw"));
    }

    private static RequestRecordedRecord Request(DateTimeOffset at) =>
        new(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.FromMilliseconds(80), 1, 0, false, at);

    private static MarketObservationRecord Observation(DateTimeOffset at) =>
        new("X1-A1", "IRON_ORE", "EXPORT", 100, 90, 60, "MODERATE", "STRONG", at);
}
