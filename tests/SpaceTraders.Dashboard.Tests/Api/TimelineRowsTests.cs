using SpaceTraders.Dashboard.Views;
using SpaceTraders.Runtime;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Dashboard.Tests.Api;

/// <summary>Where an overview delta starts: the first timeline row that differs from the rows sent before.</summary>
[TestFixture]
public sealed class TimelineRowsTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_same_rows_send_nothing_of_the_timeline()
    {
        var rows = Rows(Points(5), at: Start.AddMinutes(5));
        Assert.That(Rows(Points(5), at: Start.AddMinutes(5)).FirstDifference(rows), Is.EqualTo(5));
    }

    [Test]
    public void A_new_bucket_and_a_changed_open_one_are_sent()
    {
        var before = Rows(Points(5), at: Start.AddMinutes(4.5));
        var points = Points(6);
        points[4] = points[4] with { Requests = points[4].Requests + 1 };
        Assert.Multiple(() =>
        {
            Assert.That(Rows(Points(6), at: Start.AddMinutes(6)).FirstDifference(before), Is.EqualTo(4), "the bucket open before (its CPH was at 4.5 min), and the new one");
            Assert.That(Rows(points, at: Start.AddMinutes(6)).FirstDifference(Rows(Points(5), at: Start.AddMinutes(6))), Is.EqualTo(4), "a late request changed bucket 4");
        });
    }

    [Test]
    public void A_coarser_width_or_fewer_rows_resend_everything()
    {
        var before = Rows(Points(5), at: Start.AddMinutes(5));
        var coarser = Rows([.. Points(3).Select(p => p with { Width = TimeSpan.FromMinutes(2) })], at: Start.AddMinutes(6));
        Assert.Multiple(() =>
        {
            Assert.That(coarser.FirstDifference(before), Is.Zero);
            Assert.That(Rows(Points(4), at: Start.AddMinutes(5)).FirstDifference(before), Is.Zero);
            Assert.That(before.FirstDifference(null), Is.Zero);
        });
    }

    [Test]
    public void The_series_from_an_index_holds_only_the_rows_from_there()
    {
        var rows = Rows(Points(5), at: Start.AddMinutes(5));
        var whole = rows.ToSeries(null);
        var tail = rows.ToSeries(3);
        Assert.Multiple(() =>
        {
            Assert.That(whole.From, Is.Null);
            Assert.That(whole.T, Has.Count.EqualTo(5));
            Assert.That(tail.From, Is.EqualTo(3));
            Assert.That(tail.T, Is.EqualTo(whole.T.Skip(3)));
            Assert.That(tail.P99Ms["Normal"], Is.EqualTo(whole.P99Ms["Normal"].Skip(3)));
        });
    }

    // The chart's CPH and CPR used to run on the net change (CreditsEarned): a fleet that bought a ship in a bucket showed
    // a CPH below zero there, while the tiles above the chart said it earned.
    [Test]
    public void Cph_and_cpr_run_on_operating_earnings_with_the_capital_spent_apart()
    {
        var points = Points(3);
        points[1] = points[1] with { Credits = 900_000, CreditsEarned = -100_000, CapitalSpent = 101_000 };
        points[2] = points[2] with { Credits = 902_000, CreditsEarned = -98_000, CapitalSpent = 101_000 };

        var rows = Rows(points, at: Start.AddMinutes(3));
        var series = rows.ToSeries(null);

        Assert.Multiple(() =>
        {
            Assert.That(points[1].OperatingEarned, Is.EqualTo(1_000), "the ship is not counted");
            Assert.That(series.Cph[1], Is.Positive, "a ship bought is not a loss");
            Assert.That(series.Cph[1], Is.EqualTo(Math.Round(1_000 / (62.0 / 60), 1)), "operating earnings over the hours since the start");
            Assert.That(series.Cpr[2], Is.EqualTo(Math.Round(3_000.0 / 300, 3)));
            Assert.That(series.OperatingEarned, Is.EqualTo(new long[] { 0, 1_000, 3_000 }));
            Assert.That(series.CapitalSpent, Is.EqualTo(new long[] { 0, 101_000, 101_000 }));
            Assert.That(Rows(points, at: Start.AddMinutes(3)).FirstDifference(Rows(Points(3), at: Start.AddMinutes(3))), Is.EqualTo(1), "a purchase is a change to send");
        });
    }

    /// <summary>The run started an hour before the first point: every point has its CPH (from a quarter of an hour on).</summary>
    private static TimelineRows Rows(IReadOnlyList<TimelinePoint> points, DateTimeOffset at) => TimelineRows.From(points, Start.AddHours(-1), at);

    private static TimelinePoint[] Points(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TimelinePoint(
            Start.AddMinutes(i),
            TimeSpan.FromMinutes(1),
            100 + i,
            i % 2,
            10,
            TimeSpan.FromMilliseconds(200),
            [new PriorityWait(RequestPriority.Critical, 1, TimeSpan.Zero, TimeSpan.Zero), new PriorityWait(RequestPriority.Normal, 99 + i, TimeSpan.FromMilliseconds(150 + i), TimeSpan.FromMilliseconds(900 + i)), new PriorityWait(RequestPriority.Background, 0, TimeSpan.Zero, TimeSpan.Zero)],
            1_000_000 + (1000 * i),
            1000 * i,
            100 * (i + 1),
            3))];
}
