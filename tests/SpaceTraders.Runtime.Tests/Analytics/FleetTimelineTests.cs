using SpaceTraders.Runtime.Analytics;

namespace SpaceTraders.Runtime.Tests.Analytics;

/// <summary>
/// The live timeline behind the dashboard's charts carries the capital spent beside the credits, so that its CPH and CPR
/// can run on operating earnings, as the overview's tiles, the console and the report do.
/// </summary>
[TestFixture]
public sealed class FleetTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // The chart used to run on CreditsEarned (the net change): a ship bought made the point's CPH negative, while the
    // tiles above it said the fleet earned.
    [Test]
    public void A_ship_bought_in_a_bucket_is_capital_spent_not_a_loss_of_operating_earnings()
    {
        var timeline = new FleetTimeline();
        timeline.Start(T0, 100_000);
        timeline.AddCredits(T0.AddSeconds(10), 130_000);                    // a sale: +30,000
        timeline.AddCredits(T0.AddSeconds(20), 80_000, capital: -50_000);   // a ship: -50,000
        timeline.AddCredits(T0.AddSeconds(70), 90_000);                     // the next minute, a sale: +10,000

        var points = timeline.Read();

        Assert.That(points, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(points[0].CreditsEarned, Is.EqualTo(-20_000), "the net change");
            Assert.That(points[0].CapitalSpent, Is.EqualTo(50_000));
            Assert.That(points[0].OperatingEarned, Is.EqualTo(30_000), "the sale, not the ship");
            Assert.That(points[1].CapitalSpent, Is.EqualTo(50_000), "cumulative from the start");
            Assert.That(points[1].OperatingEarned, Is.EqualTo(40_000));
            Assert.That(points[1].OperatingEarned - points[1].CapitalSpent, Is.EqualTo(points[1].Credits - 100_000), "operating less capital is the change of credits");
        });
    }

    [Test]
    public void Coarsening_keeps_every_credit_of_capital()
    {
        var timeline = new FleetTimeline();
        timeline.Start(T0, 0);
        long balance = 0;
        long capital = 0;
        for (var minute = 0; minute < FleetTimeline.MaxBuckets + 100; minute++)
        {
            balance += 100;
            timeline.AddCredits(T0.AddMinutes(minute), balance);
            if (minute % 97 == 5)
            {
                balance -= 1_000;
                capital += 1_000;
                timeline.AddCredits(T0.AddMinutes(minute).AddSeconds(30), balance, capital: -1_000);
            }
        }

        var points = timeline.Read();

        Assert.Multiple(() =>
        {
            Assert.That(points[0].Width, Is.EqualTo(TimeSpan.FromMinutes(2)), "the timeline was coarsened");
            Assert.That(points[^1].CapitalSpent, Is.EqualTo(capital).And.GreaterThan(0));
            Assert.That(points[^1].OperatingEarned, Is.EqualTo(100L * (FleetTimeline.MaxBuckets + 100)), "every sale");
            Assert.That(points.Select(p => p.CapitalSpent), Is.Ordered, "cumulative");
        });
    }
}
