using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Geographic slices: the markets sorted by their angle around the centroid are cut into as many contiguous angular
/// sectors as there are scouts, each holding an equal share of the markets (sizes differ by at most one). Every
/// rotation of the cut is tried, and the one whose longest tour (after matching sectors to scouts) is shortest wins.
/// </summary>
internal sealed class SlicePartitioner : IMarketPartitioner
{
    /// <inheritdoc />
    public PartitionStrategy Strategy => PartitionStrategy.Slices;

    /// <inheritdoc />
    public IReadOnlyList<Tour> Partition(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(markets);
        var k = scouts.Count;
        var (cx, cy) = Geometry.Centroid(markets);
        var around = markets
            .OrderBy(m => Math.Atan2(m.Y - cy, m.X - cx))
            .ThenBy(m => m.Symbol, StringComparer.Ordinal)
            .ToArray();
        var n = around.Length;
        IReadOnlyList<Tour>? best = null;
        (int Max, long Sum) bestScore = (int.MaxValue, long.MaxValue);
        for (var rotation = 0; rotation < Math.Max(1, n); rotation++)
        {
            var groups = new List<WaypointPosition>[k];
            var next = 0;
            for (var g = 0; g < k; g++)
            {
                var size = (n / k) + (g < n % k ? 1 : 0);
                groups[g] = [.. Enumerable.Range(next, size).Select(i => around[(i + rotation) % n])];
                next += size;
            }

            var tours = ClusterMatching.Assign(scouts, groups, costs);
            var score = ClusterMatching.Measure(tours);
            if (score.Max < bestScore.Max || (score.Max == bestScore.Max && score.Sum < bestScore.Sum))
            {
                (best, bestScore) = (tours, score);
            }
        }

        return best!;
    }
}
