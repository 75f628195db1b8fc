using Google.OrTools.ConstraintSolver;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// The multi-vehicle routing solver of Google OR-Tools, minimising the longest tour: one vehicle per scout, each
/// route an open path from and to a free depot (a cycle without its closing flight), flight seconds at the scout's
/// own engine speed plus the visit overhead, a time dimension whose global span cost (the longest route) dominates the
/// total time. The solver's tours are then polished under the true cycle times (relocating or swapping markets of the
/// longest tour while that helps). The search is a multi-start local
/// search: from the greedy plan and from three of OR-Tools' first-solution heuristics (path cheapest arc, parallel
/// cheapest insertion, savings), each improved by OR-Tools' local search until no move helps. Local optima end the
/// search by themselves, so there is no wall-clock limit and the same instance gives the same answer on any machine
/// (a solution limit only caps a runaway search). The best tours are then polished with 2-opt. Never worse than
/// greedy: when no start beats the greedy plan's longest tour, the greedy plan is returned.
/// </summary>
/// <remarks>
/// Guided local search finds the same optima on the instances tried but visits solutions about a hundred times more
/// slowly with the span cost, so it is not used: a plan must be cheap enough to redo whenever a scout comes or goes.
/// </remarks>
/// <param name="solutionLimit">The most solutions one local search may visit. The default value is 100000.</param>
internal sealed class OrToolsPartitioner(long solutionLimit = 100_000) : IMarketPartitioner
{
    /// <summary>The weight of the longest tour against the total: large enough that the total only breaks ties.</summary>
    private const long SpanWeight = 1000;

    /// <summary>The starts of the multi-start search: <see langword="null"/> is the greedy plan.</summary>
    private static readonly FirstSolutionStrategy.Types.Value?[] FirstSolutions =
    [
        null,
        FirstSolutionStrategy.Types.Value.PathCheapestArc,
        FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion,
        FirstSolutionStrategy.Types.Value.Savings,
    ];

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

        IReadOnlyList<Tour> best = greedy;
        var bestScore = ClusterMatching.Measure(greedy);
        foreach (var start in FirstSolutions)
        {
            var solved = Solve(scouts, markets, costs, start is null ? greedy : null, start ?? FirstSolutionStrategy.Types.Value.PathCheapestArc);
            if (solved is not null && ClusterMatching.Measure(solved) is var score && (score.Max < bestScore.Max || (score.Max == bestScore.Max && score.Sum < bestScore.Sum)))
            {
                (best, bestScore) = (solved, score);
            }
        }

        return best;
    }

    private IReadOnlyList<Tour>? Solve(
        IReadOnlyList<ScoutShip> scouts,
        IReadOnlyList<WaypointPosition> markets,
        TourCosts costs,
        IReadOnlyList<Tour>? initial,
        FirstSolutionStrategy.Types.Value firstSolution)
    {
        var n = markets.Count;
        var k = scouts.Count;

        // Nodes 0..n-1 are the markets, n a free depot every vehicle leaves from and returns to at no cost: each
        // vehicle's route is then an open path through its markets, the cycle without its closing flight.
        var starts = Enumerable.Repeat(n, k).ToArray();
        using var manager = new RoutingIndexManager(n + 1, k, starts, starts);
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
                var matrix = new long[n + 1, n + 1];
                for (var i = 0; i <= n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        matrix[i, j] = (i == n ? 0 : costs.FlightSeconds(markets[i], markets[j], speed)) + costs.VisitOverheadSeconds;
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
        parameters.FirstSolutionStrategy = firstSolution;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GreedyDescent;
        parameters.SolutionLimit = solutionLimit;

        Assignment? solution;
        if (initial is not null)
        {
            var nodeOf = markets.Select((m, i) => (m.Symbol, i)).ToDictionary(x => x.Symbol, x => (long)x.i, StringComparer.Ordinal);
            var routes = initial.Select(t => t.Stops.Select(s => nodeOf[s.Symbol]).ToArray()).ToArray();
            using var start = routing.ReadAssignmentFromRoutes(routes, true);
            solution = start is null ? null : routing.SolveFromAssignmentWithParameters(start, parameters);
        }
        else
        {
            solution = routing.SolveWithParameters(parameters);
        }

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

        return Polish(tours, costs);
    }

    /// <summary>
    /// Improves the plan under the cycle times themselves (the solver saw open paths): moves a market out of the
    /// longest tour into another, or swaps it with another tour's market, while that shortens the longest (or, as long,
    /// the total), until no move does.
    /// </summary>
    private static Tour[] Polish(Tour[] tours, TourCosts costs)
    {
        for (var round = 0; round < 1000; round++)
        {
            var longest = Array.IndexOf(tours, tours.MaxBy(t => t.Seconds)!);
            var before = ClusterMatching.Measure(tours);
            Tour[]? better = null;
            foreach (var market in tours[longest].Stops)
            {
                for (var other = 0; other < tours.Length && better is null; other++)
                {
                    if (other == longest)
                    {
                        continue;
                    }

                    var candidate = (Tour[])tours.Clone();
                    candidate[longest] = TourOrdering.Build(tours[longest].Scout, [.. tours[longest].Stops.Where(s => s != market)], costs);
                    candidate[other] = TourOrdering.Build(tours[other].Scout, [.. tours[other].Stops, market], costs);
                    var after = ClusterMatching.Measure(candidate);
                    if (after.Max < before.Max || (after.Max == before.Max && after.Sum < before.Sum))
                    {
                        better = candidate;
                    }
                }

                if (better is not null)
                {
                    break;
                }

                // Or swap it with a market of another tour.
                for (var other = 0; other < tours.Length && better is null; other++)
                {
                    foreach (var partner in other == longest ? [] : tours[other].Stops)
                    {
                        var candidate = (Tour[])tours.Clone();
                        candidate[longest] = TourOrdering.Build(tours[longest].Scout, [.. tours[longest].Stops.Where(s => s != market), partner], costs);
                        candidate[other] = TourOrdering.Build(tours[other].Scout, [.. tours[other].Stops.Where(s => s != partner), market], costs);
                        var after = ClusterMatching.Measure(candidate);
                        if (after.Max < before.Max || (after.Max == before.Max && after.Sum < before.Sum))
                        {
                            better = candidate;
                            break;
                        }
                    }
                }

                if (better is not null)
                {
                    break;
                }
            }

            if (better is null)
            {
                break;
            }

            tours = better;
        }

        return tours;
    }
}
