using Npgsql;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>Session outcomes in PostgreSQL: written by name, read back whatever the case, unknown names read as <see cref="SessionOutcome.Unknown"/>.</summary>
[TestFixture]
public sealed class PostgresOutcomeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Every_outcome_is_stored_by_its_name_and_reads_back()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var outcomes = Enum.GetValues<SessionOutcome>().Where(o => o != SessionOutcome.Unknown).ToArray();
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            for (var i = 0; i < outcomes.Length; i++)
            {
                var session = Session(i);
                store.Append(new SessionStartedRecord(session, "ALPHA", $"ALPHA-{i + 1}", null, "mine", "v1", null, "node-a", T0.AddMinutes(i)));
                store.Append(new SessionEndedRecord(session, outcomes[i], null, T0.AddMinutes(i).AddSeconds(30)));
            }

            await store.FlushAsync(Ct);
            var reports = await store.GetSessionReportsAsync(SessionQuery.All, T0.AddHours(1), Ct);
            Assert.That(reports.Select(r => r.Outcome), Is.EqualTo(outcomes.Select(o => (SessionOutcome?)o)));
        }

        var stored = await TestDatabase.QueryAsync(options.ConnectionString!, "SELECT outcome FROM spacetraders.sessions ORDER BY started_ticks", r => r.GetString(0));
        Assert.That(stored, Is.EqualTo(new[] { "completed", "idle", "failed", "cancelled", "paused", "reset", "abandoned", "lease-lost" }), "the names databases already hold");
    }

    [Test]
    public async Task A_stored_name_reads_whatever_its_case_and_an_unknown_one_reads_as_unknown()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            store.Append(new SessionStartedRecord(Session(i), "ALPHA", $"ALPHA-{i + 1}", null, "mine", "v1", null, "node-a", T0.AddMinutes(i)));
            store.Append(new SessionEndedRecord(Session(i), SessionOutcome.Completed, null, T0.AddMinutes(i).AddSeconds(30)));
        }

        await store.FlushAsync(Ct);

        // As an older version, a hand edit or a newer version might have written them.
        await using (var connection = new NpgsqlConnection(options.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(
                "UPDATE spacetraders.sessions SET outcome = CASE ship_symbol WHEN 'ALPHA-1' THEN 'Lease-Lost' WHEN 'ALPHA-2' THEN 'PAUSED' ELSE 'evicted' END",
                connection);
            Assert.That(await command.ExecuteNonQueryAsync(Ct), Is.EqualTo(3));
        }

        var reports = await store.GetSessionReportsAsync(SessionQuery.All, T0.AddHours(1), Ct);

        Assert.That(reports.Select(r => (r.ShipSymbol, r.Outcome)), Is.EqualTo(new (string, SessionOutcome?)[]
        {
            ("ALPHA-1", SessionOutcome.LeaseLost),
            ("ALPHA-2", SessionOutcome.Paused),
            ("ALPHA-3", SessionOutcome.Unknown),
        }));
        var stored = await TestDatabase.QueryAsync(options.ConnectionString!, "SELECT outcome FROM spacetraders.sessions WHERE ship_symbol = 'ALPHA-3'", r => r.GetString(0));
        Assert.That(stored, Is.EqualTo(new[] { "evicted" }), "reading changes nothing");
    }

    private static Guid Session(int i) => new($"00000000-0000-0000-0000-{i + 1:D12}");
}
