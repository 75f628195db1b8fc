using System.Runtime.CompilerServices;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>
/// The in-memory store keeps credit movements, sessions and market hours in compact rows (ids for names, one shared
/// row for what sessions share, requests in 16 bytes): what it gives back must be what was written, field for field.
/// </summary>
[TestFixture]
public sealed class InMemoryStoreCompactionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid S1 = new("11111111-1111-1111-1111-111111111111");
    private static readonly Guid S2 = new("22222222-2222-2222-2222-222222222222");
    private static readonly Guid RunA = new("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
    private static readonly Guid RunB = new("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb");

    private static CancellationToken Ct => CancellationToken.None;

    [Test]
    public async Task Credit_movements_read_back_field_for_field_in_time_order()
    {
        var store = new InMemoryStore();
        CreditMovementRecord[] written =
        [
            new(S1, "ALPHA", "sell", 3000, 103_000, "ALPHA-1", "IRON_ORE", 30, T0.AddMinutes(10)) { RunId = RunA, Node = "node-a", Reset = "2026-01-01" },
            new(null, "ALPHA", "ship-purchase", -20_000, 83_000, "ALPHA-3", null, null, T0.AddMinutes(20)) { RunId = RunA, Node = "node-a", Reset = "2026-01-01" },
            new(S2, "ALPHA", "refuel", -72, 82_928, null, "FUEL", 0, T0.AddMinutes(30)) { RunId = RunB, Node = null, Reset = null },
            new(null, "ALPHA", "sync", long.MinValue + 1, long.MaxValue, null, null, int.MaxValue, T0.AddMinutes(40)),

            // An offset other than UTC keeps its offset; compared and ordered by its UTC instant (05:35 UTC, after the others).
            new(S1, "ALPHA", "sell", 5, 82_933, "ALPHA-1", "IRON_ORE", -1, new DateTimeOffset(2026, 1, 1, 7, 35, 0, TimeSpan.FromHours(2))) { RunId = RunA, Node = "node-b" },
        ];
        foreach (var movement in written)
        {
            store.Append(movement);
        }

        store.Append(new CreditMovementRecord(S1, "BRAVO", "sell", 1, 2, "BRAVO-1", "IRON_ORE", 1, T0));

        var read = await store.GetCreditMovementsAsync("ALPHA", Ct);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(written), "every field, in time order");
            Assert.That(read.Select(m => m.At.Offset), Is.EqualTo(written.Select(m => m.At.Offset)), "the offsets");
            Assert.That(read[4].At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("2026-01-01T07:35:00.0000000+02:00"));
        });
    }

    [Test]
    public async Task A_late_movement_takes_its_place_in_time_and_an_earlier_read_does_not_change()
    {
        var store = new InMemoryStore();

        // More movements than fit in a chunk of the store's log, so the late one moves entries across chunks.
        var written = Enumerable.Range(0, 2500)
            .Select(i => new CreditMovementRecord(i % 2 == 0 ? S1 : null, "ALPHA", "sell", i, 1000 + i, "ALPHA-" + (i % 7), "GOOD_" + (i % 3), i, T0.AddSeconds(i * 10)) { RunId = RunA })
            .ToList();
        foreach (var movement in written)
        {
            store.Append(movement);
        }

        var before = await store.GetCreditMovementsAsync("ALPHA", Ct);
        var beforeRecords = before.ToList();

        // Arrives late: its time lies between the 3rd and the 4th, and equal to the 3rd's it goes after it.
        var late = new CreditMovementRecord(S2, "ALPHA", "purchase", -9, 5, "ALPHA-9", "FUEL", 9, T0.AddSeconds(20)) { RunId = RunB };
        store.Append(late);
        var after = await store.GetCreditMovementsAsync("ALPHA", Ct);

        Assert.Multiple(() =>
        {
            Assert.That(before.ToList(), Is.EqualTo(beforeRecords), "a list already read does not see the late movement");
            Assert.That(before, Has.Count.EqualTo(2500));
            Assert.That(after, Is.EqualTo(written.Take(3).Append(late).Concat(written.Skip(3))));
        });
    }

    [Test]
    public async Task Credits_over_time_follow_the_kept_movements()
    {
        var store = new InMemoryStore();
        store.Append(new CreditMovementRecord(S1, "ALPHA", "sell", 10, 110, "ALPHA-1", "IRON_ORE", 1, T0.AddSeconds(2)));
        store.Append(new CreditMovementRecord(S1, "ALPHA", "sell", 10, 100, "ALPHA-1", "IRON_ORE", 1, T0.AddSeconds(1)));

        var points = await store.GetCreditsOverTimeAsync("ALPHA", Ct);

        Assert.That(points, Is.EqualTo(new[] { new CreditPoint(T0.AddSeconds(1), 100), new CreditPoint(T0.AddSeconds(2), 110) }));
    }

    [Test]
    public async Task Session_reports_give_back_what_each_session_wrote_with_its_totals()
    {
        var store = new InMemoryStore();
        var first = new SessionStartedRecord(S1, "ALPHA", "ALPHA-1", "SHIP_PROBE", "scout", "week12", "week12@week12", "node-a", T0) { RunId = RunA, Reset = "2026-01-01" };
        var second = new SessionStartedRecord(S2, "ALPHA", "ALPHA-2", null, "trade", "week12", null, "node-b", T0.AddMinutes(1)) { RunId = null, Reset = null };

        // A request and a movement of S2 recorded before its start: its totals still count them.
        store.Append(new RequestRecordedRecord(S2, "ALPHA", "GET", "/my/ships", 200, "Normal", TimeSpan.Zero, TimeSpan.FromSeconds(1), 1, 0, false, T0.AddSeconds(30)));
        store.Append(new CreditMovementRecord(S2, "ALPHA", "sell", 40, 140, "ALPHA-2", "IRON_ORE", 4, T0.AddSeconds(31)));
        store.Append(first);
        store.Append(second);
        store.Append(new RequestRecordedRecord(S1, "ALPHA", "GET", "/markets", 200, "Normal", TimeSpan.Zero, TimeSpan.FromSeconds(1), 1, 0, false, T0.AddMinutes(2)));
        store.Append(new RequestRecordedRecord(S2, "ALPHA", "POST", "/sell", 200, "Normal", TimeSpan.Zero, TimeSpan.FromSeconds(1), 1, 0, false, T0.AddMinutes(2)));
        store.Append(new CreditMovementRecord(S2, "ALPHA", "sell", 60, 200, "ALPHA-2", "IRON_ORE", 6, T0.AddMinutes(2)));
        store.Append(new SessionEndedRecord(S1, SessionOutcome.Paused, string.Concat("paused by the conductor: ", "low CPR"), T0.AddMinutes(30)));

        var reports = await store.GetSessionReportsAsync(new SessionQuery(), T0.AddHours(1), Ct);

        Assert.That(reports, Is.EqualTo(new[]
        {
            new SessionReport(S1, "ALPHA", "ALPHA-1", "SHIP_PROBE", "scout", "week12", "week12@week12", T0, T0.AddMinutes(30), SessionOutcome.Paused, 1, 0, 0.5)
            {
                Node = "node-a",
                Reason = "paused by the conductor: low CPR",
                Reset = "2026-01-01",
                RunId = RunA,
            },
            new SessionReport(S2, "ALPHA", "ALPHA-2", null, "trade", "week12", null, T0.AddMinutes(1), null, null, 2, 100, 59.0 / 60)
            {
                Node = "node-b",
            },
        }));
        Assert.That(await store.GetSessionReportsAsync(new SessionQuery(RunId: RunA), T0.AddHours(1), Ct), Has.Count.EqualTo(1));
        Assert.That(await store.GetSessionReportsAsync(new SessionQuery(Reset: "2026-01-01"), T0.AddHours(1), Ct), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_hour_summary_keeps_the_latest_observation_of_its_hour()
    {
        var store = new InMemoryStore();
        store.Append(new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 10, 8, 60, "MODERATE", null, T0.AddMinutes(5)));
        store.Append(new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 14, 12, 80, "HIGH", null, T0.AddMinutes(20)));

        // Written last but observed earlier: not the hour's last.
        store.Append(new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 11, 9, 70, "SCARCE", null, T0.AddMinutes(10)));
        await store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);

        var summaries = await store.GetMarketHistoryAsync("X1-A1", "IRON_ORE", Ct);

        Assert.That(summaries, Is.EqualTo(new[] { new MarketHourSummary("X1-A1", "IRON_ORE", T0, 3, 10, 14, 35.0 / 3, 14, 8, 12, 29.0 / 3, 12, 80, "HIGH") }));
    }

    [Test]
    public void A_request_entry_takes_16_bytes() => Assert.That(Unsafe.SizeOf<RequestEntry>(), Is.EqualTo(16));

    /// <summary>Every value at and just past each packed limit (and the extremes of each type) reads back as written.</summary>
    [Test]
    public void A_request_entry_gives_back_what_it_was_made_of_at_and_past_its_limits()
    {
        long[] waits = [0, 1, RequestEntry.MaxQueueWaitTicks, RequestEntry.MaxQueueWaitTicks + 1, long.MaxValue, -1, long.MinValue];
        int[] counts = [0, 1, RequestEntry.MaxCount, RequestEntry.MaxCount + 1, ushort.MaxValue, int.MaxValue, -1, int.MinValue];
        long[] times = [0, T0.UtcTicks, DateTimeOffset.MaxValue.UtcTicks];
        var aside = new List<RequestCounts>();
        var made = new List<(RequestEntry Entry, long At, RequestCounts Counts, bool Delayed)>();
        foreach (var at in times)
        {
            foreach (var wait in waits)
            {
                foreach (var attempts in counts)
                {
                    foreach (var rateLimited in counts)
                    {
                        var written = new RequestCounts(wait, attempts, rateLimited);
                        var delayed = (made.Count % 3) == 0;
                        made.Add((RequestEntry.Create(at, written, delayed, aside), at, written, delayed));
                    }
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(made.Select(m => (m.Entry.AtTicks, m.Entry.Counts(aside), m.Entry.Delayed)), Is.EqualTo(made.Select(m => (m.At, m.Counts, m.Delayed))));
            Assert.That(aside, Has.Count.EqualTo(made.Count(m => m.Counts.QueueWaitTicks is < 0 or > RequestEntry.MaxQueueWaitTicks
                || m.Counts.Attempts is < 0 or > RequestEntry.MaxCount || m.Counts.RateLimited is < 0 or > RequestEntry.MaxCount)), "only what does not fit is kept aside");
        });
    }

    /// <summary>The request figures are those of the records written, whether their counts fit in the entry or went aside.</summary>
    [Test]
    public async Task Request_figures_are_those_of_the_written_requests_at_and_past_the_packed_limits()
    {
        var store = new InMemoryStore();
        var limit = TimeSpan.FromTicks(RequestEntry.MaxQueueWaitTicks);
        (TimeSpan Wait, int Attempts, int RateLimited)[] shapes =
        [
            (TimeSpan.Zero, 1, 0), (TimeSpan.FromTicks(1), 2, 1), (TimeSpan.FromMilliseconds(1234.5678), 15, 10), (limit, RequestEntry.MaxCount, RequestEntry.MaxCount),
            (limit + TimeSpan.FromTicks(1), RequestEntry.MaxCount + 1, RequestEntry.MaxCount + 1), (TimeSpan.FromDays(400), 70_000, 70_000), (TimeSpan.FromTicks(-1), 0, -5),
        ];
        var written = new List<RequestRecordedRecord>();
        for (var i = 0; i < 9000; i++)
        {
            var (wait, attempts, rateLimited) = shapes[i % shapes.Length];
            var record = new RequestRecordedRecord(null, i % 2 == 0 ? "ALPHA" : "BRAVO", "GET", "/my/agent", 200, "Normal", wait, TimeSpan.Zero, attempts, rateLimited, i % 5 == 0, T0.AddTicks(i * 7_777_777L))
            {
                Node = i % 3 == 0 ? "node-a" : "node-b",
                RunId = i % 4 == 0 ? RunA : null,
            };
            store.Append(record);
            written.Add(record);
        }

        var middle = written[4500].At;
        RequestQuery[] queries =
        [
            new(), new("ALPHA"), new("BRAVO", "node-a"), new(RunId: RunA), new(From: middle), new(To: middle),
            new(From: middle.AddTicks(1), To: written[^1].At), new("ALPHA", From: written[^1].At.AddTicks(1)),
        ];
        foreach (var query in queries)
        {
            var matching = written.Where(r => (query.AgentSymbol is null || r.AgentSymbol == query.AgentSymbol) && (query.Node is null || r.Node == query.Node)
                && (query.RunId is null || r.RunId == query.RunId) && (query.From is null || r.At >= query.From) && (query.To is null || r.At < query.To));

            Assert.That(await store.GetRequestFiguresAsync(query, Ct), Is.EqualTo(FiguresOf(matching)), query.ToString());
        }
    }

    /// <summary>The request figures as the store defines them, from the records themselves (429s capped at 65,535 per request).</summary>
    private static RequestFigures FiguresOf(IEnumerable<RequestRecordedRecord> requests)
    {
        var list = requests.ToList();
        if (list.Count == 0)
        {
            return RequestFigures.None;
        }

        var waits = list.Select(r => r.QueueWait.Ticks).Order().ToArray();
        var waitSum = waits.Aggregate(0L, (sum, wait) => unchecked(sum + wait));
        return new RequestFigures(
            list.Count,
            list.Sum(r => (long)r.Attempts),
            list.Sum(r => (long)Math.Clamp(r.RateLimited, 0, ushort.MaxValue)),
            list.Count(r => r.Delayed),
            TimeSpan.FromTicks(waitSum / waits.Length),
            RequestFigures.Percentile(waits, 0.5),
            RequestFigures.Percentile(waits, 0.99));
    }
}
