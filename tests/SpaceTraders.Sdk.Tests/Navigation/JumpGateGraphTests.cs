using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Tests.Navigation;

/// <summary>
/// The jump-gate graph on a hand-made map:
/// <code>
///   A(0,0) ── P(1000,0) ── T(30,0)
///    └── Q1(10,0) ── Q2(20,0) ──┘
/// </code>
/// Two jumps through P, three through Q1 and Q2. Jump cooldowns (round(15 + 0.3 d)): A→P 315 s, A→Q1 18 s, Q1→Q2 18 s.
/// </summary>
[TestFixture]
public sealed class JumpGateGraphTests
{
    private static JumpGate Gate(string system, params string[] connectedSystems) =>
        new() { Symbol = $"X1-{system}-G", Connections = [.. connectedSystems.Select(s => $"X1-{s}-G")] };

    private static JumpGateGraph Map(bool fetchP = false)
    {
        var graph = new JumpGateGraph();
        graph.AddSystem("X1-A", 0, 0);
        graph.AddSystem("X1-P", 1000, 0);
        graph.AddSystem("X1-Q1", 10, 0);
        graph.AddSystem("X1-Q2", 20, 0);
        graph.AddSystem("X1-T", 30, 0);
        graph.Add(Gate("A", "P", "Q1"));
        graph.Add(Gate("Q1", "A", "Q2"));
        graph.Add(Gate("Q2", "Q1", "T"));
        if (fetchP)
        {
            graph.Add(Gate("P", "A", "T"));
        }

        return graph;
    }

    [Test]
    public void Fewest_jumps_and_least_waiting_can_be_different_paths()
    {
        var graph = Map(fetchP: true);

        var fewest = graph.FindPath("X1-A", "X1-T", JumpPathMetric.Jumps)!;
        var fastest = graph.FindPath("X1-A", "X1-T", JumpPathMetric.Time)!;

        Assert.That(fewest.Systems, Is.EqualTo(new[] { "X1-A", "X1-P", "X1-T" }));
        Assert.That(fewest.WaitingSeconds, Is.EqualTo(315), "the cooldown of A -> P; the last jump's cooldown is not waited");
        Assert.That(fastest.Systems, Is.EqualTo(new[] { "X1-A", "X1-Q1", "X1-Q2", "X1-T" }));
        Assert.That(fastest.WaitingSeconds, Is.EqualTo(36));
        Assert.That(fastest.Hops.Select(h => (h.FromGate, h.ToGate)), Is.EqualTo(new[]
        {
            ("X1-A-G", "X1-Q1-G"),
            ("X1-Q1-G", "X1-Q2-G"),
            ("X1-Q2-G", "X1-T-G"),
        }));
        Assert.That(fastest.Hops.Select(h => h.CooldownSeconds), Is.EqualTo(new[] { 18, 18, 18 }));
    }

    [Test]
    public void Connections_run_both_ways_and_paths_can_end_in_an_unexplored_system()
    {
        var graph = Map();

        // T was never fetched; Q2 lists it, so T -> Q2 is known too.
        Assert.That(graph.FindPath("X1-T", "X1-A")!.Systems, Is.EqualTo(new[] { "X1-T", "X1-Q2", "X1-Q1", "X1-A" }));
        Assert.That(graph.FindPath("X1-A", "X1-A")!.Jumps, Is.Zero);
        Assert.That(graph.GetConnections("X1-A"), Is.EqualTo(new[] { "X1-P", "X1-Q1" }));
    }

    [Test]
    public void Gates_under_construction_are_not_jumped_through()
    {
        var graph = Map(fetchP: true);
        graph.SetUnderConstruction("X1-Q2-G", true);

        Assert.That(graph.FindPath("X1-A", "X1-T", JumpPathMetric.Time)!.Systems, Is.EqualTo(new[] { "X1-A", "X1-P", "X1-T" }));

        graph.Add(new Waypoint
        {
            Symbol = "X1-P-G",
            Type = WaypointType.JumpGate,
            SystemSymbol = "X1-P",
            X = 0,
            Y = 0,
            Orbitals = [],
            Traits = [],
            IsUnderConstruction = true,
        });
        Assert.That(graph.FindPath("X1-A", "X1-T"), Is.Null);
    }

    [Test]
    public void The_nearest_unexplored_system_is_the_closest_gate_whose_connections_are_unknown()
    {
        var graph = Map();

        var nearest = graph.FindNearestUnexplored("X1-A")!;

        Assert.That(nearest.SystemSymbol, Is.EqualTo("X1-P"));
        Assert.That(nearest.GateWaypointSymbol, Is.EqualTo("X1-P-G"));
        Assert.That(nearest.Path.Jumps, Is.EqualTo(1));
        Assert.That(graph.IsExplored("X1-A"), Is.True);
        Assert.That(graph.IsExplored("X1-P"), Is.False);

        graph.Add(Gate("P", "A"));
        var next = graph.FindNearestUnexplored("X1-A")!;
        Assert.That(next.SystemSymbol, Is.EqualTo("X1-T"));
        Assert.That(next.Path.Systems, Is.EqualTo(new[] { "X1-A", "X1-Q1", "X1-Q2", "X1-T" }));

        graph.Add(Gate("T", "Q2"));
        Assert.That(graph.FindNearestUnexplored("X1-A"), Is.Null, "every reachable system is explored");
    }

    [Test]
    public void A_caller_can_say_what_explored_means()
    {
        var graph = Map();
        var visited = new HashSet<string> { "X1-A", "X1-P", "X1-Q1" };

        var nearest = graph.FindNearestUnexplored("X1-A", JumpPathMetric.Jumps, visited.Contains)!;

        Assert.That(nearest.SystemSymbol, Is.EqualTo("X1-Q2"));
        Assert.That(nearest.Path.Jumps, Is.EqualTo(2));
        Assert.That(graph.FindNearestUnexplored("X1-Q1", JumpPathMetric.Jumps, _ => false)!.Path.Jumps, Is.Zero, "the start itself is unexplored");
    }

    [Test]
    public void Systems_add_their_gate_waypoints_and_coordinates()
    {
        var graph = new JumpGateGraph();
        graph.Add(new StarSystem
        {
            Symbol = "X1-A",
            SectorSymbol = "X1",
            Type = SystemType.RedStar,
            X = 0,
            Y = 0,
            Waypoints =
            [
                new SystemWaypoint { Symbol = "X1-A-G", Type = WaypointType.JumpGate, X = 1, Y = 1, Orbitals = [] },
                new SystemWaypoint { Symbol = "X1-A-P1", Type = WaypointType.Planet, X = 5, Y = 5, Orbitals = [] },
            ],
            Factions = [],
        });

        var unexplored = graph.FindNearestUnexplored("X1-A")!;

        Assert.That(unexplored.SystemSymbol, Is.EqualTo("X1-A"));
        Assert.That(unexplored.GateWaypointSymbol, Is.EqualTo("X1-A-G"));
        Assert.That(graph.SystemCount, Is.EqualTo(1));
    }
}
