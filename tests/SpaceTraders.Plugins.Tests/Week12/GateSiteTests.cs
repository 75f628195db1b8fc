using System.Collections.Concurrent;
using SpaceTraders.Plugins.Week12.Fleet;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>The gate's claims on the fleet board: what each builder may buy so that together they never over-buy.</summary>
[TestFixture]
public sealed class GateSiteTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_builder_may_claim_only_what_is_missing_less_what_the_others_hold_or_are_about_to_buy()
    {
        var board = new NoteBoard();
        GateSite.Post(board, Site(fabMats: 1500, circuitry: 0));   // 100 FAB_MATS missing

        var first = GateSite.Claim(board, "A", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);
        var second = GateSite.Claim(board, "B", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);
        var third = GateSite.Claim(board, "C", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);
        var other = GateSite.Claim(board, "C", "ADVANCED_CIRCUITRY", held: 0, wanted: 80, Now.AddHours(3), Now);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(80));
            Assert.That(second, Is.EqualTo(20), "100 missing, 80 of them claimed by A");
            Assert.That(third, Is.Zero, "the rest is on the way");
            Assert.That(other, Is.EqualTo(80), "the other material is still free");
        });
    }

    [Test]
    public void A_delivery_frees_the_claim_and_moves_the_site_forward_while_a_stale_read_never_moves_it_back()
    {
        var board = new NoteBoard();
        GateSite.Post(board, Site(fabMats: 1500, circuitry: 0));
        GateSite.Claim(board, "A", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);
        GateSite.Claim(board, "B", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);

        GateSite.Delivered(board, "A", Site(fabMats: 1580, circuitry: 0), "FAB_MATS", held: 0, Now.AddHours(3));
        var stale = GateSite.Post(board, Site(fabMats: 1500, circuitry: 0));   // a read that left before the delivery
        var afterDelivery = GateSite.Claim(board, "C", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(3), Now);

        Assert.Multiple(() =>
        {
            Assert.That(stale.Find("FAB_MATS")!.Fulfilled, Is.EqualTo(1580), "the board keeps the later status");
            Assert.That(GateSite.ClaimedByOthers(board, "FAB_MATS", "C", Now), Is.EqualTo(20), "A's claim went with its delivery; B's 20 stay");
            Assert.That(afterDelivery, Is.Zero, "20 missing, 20 on the way with B");
        });
    }

    [Test]
    public void A_claim_that_lapsed_no_longer_holds_units_back()
    {
        var board = new NoteBoard();
        GateSite.Post(board, Site(fabMats: 1500, circuitry: 0));
        GateSite.Claim(board, "A", "FAB_MATS", held: 0, wanted: 100, Now.AddHours(3), Now);

        var meanwhile = GateSite.Claim(board, "B", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(5), Now.AddHours(1));
        var later = GateSite.Claim(board, "B", "FAB_MATS", held: 0, wanted: 80, Now.AddHours(7), Now.AddHours(4));

        Assert.Multiple(() =>
        {
            Assert.That(meanwhile, Is.Zero, "A's claim covers all that is missing");
            Assert.That(later, Is.EqualTo(80), "A never renewed its claim: after three hours the units are free again");
        });
    }

    [Test]
    public void Builders_claiming_on_many_threads_at_once_never_claim_more_than_is_missing()
    {
        const int Builders = 16;
        for (var round = 0; round < 50; round++)
        {
            var board = new NoteBoard();
            GateSite.Post(board, Site(fabMats: 1500, circuitry: 0));   // 100 FAB_MATS missing
            var claimed = new int[Builders];
            using var start = new Barrier(Builders);
            var builders = Enumerable.Range(0, Builders).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                claimed[i] = GateSite.Claim(board, $"S{i}", "FAB_MATS", held: 0, wanted: 10, Now.AddHours(3), Now);
            })).ToList();

            builders.ForEach(b => b.Start());
            builders.ForEach(b => b.Join());

            Assert.That(claimed.Sum(), Is.EqualTo(100), $"round {round}: 16 builders want 160 of the 100 missing; together they claim exactly 100");
        }
    }

    [Test]
    public void A_low_price_holds_the_cap_only_until_it_has_not_been_seen_for_lowFor()
    {
        var board = new NoteBoard();
        var lowFor = TimeSpan.FromHours(2);
        // A ceiling well above these prices: the bound on how far the low may climb is the next test's.
        int Floor(int seen, double hours) => GateSite.Floor(board, "X1-GATE-K1", "FAB_MATS", seen, Now.AddHours(hours), lowFor, ceiling: 1);

        var dip = Floor(100, 0);           // the market opened below where it recovers to
        var recovered = Floor(140, 1);     // 140 is above the cap (130): the builder waits
        var seenAgain = Floor(100, 1.5);   // the low comes back: it holds for another lowFor
        var stillHeld = Floor(140, 3);
        var givenWay = Floor(140, 3.5);    // not seen for 2 h: the market's price now is the low
        var lower = Floor(150, 4);
        var newLow = Floor(120, 4.5);

        Assert.Multiple(() =>
        {
            Assert.That(dip, Is.EqualTo(100));
            Assert.That(recovered, Is.EqualTo(100), "within lowFor the dip holds the cap down");
            Assert.That(seenAgain, Is.EqualTo(100));
            Assert.That(stillHeld, Is.EqualTo(100), "seen again at 1.5 h, so it holds until 3.5 h");
            Assert.That(givenWay, Is.EqualTo(140), "a low not seen for lowFor gives way to the current price");
            Assert.That(lower, Is.EqualTo(140), "the new low holds in its turn");
            Assert.That(newLow, Is.EqualTo(120), "a lower price is the low at once");
        });
    }

    [Test]
    public void Builders_that_keep_a_market_drained_cannot_raise_the_low_above_lowCeiling_over_the_lowest_price()
    {
        var board = new NoteBoard();
        var lowFor = TimeSpan.FromHours(2);
        int Floor(int seen, double hours) => GateSite.Floor(board, "X1-GATE-K1", "FAB_MATS", seen, Now.AddHours(hours), lowFor, ceiling: 0.3);

        var lowest = Floor(100, 0);
        var recovered = Floor(120, 2);     // a dip given way: the market's resting price, within the ceiling, is the low
        var drained = Floor(156, 4);       // bought up to 30% over 120 and seen high at the lapse: 130 at most
        var drainedMore = Floor(169, 6);   // and so on at every lapse: the low stays at 130
        var drainedStill = Floor(220, 8.5);
        var rested = Floor(110, 9);        // the market recovers: a lower price is the low at once

        Assert.Multiple(() =>
        {
            Assert.That(lowest, Is.EqualTo(100));
            Assert.That(recovered, Is.EqualTo(120), "one dip does not hold the cap under where the market recovers to");
            Assert.That(drained, Is.EqualTo(130), "the low rises no more than lowCeiling (30%) over the lowest price ever seen");
            Assert.That(drainedMore, Is.EqualTo(130));
            Assert.That(drainedStill, Is.EqualTo(130));
            Assert.That(rested, Is.EqualTo(110));
        });
    }

    [Test]
    public void With_no_ceiling_the_low_never_rises_above_the_lowest_price_ever_seen()
    {
        var board = new NoteBoard();
        int Floor(int seen, double hours) => GateSite.Floor(board, "X1-GATE-K1", "FAB_MATS", seen, Now.AddHours(hours), TimeSpan.FromHours(2), ceiling: 0);

        Assert.That(new[] { Floor(100, 0), Floor(140, 3), Floor(180, 6), Floor(90, 7), Floor(120, 10) }, Is.EqualTo(new[] { 100, 100, 100, 90, 90 }));
    }

    private static GateStatus Site(int fabMats, int circuitry) =>
        new("X1-GATE-I1", [new GateMaterial("FAB_MATS", 1600, fabMats), new GateMaterial("ADVANCED_CIRCUITRY", 400, circuitry)], Complete: false, Now);

    /// <summary>A thread-safe fleet board of plain notes (no waiting): enough for the claims, which never wait.</summary>
    private sealed class NoteBoard : IFleetBoard
    {
        private readonly ConcurrentDictionary<string, object> _notes = new(StringComparer.Ordinal);

        public void Post<T>(string key, T value)
            where T : notnull => _notes[key] = value;

        public bool TryRead<T>(string key, out T value)
        {
            if (_notes.TryGetValue(key, out var note) && note is T typed)
            {
                value = typed;
                return true;
            }

            value = default!;
            return false;
        }

        public bool Remove(string key) => _notes.TryRemove(key, out _);

        public IReadOnlyList<KeyValuePair<string, T>> ReadAll<T>(string prefix) =>
            [.. _notes.Where(n => n.Key.StartsWith(prefix, StringComparison.Ordinal) && n.Value is T).Select(n => new KeyValuePair<string, T>(n.Key, (T)n.Value))];

        public bool TryClaim<T>(string key, T value)
            where T : notnull => _notes.TryAdd(key, value);

        public Task<bool> WaitForChangeAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The gate's claims never wait on the board.");
    }
}
