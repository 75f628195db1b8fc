using Npgsql;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Migration 6: every session's requests and net credits (<c>spacetraders.session_counts</c>), kept by triggers, from which
/// the store reads every session; and the indexes the history's span reads.
/// </summary>
[TestFixture]
public sealed class PostgresSessionCountsTests
{
    /// <summary>Not on a whole minute.</summary>
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(137_000_123);

    private static readonly string[] Priorities = ["Critical", "Normal", "Background"];

    private static readonly Guid?[] Sessions = [.. Enumerable.Range(1, 9).Select(i => (Guid?)new Guid(i, 0, 0, new byte[8]))];

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>Every session's requests and net credits counted from the rows, as the session_totals view counts them.</summary>
    private const string SessionCountsFromRows = """
        SELECT session_id || ' ' || (SELECT count(*) FROM spacetraders.requests q WHERE q.session_id = s.session_id) || ' '
               || (SELECT coalesce(sum(amount), 0) FROM spacetraders.credit_movements m WHERE m.session_id = s.session_id)
        FROM (SELECT session_id FROM spacetraders.requests WHERE session_id IS NOT NULL
              UNION SELECT session_id FROM spacetraders.credit_movements WHERE session_id IS NOT NULL) s
        ORDER BY 1
        """;

    private const string SessionCounts = "SELECT session_id || ' ' || requests || ' ' || credits_earned FROM spacetraders.session_counts ORDER BY 1";

    [Test]
    public async Task The_session_counts_agree_with_the_rows_after_every_flush_and_a_retried_batch()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        var random = new Random(12);
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            for (var flush = 0; flush < 5; flush++)
            {
                // Each flush adds to sessions written before, and to new ones.
                foreach (var request in Requests(random, 300, TimeSpan.FromMinutes(40)))
                {
                    store.Append(request);
                }

                for (var i = 0; i < 40; i++)
                {
                    store.Append(new CreditMovementRecord(Sessions[random.Next(Sessions.Length)], "ALPHA", "sell", random.Next(-500, 2000), 0, null, null, null, T0.AddSeconds(random.Next(2400))));
                }

                await store.FlushAsync(Ct);
                Assert.That(await RowsAsync(cs, SessionCounts), Is.EqualTo(await RowsAsync(cs, SessionCountsFromRows)), $"session counts after flush {flush}");
            }
        }

        // A batch retried after an unknown outcome inserts nothing twice, and so adds nothing to the counts.
        var before = await RowsAsync(cs, SessionCounts);
        Assert.That(before, Is.Not.Empty);
        await ExecuteAsync(cs, """
            INSERT INTO spacetraders.requests (writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority,
                                               queue_wait_ticks, duration_ticks, attempts, rate_limited, delayed, at_ticks)
            SELECT writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority,
                   queue_wait_ticks, duration_ticks, attempts, rate_limited, delayed, at_ticks
            FROM spacetraders.requests
            ON CONFLICT DO NOTHING;
            INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after, at_ticks)
            SELECT writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after, at_ticks
            FROM spacetraders.credit_movements
            ON CONFLICT DO NOTHING
            """);

        Assert.That(await RowsAsync(cs, SessionCounts), Is.EqualTo(before));
        Assert.That(await RowsAsync(cs, SessionCounts), Is.EqualTo(await RowsAsync(cs, SessionCountsFromRows)));
    }

    [Test]
    public async Task Every_session_and_every_group_read_the_same_from_the_counts_as_from_the_rows()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        var random = new Random(3);
        var asOf = T0.AddHours(2);
        IReadOnlyList<SessionReport> counted;
        var countedGroups = new List<GroupReport>();
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            for (var i = 0; i < Sessions.Length; i++)
            {
                store.Append(new SessionStartedRecord(Sessions[i]!.Value, "ALPHA", $"ALPHA-{i % 4}", "HAULER", i % 2 == 0 ? "trade" : "mine", "1", null, "node-a", T0.AddMinutes(i)));
                if (i % 3 != 0)
                {
                    store.Append(new SessionEndedRecord(Sessions[i]!.Value, SessionOutcome.Completed, null, T0.AddMinutes(30 + i)));
                }
            }

            foreach (var request in Requests(random, 600, TimeSpan.FromMinutes(40)))
            {
                store.Append(request);
            }

            for (var i = 0; i < 80; i++)
            {
                store.Append(new CreditMovementRecord(Sessions[random.Next(Sessions.Length)], "ALPHA", "sell", random.Next(-500, 2000), 0, null, null, null, T0.AddSeconds(random.Next(2400))));
            }

            await store.FlushAsync(Ct);
            counted = await store.GetSessionReportsAsync(new SessionQuery(), asOf, Ct);
            foreach (var grouping in Enum.GetValues<ReportGrouping>())
            {
                countedGroups.AddRange(await store.GetGroupReportsAsync(grouping, asOf, null, Ct));
            }
        }

        // A database before migration 6 (which a history never migrates) has no counts: the reads group the rows instead.
        await ExecuteAsync(cs, "DROP TABLE spacetraders.session_counts CASCADE");
        IReadOnlyList<SessionReport> grouped;
        var groupedGroups = new List<GroupReport>();
        await using (var store = new PostgresStore(options))
        {
            grouped = await store.GetSessionReportsAsync(new SessionQuery(), asOf, Ct);
            foreach (var grouping in Enum.GetValues<ReportGrouping>())
            {
                groupedGroups.AddRange(await store.GetGroupReportsAsync(grouping, asOf, null, Ct));
            }
        }

        Assert.That(counted, Has.Count.EqualTo(Sessions.Length));
        Assert.That(counted.Sum(s => s.Requests), Is.GreaterThan(0));
        Assert.That(counted, Is.EqualTo(grouped));
        Assert.That(countedGroups, Is.EqualTo(groupedGroups).And.Not.Empty);
    }

    [Test]
    public async Task Migration_6_counts_the_sessions_of_a_database_at_version_5_and_the_writer_adds_to_them()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(Ct);
            var sql = "CREATE SCHEMA spacetraders; CREATE TABLE spacetraders.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                + string.Concat(PostgresSchema.Migrations.Where(m => m.Version <= 5).Select(m => m.Sql))
                + "INSERT INTO spacetraders.schema_migrations (version, name) VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five');";
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            // Rows written by a build before migration 6.
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO spacetraders.requests (writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority,
                                                   queue_wait_ticks, duration_ticks, attempts, rate_limited, delayed, at_ticks)
                SELECT '00000000-0000-0000-0000-000000000001', i, CASE WHEN i % 3 = 0 THEN NULL ELSE md5((i % 17)::text)::uuid END, CASE WHEN i % 5 = 0 THEN 'BETA' ELSE 'ALPHA' END, 'GET', '/my/agent', 200,
                       (ARRAY['Critical', 'Normal', 'Background'])[1 + i % 3], (i % 7) * 1000000, 0, 1, i % 11 / 10, i % 4 = 0,
                       @t0 + i * 3000000
                FROM generate_series(1::bigint, 2000) i
                """,
                connection))
            {
                insert.Parameters.AddWithValue("t0", T0.UtcTicks);
                await insert.ExecuteNonQueryAsync(Ct);
            }

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after, at_ticks)
                SELECT '00000000-0000-0000-0000-000000000002', i, CASE WHEN i % 4 = 0 THEN NULL ELSE md5((i % 23)::text)::uuid END,
                       'ALPHA', 'sell', i * 7 - 300, 0, @t0 + i * 50000000
                FROM generate_series(1::bigint, 300) i
                """,
                connection))
            {
                insert.Parameters.AddWithValue("t0", T0.UtcTicks);
                await insert.ExecuteNonQueryAsync(Ct);
            }

            var applied = await PostgresSchema.MigrateAsync(connection, Ct);
            Assert.That(applied, Is.EqualTo(new[] { 6 }));
        }

        Assert.That(await RowsAsync(cs, SessionCounts), Is.EqualTo(await RowsAsync(cs, SessionCountsFromRows)).And.Not.Empty, "the migration counted the sessions already there");

        // And the store writes on it, into sessions the migration counted and new ones.
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            foreach (var request in Requests(new Random(5), 500, TimeSpan.FromMinutes(120)))
            {
                store.Append(request);
            }

            await store.FlushAsync(Ct);
        }

        Assert.That(await RowsAsync(cs, SessionCounts), Is.EqualTo(await RowsAsync(cs, SessionCountsFromRows)));
    }

    [Test]
    public async Task The_history_span_reads_credit_movements_and_session_ends_through_indexes()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        var cs = options.ConnectionString!;
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
        }

        await ExecuteAsync(cs, """
            INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, agent_symbol, kind, amount, balance_after, at_ticks)
            SELECT gen_random_uuid(), i, 'ALPHA', 'sell', 1, i, 638000000000000000 + i * 10000000 FROM generate_series(1::bigint, 20000) i;
            INSERT INTO spacetraders.sessions (session_id, agent_symbol, ship_symbol, behaviour_id, behaviour_version, node,
                                               started_ticks, ended_ticks, start_writer_seq)
            SELECT gen_random_uuid(), 'ALPHA', 'ALPHA-' || (i % 50), 'trade', '1', 'node-a', 638000000000000000 + i * 10000000,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE 638000000000000000 + i * 10000000 + 5000000 END, i
            FROM generate_series(1::bigint, 20000) i;
            ANALYZE spacetraders.credit_movements;
            ANALYZE spacetraders.sessions;
            """);

        var movements = string.Join('\n', await TestDatabase.QueryAsync(cs, "EXPLAIN SELECT min(at_ticks), max(at_ticks) FROM spacetraders.credit_movements", r => r.GetString(0)));
        var sessions = string.Join('\n', await TestDatabase.QueryAsync(cs, "EXPLAIN SELECT max(coalesce(ended_ticks, started_ticks)) FROM spacetraders.sessions", r => r.GetString(0)));

        Assert.Multiple(() =>
        {
            Assert.That(movements, Does.Contain("credit_movements_at").And.Not.Contain("Seq Scan"), movements);
            Assert.That(sessions, Does.Contain("sessions_last").And.Not.Contain("Seq Scan"), sessions);
        });

        await using var history = new PostgresHistory(cs);
        var span = await history.GetSpanAsync(Ct);
        Assert.That(span, Is.EqualTo((Time(638000000000000000 + 10000000), Time(638000000000000000 + (20000 * 10000000L) + 5000000))));
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Requests of two agents over <paramref name="span"/> from <see cref="T0"/>, some without a session.</summary>
    private static IEnumerable<RequestRecordedRecord> Requests(Random random, int count, TimeSpan span)
    {
        for (var i = 0; i < count; i++)
        {
            var wait = random.Next(4) switch
            {
                0 => TimeSpan.Zero,
                1 => TimeSpan.FromTicks(random.Next(1, 30) * 1_000_000L),
                2 => TimeSpan.FromTicks(random.Next(1, 5_000_000)),
                _ => TimeSpan.FromTicks(random.Next(1, 4) * 10_000_000L),
            };
            var limited = random.Next(10) == 0 ? 1 + random.Next(2) : 0;
            yield return new RequestRecordedRecord(
                random.Next(4) == 0 ? null : Sessions[random.Next(Sessions.Length)],
                random.Next(6) == 0 ? "BETA" : "ALPHA",
                "GET",
                "/my/ships",
                limited > 0 ? 429 : 200,
                Priorities[random.Next(Priorities.Length)],
                wait,
                TimeSpan.FromMilliseconds(random.Next(50, 400)),
                1 + limited,
                limited,
                random.Next(5) == 0,
                T0.AddTicks((long)(random.NextDouble() * span.Ticks)));
        }
    }

    private static Task<List<string>> RowsAsync(string connectionString, string sql) => TestDatabase.QueryAsync(connectionString, sql, r => r.GetString(0));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
