using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>Re-planning when scouts are added or removed keeps every market assigned exactly once.</summary>
[TestFixture]
public sealed class ReplanningTests
{
    [TestCase("greedy")]
    [TestCase("kmeans")]
    [TestCase("slices")]
    [TestCase("optimal")]
    public void Adding_and_removing_scouts_keeps_every_market_assigned_once(string strategyName)
    {
        var strategy = PartitionStrategies.Parse(strategyName);
        var (markets, all) = ScoutInstances.Random(seed: 21, markets: 20, scouts: 6);
        var planner = new ScoutPlanner(TourCosts.Default, seed: 3);
        var fleets = new[]
        {
            all.Take(3).ToList(),                          // start with three
            all.Take(4).ToList(),                          // one bought
            all.Take(4).Where((_, i) => i != 1).ToList(),  // one removed
            all.Skip(2).ToList(),                          // two removed, three added
            all.Take(1).ToList(),                          // down to one
        };

        PlannedTours? previous = null;
        foreach (var fleet in fleets)
        {
            // Scouts re-plan from where they are: the first stop of their previous tour stands in for "moved on".
            var moved = fleet.Select(s => previous?.Tours.SingleOrDefault(t => t.Scout.Symbol == s.Symbol) is { Stops.Count: > 0 } tour ? s with { Start = tour.Stops[0] } : s).ToList();
            var plan = planner.Plan(strategy, moved, markets);
            PartitioningTests.AssertCompleteAndValid(plan, moved, markets, $"{strategy} with {fleet.Count} scouts");
            Assert.That(plan.Unassigned, Is.Empty);
            previous = plan;
        }

        Assert.That(previous!.Tours.Single().Stops, Has.Count.EqualTo(20), "one scout takes every market");
    }

    [Test]
    public void A_plan_posted_for_the_board_names_each_scout_with_its_stops()
    {
        var (markets, scouts) = ScoutInstances.Random(seed: 22, markets: 12, scouts: 3);
        var planned = new ScoutPlanner(TourCosts.Default).Plan(PartitionStrategy.Greedy, scouts, markets);
        var plan = ScoutPlan.From(7, planned, DateTimeOffset.UnixEpoch);

        Assert.That(plan.Version, Is.EqualTo(7));
        Assert.That(plan.Assignments.Keys, Is.EquivalentTo(scouts.Select(s => s.Symbol)));
        Assert.That(plan.Assignments.Values.SelectMany(a => a.Stops).Select(s => s.Symbol), Is.EquivalentTo(markets.Select(m => m.Symbol)));
        Assert.That(plan.Assignments.Values.Select(a => a.EstimatedSeconds), Is.EqualTo(planned.Tours.Select(t => t.Seconds)));
    }
}
