using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// <c>--faults</c> gives the built-in simulator a fault profile, so a strategy can be tried against a bad day of the live
/// server from the runner itself: the faults reach the game (retried attempts), the ledger still holds, a server that
/// lists things in another order changes nothing week12 does, and a faulted run is as deterministic for its seed as any.
/// </summary>
[TestFixture]
public sealed class FaultProfileRunTests
{
    private static Task<RunnerResult> RunAsync(string faults) => RunnerRuns.RunAsync(
    [
        "--virtual-time", "--seed", "1", "--duration", "01:00:00", "--conductor", "week12", "--plugins", RunnerRuns.RunnerPlugins,
        "--faults", faults,
    ]);

    [Test]
    public async Task A_flaky_server_is_retried_and_every_credit_is_accounted_for()
    {
        var result = await RunAsync("flaky");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
        var report = result.Report!;
        Assert.Multiple(() =>
        {
            Assert.That(report.Game, Is.EqualTo("built-in simulator, seed 1, virtual time, faults: flaky"));
            Assert.That(report.Attempts, Is.GreaterThan(report.Requests), "the faults reached the game and were retried");
            Assert.That(report.CreditsEnd - report.CreditsStart, Is.EqualTo(report.CreditsEarned - report.CapitalSpent), "the ledger holds");
            Assert.That(report.Ships, Is.GreaterThan(2));
        });
    }

    [Test]
    public async Task A_server_that_lists_things_in_another_order_changes_nothing_week12_does()
    {
        var plain = await RunAsync("none");
        var reordered = await RunAsync("reorder");

        Assert.That(plain.ExitCode, Is.EqualTo(0), plain.All);
        Assert.That(reordered.ExitCode, Is.EqualTo(0), reordered.All);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Report!.Game, Does.Not.Contain("faults"));
            Assert.That(reordered.Report!.Game, Does.EndWith(", faults: reorder"));
            Assert.That(Figures(reordered.Report), Is.EqualTo(Figures(plain.Report)));
        });
    }

    [Test]
    public async Task A_flaky_run_is_the_same_run_for_the_same_seed()
    {
        // The retries' backoff is jittered: unseeded, the same seed and faults gave other waits, so other figures.
        var first = await RunAsync("flaky");
        var second = await RunAsync("flaky");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.All);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.All);
        Assert.Multiple(() =>
        {
            Assert.That(first.Report!.Attempts, Is.GreaterThan(first.Report.Requests), "the faults were retried");
            Assert.That(Figures(second.Report!), Is.EqualTo(Figures(first.Report)));
        });
    }

    private static (long Earned, long Requests, long Attempts, int ShipsBought, long Capital) Figures(RunReport report) =>
        (report.CreditsEarned, report.Requests, report.Attempts, report.ShipsBought, report.CapitalSpent);
}
