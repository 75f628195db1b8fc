using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>Tour ordering (nearest neighbour, 2-opt) and the stalest-first lap.</summary>
[TestFixture]
public sealed class TourOrderingTests
{
    private static readonly TourCosts Costs = TourCosts.Default;

    [Test]
    public void TwoOpt_is_never_longer_than_nearest_neighbour_and_shorter_on_some_instances()
    {
        var shorter = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var (markets, scouts) = ScoutInstances.Random(seed, markets: 6 + (seed % 20), scouts: 1, radius: 200);
            var nearest = TourOrdering.Build(scouts[0], markets, Costs, TourOrder.NearestNeighbour);
            var twoOpt = TourOrdering.Build(scouts[0], markets, Costs, TourOrder.TwoOpt);
            Assert.That(twoOpt.Seconds, Is.LessThanOrEqualTo(nearest.Seconds), $"seed {seed}");
            Assert.That(twoOpt.Stops, Is.EquivalentTo(markets), $"seed {seed}");
            if (twoOpt.Seconds < nearest.Seconds)
            {
                shorter++;
            }
        }

        Assert.That(shorter, Is.GreaterThan(10), "2-opt improves a good share of nearest-neighbour tours");
    }

    [Test]
    public void TwoOpt_undoes_a_crossing()
    {
        // Start S, then nearest neighbour goes A, B, C, D ... a hand-made order with a crossing: S→B→A→C→D→S.
        var m = new[,]
        {
            //        S   A   B   C   D
            /* S */ { 0, 10, 14, 20, 10 },
            /* A */ { 10, 0, 10, 14, 14 },
            /* B */ { 14, 10, 0, 10, 20 },
            /* C */ { 20, 14, 10, 0, 10 },
            /* D */ { 10, 14, 20, 10, 0 },
        };
        int[] crossing = [2, 1, 3, 4];
        var improved = TourOrdering.TwoOpt(m, crossing);
        Assert.That(TourOrdering.Length(m, crossing), Is.EqualTo(14 + 10 + 14 + 10 + 10));
        Assert.That(TourOrdering.Length(m, improved), Is.EqualTo(50));
        Assert.That(improved, Is.EqualTo(new[] { 1, 2, 3, 4 }).Or.EqualTo(new[] { 4, 3, 2, 1 }));
    }

    [Test]
    public void Nearest_neighbour_always_flies_to_the_closest_unvisited_market()
    {
        var m = new[,]
        {
            { 0, 5, 3, 9 },
            { 5, 0, 4, 1 },
            { 3, 4, 0, 8 },
            { 9, 1, 8, 0 },
        };
        Assert.That(TourOrdering.NearestNeighbour(m), Is.EqualTo(new[] { 2, 1, 3 }));
    }

    [Test]
    public void A_lap_heads_for_the_never_read_market_first()
    {
        var here = new WaypointPosition("X1-T-H", "X1-T", 0, 0);
        var cycle = new[]
        {
            new WaypointPosition("X1-T-A", "X1-T", 10, 0),
            new WaypointPosition("X1-T-B", "X1-T", 50, 0),
            new WaypointPosition("X1-T-C", "X1-T", 50, 50),
            new WaypointPosition("X1-T-D", "X1-T", 0, 50),
        };
        var lap = StaleFirst.Lap(here, cycle, m => m.Symbol == "X1-T-C" ? null : 60, Costs, 9);
        Assert.That(lap[0].Symbol, Is.EqualTo("X1-T-C"));
        Assert.That(lap, Is.EquivalentTo(cycle));
    }

    [Test]
    public void In_steady_state_a_lap_continues_the_cycle_with_the_market_read_longest_ago()
    {
        var cycle = Enumerable.Range(0, 5).Select(i => new WaypointPosition($"X1-T-{i}", "X1-T", 40 * i, (i % 2) * 30)).ToArray();

        // The scout just read market 4; market 0 was read longest ago, then 1, 2, 3.
        var ages = new Dictionary<string, double> { ["X1-T-0"] = 800, ["X1-T-1"] = 600, ["X1-T-2"] = 400, ["X1-T-3"] = 200, ["X1-T-4"] = 0 };
        var lap = StaleFirst.Lap(cycle[4], cycle, m => ages[m.Symbol], Costs, 9);
        Assert.That(lap.Select(m => m.Symbol), Is.EqualTo(new[] { "X1-T-0", "X1-T-1", "X1-T-2", "X1-T-3", "X1-T-4" }));
    }
}
