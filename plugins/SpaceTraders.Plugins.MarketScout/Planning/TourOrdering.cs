using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>How a tour's stops are put in order.</summary>
internal enum TourOrder
{
    /// <summary>Nearest neighbour from the start: always fly to the closest unvisited market.</summary>
    NearestNeighbour,

    /// <summary>Nearest neighbour, then 2-opt (reverse any stretch of the tour that makes it shorter, until none does).</summary>
    TwoOpt,
}

/// <summary>
/// Orders a closed tour over a symmetric matrix of flight seconds, node 0 being fixed (for a scout's cycle, the stop
/// nearest the scout): nearest neighbour, then 2-opt improvement. Deterministic: ties go to the lower index.
/// </summary>
internal static class TourOrdering
{
    /// <summary>Orders stops into a tour for a scout and estimates it.</summary>
    /// <param name="scout">The scout.</param>
    /// <param name="stops">The stops, in any order.</param>
    /// <param name="costs">The tour-time model.</param>
    /// <param name="order">How to order them. The default value is <see cref="TourOrder.TwoOpt"/>.</param>
    /// <param name="initial">A visiting order to start from (indices into <paramref name="stops"/>) instead of nearest neighbour; 2-opt keeps the better of both.</param>
    /// <returns>The tour.</returns>
    public static Tour Build(ScoutShip scout, IReadOnlyList<WaypointPosition> stops, TourCosts costs, TourOrder order = TourOrder.TwoOpt, IReadOnlyList<int>? initial = null)
    {
        ArgumentNullException.ThrowIfNull(scout);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(costs);
        if (stops.Count == 0)
        {
            return Tour.Empty(scout);
        }

        // The cycle is entered at the stop nearest the scout; it is node 0, fixed, and the rest are ordered around it.
        var first = 0;
        for (var i = 1; i < stops.Count; i++)
        {
            if (costs.FlightSeconds(scout.Start, stops[i], scout.EngineSpeed) < costs.FlightSeconds(scout.Start, stops[first], scout.EngineSpeed))
            {
                first = i;
            }
        }

        var nodes = new List<int>(stops.Count) { first };
        nodes.AddRange(Enumerable.Range(0, stops.Count).Where(i => i != first));
        var matrix = costs.Matrix([.. nodes.Select(i => stops[i])], scout.EngineSpeed);
        var sequence = NearestNeighbour(matrix);
        if (order == TourOrder.TwoOpt)
        {
            sequence = TwoOpt(matrix, sequence);
            if (initial is not null)
            {
                // The given order as a cycle from the first stop, in node numbers.
                var at = Math.Max(0, initial.ToList().IndexOf(first));
                var rotated = Enumerable.Range(1, initial.Count - 1).Select(k => nodes.IndexOf(initial[(at + k) % initial.Count])).ToArray();
                var fromInitial = TwoOpt(matrix, rotated);
                if (Length(matrix, fromInitial) < Length(matrix, sequence))
                {
                    sequence = fromInitial;
                }
            }
        }

        WaypointPosition[] ordered = [stops[first], .. sequence.Select(i => stops[nodes[i]])];
        return new Tour(scout, ordered, costs.TourSeconds(scout, ordered));
    }

    /// <summary>Gets the nearest-neighbour order of nodes 1..n from node 0.</summary>
    /// <param name="matrix">The flight seconds between nodes; node 0 is the start.</param>
    /// <returns>The visiting order of nodes 1..n.</returns>
    public static int[] NearestNeighbour(int[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0) - 1;
        var visited = new bool[n + 1];
        var sequence = new int[n];
        var at = 0;
        for (var step = 0; step < n; step++)
        {
            var best = -1;
            for (var candidate = 1; candidate <= n; candidate++)
            {
                if (!visited[candidate] && (best < 0 || matrix[at, candidate] < matrix[at, best]))
                {
                    best = candidate;
                }
            }

            visited[best] = true;
            sequence[step] = best;
            at = best;
        }

        return sequence;
    }

    /// <summary>
    /// Improves a closed tour 0 → sequence → 0 with 2-opt moves (reversing a stretch of the sequence) until no move
    /// shortens it. The result is never longer than the input.
    /// </summary>
    /// <param name="matrix">The symmetric flight seconds; node 0 is the start.</param>
    /// <param name="sequence">The visiting order of nodes 1..n.</param>
    /// <returns>The improved order (a new array).</returns>
    public static int[] TwoOpt(int[,] matrix, int[] sequence)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(sequence);

        // The closed tour with the start at both ends: tour[0] = tour[n + 1] = 0.
        var n = sequence.Length;
        var tour = new int[n + 2];
        Array.Copy(sequence, 0, tour, 1, n);
        var improved = true;
        while (improved)
        {
            improved = false;
            for (var i = 1; i < n; i++)
            {
                for (var j = i + 1; j <= n; j++)
                {
                    var delta = matrix[tour[i - 1], tour[j]] + matrix[tour[i], tour[j + 1]] - matrix[tour[i - 1], tour[i]] - matrix[tour[j], tour[j + 1]];
                    if (delta < 0)
                    {
                        Array.Reverse(tour, i, j - i + 1);
                        improved = true;
                    }
                }
            }
        }

        return tour[1..(n + 1)];
    }

    /// <summary>Gets the flight seconds of the closed tour 0 → sequence → 0.</summary>
    /// <param name="matrix">The flight seconds.</param>
    /// <param name="sequence">The visiting order.</param>
    /// <returns>The seconds.</returns>
    public static int Length(int[,] matrix, IReadOnlyList<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(sequence);
        var seconds = 0;
        var at = 0;
        foreach (var node in sequence)
        {
            seconds += matrix[at, node];
            at = node;
        }

        return seconds + matrix[at, 0];
    }
}
