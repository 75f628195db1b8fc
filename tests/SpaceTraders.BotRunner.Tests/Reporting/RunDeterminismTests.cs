using System.Globalization;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Reporting;

/// <summary>
/// The same seed gives the same figures, run after run: week10 (the strategy plugins the runner ships) in virtual
/// time on seeds 1 to 3, ten runs each.
/// </summary>
/// <remarks>
/// What made week10 on seed 2 give two different totals for one build: the memory guard skipped the fleet refresh
/// (requests) whenever the process's memory looked tight, so the run's requests depended on the machine. The runs here
/// alternate between a memory limit that is always exceeded and one that never is, so that any input of the process's
/// memory into the game shows; they must not differ in any figure.
/// </remarks>
[TestFixture]
public sealed class RunDeterminismTests
{
    private const int Runs = 10;
    private static readonly TimeSpan Duration = TimeSpan.FromHours(3);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task The_same_seed_gives_the_same_figures_ten_runs_in_a_row(int seed)
    {
        var plugins = Path.Combine(RunnerRuns.RunnerOutput, "plugins");
        var figures = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            var memoryLimit = run % 2 == 0 ? "1" : "1000000";
            var result = await RunnerRuns.RunAsync(
            [
                "--virtual-time", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--duration", Duration.ToString("c", CultureInfo.InvariantCulture),
                "--conductor", "week10", "--plugins", plugins, "--memory-limit", memoryLimit,
            ]);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
            figures.Add(Figures(result.Report!));
        }

        Assert.That(figures[0], Does.Contain("requests"), "the figures were read");
        var distinct = figures.Distinct().ToList();
        Assert.That(distinct, Has.Count.EqualTo(1), $"seed {seed}: {Runs} runs gave {distinct.Count} different sets of figures:{Environment.NewLine}{string.Join(Environment.NewLine, distinct)}");
    }

    /// <summary>Every figure of the game (not the wall time, the process's memory or the store's row counts), as one line.</summary>
    private static string Figures(RunReport report) => string.Join("; ", new[]
    {
        Invariant($"game {report.SimulatedSeconds} s; credits {report.CreditsStart} -> {report.CreditsEnd}, earned {report.CreditsEarned} ({report.CreditsOutsideSessions} outside sessions)"),
        Invariant($"requests {report.Requests} (agent {report.AgentRequests}, attempts {report.Attempts}, 429s {report.RateLimited}, delayed {report.DelayedRequests})"),
        Invariant($"queue wait p50 {report.QueueWaitP50Ms} ms, p99 {report.QueueWaitP99Ms} ms, mean {report.MeanQueueWaitMs} ms; CPR {report.Cpr}; CPH {report.Cph}; ships {report.Ships} ({report.ShipsBought} bought)"),
        Invariant($"capital {report.CapitalSpent}, net {report.CreditsNet}, payback {report.PaybackHours} h; peak ships {report.ShipsPeak}; uptime {report.Uptime}; failures {report.BehaviourFailures}"),
    }
    .Concat(report.Hourly.Select(h => Invariant($"hour {h.Hour}: {h.Seconds} s {h.Credits} credits {h.Earned} earned {h.Ships} ships {h.Requests} requests {h.RateLimited} 429s {h.Delayed} delayed")))
    .Concat(report.Behaviours.Select(b => Invariant($"{b.Id}@{b.Version}: {b.Sessions} sessions {b.Requests} requests {b.CreditsEarned} credits {b.CapitalSpent} capital CPR {b.Cpr} CPH {b.Cph}"))));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
