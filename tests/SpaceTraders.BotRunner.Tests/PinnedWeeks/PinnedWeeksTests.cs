using System.Globalization;
using System.Text.Json;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.PinnedWeeks;

/// <summary>
/// The released weeks stay frozen: each one's 12-hour figures on seeds 1-3 (earned, requests, ships bought, 429s) equal
/// the values pinned in <c>pinned-weeks.json</c> next to this file.
/// </summary>
/// <remarks>
/// Each case runs the runner's program in this process exactly as the <c>cpr</c> benchmark runs its Release build
/// (<c>--virtual-time --seed N --duration 12:00:00 --conductor weekNN</c>, the plugins built with the runner), so the
/// figures are <c>benchmarks/results/cpr.md</c>'s. A change that moves one must update the file with its reason in the
/// same commit; the failure message prints the line to paste.
/// </remarks>
[TestFixture]
[Category("PinnedWeeks")]
public sealed class PinnedWeeksTests
{
    private static readonly string[] ReleasedWeeks = ["week02", "week04", "week07", "week10", "week12"];
    private static readonly int[] Seeds = [1, 2, 3];
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };

    private static string PinnedFile => Path.Combine(RunnerRuns.RepositoryRoot, "tests", "SpaceTraders.BotRunner.Tests", "PinnedWeeks", "pinned-weeks.json");

    private static IEnumerable<TestCaseData> Cases =>
        from week in ReleasedWeeks from seed in Seeds select new TestCaseData(week, seed).SetName($"{week} seed {seed}, 12 h");

    [Test]
    public void The_file_pins_every_released_week_on_seeds_1_to_3_once()
    {
        var pinned = Load();

        Assert.That(pinned.Hours, Is.EqualTo(12));
        Assert.That(pinned.Runs.Select(r => (r.Conductor, r.Seed)), Is.EquivalentTo(from week in ReleasedWeeks from seed in Seeds select (week, seed)));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task The_figures_of_a_released_week_do_not_move(string conductor, int seed)
    {
        var pinned = Load();
        var expected = pinned.Runs.SingleOrDefault(r => r.Conductor == conductor && r.Seed == seed);
        Assert.That(expected, Is.Not.Null, $"{PinnedFile} has no entry for {conductor} seed {seed}");

        var result = await RunnerRuns.RunAsync(
        [
            "--virtual-time", "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--duration", TimeSpan.FromHours(pinned.Hours).ToString("c", CultureInfo.InvariantCulture),
            "--conductor", conductor, "--plugins", RunnerRuns.RunnerPlugins,
        ]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.All);
        Assert.That(result.Report, Is.Not.Null, result.All);
        var actual = Figures(conductor, seed, result.Report!);
        Assert.That(actual, Is.EqualTo(expected),
            $"{conductor} seed {seed} moved. If the change is deliberate, update {Path.GetFileName(PinnedFile)} with its reason in the same commit:{Environment.NewLine}"
            + JsonSerializer.Serialize(actual, Json));
    }

    private static PinnedRun Figures(string conductor, int seed, RunReport report) =>
        new(conductor, seed, report.CreditsEarned, report.Requests, report.ShipsBought, report.RateLimited);

    private static PinnedFigures Load() =>
        JsonSerializer.Deserialize<PinnedFigures>(File.ReadAllText(PinnedFile), Json) ?? throw new InvalidDataException($"{PinnedFile} is empty.");

    /// <summary>The file: a header (<c>about</c>), the simulated hours, and one entry per week and seed.</summary>
    private sealed record PinnedFigures(IReadOnlyList<string> About, int Hours, IReadOnlyList<PinnedRun> Runs);

    /// <summary>One week's figures on one seed.</summary>
    private sealed record PinnedRun(string Conductor, int Seed, long Earned, long Requests, int ShipsBought, long RateLimited);
}
