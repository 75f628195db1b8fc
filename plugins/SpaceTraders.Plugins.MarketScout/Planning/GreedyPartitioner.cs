using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Greedy balance of tour times: the markets, farthest from the centroid first, each go to the scout whose cycle
/// would be shortest after inserting the market at its cheapest place (ties to the scout nearer the market); each tour is then re-ordered (nearest
/// neighbour and 2-opt, or the insertion order improved by 2-opt, whichever is shorter).
/// </summary>
internal sealed class GreedyPartitioner : IMarketPartitioner
{
    /// <inheritdoc />
    public PartitionStrategy Strategy => PartitionStrategy.Greedy;

    /// <inheritdoc />
    public IReadOnlyList<Tour> Partition(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(costs);
        var k = scouts.Count;
        var sequences = Enumerable.Range(0, k).Select(_ => new List<WaypointPosition>()).ToArray();
        var seconds = new int[k];
        var (cx, cy) = Geometry.Centroid(markets);
        var ordered = markets
            .OrderByDescending(m => Geometry.Distance(m, cx, cy))
            .ThenBy(m => m.Symbol, StringComparer.Ordinal);
        foreach (var market in ordered)
        {
            var bestScout = -1;
            var bestPosition = 0;
            var bestSeconds = int.MaxValue;
            var bestDelta = int.MaxValue;
            var bestLeadIn = int.MaxValue;
            for (var s = 0; s < k; s++)
            {
                var (position, delta) = CheapestInsertion(scouts[s], sequences[s], market, costs);
                var after = seconds[s] + delta + costs.VisitOverheadSeconds;
                var leadIn = costs.FlightSeconds(scouts[s].Start, market, scouts[s].EngineSpeed);
                if (after < bestSeconds || (after == bestSeconds && (delta < bestDelta || (delta == bestDelta && leadIn < bestLeadIn))))
                {
                    (bestScout, bestPosition, bestSeconds, bestDelta, bestLeadIn) = (s, position, after, delta, leadIn);
                }
            }

            sequences[bestScout].Insert(bestPosition, market);
            seconds[bestScout] = bestSeconds;
        }

        return [.. Enumerable.Range(0, k).Select(s => TourOrdering.Build(scouts[s], sequences[s], costs, TourOrder.TwoOpt, [.. Enumerable.Range(0, sequences[s].Count)]))];
    }

    /// <summary>Finds where inserting a market into a cycle adds the fewest flight seconds.</summary>
    private static (int Position, int Delta) CheapestInsertion(ScoutShip scout, List<WaypointPosition> sequence, WaypointPosition market, TourCosts costs)
    {
        if (sequence.Count == 0)
        {
            return (0, 0);
        }

        var bestPosition = 0;
        var bestDelta = int.MaxValue;
        for (var position = 0; position < sequence.Count; position++)
        {
            var before = sequence[position];
            var after = sequence[(position + 1) % sequence.Count];
            var delta = costs.FlightSeconds(before, market, scout.EngineSpeed) + costs.FlightSeconds(market, after, scout.EngineSpeed)
                - (sequence.Count == 1 ? 0 : costs.FlightSeconds(before, after, scout.EngineSpeed));
            if (delta < bestDelta)
            {
                (bestPosition, bestDelta) = (position + 1, delta);
            }
        }

        return (bestPosition, bestDelta);
    }
}
