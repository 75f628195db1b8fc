using System.Text;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class WorldGenerationTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_same_seed_gives_the_same_universe_and_another_seed_another()
    {
        var a = Describe(WorldGenerator.Generate(7, new WorldOptions(), Start));
        var b = Describe(WorldGenerator.Generate(7, new WorldOptions(), Start));
        var c = Describe(WorldGenerator.Generate(8, new WorldOptions(), Start));

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(2026)]
    public void Every_system_is_reachable_through_working_gates_unless_it_is_the_construction_site(int seed)
    {
        var universe = WorldGenerator.Generate(seed, new WorldOptions { StartingGatesUnderConstruction = false }, Start);

        Assert.That(universe.Systems, Has.Count.EqualTo(30));
        Assert.That(universe.Systems, Has.All.Matches<StarSystem>(s => s.JumpGate is not null));
        Assert.That(universe.ConstructionSites, Has.Count.EqualTo(1), "with working starting gates, one frontier gate is under construction");
        foreach (var hq in universe.Headquarters.Values.Where(h => FactionCatalog.Find(h.Faction!)!.IsRecruiting))
        {
            var reached = Reachable(universe, hq.System);
            var unreached = universe.Systems.Where(s => !reached.Contains(s.Symbol)).ToList();
            Assert.That(unreached, Has.All.Matches<StarSystem>(s => s.JumpGate!.IsUnderConstruction), $"from {hq.Symbol}");
        }
    }

    [Test]
    public void Uncharted_systems_are_far_from_the_starting_systems_and_show_no_charts()
    {
        var universe = WorldGenerator.Generate(42, new WorldOptions { UnchartedSystemCount = 3 }, Start);
        var uncharted = universe.Systems.Where(s => s.IsUncharted).ToList();

        Assert.That(uncharted, Has.Count.EqualTo(3));
        Assert.That(uncharted.SelectMany(s => s.Waypoints), Has.All.Matches<Waypoint>(w => !w.IsCharted && w.ChartedBy is null));
        Assert.That(universe.Systems.Except(uncharted).SelectMany(s => s.Waypoints), Has.All.Matches<Waypoint>(w => w.IsCharted));
        Assert.That(uncharted, Has.None.Matches<StarSystem>(s => s.HeadquartersOf is not null));
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(99)]
    public void Markets_and_shipyards_are_where_the_traits_say(int seed)
    {
        var universe = WorldGenerator.Generate(seed, new WorldOptions(), Start);

        foreach (var waypoint in universe.Waypoints)
        {
            Assert.That(waypoint.Market is not null, Is.EqualTo(waypoint.HasTrait("MARKETPLACE")), waypoint.Symbol);
            Assert.That(waypoint.Shipyard is not null, Is.EqualTo(waypoint.HasTrait("SHIPYARD")), waypoint.Symbol);
            Assert.That(waypoint.Deposits.IsEmpty, Is.EqualTo(waypoint.Type is not ("ASTEROID" or "ASTEROID_FIELD" or "ENGINEERED_ASTEROID" or "GAS_GIANT")), waypoint.Symbol);
        }
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(99)]
    public void A_starting_system_has_markets_shipyards_fuel_asteroids_near_the_hq_and_a_gas_giant(int seed)
    {
        var universe = WorldGenerator.Generate(seed, new WorldOptions(), Start);
        foreach (var faction in FactionCatalog.All.Where(f => f.IsRecruiting))
        {
            var hq = universe.Headquarters[faction.Symbol];
            var system = hq.System;
            var waypoints = system.Waypoints;
            Assert.Multiple(() =>
            {
                Assert.That(waypoints, Has.Count.EqualTo(82), "the live capture's size (WorldShapeTests compares the rest)");
                Assert.That(waypoints.Count(w => w.Market is not null), Is.EqualTo(25));
                Assert.That(waypoints.Count(w => w.Shipyard is not null), Is.EqualTo(3));
                Assert.That(waypoints.Count(w => w.Market?.Trades("FUEL") == true), Is.GreaterThanOrEqualTo(4));
                Assert.That(waypoints.Count(w => w.Type == "GAS_GIANT"), Is.EqualTo(1));
                Assert.That(waypoints.Count(w => w.Type == "ASTEROID"), Is.GreaterThanOrEqualTo(8));
                Assert.That(hq.Market, Is.Not.Null, "the HQ has a market");
                Assert.That(waypoints, Has.All.Matches<Waypoint>(w => w.Faction == faction.Symbol));
            });

            var engineered = waypoints.Single(w => w.Type == "ENGINEERED_ASTEROID");
            Assert.That(engineered.DistanceTo(hq), Is.LessThanOrEqualTo(100), "the engineered asteroid is on the way from the HQ to its refinery");
            Assert.That(engineered.HasTrait("COMMON_METAL_DEPOSITS"), Is.True);

            // Everything the system's asteroids yield can be sold in the system.
            var buyers = waypoints.Where(w => w.Market is not null).SelectMany(w => w.Market!.Imports.Concat(w.Market.Exchange)).ToHashSet();
            var yields = waypoints.Where(w => w.Type != "GAS_GIANT").SelectMany(w => w.Deposits.Goods).Distinct();
            Assert.That(yields, Is.SubsetOf(buyers));
        }
    }

    [Test]
    public void Gate_connections_are_symmetric_and_point_at_gates()
    {
        var universe = WorldGenerator.Generate(5, new WorldOptions(), Start);
        foreach (var gate in universe.Systems.Select(s => s.JumpGate!))
        {
            Assert.That(gate.Connections, Is.Not.Empty, gate.Symbol);
            foreach (var other in gate.Connections.Select(c => universe.FindWaypoint(c)!))
            {
                Assert.That(other.Type, Is.EqualTo("JUMP_GATE"));
                Assert.That(other.Connections, Does.Contain(gate.Symbol));
            }
        }
    }

    [Test]
    public void Starting_gates_are_under_construction_by_default_as_in_the_live_game()
    {
        var universe = WorldGenerator.Generate(5, new WorldOptions(), Start);

        Assert.That(universe.ConstructionSites.Select(w => w.System.HeadquartersOf), Is.EquivalentTo(new[] { "COSMIC", "VOID", "GALACTIC", "QUANTUM", "DOMINION" }));
        Assert.That(universe.ConstructionSites, Has.All.Matches<Waypoint>(w => w.HasTrait("UNDER_CONSTRUCTION")));
    }

    [Test]
    public void The_galaxy_size_is_configurable()
    {
        using var clock = new VirtualClock();
        var game = new GameState(3, clock, new WorldOptions { SystemCount = 60, UnchartedSystemCount = 6, StartingAsteroidCount = 10 });

        Assert.That(game.Universe.Systems, Has.Count.EqualTo(60));
        Assert.That(game.Universe.Systems.Count(s => s.IsUncharted), Is.EqualTo(6));
        Assert.That(game.Universe.Headquarters["COSMIC"].System.Waypoints.Count(w => w.Type == "ASTEROID"), Is.EqualTo(10));
    }

    private static HashSet<string> Reachable(Universe universe, StarSystem from)
    {
        var seen = new HashSet<string> { from.Symbol };
        var queue = new Queue<StarSystem>([from]);
        while (queue.Count > 0)
        {
            var gate = queue.Dequeue().JumpGate!;
            if (gate.IsUnderConstruction)
            {
                continue;
            }

            foreach (var next in gate.Connections.Select(c => universe.FindWaypoint(c)!))
            {
                if (!next.IsUnderConstruction && seen.Add(next.System.Symbol))
                {
                    queue.Enqueue(next.System);
                }
            }
        }

        return seen;
    }

    private static string Describe(Universe universe)
    {
        var text = new StringBuilder();
        foreach (var system in universe.Systems)
        {
            text.Append(system.Symbol).Append(' ').Append(system.Type).Append(' ').Append(system.X).Append(',').Append(system.Y).AppendLine();
            foreach (var w in system.Waypoints)
            {
                text.Append(' ').Append(w.Symbol).Append(' ').Append(w.Type).Append(' ').Append(w.X).Append(',').Append(w.Y)
                    .Append(" [").AppendJoin(',', w.Traits).Append("] ")
                    .AppendJoin(',', w.Market?.Exports ?? []).Append('|').AppendJoin(',', w.Market?.Imports ?? []).Append('|').AppendJoin(',', w.Market?.Exchange ?? [])
                    .Append(' ').AppendJoin(',', w.Connections).AppendLine();
            }
        }

        return text.ToString();
    }
}
