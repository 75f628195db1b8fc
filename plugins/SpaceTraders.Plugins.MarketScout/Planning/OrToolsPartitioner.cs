using Google.OrTools.ConstraintSolver;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// The multi-vehicle routing solver of Google OR-Tools, minimising the longest tour: one vehicle per scout, starting
/// and ending at the scout's start, flight seconds at the scout's own engine speed plus the visit overhead, a time
/// dimension whose global span cost (the longest tour) dominates the total time. The search starts from the greedy
/// plan and runs guided local search for a fixed number of solutions (no wall-clock limit, so the same instance gives
/// the same answer on any machine); the tours it returns are then polished with 2-opt. Never worse than greedy: if
/// the search does not shorten the longest tour, the greedy plan is returned.
/// </summary>
/// <param name="solutionLimit">How many solutions the local search may visit. The default value is 2000.</param>
internal sealed class OrToolsPartitioner(long solutionLimit = 2000) : IMarketPartitioner
{
    /// <summary>The weight of the longest tour against the total: large enough that the total only breaks ties.</summary>
    private const long SpanWeight = 1000;

    private readonly GreedyPartitioner _greedy = new();

    /// <inheritdoc />
    public PartitionStrategy Strategy => PartitionStrategy.Optimal;

    /// <inheritdoc />
    public IReadOnlyList<Tour> Partition(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(costs);
        var greedy = _greedy.Partition(scouts, markets, costs);
        if (markets.Count == 0)
        {
            return greedy;
        }

        var solved = Solve(scouts, markets, costs, greedy);
        return solved is not null && ClusterMatching.Measure(solved).Max < ClusterMatching.Measure(greedy).Max ? solved : greedy;
    }

    private IReadOnlyList<Tour>? Solve(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs, IReadOnlyList<Tour> initial)
    {
        var n = markets.Count;
        var k = scouts.Count;

        // Nodes 0..n-1 are the markets, n..n+k-1 the scouts' starts.
        var nodes = new WaypointPosition[n + k];
        for (var i = 0; i < n; i++)
        {
            nodes[i] = markets[i];
        }

        for (var v = 0; v < k; v++)
        {
            nodes[n + v] = scouts[v].Start;
        }

        var starts = Enumerable.Range(n, k).ToArray();
        using var manager = new RoutingIndexManager(nodes.Length, k, starts, starts);
        using var routing = new RoutingModel(manager);

        // One transit callback per engine speed; the delegates are kept alive for the whole solve.
        var callbacks = new List<LongLongToLong>();
        var callbackOfSpeed = new Dictionary<int, int>();
        var vehicleCallbacks = new int[k];
        for (var v = 0; v < k; v++)
        {
            var speed = scouts[v].EngineSpeed;
            if (!callbackOfSpeed.TryGetValue(speed, out var index))
            {
                var matrix = new long[nodes.Length, nodes.Length];
                for (var i = 0; i < nodes.Length; i++)
                {
                    for (var j = 0; j < nodes.Length; j++)
                    {
                        matrix[i, j] = i == j ? 0 : costs.FlightSeconds(nodes[i], nodes[j], speed) + (j < n ? costs.VisitOverheadSeconds : 0);
                    }
                }

                LongLongToLong transit = (from, to) => matrix[manager.IndexToNode(from), manager.IndexToNode(to)];
                callbacks.Add(transit);
                index = routing.RegisterTransitCallback(transit);
                callbackOfSpeed[speed] = index;
            }

            vehicleCallbacks[v] = index;
            routing.SetArcCostEvaluatorOfVehicle(index, v);
        }

        routing.AddDimensionWithVehicleTransits(vehicleCallbacks, 0, long.MaxValue / 4, true, "Time");
        routing.GetMutableDimension("Time").SetGlobalSpanCostCoefficient(SpanWeight);

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.SolutionLimit = solutionLimit;

        var index0 = markets.Select((m, i) => (m.Symbol, i)).ToDictionary(x => x.Symbol, x => (long)x.i, StringComparer.Ordinal);
        var routes = initial.Select(t => t.Stops.Select(s => index0[s.Symbol]).ToArray()).ToArray();
        using var start = routing.ReadAssignmentFromRoutes(routes, true);
        using var solution = start is null
            ? routing.SolveWithParameters(parameters)
            : routing.SolveFromAssignmentWithParameters(start, parameters);
        GC.KeepAlive(callbacks);
        if (solution is null)
        {
            return null;
        }

        var tours = new Tour[k];
        for (var v = 0; v < k; v++)
        {
            var stops = new List<WaypointPosition>();
            var index = routing.Start(v);
            index = solution.Value(routing.NextVar(index));
            while (!routing.IsEnd(index))
            {
                stops.Add(markets[manager.IndexToNode(index)]);
                index = solution.Value(routing.NextVar(index));
            }

            tours[v] = TourOrdering.Build(scouts[v], stops, costs, TourOrder.TwoOpt, [.. Enumerable.Range(0, stops.Count)]);
        }

        return tours;
    }
}
