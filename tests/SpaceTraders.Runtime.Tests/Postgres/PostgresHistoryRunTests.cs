using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// One database, two runs of the same agent (a restart): a history of one run (<see cref="PostgresHistory.RunId"/>)
/// reads that run's sessions, requests, credit movements, span, timeline, pauses, ships and reports only; a history of
/// every run reads them all, with rows written without a run id.
/// </summary>
[TestFixture]
public sealed class PostgresHistoryRunTests
{
    private const string Reset = "2026-01-01";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Older = new("b0000000-0000-0000-0000-00000000000a");
    private static readonly Guid Newer = new("a0000000-0000-0000-0000-00000000000b");   // sorts first as a uuid: the runs are ordered by time

    private string _connectionString = null!;

    private static CancellationToken Ct => CancellationToken.None;

    [OneTimeSetUp]
    public async Task WriteTwoRunsAsync()
    {
        var options = await PostgresFixture.NewDatabaseAsync();
        _connectionString = options.ConnectionString!;
        await using var store = new PostgresStore(options);
        await store.InitializeAsync(Ct);

        // Before run ids: one request, one movement.
        store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0.AddHours(-1)));
        store.Append(new CreditMovementRecord(null, "ALPHA", "sell", 5, 100_005, null, null, null, T0.AddHours(-1)));

        // The older run: an hour, two ships, 60 requests, credits 100,000 -> 106,000, one pause.
        Write(store, Older, T0, ["ALPHA-1", "ALPHA-2"], requests: 60, startCredits: 100_000, step: 100, pause: true);

        // The newer run, two hours later: one ship, 30 requests, credits 50,000 -> 47,000.
        Write(store, Newer, T0.AddHours(2), ["ALPHA-1"], requests: 30, startCredits: 50_000, step: -100, pause: false);
        store.Append(new AgentSnapshotRecord("ALPHA", 47_000, "{}", T0.AddHours(3)) { Reset = Reset });
        await store.FlushAsync(Ct);
    }

    [Test]
    public async Task The_runs_are_listed_oldest_first_with_their_span_and_agent()
    {
        await using var history = new PostgresHistory(_connectionString);

        var runs = await history.GetRunsAsync(Ct);

        Assert.That(runs.Select(r => (r.RunId, r.FirstAt, r.LastAt, string.Join(",", r.Agents))), Is.EqualTo(new[]
        {
            (Older, T0, T0.AddMinutes(60), "ALPHA"),
            (Newer, T0.AddHours(2), T0.AddHours(2).AddMinutes(30), "ALPHA"),
        }));
    }

    [Test]
    public async Task A_history_of_one_run_reads_that_run_only()
    {
        await using var older = new PostgresHistory(_connectionString) { RunId = Older };
        await using var newer = new PostgresHistory(_connectionString) { RunId = Newer };

        var olderSpan = await older.GetSpanAsync(Ct);
        var newerSpan = await newer.GetSpanAsync(Ct);
        var olderTimeline = await older.GetTimelineAsync("ALPHA", 720, Ct);
        var newerTimeline = await newer.GetTimelineAsync("ALPHA", 720, Ct);
        var olderSessions = await older.GetSessionReportsAsync(SessionQuery.All, T0.AddHours(4), Ct);
        var olderGroups = await older.GetGroupReportsAsync(ReportGrouping.Ship, T0.AddHours(4), Reset, Ct);
        var newerGroups = await newer.GetGroupReportsAsync(ReportGrouping.Ship, T0.AddHours(4), Ct);
        var olderShips = await older.GetShipsAsync(Ct);
        var newerShips = await newer.GetShipsAsync(Ct);
        var olderAgents = await older.GetAgentsAsync(Ct);
        var olderControls = await older.GetControlEventsAsync(10, Ct);
        var newerControls = await newer.GetControlEventsAsync(10, Ct);
        var olderMovements = await older.GetCreditMovementsAsync("ALPHA", Ct);
        var olderShipRequests = await older.GetShipRequestsAsync("ALPHA-1", 1000, Ct);
        var newerShipMovements = await newer.GetShipCreditMovementsAsync("ALPHA-1", 1000, Ct);
        var olderFigures = await older.GetRequestFiguresAsync(new RequestQuery(), Ct);
        var newerMinutes = await newer.GetSaturationAsync(T0.AddHours(-2), T0.AddHours(4), Ct);
        var olderReset = await older.GetCurrentResetAsync(Ct);
        var olderResets = await older.GetResetsAsync(Ct);

        Assert.Multiple(() =>
        {
            Assert.That(olderSpan, Is.EqualTo((T0, T0.AddMinutes(60))), "the run's first and last record, not the database's");
            Assert.That(newerSpan, Is.EqualTo((T0.AddHours(2), T0.AddHours(2).AddMinutes(30))));
            Assert.That(olderTimeline.Sum(p => p.Requests), Is.EqualTo(60));
            Assert.That(olderTimeline[0].Start, Is.EqualTo(T0.AddMinutes(1)), "the run's first request, not the earliest row's");
            Assert.That((olderTimeline[0].Credits - olderTimeline[0].CreditsEarned, olderTimeline[^1].Credits), Is.EqualTo((100_000L, 106_000L)));
            Assert.That(olderTimeline[^1].Ships, Is.EqualTo(2));
            Assert.That(newerTimeline.Sum(p => p.Requests), Is.EqualTo(30));
            Assert.That((newerTimeline[0].Credits - newerTimeline[0].CreditsEarned, newerTimeline[^1].Credits), Is.EqualTo((50_000L, 47_000L)));
            Assert.That(newerTimeline[^1].Ships, Is.EqualTo(1));
            Assert.That(olderSessions.Select(s => s.RunId).Distinct(), Is.EqualTo(new Guid?[] { Older }));
            Assert.That(olderSessions.Sum(s => s.Requests), Is.EqualTo(60));
            Assert.That(olderGroups.Select(g => (g.Key, g.Requests)), Is.EqualTo(new[] { ("ALPHA-1", 30L), ("ALPHA-2", 30L) }));
            Assert.That(newerGroups.Select(g => (g.Key, g.Requests, g.CreditsEarned)), Is.EqualTo(new[] { ("ALPHA-1", 30L, -3_000L) }));
            Assert.That(olderShips.Select(s => s.Symbol), Is.EqualTo(new[] { "ALPHA-1", "ALPHA-2" }));
            Assert.That(newerShips.Select(s => s.Symbol), Is.EqualTo(new[] { "ALPHA-1" }));
            Assert.That(olderAgents.Select(a => a.Symbol), Is.EqualTo(new[] { "ALPHA" }));
            Assert.That(olderReset, Is.EqualTo(Reset));
            Assert.That(olderResets, Is.EqualTo(new[] { Reset }));
            Assert.That(olderControls.Select(c => c.Kind), Is.EqualTo(new[] { "paused" }));
            Assert.That(newerControls, Is.Empty, "the older run's pause is not the newer's");
            Assert.That(olderMovements, Has.Count.EqualTo(60));
            Assert.That(olderShipRequests, Has.Count.EqualTo(30));
            Assert.That(newerShipMovements, Has.Count.EqualTo(30));
            Assert.That(olderFigures.Requests, Is.EqualTo(60));
            Assert.That(newerMinutes.Sum(m => m.Requests), Is.EqualTo(30));
        });
    }

    [Test]
    public async Task A_history_of_every_run_reads_them_all_with_the_rows_without_a_run()
    {
        await using var all = new PostgresHistory(_connectionString);

        var span = await all.GetSpanAsync(Ct);
        var timeline = await all.GetTimelineAsync("ALPHA", 720, Ct);
        var groups = await all.GetGroupReportsAsync(ReportGrouping.Ship, T0.AddHours(4), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(all.RunId, Is.Null);
            Assert.That(span, Is.EqualTo((T0.AddHours(-1), T0.AddHours(2).AddMinutes(30))));
            Assert.That(timeline.Sum(p => p.Requests), Is.EqualTo(90), "the current reset's: the row from before resets were recorded has none");
            Assert.That(groups.Select(g => (g.Key, g.Requests)), Is.EqualTo(new[] { ("ALPHA-1", 60L), ("ALPHA-2", 30L) }));
        });
    }

    [Test]
    public async Task The_timeline_is_the_current_reset_s_as_live_where_a_new_game_starts_again()
    {
        // One run through a server reset: the first game ends at 106,000 credits after spending 20,000 on a ship, the
        // second starts again from 175,000 with a new agent and loses 3,000.
        var options = await PostgresFixture.NewDatabaseAsync();
        await using (var store = new PostgresStore(options))
        {
            await store.InitializeAsync(Ct);
            Write(store, Older, T0, ["ALPHA-1", "ALPHA-2"], requests: 60, startCredits: 100_000, step: 100, pause: false, reset: "2026-01-01");
            store.Append(new CreditMovementRecord(null, "ALPHA", CreditCauses.ShipPurchase, -20_000, 86_000, "ALPHA-3", null, null, T0.AddMinutes(61)) { RunId = Older, Reset = "2026-01-01" });
            Write(store, Older, T0.AddHours(2), ["ALPHA-1"], requests: 30, startCredits: 175_000, step: -100, pause: false, reset: "2026-01-08");
            await store.FlushAsync(Ct);
        }

        await using var history = new PostgresHistory(options.ConnectionString!) { RunId = Older };
        await using var all = new PostgresHistory(options.ConnectionString!);
        var timeline = await history.GetTimelineAsync("ALPHA", 720, Ct);
        var allTimeline = await all.GetTimelineAsync("ALPHA", 720, Ct);

        Assert.Multiple(() =>
        {
            foreach (var points in new[] { timeline, allTimeline })
            {
                Assert.That(points.Sum(p => p.Requests), Is.EqualTo(30), "the second game's requests only");
                Assert.That(points[0].Start, Is.EqualTo(T0.AddHours(2).AddMinutes(1)), "from the second game's first record");
                Assert.That((points[0].Credits - points[0].CreditsEarned, points[^1].Credits), Is.EqualTo((175_000L, 172_000L)));
                Assert.That(points[^1].CapitalSpent, Is.Zero, "the first game's ship is not this game's capital");
                Assert.That(points[^1].Ships, Is.EqualTo(1));
            }
        });
    }

    /// <summary>One run: a session per ship, <paramref name="requests"/> requests and as many credit movements spread over its ships a minute apart.</summary>
    private static void Write(PostgresStore store, Guid run, DateTimeOffset start, string[] ships, int requests, long startCredits, long step, bool pause, string reset = Reset)
    {
        store.Append(new AgentSnapshotRecord("ALPHA", startCredits, "{}", start) { Reset = reset });
        // A session id per run, start and ship: a run that plays on after a reset starts new sessions for the same ships.
        var sessions = ships.Select((ship, i) => (Ship: ship, Id: new Guid(run.ToByteArray()[..12].Concat(BitConverter.GetBytes(i + ((int)(start - T0).TotalMinutes * 1000))).ToArray()))).ToList();
        foreach (var (ship, id) in sessions)
        {
            store.Append(new SessionStartedRecord(id, "ALPHA", ship, "SHIP_MINING_DRONE", "mine", "v1", "fleet@v1", "node-a", start) { RunId = run, Reset = reset });
            store.Append(new ShipPartsRecord("ALPHA", ship, [new ShipPartValue("fuel", 1, """{"current":5}""")], start) { Reset = reset });
        }

        var credits = startCredits;
        for (var i = 1; i <= requests; i++)
        {
            var (ship, id) = sessions[i % sessions.Count];
            var at = start.AddMinutes(i);
            credits += step;
            store.Append(new RequestRecordedRecord(id, "ALPHA", "POST", "/my/ships/{shipSymbol}/extract", 201, "Normal", TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(100), 1, 0, false, at) { RunId = run, Reset = reset });
            store.Append(new CreditMovementRecord(id, "ALPHA", "sell", step, credits, ship, "IRON_ORE", 1, at) { RunId = run, Reset = reset });
        }

        var end = start.AddMinutes(requests);
        foreach (var (_, id) in sessions)
        {
            store.Append(new SessionEndedRecord(id, pause && id == sessions[0].Id ? SessionOutcome.Paused : SessionOutcome.Completed, null, end));
        }
    }
}
