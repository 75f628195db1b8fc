using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime;

namespace SpaceTraders.BotRunner.Tests.Reporting;

/// <summary>
/// Capital spending never shows in operating earnings, CPR or CPH: week 7 buys a ship and a mining laser (bought at a
/// market, installed by <c>upgrade@week07</c>) within its first game hours; the report and the runtime's snapshot keep
/// both out of the earnings and show them as capital with its payback.
/// </summary>
[TestFixture]
public sealed class CapitalSpendingTests
{
    [TestCase(0.004, "under a minute")]
    [TestCase(0.25, "15 min")]
    [TestCase(0.99, "59 min")]
    [TestCase(0.995, "1 h")]
    [TestCase(2.34, "2.3 h")]
    public void The_summary_gives_a_short_payback_in_minutes(double hours, string shown) =>
        Assert.That(SpaceTraders.BotRunner.Hosting.BotRun.Payback(hours), Is.EqualTo(shown), "one decimal of an hour showed a few minutes as 0 h");

    [Test]
    public async Task A_ship_purchase_and_a_mount_upgrade_are_capital_in_the_report_and_the_snapshot()
    {
        // The fixture's command ship buys a ship and refits a mount (two shipyard fees), then mines and sells: a live-sized
        // starting system sells no mounts, as in the live game, so week07's laser upgrade no longer happens at home.
        var view = new LastSnapshotView();

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "42", "--duration", "03:00:00", "--plugins", RunnerRuns.FixturePlugins, "--conductor", "sample-refit@week10"], view: view);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        var report = run.Report!;
        var refit = report.Behaviours.Single(b => b.Id == "refit");
        var snapshot = view.Last!.Agents.Single();
        var earnings = snapshot.Earnings;
        Assert.Multiple(() =>
        {
            Assert.That(report.ShipsBought, Is.EqualTo(1), "a ship was bought");
            Assert.That(refit.CapitalSpent, Is.GreaterThan(20_000), "the ship and the two refit fees");
            Assert.That(refit.CreditsEarned, Is.Zero, "the refit earns nothing, and loses nothing either: its spending is capital");
            Assert.That(report.CapitalSpent, Is.EqualTo(refit.CapitalSpent), "the ship and the fees, and nothing else");
            Assert.That(report.CreditsEarned, Is.GreaterThan(0), "operating earnings stay positive");
            Assert.That(report.CreditsEarned - report.CapitalSpent, Is.EqualTo(report.CreditsEnd - report.CreditsStart), "operating less capital is the change of credits");
            Assert.That(report.Cpr, Is.EqualTo(Math.Round((double)report.CreditsEarned / report.Requests, 3)), "CPR on operating earnings");
            Assert.That(report.Cph, Is.EqualTo(Math.Round(report.CreditsEarned / (report.SimulatedSeconds / 3600), 3)).Within(0.01), "CPH on operating earnings");
            Assert.That(report.PaybackHours, Is.EqualTo(Math.Round(report.CapitalSpent / report.Cph, 3)).Within(0.01));
            Assert.That(report.Behaviours.Sum(b => b.CreditsEarned), Is.LessThanOrEqualTo(report.CreditsEarned + 1), "behaviours' figures are operating too");

            Assert.That(earnings.CapitalSpent, Is.EqualTo(report.CapitalSpent), "the snapshot's capital is the records'");
            Assert.That(earnings.Operating, Is.EqualTo(report.CreditsEarned), "the snapshot's operating earnings are the records'");
            Assert.That(earnings.Operating - earnings.CapitalSpent, Is.EqualTo(snapshot.Metrics.CreditsEarned), "the net change stays in Metrics");
            Assert.That(earnings.OperatingPerHour, Is.GreaterThan(0));
            Assert.That(earnings.OperatingPerRequest, Is.EqualTo((double)earnings.Operating / snapshot.Totals.Requests).Within(1e-9));
            Assert.That(earnings.PaybackHours, Is.EqualTo(earnings.CapitalSpent / earnings.OperatingPerHour).Within(1e-9));
        });
    }

    /// <summary>Keeps the runtime's last snapshot, taken after the run completed.</summary>
    private sealed class LastSnapshotView : RunView
    {
        public RuntimeSnapshot? Last { get; private set; }

        public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
        {
            while (!run.IsCompleted)
            {
                await PauseAsync(run, TimeSpan.FromMilliseconds(20), cancellationToken);
            }

            Last = snapshot();
        }
    }
}
