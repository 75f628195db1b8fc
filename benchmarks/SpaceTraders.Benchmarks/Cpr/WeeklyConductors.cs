namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>The weekly conductors the benchmarks play (the released weeks' plugins this program references).</summary>
internal static class WeeklyConductors
{
    /// <summary>Gets their ids, oldest first: what <c>cpr</c> and <c>faults</c> take in <c>--conductors</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["week02", "week04", "week07", "week10", "week12"];
}
