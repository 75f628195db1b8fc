using System.Globalization;

namespace SpaceTraders.Benchmarks.Simulator;

/// <summary>
/// <c>simulator-rps</c>: the calls of <see cref="SimulatorThroughputBenchmarks"/> in a plain loop on one thread, with
/// both the wall-clock rate and the rate per second of the process's CPU time. On a shared, loaded machine the wall
/// rate measures the load as much as the simulator; the CPU-time rate (user + kernel time of the whole process, the
/// garbage collector included) is what one free core would reach.
/// </summary>
/// <remarks>Options: <c>--calls N</c> per operation (default 100,000), after <c>--warmup N</c> (default 10,000).</remarks>
internal static class SimulatorRequestRateCommand
{
    [BenchmarkCommand("simulator-rps")]
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = Option(args, "--calls", 100_000);
        var warmUp = Option(args, "--warmup", 10_000);
        var benchmarks = new SimulatorThroughputBenchmarks();
        benchmarks.Setup();
        try
        {
            Console.WriteLine("dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- simulator-rps" + (args.Length > 0 ? " " + string.Join(' ', args) : string.Empty));
            Console.WriteLine("| call | calls | wall (s) | requests/s (wall) | CPU (s) | requests/s (CPU time) | CPU µs per request |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            await MeasureAsync("GET ship, raw HttpClient", benchmarks.GetShipRaw, warmUp, calls).ConfigureAwait(false);
            await MeasureAsync("POST extract, raw HttpClient", benchmarks.ExtractRaw, warmUp, calls).ConfigureAwait(false);
            await MeasureAsync("GET ship, SpaceTradersClient", benchmarks.GetShipSdk, warmUp, calls).ConfigureAwait(false);
            await MeasureAsync("POST extract, SpaceTradersClient", benchmarks.ExtractSdk, warmUp, calls).ConfigureAwait(false);
        }
        finally
        {
            benchmarks.Cleanup();
        }

        return 0;
    }

    private static async Task MeasureAsync<T>(string name, Func<Task<T>> call, int warmUp, int calls)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await call().ConfigureAwait(false);
        }

        // Wall-clock and CPU time are what this command measures: the real clock, read only around the loop.
        var cpuStart = Environment.CpuUsage.TotalTime;
        var wallStart = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        var wall = TimeProvider.System.GetElapsedTime(wallStart);
        var cpu = Environment.CpuUsage.TotalTime - cpuStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {calls} | {wall.TotalSeconds:0.00} | {calls / wall.TotalSeconds:0} | {cpu.TotalSeconds:0.00} | {calls / cpu.TotalSeconds:0} | {cpu.TotalMicroseconds / calls:0.0} |"));
    }

    private static int Option(string[] args, string name, int defaultValue)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : defaultValue;
    }
}
