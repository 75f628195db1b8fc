using System.Collections.Concurrent;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>The market-scout conductor and scout behaviour on the simulator with the real runtime, in virtual time (fixed seed).</summary>
[TestFixture]
public sealed class ScoutScenarioTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromHours(3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromHours(1);

    /// <remarks>
    /// <para>The bounds come from the geometry of seed 3's live-sized starting system (X1-WF56: 25 markets at 16
    /// positions). A probe (speed 9) flies BURN at 12.5 / 9 s per unit plus 15 s per flight. The pirate base and its fuel
    /// station lie 600 and 715 units out, over 470 units from any other market: one scout flies them alone (a lap shorter
    /// than the 5-minute minimum revisit, so about 8 minutes). The other two share the 19 markets within 210 units of the
    /// star, the inner asteroid base (350 out) with its fuel station, and the jump gate (419 out) with its fuel station;
    /// the gate, the base and their two fuel stations alone make a loop of about 690 units (some 1,020 s). An exhaustive
    /// search over every split of the 16 positions among three scouts (the planner's tour-time model, 2 s per visit)
    /// finds no plan whose longest lap is under 1,074 s (17.9 minutes), which is what the optimal strategy plans.</para>
    /// <para>A market is read once per lap of its scout, so its worst age is about that lap: under 19 minutes leaves a
    /// minute for the rate limiter and the lead-in. On average over time it is half a lap old, so the mean over the
    /// markets is at most half the longest lap: under 9 minutes. (The greedy, k-means and slice plans of this seed
    /// leave a market unread for 32, 21 and 36 minutes.)</para>
    /// </remarks>
    [Test]
    public async Task Three_scouts_keep_every_market_of_the_home_system_fresher_than_a_bound()
    {
        var run = await ScoutRun.RunAsync(seed: 3, "scouts=3;strategy=optimal", Duration);
        var staleness = run.Measure(WarmUp);
        TestContext.Out.WriteLine($"{run.Markets.Count} markets, {run.Reads.Count} reads, {Describe(staleness)}");

        Assert.Multiple(() =>
        {
            Assert.That(run.Markets, Has.Count.EqualTo(25), "a live-sized starting system has 25 markets");
            Assert.That(run.Reads.Reads.Keys, Is.EquivalentTo(run.Markets.Select(m => m.Symbol)), "every market was read with prices");
            Assert.That(staleness.Max, Is.LessThan(TimeSpan.FromMinutes(19)), "after the first hour no market was left unread for longer than the best 3-scout lap (17.9 minutes) and a minute: " + Describe(staleness));
            Assert.That(staleness.Mean, Is.LessThan(TimeSpan.FromMinutes(9)), "a market is on average half a lap old, at most half the longest lap: " + Describe(staleness));
            Assert.That(run.Snapshot.Problems, Is.Empty, "no behaviour or conductor failed");
            Assert.That(run.RateLimited, Is.Zero);
        });
    }

    [Test]
    public async Task More_scouts_keep_markets_fresher_and_each_visit_costs_one_market_read()
    {
        var one = await ScoutRun.RunAsync(seed: 4, "scouts=1;strategy=greedy", Duration);
        var three = await ScoutRun.RunAsync(seed: 4, "scouts=3;strategy=greedy", Duration);

        var requests = three.Snapshot.Agents.Single().Totals.Requests;
        TestContext.Out.WriteLine($"one scout: {Describe(one.Measure(WarmUp))}; three: {Describe(three.Measure(WarmUp))}; {three.Reads.Count} reads, {three.Reads.Navigations} navigations, {requests} requests, shortest gap {ShortestGap(three.Reads)} {GapDetail(three.Reads)}; problems: {string.Join(" | ", three.Snapshot.Problems.Select(p => p.At.ToString("HH:mm:ss") + " " + p.ShipSymbol + " " + p.Message))}");
        Assert.That(three.Measure(WarmUp).Mean, Is.LessThan(one.Measure(WarmUp).Mean * 0.7));
        Assert.Multiple(() =>
        {
            Assert.That(three.Reads.MarketGets, Is.EqualTo(three.Reads.Count), "every market read is made by a scout at the market (it comes back with prices)");
            Assert.That(ShortestGap(three.Reads), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(18)), "no market is read again without at least one flight (18 s between orbitals) in between: no polling");
            Assert.That(three.Reads.Count, Is.LessThanOrEqualTo(three.Reads.Navigations + (3 * (int)(Duration / TimeSpan.FromMinutes(5)))), "reads without a flight only once per minimum revisit (a one-stop tour)");
            Assert.That(requests, Is.LessThan((2 * three.Reads.Count) + 30), "besides flying and reading, only the start-up and buying two probes");
        });
    }

    [Test]
    public async Task The_plugin_loads_through_the_plugin_loader_with_the_optimal_solver_native_library()
    {
        var lines = new ConcurrentQueue<string>();
        var folder = PluginBuildOutput();
        var run = await ScoutRun.RunAsync(seed: 5, "scouts=2;strategy=optimal", TimeSpan.FromMinutes(30), folder, lines.Enqueue);

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Assert.That(run.Plugins.Where(p => p.Loaded).Select(p => p.PluginId), Is.EqualTo(new[] { "spacetraders.market-scout" }), string.Join(Environment.NewLine, run.Plugins.Select(p => p.Message)));
        Assert.That(lines, Has.Some.Contains("Market scout plan 1 (optimal)"), string.Join(Environment.NewLine, lines));
        Assert.That(lines, Has.None.Contains("optimal solver is unavailable"), string.Join(Environment.NewLine, lines));
        Assert.That(run.Reads.Count, Is.GreaterThan(4), "the loaded behaviours scout");
    }

    /// <summary>
    /// Against a server that lists things in another order on every answer (the simulator's <c>reorder</c> profile), the
    /// scouts plan, fly and read exactly as against the fault-free server: nothing depends on list order.
    /// </summary>
    [Test]
    public async Task A_server_that_reorders_lists_changes_nothing_the_scouts_do()
    {
        var plain = await ScoutRun.RunAsync(seed: 4, "scouts=3;strategy=greedy", TimeSpan.FromHours(1));
        var reordered = await ScoutRun.RunAsync(seed: 4, "scouts=3;strategy=greedy", TimeSpan.FromHours(1), faults: "reorder");

        static string[] Reads(ScoutRunResult run) =>
            [.. run.Reads.Reads.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + ": " + string.Join(",", r.Value.Select(t => t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))))];

        Assert.Multiple(() =>
        {
            Assert.That(plain.Reads.Count, Is.GreaterThan(20));
            Assert.That(Reads(reordered), Is.EqualTo(Reads(plain)), "the same markets read at the same moments");
            Assert.That(reordered.Reads.Navigations, Is.EqualTo(plain.Reads.Navigations));
            Assert.That(reordered.Snapshot.Agents.Single().Totals.Requests, Is.EqualTo(plain.Snapshot.Agents.Single().Totals.Requests));
            Assert.That(reordered.Snapshot.Problems, Is.Empty);
        });
    }

    /// <summary>The plugin's own build output (with its .deps.json and runtimes/ native libraries), beside this test's in the artifacts layout.</summary>
    private static string PluginBuildOutput()
    {
        var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var configuration = testDirectory.Name;
        var folder = Path.Combine(testDirectory.Parent!.Parent!.FullName, "SpaceTraders.Plugins.MarketScout", configuration);
        Assert.That(Path.Combine(folder, "SpaceTraders.Plugins.MarketScout.deps.json"), Does.Exist, "the plugin's build output sits beside the tests' (artifacts layout)");
        return folder;
    }

    private static string GapDetail(MarketReadLog reads) =>
        string.Join("; ", reads.Reads.Select(r => (r.Key, Times: r.Value.Order().ToList()))
            .Select(r => (r.Key, Gap: r.Times.Zip(r.Times.Skip(1), (a, b) => (b - a, a)).DefaultIfEmpty((TimeSpan.MaxValue, default)).Min()))
            .OrderBy(r => r.Gap.Item1).Take(3).Select(r => $"{r.Key} {r.Gap.Item1} at {r.Gap.Item2:HH:mm:ss}"));

    private static TimeSpan ShortestGap(MarketReadLog reads) =>
        reads.Reads.Values.SelectMany(times => times.Order().Zip(times.Order().Skip(1), (a, b) => b - a)).DefaultIfEmpty(TimeSpan.MaxValue).Min();

    private static string Describe(Staleness staleness) =>
        $"mean {staleness.Mean}, worst {string.Join(", ", staleness.Worst.OrderByDescending(w => w.Value).Take(3).Select(w => $"{w.Key} {w.Value}"))}";
}
