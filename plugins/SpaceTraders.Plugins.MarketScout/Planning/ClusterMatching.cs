using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Gives each of k market groups (clusters, sectors) to one of k scouts so that the longest tour is as short as
/// possible (then the total): every permutation for up to 8 scouts, otherwise the largest group first picks.
/// </summary>
internal static class ClusterMatching
{
    private const int ExhaustiveLimit = 8;

    /// <summary>Matches groups to scouts and builds their tours.</summary>
    /// <param name="scouts">The scouts.</param>
    /// <param name="groups">As many groups as scouts (some may be empty).</param>
    /// <param name="costs">The tour-time model.</param>
    /// <returns>One tour per scout, in the order of <paramref name="scouts"/>.</returns>
    public static IReadOnlyList<Tour> Assign(IReadOnlyList<ScoutShip> scouts, IReadOnlyList<IReadOnlyList<WaypointPosition>> groups, TourCosts costs)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != scouts.Count)
        {
            throw new ArgumentException($"Expected {scouts.Count} groups, got {groups.Count}.", nameof(groups));
        }

        var k = scouts.Count;
        var tours = new Tour[k, k]; // [group, scout]
        for (var g = 0; g < k; g++)
        {
            for (var s = 0; s < k; s++)
            {
                tours[g, s] = TourOrdering.Build(scouts[s], groups[g], costs);
            }
        }

        var groupOfScout = k <= ExhaustiveLimit ? Exhaustive(tours, k) : Greedy(tours, groups, k);
        return [.. Enumerable.Range(0, k).Select(s => tours[groupOfScout[s], s])];
    }

    /// <summary>Gets the longest and the total seconds of a set of tours.</summary>
    /// <param name="tours">The tours.</param>
    /// <returns>(max, sum).</returns>
    public static (int Max, long Sum) Measure(IEnumerable<Tour> tours)
    {
        var max = 0;
        var sum = 0L;
        foreach (var tour in tours)
        {
            max = Math.Max(max, tour.Seconds);
            sum += tour.Seconds;
        }

        return (max, sum);
    }

    private static int[] Exhaustive(Tour[,] tours, int k)
    {
        var permutation = Enumerable.Range(0, k).ToArray();
        int[]? best = null;
        (int Max, long Sum) bestScore = (int.MaxValue, long.MaxValue);
        do
        {
            var max = 0;
            var sum = 0L;
            for (var s = 0; s < k; s++)
            {
                var seconds = tours[permutation[s], s].Seconds;
                max = Math.Max(max, seconds);
                sum += seconds;
            }

            if (max < bestScore.Max || (max == bestScore.Max && sum < bestScore.Sum))
            {
                bestScore = (max, sum);
                best = [.. permutation];
            }
        }
        while (NextPermutation(permutation));

        return best!;
    }

    private static int[] Greedy(Tour[,] tours, IReadOnlyList<IReadOnlyList<WaypointPosition>> groups, int k)
    {
        var groupOfScout = new int[k];
        var taken = new bool[k];
        foreach (var g in Enumerable.Range(0, k).OrderByDescending(g => groups[g].Count).ThenBy(g => g))
        {
            var best = -1;
            for (var s = 0; s < k; s++)
            {
                if (!taken[s] && (best < 0 || tours[g, s].Seconds < tours[g, best].Seconds))
                {
                    best = s;
                }
            }

            taken[best] = true;
            groupOfScout[best] = g;
        }

        return groupOfScout;
    }

    /// <summary>Advances to the next lexicographic permutation; false after the last.</summary>
    private static bool NextPermutation(int[] values)
    {
        var i = values.Length - 2;
        while (i >= 0 && values[i] >= values[i + 1])
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        var j = values.Length - 1;
        while (values[j] <= values[i])
        {
            j--;
        }

        (values[i], values[j]) = (values[j], values[i]);
        Array.Reverse(values, i + 1, values.Length - i - 1);
        return true;
    }
}
