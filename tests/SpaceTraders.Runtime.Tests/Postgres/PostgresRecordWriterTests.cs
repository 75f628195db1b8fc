using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The stores' writers per record type: every runtime record type has one in each backend; an unknown type is dropped alone.</summary>
[TestFixture]
public sealed class PostgresRecordWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public void Every_record_type_of_the_runtime_has_a_writer()
    {
        var recordTypes = typeof(StoreRecord).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(StoreRecord)) && !t.IsAbstract)
            .ToList();

        Assert.That(recordTypes, Has.Count.EqualTo(7));
        Assert.That(recordTypes.Where(t => !PostgresRecordWriters.Default.Knows(t)), Is.Empty, "PostgreSQL");
        Assert.That(new InMemoryStore().RecordTypes, Is.EquivalentTo(recordTypes), "in memory");
    }

    [Test]
    public void Two_writers_for_one_record_type_are_refused() =>
        Assert.That(() => new PostgresRecordWriters(new RequestRecordedWriter(), new RequestRecordedWriter()), Throws.ArgumentException);

    [Test]
    public async Task A_record_type_without_a_writer_is_dropped_and_the_others_are_written()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        var durable = 0;

        store.Append(new UnknownRecord(T0) { OnDurable = () => durable++ });
        store.Append(new AgentSnapshotRecord("ALPHA", 1000, "{}", T0) { OnDurable = () => durable++ });
        await store.FlushAsync(Ct);

        Assert.That(store.Health.Pending, Is.Zero);
        Assert.That(store.GetStatistics().RowsWritten, Is.EqualTo(new Dictionary<string, long> { [StoreTables.Agents] = 1 }));
        Assert.That(durable, Is.EqualTo(1), "every written record's callback runs, not only ship parts'");
    }

    [Test]
    public void Past_the_bound_the_outbox_drops_requests_then_observations_in_the_writers_order_and_nothing_else()
    {
        Assert.That(PostgresRecordWriters.Default.Sheddable, Is.EqualTo(new[] { typeof(RequestRecordedRecord), typeof(MarketObservationRecord) }));
        var outbox = new PostgresOutbox(bound: 3, PostgresRecordWriters.Default.Sheddable);
        var observation = new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 10, 9, 60, "MODERATE", null, T0);
        var request = new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0);
        CreditMovementRecord Movement(int i) => new(null, "ALPHA", "sell", i, 1000 + i, null, null, null, T0.AddSeconds(i));

        outbox.Enqueue(observation);
        outbox.Enqueue(request);
        outbox.Enqueue(Movement(1));
        var past = outbox.Enqueue(Movement(2));
        var requestsFirst = (outbox.Dropped(typeof(RequestRecordedRecord)), outbox.Dropped(typeof(MarketObservationRecord)));
        outbox.Enqueue(Movement(3));
        var thenObservations = (outbox.Dropped(typeof(RequestRecordedRecord)), outbox.Dropped(typeof(MarketObservationRecord)));
        outbox.Enqueue(Movement(4));

        Assert.That(past.ReachedBound, Is.True);
        Assert.That(requestsFirst, Is.EqualTo((1L, 0L)));
        Assert.That(thenObservations, Is.EqualTo((1L, 1L)));
        Assert.That((outbox.DroppedTotal, outbox.Pending), Is.EqualTo((2L, 4)), "movements are never dropped: the queue grows past the bound");
        Assert.That(outbox.Take(10).Select(e => e.Record), Is.All.InstanceOf<CreditMovementRecord>());
    }

    private sealed record UnknownRecord(DateTimeOffset At) : StoreRecord(At);
}
