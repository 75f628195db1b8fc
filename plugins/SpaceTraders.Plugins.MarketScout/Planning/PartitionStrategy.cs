namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>How a system's markets are shared among its scouts.</summary>
internal enum PartitionStrategy
{
    /// <summary>Greedy balance: markets (farthest from the centre first) each go to the scout whose tour grows least in time.</summary>
    Greedy,

    /// <summary>K-means: compact geographic clusters (seeded k-means++ start, best of several restarts), matched to scouts.</summary>
    KMeans,

    /// <summary>Geographic slices: angular sectors around the markets' centroid, each with an equal share of the markets.</summary>
    Slices,

    /// <summary>The multi-vehicle routing solver (Google OR-Tools) minimising the longest tour, started from the greedy plan.</summary>
    Optimal,
}

/// <summary>Reads and writes <see cref="PartitionStrategy"/> as parameter text.</summary>
internal static class PartitionStrategies
{
    /// <summary>Gets every strategy in the order reports list them.</summary>
    public static IReadOnlyList<PartitionStrategy> All { get; } = [PartitionStrategy.Greedy, PartitionStrategy.KMeans, PartitionStrategy.Slices, PartitionStrategy.Optimal];

    /// <summary>Gets every name <see cref="Parse"/> reads (in any case): the four strategies' names, then their other spellings.</summary>
    public static IReadOnlyList<string> Names { get; } = ["greedy", "kmeans", "slices", "optimal", "k-means", "slice", "sectors", "ortools", "or-tools"];

    /// <summary>Parses <c>greedy</c>, <c>kmeans</c> (or <c>k-means</c>), <c>slices</c> or <c>optimal</c> (or <c>ortools</c>), in any case.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="FormatException">The text names none of them.</exception>
    public static PartitionStrategy Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "GREEDY" => PartitionStrategy.Greedy,
        "KMEANS" or "K-MEANS" => PartitionStrategy.KMeans,
        "SLICES" or "SLICE" or "SECTORS" => PartitionStrategy.Slices,
        "OPTIMAL" or "ORTOOLS" or "OR-TOOLS" => PartitionStrategy.Optimal,
        _ => throw new FormatException($"'{text}' is not a partitioning strategy; expected greedy, kmeans, slices or optimal."),
    };

    /// <summary>Gets the parameter text of a strategy.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>For example <c>kmeans</c>.</returns>
    public static string Name(PartitionStrategy strategy) => strategy switch
    {
        PartitionStrategy.Greedy => "greedy",
        PartitionStrategy.KMeans => "kmeans",
        PartitionStrategy.Slices => "slices",
        PartitionStrategy.Optimal => "optimal",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };
}
