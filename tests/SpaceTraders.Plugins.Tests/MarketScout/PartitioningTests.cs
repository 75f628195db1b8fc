using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>The partitioning strategies on seeded instances: complete, exclusive, valid tours, and the optimal solver never behind greedy.</summary>
[TestFixture]
public sealed class PartitioningTests
{
    private static readonly TourCosts Costs = TourCosts.Default;

    private static IEnumerable<TestCaseData> Cases() => ScoutInstances.Cases();

    [TestCaseSource(nameof(Cases))]
    public void Every_strategy_assigns_every_market_to_exactly_one_scout_in_a_valid_tour(int seed, int marketCount, int scoutCount)
    {
        var (markets, scouts) = ScoutInstances.Random(seed, marketCount, scoutCount);
        var planner = new ScoutPlanner(Costs, seed);
        foreach (var strategy in PartitionStrategies.All)
        {
            var plan = planner.Plan(strategy, scouts, markets);
            AssertCompleteAndValid(plan, scouts, markets, strategy.ToString());
            Assert.That(plan.Unassigned, Is.Empty, strategy.ToString());
        }
    }

    [Test]
    public void More_scouts_than_markets_leaves_some_scouts_with_empty_tours_and_still_assigns_every_market_once()
    {
        var (markets, scouts) = ScoutInstances.Random(seed: 5, markets: 4, scouts: 6);
        var planner = new ScoutPlanner(Costs);
        foreach (var strategy in PartitionStrategies.All)
        {
            var plan = planner.Plan(strategy, scouts, markets);
            AssertCompleteAndValid(plan, scouts, markets, strategy.ToString());
            Assert.That(plan.Tours.Count(t => t.Stops.Count == 0), Is.GreaterThanOrEqualTo(2), strategy.ToString());
        }
    }

    [Test]
    public void The_optimal_solver_is_never_worse_than_greedy_and_better_on_some_instances()
    {
        var improved = 0;
        var instances = 0;
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            foreach (var (marketCount, scoutCount) in new[] { (11, 3), (24, 3), (24, 6), (30, 4) })
            {
                var (markets, scouts) = ScoutInstances.Random(seed, marketCount, scoutCount, speeds: [9, 9, 30]);
                var planner = new ScoutPlanner(Costs, seed);
                var greedy = planner.Plan(PartitionStrategy.Greedy, scouts, markets);
                var optimal = planner.Plan(PartitionStrategy.Optimal, scouts, markets);
                Assert.That(optimal.MaxSeconds, Is.LessThanOrEqualTo(greedy.MaxSeconds), $"seed {seed}, {marketCount} markets, {scoutCount} scouts");
                instances++;
                if (optimal.MaxSeconds < greedy.MaxSeconds)
                {
                    improved++;
                }
            }
        }

        // The solver really runs: if it silently fell back to greedy everywhere, nothing would improve.
        Assert.That(improved, Is.GreaterThan(instances / 2), $"OR-Tools shortened the longest tour on {improved} of {instances} instances");
    }

    [TestCase(1, 7, 2)]
    [TestCase(2, 7, 2)]
    [TestCase(3, 6, 3)]
    [TestCase(4, 6, 3)]
    public void The_optimal_solver_matches_an_exhaustive_search_on_small_instances(int seed, int marketCount, int scoutCount)
    {
        var (markets, scouts) = ScoutInstances.Random(seed, marketCount, scoutCount, speeds: [9, 30]);
        var plan = new ScoutPlanner(Costs, seed).Plan(PartitionStrategy.Optimal, scouts, markets);
        Assert.That(plan.MaxSeconds, Is.EqualTo(ExhaustiveMinMax(scouts, markets)));
    }

    [Test]
    public void Tour_times_follow_the_travel_formula_plus_the_visit_overhead()
    {
        var start = new WaypointPosition("X1-T-A", "X1-T", 0, 0);
        var a = new WaypointPosition("X1-T-B", "X1-T", 50, 0);
        var b = new WaypointPosition("X1-T-C", "X1-T", 50, 0);   // an orbital at the same position: distance 0 counts as 1
        var costs = new TourCosts(FlightRules.Default, ShipNavFlightMode.Cruise, visitOverheadSeconds: 3);
        var scout = new ScoutShip("S-1", start, EngineSpeed: 9);

        // round(50 × 25 / 9 + 15) = 154; round(1 × 25 / 9 + 15) = 18; a lap is the cycle B → C → B with two visits of 3 s.
        Assert.That(costs.FlightSeconds(start, a, 9), Is.EqualTo(154));
        Assert.That(costs.FlightSeconds(a, b, 9), Is.EqualTo(18));
        Assert.That(costs.TourSeconds(scout, [a, b]), Is.EqualTo(18 + 18 + (2 * 3)));
        Assert.That(costs.LeadInSeconds(scout, [a, b]), Is.EqualTo(154), "reaching the cycle is paid once");
        Assert.That(costs.TourSeconds(scout, [a]), Is.EqualTo(3), "a one-market cycle is only its visit");
        Assert.That(costs.TourSeconds(scout, []), Is.Zero);
    }

    [Test]
    public void Greedy_balances_tour_times_better_than_one_scout_taking_everything()
    {
        var (markets, scouts) = ScoutInstances.Random(seed: 7, markets: 24, scouts: 3);
        var plan = new ScoutPlanner(Costs).Plan(PartitionStrategy.Greedy, scouts, markets);
        Assert.That(plan.Tours, Has.All.Matches<Tour>(t => t.Stops.Count > 0));
        Assert.That(plan.Balance, Is.LessThan(1.5));
    }

    [Test]
    public void KMeans_is_deterministic_for_a_seed_and_makes_compact_clusters()
    {
        var (markets, scouts) = ScoutInstances.Random(seed: 8, markets: 30, scouts: 4, radius: 200);
        var first = new ScoutPlanner(Costs, seed: 42).Plan(PartitionStrategy.KMeans, scouts, markets);
        var second = new ScoutPlanner(Costs, seed: 42).Plan(PartitionStrategy.KMeans, scouts, markets);
        Assert.That(Describe(second), Is.EqualTo(Describe(first)));

        // Compact: every market is at least as close to its own cluster's centroid as to any other's.
        var centroids = first.Tours.Where(t => t.Stops.Count > 0).Select(t => Geometry.Centroid(t.Stops)).ToList();
        foreach (var tour in first.Tours.Where(t => t.Stops.Count > 0))
        {
            var own = Geometry.Centroid(tour.Stops);
            foreach (var market in tour.Stops)
            {
                var nearest = centroids.Min(c => Geometry.Distance(market, c.X, c.Y));
                Assert.That(Geometry.Distance(market, own.X, own.Y), Is.LessThanOrEqualTo(nearest + 1e-6), market.Symbol);
            }
        }
    }

    [Test]
    public void Slices_are_contiguous_angular_sectors_of_equal_size()
    {
        var (markets, scouts) = ScoutInstances.Random(seed: 9, markets: 23, scouts: 5, radius: 150);
        var plan = new ScoutPlanner(Costs).Plan(PartitionStrategy.Slices, scouts, markets);
        Assert.That(plan.Tours.Select(t => t.Stops.Count), Is.All.InRange(23 / 5, (23 / 5) + 1));

        // In angular order around the centroid, each scout's markets form one run (the circle has exactly 5 changes of scout).
        var (cx, cy) = Geometry.Centroid(markets);
        var owner = plan.Tours.SelectMany(t => t.Stops.Select(s => (s.Symbol, t.Scout.Symbol))).ToDictionary(x => x.Item1, x => x.Item2);
        var around = markets.OrderBy(m => Math.Atan2(m.Y - cy, m.X - cx)).ThenBy(m => m.Symbol, StringComparer.Ordinal).Select(m => owner[m.Symbol]).ToList();
        var changes = around.Select((o, i) => o != around[(i + 1) % around.Count]).Count(c => c);
        Assert.That(changes, Is.EqualTo(5));
    }

    [Test]
    public void Several_systems_get_scouts_by_workload_and_every_market_once()
    {
        var (near, _) = ScoutInstances.Random(seed: 10, markets: 6, scouts: 0, radius: 30, system: "X1-AA");
        var (far, _) = ScoutInstances.Random(seed: 11, markets: 18, scouts: 0, radius: 150, system: "X1-BB");
        var scouts = Enumerable.Range(1, 4).Select(i => new ScoutShip($"S-{i}", near[0], 9)).ToList();
        var gate = new WaypointPosition("X1-BB-GATE", "X1-BB", 0, 0);
        var plan = new ScoutPlanner(Costs).Plan(PartitionStrategy.Greedy, scouts, [.. near, .. far], new Dictionary<string, WaypointPosition> { ["X1-BB"] = gate });

        AssertEveryMarketOnce(plan, [.. near, .. far]);
        var bySystem = plan.Tours.GroupBy(t => t.Scout.Start.SystemSymbol).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(bySystem["X1-AA"], Is.EqualTo(1), "the small system needs one scout");
        Assert.That(bySystem["X1-BB"], Is.EqualTo(3), "the large one gets the rest");
        Assert.That(plan.Tours.Where(t => t.Scout.Start.SystemSymbol == "X1-BB").Select(t => t.Scout.Start), Has.All.EqualTo(gate));
        Assert.That(plan.Tours.SelectMany(t => t.Stops).All(s => plan.Tours.Single(t => t.Stops.Contains(s)).Scout.Start.SystemSymbol == s.SystemSymbol));
    }

    [Test]
    public void Fewer_scouts_than_systems_leaves_the_lightest_system_unassigned()
    {
        var (a, _) = ScoutInstances.Random(seed: 12, markets: 10, scouts: 0, system: "X1-AA");
        var (b, _) = ScoutInstances.Random(seed: 13, markets: 3, scouts: 0, radius: 10, system: "X1-BB");
        var plan = new ScoutPlanner(Costs).Plan(PartitionStrategy.KMeans, [new ScoutShip("S-1", b[0], 9)], [.. a, .. b]);
        Assert.That(plan.Tours.Single().Stops, Is.EquivalentTo(a));
        Assert.That(plan.Unassigned, Is.EquivalentTo(b));
    }

    internal static void AssertCompleteAndValid(PlannedTours plan, IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, string label)
    {
        AssertEveryMarketOnce(plan, markets, label);
        Assert.That(plan.Tours.Select(t => t.Scout.Symbol), Is.EquivalentTo(scouts.Select(s => s.Symbol)), label + ": one tour per scout");
        foreach (var tour in plan.Tours)
        {
            var scout = scouts.Single(s => s.Symbol == tour.Scout.Symbol);
            Assert.That(tour.Scout.Start, Is.EqualTo(scout.Start), label + ": a tour starts at its scout");
            if (tour.Stops.Count > 0)
            {
                var nearest = tour.Stops.Min(m => Costs.FlightSeconds(scout.Start, m, scout.EngineSpeed));
                Assert.That(Costs.FlightSeconds(scout.Start, tour.Stops[0], scout.EngineSpeed), Is.EqualTo(nearest), label + ": it enters its cycle at the stop nearest the scout");
            }

            Assert.That(tour.Seconds, Is.EqualTo(Costs.TourSeconds(scout, tour.Stops)), label + ": the estimate is the tour's");
        }
    }

    private static void AssertEveryMarketOnce(PlannedTours plan, IReadOnlyList<WaypointPosition> markets, string label = "")
    {
        var visited = plan.Tours.SelectMany(t => t.Stops).Concat(plan.Unassigned).Select(s => s.Symbol).ToList();
        Assert.That(visited, Is.EquivalentTo(markets.Select(m => m.Symbol)), label + ": every market exactly once");
        Assert.That(visited, Is.Unique, label);
    }

    /// <summary>The shortest longest tour over every assignment of markets to scouts and every order of every tour.</summary>
    private static int ExhaustiveMinMax(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets)
    {
        var k = scouts.Count;
        var best = int.MaxValue;
        var owner = new int[markets.Count];
        var combinations = (int)Math.Pow(k, markets.Count);
        for (var code = 0; code < combinations; code++)
        {
            var rest = code;
            for (var i = 0; i < markets.Count; i++)
            {
                owner[i] = rest % k;
                rest /= k;
            }

            var max = 0;
            for (var s = 0; s < k && max < best; s++)
            {
                var mine = markets.Where((_, i) => owner[i] == s).ToList();
                max = Math.Max(max, BestTour(scouts[s], mine));
            }

            best = Math.Min(best, max);
        }

        return best;
    }

    private static int BestTour(ScoutShip scout, List<WaypointPosition> stops)
    {
        if (stops.Count == 0)
        {
            return 0;
        }

        var best = int.MaxValue;
        foreach (var order in Permutations(stops))
        {
            best = Math.Min(best, Costs.TourSeconds(scout, order));
        }

        return best;
    }

    private static IEnumerable<List<WaypointPosition>> Permutations(List<WaypointPosition> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private static string Describe(PlannedTours plan) =>
        string.Join(" | ", plan.Tours.Select(t => t.Scout.Symbol + ":" + string.Join(",", t.Stops.Select(s => s.Symbol))));
}
