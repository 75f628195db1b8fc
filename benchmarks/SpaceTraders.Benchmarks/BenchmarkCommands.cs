namespace SpaceTraders.Benchmarks;

/// <summary>The named commands of the benchmark program (besides BenchmarkDotNet's own switcher).</summary>
internal static class BenchmarkCommands
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["store-writes"] = Stores.StoreWritesCommand.RunAsync,
        ["market-scout"] = MarketScout.MarketScoutCommand.RunAsync,
    };

    public static bool TryGet(string name, out Func<string[], Task<int>> command) => Commands.TryGetValue(name, out command!);
}
