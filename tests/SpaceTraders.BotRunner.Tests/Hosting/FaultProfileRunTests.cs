using System.Globalization;
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
    public async Task The_summary_says_what_the_faults_did()
    {
        var faulted = await RunAsync("drop-after");
        var plain = await RunAsync("none");

        Assert.That(faulted.ExitCode, Is.EqualTo(0), faulted.All);
        Assert.That(plain.ExitCode, Is.EqualTo(0), plain.All);
        var report = faulted.Report!;
        var line = faulted.Output.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => l.StartsWith("Faults (", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, "a line says what the faults did: " + faulted.Output);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Match(@"^Faults \(drop-after\): the simulator injected [1-9][0-9,]*; [0-9,]+ sends retried \([0-9,]+ attempts for [0-9,]+ requests\); 0 actions executed twice for one request$"), faulted.Output);
            Assert.That(line, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"({report.Attempts:N0} attempts for {report.Requests:N0} requests)")));
            Assert.That(plain.Output, Does.Not.Contain("Faults ("), "no line without a fault profile");
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
