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

    private sealed record UnknownRecord(DateTimeOffset At) : StoreRecord(At);
}
