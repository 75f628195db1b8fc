using System.Text.Json;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.Runtime;
using SpaceTraders.BotRunner.Tests.Reporting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The runner's host code end to end in virtual time: the built-in simulator, a registered agent, the fixture plugins
/// (the sample conductor mines and sells with the command ship and scouts markets with the probe), the in-memory store.
/// </summary>
[TestFixture]
public sealed class BotRunEndToEndTests
{
    [Test]
    public async Task A_short_virtual_time_run_writes_a_report_whose_credits_reconcile()
    {
        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "02:00:00", "--conductor", "sample-fleet"]);
        var (report, json, output) = (run.Report, run.ReportJson, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        Assert.That(report, Is.Not.Null, output);
        using var document = JsonDocument.Parse(json);
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name), Is.SupersetOf(RunReportTests.RequiredFields));
            Assert.That(report!.SimulatedSeconds, Is.EqualTo(7200).Within(60), "two simulated hours, plus the graceful shutdown");
            Assert.That(report.WallSeconds, Is.GreaterThan(0));
            Assert.That(report.CreditsStart, Is.EqualTo(175_000), "the game's starting credits");
            Assert.That(report.CreditsEarned - report.CapitalSpent, Is.EqualTo(report.CreditsEnd - report.CreditsStart), "the store's credit movements sum to the agent's change");
            Assert.That(report.CreditsNet, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.Behaviours.Sum(b => b.CreditsEarned - b.CapitalSpent) + report.CreditsOutsideSessions, Is.EqualTo(report.CreditsNet));
            Assert.That(report.Behaviours.Single(b => b.Id == "mine-and-sell").CreditsEarned, Is.GreaterThan(0), "ore was sold");
            Assert.That(report.Behaviours.Select(b => b.Id + "@" + b.Version), Is.EquivalentTo(new[] { "mine-and-sell@week10", "scout-markets@week10" }), "the newest fixture version");
            Assert.That(report.Requests, Is.GreaterThan(report.Behaviours.Sum(b => b.Requests)), "the start-up's requests have no session");
            Assert.That(report.Cpr, Is.EqualTo(Math.Round((double)report.CreditsEarned / report.Requests, 3)));
            Assert.That(report.Cph, Is.EqualTo(Math.Round(report.CreditsEarned / (report.SimulatedSeconds / 3600), 3)).Within(0.01));
            Assert.That(report.Ships, Is.EqualTo(2), "the command ship and the probe");
            Assert.That(report.RateLimited, Is.Zero, "the client's limiter models the server's");
            Assert.That(report.Conductor, Is.EqualTo("sample-fleet@week10"));
            Assert.That(report.Seed, Is.EqualTo(7));
            Assert.That(report.Ended, Is.EqualTo("duration"));
            Assert.That(output, Does.Contain("Registered agent RUNNER").And.Contain("Report written to"));
            Assert.That(report.RunId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(report.Hourly.Select(h => h.Hour), Is.EqualTo(new[] { 1, 2, 3 }).Or.EqualTo(new[] { 1, 2 }), "one entry per simulated hour (a third for the shutdown's seconds)");
            Assert.That(report.Hourly.Sum(h => h.Requests), Is.EqualTo(report.Requests), "the hours add up to the run");
            Assert.That(report.Hourly.Sum(h => h.RateLimited), Is.EqualTo(report.RateLimited));
            Assert.That(report.Hourly.Sum(h => h.Delayed), Is.EqualTo(report.DelayedRequests));
            Assert.That(report.Hourly.Sum(h => h.Earned), Is.EqualTo(report.CreditsEarned));
            Assert.That(report.Hourly[^1].Credits, Is.EqualTo(report.CreditsEnd), "the curve ends at the agent's credits");
            Assert.That(report.Hourly[^1].Ships, Is.EqualTo(report.Ships));
            Assert.That(report.ShipsPeak, Is.EqualTo(2));
            Assert.That(report.Uptime, Is.GreaterThan(0.5).And.LessThanOrEqualTo(1), "both ships play most of the run");
            Assert.That(report.Gate, Is.Not.Null, "the starting system's gate, read from the game");
        });
    }

    [Test]
    public async Task The_same_seed_gives_the_same_run()
    {
        string[] args = ["--virtual-time", "--seed", "3", "--duration", "00:30:00", "--conductor", "sample-fleet@week9"];

        var first = (await RunnerRuns.RunAsync(args)).Report!;
        var second = (await RunnerRuns.RunAsync(args)).Report!;

        Assert.That(
            (second.Requests, second.CreditsEnd, second.DelayedRequests, second.Behaviours.Select(b => (b.Sessions, b.Requests, b.CreditsEarned)).ToList()),
            Is.EqualTo((first.Requests, first.CreditsEnd, first.DelayedRequests, first.Behaviours.Select(b => (b.Sessions, b.Requests, b.CreditsEarned)).ToList())));
        Assert.That(
            second.Hourly.Select(h => (h.Hour, h.Credits, h.Ships, h.Requests, h.RateLimited, h.Delayed)),
            Is.EqualTo(first.Hourly.Select(h => (h.Hour, h.Credits, h.Ships, h.Requests, h.RateLimited, h.Delayed))),
            "the hourly series too");
    }

    [Test]
    public async Task Cancelling_stops_the_run_gracefully_and_still_writes_the_report()
    {
        // No duration: virtual time would run 12 simulated hours; the cancellation (Ctrl+C) comes after one.
        using var stop = new CancellationTokenSource();
        var view = new CancelAfterView(stop, TimeSpan.FromHours(1));

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--conductor", "sample-fleet"], stop.Token, view);
        var (report, output) = (run.Report, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        Assert.That(report, Is.Not.Null, output);
        Assert.Multiple(() =>
        {
            Assert.That(view.Cancelled, Is.True);
            Assert.That(report!.Ended, Is.EqualTo("cancelled"));
            Assert.That(report.SimulatedSeconds, Is.GreaterThanOrEqualTo(3600).And.LessThan(12 * 3600));
            Assert.That(report.CreditsNet, Is.EqualTo(report.CreditsEnd - report.CreditsStart));
            Assert.That(report.Behaviours.Sum(b => b.Sessions), Is.GreaterThan(0));
        });
    }

    /// <summary>Watches like a person at the keyboard: presses Ctrl+C once the run has lasted <paramref name="after"/> of game time.</summary>
    private sealed class CancelAfterView(CancellationTokenSource stop, TimeSpan after) : RunView
    {
        public bool Cancelled { get; private set; }

        public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
        {
            while (!run.IsCompleted)
            {
                if (!Cancelled && snapshot().Uptime >= after)
                {
                    Cancelled = true;
                    await stop.CancelAsync();
                }

                await PauseAsync(run, TimeSpan.FromMilliseconds(5), cancellationToken);
            }
        }
    }
}
