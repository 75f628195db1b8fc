using System.Text.Json;
using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>The <c>throttling</c> command's JSON file, which scripts read: its fields must stay.</summary>
[TestFixture]
public sealed class ThrottlingCommandTests
{
    [Test]
    public async Task Quick_json_keeps_the_earlier_fields_and_adds_the_seed_and_the_demand()
    {
        var file = Path.Combine(Path.GetTempPath(), $"throttle-quick-{Guid.NewGuid():N}.json");
        try
        {
            var exit = await BenchmarkCli.RunAsync(["throttling", "--quick", "--strategies", "sdk-priority", "--parallel", "1", "--json", file], TextWriter.Null, TextWriter.Null, CancellationToken.None);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var row = json.RootElement.EnumerateArray().Single();
            string[] fields =
            [
                "strategy", "ships", "requestsPerMinute", "ceilingShare", "rateLimitedPer100", "criticalWaitP50", "criticalWaitP99",
                "backgroundWaitP99", "idleShipSeconds", "creditsEarned", "seed", "demandPerMinute",
            ];
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.Zero);
                Assert.That(row.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(fields));
                Assert.That(row.GetProperty("strategy").GetString(), Is.EqualTo("sdk-priority"));
                Assert.That(row.GetProperty("ships").GetInt32(), Is.EqualTo(100));
                Assert.That(row.GetProperty("seed").GetInt32(), Is.EqualTo(42));
                Assert.That(row.GetProperty("demandPerMinute").GetDouble(), Is.GreaterThan(150), "100 ships ask for more than the ceiling");
            });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
