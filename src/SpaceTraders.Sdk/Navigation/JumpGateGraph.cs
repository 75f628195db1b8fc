using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>
/// The jump-gate network as far as it is known: which systems connect to which, which gates have not been
/// looked at yet, and the shortest way between two systems.
/// </summary>
/// <remarks>
/// <para>
/// Feed it what the API returns: <see cref="Add(JumpGate)"/> for each jump gate fetched (its connections
/// become known), <see cref="Add(StarSystem)"/> for the systems' coordinates and gate waypoints, and
/// <see cref="Add(Waypoint)"/> for gate waypoints (which also tells whether a gate is still under
/// construction: nobody can jump from or to such a gate). Connections are taken to run both ways, as they do in
/// the game. <see cref="Caches.StaticWorldCache.BuildJumpGateGraph"/> builds one from everything it has fetched.
/// </para>
/// <para>
/// A system is <em>explored</em> once the connections of one of its gates are known. Paths may end in an
/// unexplored system (its gate is known from the other end) but never leave one.
/// </para>
/// <para>Thread-safe: adds and queries may run concurrently.</para>
/// </remarks>
public sealed class JumpGateGraph
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SystemNode> _systems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _underConstruction = new(StringComparer.Ordinal);
    private readonly FlightRules _rules;

    /// <summary>Initializes a new instance of the <see cref="JumpGateGraph"/> class, empty.</summary>
    /// <param name="rules">The formulas for the jump cooldown (<see cref="JumpPathMetric.Time"/>). The default value is <see cref="FlightRules.Default"/>.</param>
    public JumpGateGraph(FlightRules? rules = null) => _rules = rules ?? FlightRules.Default;

    /// <summary>Gets the number of systems the graph knows (explored or not).</summary>
    public int SystemCount
    {
        get
        {
            lock (_gate)
            {
                return _systems.Count;
            }
        }
    }

    /// <summary>Adds a jump gate and its connections; its system becomes explored.</summary>
    /// <param name="gate">The jump gate as <c>GET .../jump-gate</c> returns it.</param>
    public void Add(JumpGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var system = Symbols.SystemOf(gate.Symbol);
        lock (_gate)
        {
            var node = Node(system);
            node.Gates.Add(gate.Symbol);
            node.Explored = true;
            foreach (var connection in gate.Connections)
            {
                var other = Symbols.SystemOf(connection);
                if (string.Equals(other, system, StringComparison.Ordinal))
                {
                    continue;
                }

                var otherNode = Node(other);
                otherNode.Gates.Add(connection);
                node.Edges[other] = new Edge(gate.Symbol, connection, other);
                otherNode.Edges.TryAdd(system, new Edge(connection, gate.Symbol, system));
            }
        }
    }

    /// <summary>Adds a system: its coordinates (for <see cref="JumpPathMetric.Time"/>) and its jump-gate waypoints.</summary>
    /// <param name="system">The system.</param>
    public void Add(StarSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        lock (_gate)
        {
            var node = Node(system.Symbol);
            node.Position = (system.X, system.Y);
            foreach (var waypoint in system.Waypoints)
            {
                if (waypoint.Type == WaypointType.JumpGate)
                {
                    node.Gates.Add(waypoint.Symbol);
                }
            }
        }
    }

    /// <summary>Adds a system's coordinates.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="x">Its x coordinate in the galaxy.</param>
    /// <param name="y">Its y coordinate in the galaxy.</param>
    public void AddSystem(string systemSymbol, int x, int y)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        lock (_gate)
        {
            Node(systemSymbol).Position = (x, y);
        }
    }

    /// <summary>Adds a waypoint; a jump gate is recorded with whether it is under construction, other waypoints are ignored.</summary>
    /// <param name="waypoint">The waypoint.</param>
    public void Add(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        if (waypoint.Type != WaypointType.JumpGate)
        {
            return;
        }

        lock (_gate)
        {
            Node(waypoint.SystemSymbol).Gates.Add(waypoint.Symbol);
            SetUnderConstructionLocked(waypoint.Symbol, waypoint.IsUnderConstruction);
        }
    }

    /// <summary>Records whether a gate is under construction; no path jumps from or to such a gate.</summary>
    /// <param name="gateWaypointSymbol">The gate's waypoint symbol.</param>
    /// <param name="underConstruction">Whether it is under construction.</param>
    public void SetUnderConstruction(string gateWaypointSymbol, bool underConstruction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gateWaypointSymbol);
        lock (_gate)
        {
            SetUnderConstructionLocked(gateWaypointSymbol, underConstruction);
        }
    }

    /// <summary>Gets a value indicating whether the connections of one of a system's gates are known.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <returns><see langword="true"/> if explored; <see langword="false"/> if not, or if the system is unknown.</returns>
    public bool IsExplored(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        lock (_gate)
        {
            return _systems.TryGetValue(systemSymbol, out var node) && node.Explored;
        }
    }

    /// <summary>Gets the systems one jump away, ordered by symbol.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <returns>The neighbouring systems; empty when none are known.</returns>
    public IReadOnlyList<string> GetConnections(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        lock (_gate)
        {
            return _systems.TryGetValue(systemSymbol, out var node) ? [.. node.Edges.Keys] : [];
        }
    }

    /// <summary>Finds the shortest path between two systems along known connections.</summary>
    /// <param name="fromSystem">The system the ship is in.</param>
    /// <param name="toSystem">The system to reach.</param>
    /// <param name="metric">What "shortest" means. The default value is <see cref="JumpPathMetric.Jumps"/>.</param>
    /// <returns>The path, or <see langword="null"/> when no known path exists.</returns>
    public JumpPath? FindPath(string fromSystem, string toSystem, JumpPathMetric metric = JumpPathMetric.Jumps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromSystem);
        ArgumentException.ThrowIfNullOrWhiteSpace(toSystem);
        lock (_gate)
        {
            return Search(fromSystem, metric, node => string.Equals(node, toSystem, StringComparison.Ordinal))?.Path;
        }
    }

    /// <summary>
    /// Finds the nearest system, by <paramref name="metric"/>, that is reachable along known connections and not
    /// yet explored: the edge of the known graph, where the next <c>GET .../jump-gate</c> (or a visit) pays off.
    /// </summary>
    /// <param name="fromSystem">The system the ship is in.</param>
    /// <param name="metric">What "nearest" means. The default value is <see cref="JumpPathMetric.Jumps"/>.</param>
    /// <param name="isExplored">
    /// Decides whether a system counts as explored, for example "its waypoints are charted" or "a probe has
    /// visited it". The default is <see cref="IsExplored"/>: a gate's connections are known.
    /// </param>
    /// <returns>The nearest unexplored system with the path to it, or <see langword="null"/> when every reachable system is explored.</returns>
    public UnexploredGate? FindNearestUnexplored(string fromSystem, JumpPathMetric metric = JumpPathMetric.Jumps, Func<string, bool>? isExplored = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromSystem);
        lock (_gate)
        {
            var found = Search(fromSystem, metric, system =>
                isExplored is null
                    ? !(_systems.TryGetValue(system, out var node) && node.Explored)
                    : !isExplored(system));
            if (found is not { } hit)
            {
                return null;
            }

            var gate = _systems.TryGetValue(hit.System, out var target) ? target.Gates.Min(StringComparer.Ordinal) : null;
            return new UnexploredGate(hit.System, gate, hit.Path);
        }
    }

    private SystemNode Node(string system)
    {
        if (!_systems.TryGetValue(system, out var node))
        {
            node = new SystemNode();
            _systems[system] = node;
        }

        return node;
    }

    private void SetUnderConstructionLocked(string gate, bool underConstruction)
    {
        if (underConstruction)
        {
            _underConstruction.Add(gate);
        }
        else
        {
            _underConstruction.Remove(gate);
        }
    }

    /// <summary>
    /// Dijkstra over systems. The label of a system is when the ship is ready to jump on from it: with
    /// <see cref="JumpPathMetric.Time"/> the cooldowns waited so far plus the cooldown of the jump into it, with
    /// <see cref="JumpPathMetric.Jumps"/> the jumps so far. Arriving at a target costs nothing beyond the ready time
    /// of the system before it, so the first system popped with a usable edge to a target ends the search.
    /// </summary>
    private (string System, JumpPath Path)? Search(string start, JumpPathMetric metric, Func<string, bool> isTarget)
    {
        if (isTarget(start))
        {
            return (start, new JumpPath([start], [], 0));
        }

        if (!_systems.ContainsKey(start))
        {
            return null;
        }

        var ready = new Dictionary<string, double>(StringComparer.Ordinal) { [start] = 0 };
        var parent = new Dictionary<string, (string From, Edge Edge, int Cooldown)>(StringComparer.Ordinal);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var queue = new PriorityQueue<string, (double Ready, long Order)>();
        long order = 0;
        queue.Enqueue(start, (0, order++));
        while (queue.TryDequeue(out var system, out var priority))
        {
            if (!settled.Add(system))
            {
                continue;
            }

            var node = _systems[system];
            foreach (var edge in node.Edges.Values)
            {
                if (settled.Contains(edge.ToSystem) || _underConstruction.Contains(edge.FromGate) || _underConstruction.Contains(edge.ToGate))
                {
                    continue;
                }

                var cooldown = _rules.JumpCooldownSeconds(SystemDistance(node, _systems[edge.ToSystem]));
                if (isTarget(edge.ToSystem))
                {
                    parent[edge.ToSystem] = (system, edge, cooldown);
                    return (edge.ToSystem, BuildPath(start, edge.ToSystem, parent));
                }

                var next = priority.Ready + (metric == JumpPathMetric.Time ? cooldown : 1);
                if (ready.TryGetValue(edge.ToSystem, out var known) && known <= next)
                {
                    continue;
                }

                ready[edge.ToSystem] = next;
                parent[edge.ToSystem] = (system, edge, cooldown);
                queue.Enqueue(edge.ToSystem, (next, order++));
            }
        }

        return null;
    }

    private static double SystemDistance(SystemNode a, SystemNode b) =>
        a.Position is { } p && b.Position is { } q ? FlightRules.Distance(p.X, p.Y, q.X, q.Y) : 0;

    private JumpPath BuildPath(string start, string end, Dictionary<string, (string From, Edge Edge, int Cooldown)> parent)
    {
        var hops = new List<JumpHop>();
        for (var system = end; !string.Equals(system, start, StringComparison.Ordinal); system = parent[system].From)
        {
            var (from, edge, cooldown) = parent[system];
            hops.Add(new JumpHop(from, edge.FromGate, edge.ToSystem, edge.ToGate, SystemDistance(_systems[from], _systems[edge.ToSystem]), cooldown));
        }

        hops.Reverse();
        var systems = new List<string>(hops.Count + 1) { start };
        systems.AddRange(hops.Select(h => h.ToSystem));

        // The ship waits out every cooldown but the last before it can jump again; after the last jump it can fly on at once.
        var waiting = hops.Take(Math.Max(0, hops.Count - 1)).Sum(h => h.CooldownSeconds);
        return new JumpPath(systems, hops, waiting);
    }

    private sealed class SystemNode
    {
        public (int X, int Y)? Position { get; set; }

        public bool Explored { get; set; }

        public SortedSet<string> Gates { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, Edge> Edges { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Edge(string FromGate, string ToGate, string ToSystem);
}

/// <summary>What <see cref="JumpGateGraph"/> minimises.</summary>
public enum JumpPathMetric
{
    /// <summary>The number of jumps (each also costs one ANTIMATTER at the gate's market).</summary>
    Jumps = 0,

    /// <summary>
    /// The time until the ship arrives: the cooldowns it must wait out between jumps, from
    /// <see cref="FlightRules.JumpCooldownSeconds"/> and the distance between the systems (0 where the graph lacks a
    /// system's coordinates).
    /// </summary>
    Time = 1,
}

/// <summary>One jump of a <see cref="JumpPath"/>.</summary>
/// <param name="FromSystem">The system jumped from.</param>
/// <param name="FromGate">The gate waypoint jumped from.</param>
/// <param name="ToSystem">The system jumped to.</param>
/// <param name="ToGate">The gate waypoint arrived at (the <c>waypointSymbol</c> of <c>POST .../jump</c>).</param>
/// <param name="Distance">The distance between the two systems (0 when a position is unknown).</param>
/// <param name="CooldownSeconds">The cooldown the jump starts, by <see cref="FlightRules.JumpCooldownSeconds"/>.</param>
public sealed record JumpHop(string FromSystem, string FromGate, string ToSystem, string ToGate, double Distance, int CooldownSeconds);

/// <summary>A path through the jump-gate network.</summary>
/// <param name="Systems">The systems in order, from the start to the end.</param>
/// <param name="Hops">The jumps in order; empty when the start is the end.</param>
/// <param name="WaitingSeconds">The seconds spent waiting for cooldowns between jumps (every jump's cooldown but the last).</param>
public sealed record JumpPath(IReadOnlyList<string> Systems, IReadOnlyList<JumpHop> Hops, int WaitingSeconds)
{
    /// <summary>Gets the number of jumps.</summary>
    public int Jumps => Hops.Count;
}

/// <summary>The nearest unexplored system found by <see cref="JumpGateGraph.FindNearestUnexplored"/>.</summary>
/// <param name="SystemSymbol">The unexplored system.</param>
/// <param name="GateWaypointSymbol">Its gate waypoint, when known (fetch its jump gate to explore it).</param>
/// <param name="Path">The path to it.</param>
public sealed record UnexploredGate(string SystemSymbol, string? GateWaypointSymbol, JumpPath Path);
