using System.Text.Json;
using SpaceTraders.BotRunner.Reporting;

namespace SpaceTraders.BotRunner.Tests.Reporting;

[TestFixture]
public sealed class RunReportTests
{
    /// <summary>The fields issue 5 asks for, in camelCase.</summary>
    internal static readonly string[] RequiredFields =
        ["simulatedSeconds", "wallSeconds", "creditsStart", "creditsEnd", "creditsEarned", "requests", "rateLimited", "delayedRequests", "cpr", "cph", "ships", "behaviours"];

    internal static readonly string[] BehaviourFields = ["sessions", "requests", "creditsEarned", "cpr", "cph"];

    [Test]
    public async Task The_report_file_has_the_required_camel_case_fields_and_reads_back()
    {
        var report = Sample();
        var path = Path.Combine(Path.GetTempPath(), "runner-report-" + Guid.NewGuid().ToString("N"), "nested", "out.json");
        try
        {
            Assert.That(async () => await report.WriteAsync(path, CancellationToken.None), Throws.InstanceOf<DirectoryNotFoundException>(), "the report creates no folder");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "an older report, replaced whole");
            await report.WriteAsync(path, CancellationToken.None);
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");
            var json = await File.ReadAllTextAsync(path);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            var behaviour = root.GetProperty("behaviours")[0];

            Assert.Multiple(() =>
            {
                Assert.That(names, Is.SupersetOf(RequiredFields));
                Assert.That(names.Take(RequiredFields.Length), Is.EqualTo(RequiredFields), "the contract's fields come first, in the issue's order");
                Assert.That(behaviour.EnumerateObject().Select(p => p.Name), Is.SupersetOf(BehaviourFields.Append("id").Append("version")));
                Assert.That(root.GetProperty("creditsEarned").GetInt64(), Is.EqualTo(1234));
                Assert.That(root.GetProperty("cpr").GetDouble(), Is.EqualTo(12.34));
                Assert.That(behaviour.GetProperty("id").GetString(), Is.EqualTo("extract-and-sell"));
                Assert.That(root.TryGetProperty("conductor", out _), Is.False, "null fields are left out");
                Assert.That(root.GetProperty("gcHeapBytes").GetInt64(), Is.EqualTo(45_678_901));
                Assert.That(root.GetProperty("cpuSeconds").GetDouble(), Is.EqualTo(12.345));
                Assert.That(root.GetProperty("storeRows").GetProperty("market_observations").GetInt64(), Is.EqualTo(389), "table names as written, not camel-cased");
                Assert.That(RunReport.FromJson(json), Is.EqualTo(report).Using<RunReport>((x, y) => x.ToJson() == y.ToJson()));
                Assert.That(names, Is.SupersetOf(new[] { "runId", "capitalSpent", "creditsNet", "paybackHours", "shipsPeak", "shipsBought", "uptime", "gate", "hourly" }));
                Assert.That(root.GetProperty("hourly")[0].EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "hour", "credits", "ships", "requests", "rateLimited", "delayed" }));
                Assert.That(root.GetProperty("gate").GetProperty("required").GetInt32(), Is.EqualTo(2000));
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!, recursive: true);
        }
    }

    internal static RunReport Sample() => new()
    {
        SimulatedSeconds = 3600,
        WallSeconds = 2.5,
        CreditsStart = 175_000,
        CreditsEnd = 176_234,
        CreditsEarned = 1234,
        Requests = 100,
        RateLimited = 0,
        DelayedRequests = 7,
        Cpr = 12.34,
        Cph = 1234,
        Ships = 3,
        Behaviours = [new BehaviourReport { Id = "extract-and-sell", Version = "week02", Sessions = 2, Requests = 90, CreditsEarned = 1500, Cpr = 16.667, Cph = 750 }],
        Agent = "RUNNER",
        Conductor = null,
        Game = "built-in simulator, seed 42, virtual time",
        Seed = 42,
        Store = "in-memory",
        ShipsBought = 1,
        CreditsOutsideSessions = -266,
        Ended = "duration",
        PeakWorkingSetBytes = 123_456_789,
        CpuSeconds = 12.345,
        GcHeapBytes = 45_678_901,
        AllocatedBytes = 9_876_543_210,
        StoreRows = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["market_observations"] = 389, ["requests"] = 100 },
        RunId = new Guid("30000000-0000-0000-0000-000000000001"),
        CapitalSpent = 20_000,
        CreditsNet = 1234 - 20_000,
        PaybackHours = 16.2,
        ShipsPeak = 3,
        Uptime = 0.97,
        Gate = new GateProgress { Waypoint = "X1-A1-I55", Complete = false, Fulfilled = 400, Required = 2000, Materials = [new("FAB_MATS", 400, 1600), new("ADVANCED_CIRCUITRY", 0, 400)] },
        Hourly = [new HourFigures { Hour = 1, Seconds = 3600, Credits = 176_234, Earned = 1234, Ships = 3, Requests = 100, RateLimited = 0, Delayed = 7 }],
    };
}
