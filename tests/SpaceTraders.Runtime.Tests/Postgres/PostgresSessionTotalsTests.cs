using Npgsql;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Every session's requests and credits, read for the whole fleet (counted in one pass over the requests and credit
/// movements) and for one ship at a time (the <c>session_totals</c> view's probes), are the same figures: a week's
/// worth of sessions is seeded with SQL, with sessions that made no request, moved no credit, or both.
/// </summary>
[TestFixture]
public sealed class PostgresSessionTotalsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Test]
    public async Task The_fleet_reads_the_same_session_totals_as_one_ship_at_a_time()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);
        await SeedAsync(options.ConnectionString!);

        var asOf = new DateTimeOffset(2026, 1, 8, 0, 0, 0, TimeSpan.Zero);
        var all = await store.GetSessionReportsAsync(SessionQuery.All, asOf, Ct);
        var oneAtATime = new List<SessionReport>();
        foreach (var ship in all.Select(s => s.ShipSymbol).Distinct().Order(StringComparer.Ordinal))
        {
            oneAtATime.AddRange(await store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship), asOf, Ct));
        }

        var byId = oneAtATime.ToDictionary(s => s.SessionId);
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(3000));
            Assert.That(all.Sum(s => s.Requests), Is.EqualTo(40_000 - 4_000), "every request with a session (one in ten has none)");
            Assert.That(all.Count(s => s.Requests == 0), Is.GreaterThan(0), "sessions without a request count 0");
            Assert.That(all.Count(s => s.CreditsEarned == 0), Is.GreaterThan(0), "sessions without a movement earn 0");
            Assert.That(all, Is.EqualTo(all.OrderBy(s => s.StartedAt).ThenBy(s => s.SessionId)), "by start, then by id");
            Assert.That(all, Is.EqualTo(all.Select(s => byId[s.SessionId])), "the same records as the view's");
        });

        var groups = await store.GetGroupReportsAsync(ReportGrouping.Behaviour, asOf, Ct);
        Assert.That(
            groups.Select(g => (g.Key, g.Sessions, g.Requests, g.CreditsEarned)),
            Is.EqualTo(all.GroupBy(s => s.BehaviourId + "@" + s.BehaviourVersion).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), g.Sum(s => s.Requests), g.Sum(s => s.CreditsEarned)))));
    }

    /// <summary>3,000 sessions of 30 ships over 7 days; 40,000 requests and 12,000 credit movements, some without a session.</summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var seed = new NpgsqlCommand(
            """
            INSERT INTO spacetraders.sessions (session_id, agent_symbol, ship_symbol, ship_type, behaviour_id, behaviour_version, conductor, node,
                started_ticks, ended_ticks, outcome, start_writer_seq, reset)
            SELECT md5('session' || g)::uuid, 'SEEDED', 'SEEDED-' || (g % 30), 'SHIP_PROBE', (ARRAY['trade', 'mine', 'siphon'])[1 + g % 3], 'week12',
                   'week12@week12', 'node-a', 639028224000000000 + g::bigint * 2016000000, CASE WHEN g % 100 = 0 THEN NULL ELSE 639028224000000000 + g::bigint * 2016000000 + 1800000000 END,
                   CASE WHEN g % 100 = 0 THEN NULL ELSE 'completed' END, g, '2026-01-01'
            FROM generate_series(1, 3000) g;
            INSERT INTO spacetraders.requests (writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority, queue_wait_ticks,
                duration_ticks, attempts, rate_limited, delayed, at_ticks, reset)
            SELECT '00000000-0000-0000-0000-000000000001', g, CASE WHEN g % 10 = 0 THEN NULL ELSE md5('session' || (1 + (g * 7) % 2900))::uuid END,
                   'SEEDED', 'GET', '/my/ships', 200, 'Normal', g % 50, 0, 1, 0, false, 639028224000000000 + g::bigint * 151200000, '2026-01-01'
            FROM generate_series(1, 40000) g;
            INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after, at_ticks, reset)
            SELECT '00000000-0000-0000-0000-000000000002', g, CASE WHEN g % 20 = 0 THEN NULL ELSE md5('session' || (1 + (g * 13) % 2500))::uuid END,
                   'SEEDED', 'sell', (g % 400) - 100, 175000 + g, 639028224000000000 + g::bigint * 504000000, '2026-01-01'
            FROM generate_series(1, 12000) g;
            """,
            connection);
        await seed.ExecuteNonQueryAsync(Ct);
    }
}
