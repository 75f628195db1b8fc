using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Compact geographic clusters: k-means on the markets' coordinates (k = the number of scouts, at most the number of
/// distinct positions), k-means++ start from a seeded random generator, the best of several restarts by inertia; the
/// clusters are then matched to scouts so that the longest tour is shortest.
/// </summary>
/// <param name="seed">The seed of the k-means++ start (the same seed gives the same clusters).</param>
/// <param name="restarts">How many seeded starts to try. The default value is 8.</param>
internal sealed class KMeansPartitioner(int seed, int restarts = 8) : IMarketPartitioner
{
    private const int MaxIterations = 100;

    /// <inheritdoc />
    public PartitionStrategy Strategy => PartitionStrategy.KMeans;

    /// <inheritdoc />
    public IReadOnlyList<Tour> Partition(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<WaypointPosition> markets, TourCosts costs)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(markets);
        var k = Math.Min(scouts.Count, markets.Select(m => (m.X, m.Y)).Distinct().Count());
        var groups = Enumerable.Range(0, scouts.Count).Select(_ => new List<WaypointPosition>()).ToArray();
        if (k > 0)
        {
            var labels = Cluster(markets, k);
            for (var i = 0; i < markets.Count; i++)
            {
                groups[labels[i]].Add(markets[i]);
            }
        }

        return ClusterMatching.Assign(scouts, groups, costs);
    }

    /// <summary>Clusters points into k groups; returns each point's cluster.</summary>
    internal int[] Cluster(IReadOnlyList<WaypointPosition> points, int k)
    {
        var random = new Random(seed);
        int[]? bestLabels = null;
        var bestInertia = double.MaxValue;
        for (var attempt = 0; attempt < Math.Max(1, restarts); attempt++)
        {
            var centres = PlusPlusStart(points, k, random);
            var labels = new int[points.Count];
            var inertia = Lloyd(points, centres, labels);
            if (inertia < bestInertia - 1e-9)
            {
                bestInertia = inertia;
                bestLabels = labels;
            }
        }

        return bestLabels!;
    }

    private static (double X, double Y)[] PlusPlusStart(IReadOnlyList<WaypointPosition> points, int k, Random random)
    {
        var centres = new (double X, double Y)[k];
        var first = points[random.Next(points.Count)];
        centres[0] = (first.X, first.Y);
        var weights = new double[points.Count];
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                var nearest = double.MaxValue;
                for (var j = 0; j < c; j++)
                {
                    var d = Geometry.Distance(points[i], centres[j].X, centres[j].Y);
                    nearest = Math.Min(nearest, d * d);
                }

                weights[i] = nearest;
                total += nearest;
            }

            var pick = random.NextDouble() * total;
            var chosen = points.Count - 1;
            for (var i = 0; i < points.Count; i++)
            {
                pick -= weights[i];
                if (pick < 0 && weights[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }

            // A point that is already a centre (weight 0) is never chosen while another exists (k <= distinct positions).
            while (weights[chosen] <= 0)
            {
                chosen = (chosen + 1) % points.Count;
            }

            centres[c] = (points[chosen].X, points[chosen].Y);
        }

        return centres;
    }

    private static double Lloyd(IReadOnlyList<WaypointPosition> points, (double X, double Y)[] centres, int[] labels)
    {
        var k = centres.Length;
        Array.Fill(labels, -1);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Count; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    var d = Geometry.Distance(points[i], centres[c].X, centres[c].Y);
                    if (d < bestDistance - 1e-9)
                    {
                        (best, bestDistance) = (c, d);
                    }
                }

                if (labels[i] != best)
                {
                    labels[i] = best;
                    changed = true;
                }
            }

            var sums = new (double X, double Y, int Count)[k];
            for (var i = 0; i < points.Count; i++)
            {
                var s = sums[labels[i]];
                sums[labels[i]] = (s.X + points[i].X, s.Y + points[i].Y, s.Count + 1);
            }

            for (var c = 0; c < k; c++)
            {
                if (sums[c].Count > 0)
                {
                    centres[c] = (sums[c].X / sums[c].Count, sums[c].Y / sums[c].Count);
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var inertia = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var d = Geometry.Distance(points[i], centres[labels[i]].X, centres[labels[i]].Y);
            inertia += d * d;
        }

        return inertia;
    }
}
