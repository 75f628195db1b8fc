using System.Globalization;

using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Simulator;

/// <summary>
/// <c>simulator-rps</c>: the calls of <see cref="SimulatorThroughputBenchmarks"/> in a plain loop on one thread, with
/// both the wall-clock rate and the rate per second of the process's CPU time. On a shared, loaded machine the wall
/// rate measures the load as much as the simulator; the CPU-time rate (user + kernel time of the whole process, the
/// garbage collector included) is what one free core would reach. The calls are measured in interleaved rounds and
/// the table gives each call's median round.
/// </summary>
/// <remarks>Options: see <see cref="Create"/> (<c>simulator-rps --help</c>).</remarks>
internal static class SimulatorRequestRateCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var calls = BenchmarkOptions.Whole("--calls", "calls of each kind per round", 30_000, minimum: 1);
        var warmUp = BenchmarkOptions.Whole("--warmup", "warm-up calls of each kind, before the rounds", 5_000, minimum: 0);
        var rounds = BenchmarkOptions.Whole("--rounds", "interleaved rounds; the table gives each call's median round", 5, minimum: 1);
        var command = new BenchmarkCommand(
            "simulator-rps",
            "the simulator's requests per second, per wall-clock second and per second of CPU time",
            """
            The calls of SimulatorThroughputBenchmarks (GET ship and POST extract: the server alone, through a raw
            HttpClient, through SpaceTradersClient) in a plain loop on one thread, with both the wall-clock rate and the
            rate per second of the process's CPU time. On a shared, loaded machine the wall rate measures the load as much
            as the simulator; the CPU-time rate (user + kernel time of the whole process, the garbage collector included)
            is what one free core would reach. The calls are measured in interleaved rounds.
            """).With(calls, warmUp, rounds);
        command.Runs((result, cancellationToken) => RunAsync(result.GetValue(calls), result.GetValue(warmUp), result.GetValue(rounds), BenchmarkCli.CommandLine(result), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int calls, int warmUp, int rounds, string commandLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var benchmarks = new SimulatorThroughputBenchmarks();
        benchmarks.Setup();
        try
        {
            (string Name, Func<Task<int>> Call)[] operations =
            [
                ("GET ship, server only", benchmarks.GetShipServer),
                ("GET ship, raw HttpClient", benchmarks.GetShipRaw),
                ("GET ship, SpaceTradersClient", async () => (await benchmarks.GetShipSdk().ConfigureAwait(false)).Cargo.Units),
                ("POST extract, server only", benchmarks.ExtractServer),
                ("POST extract, raw HttpClient", benchmarks.ExtractRaw),
                ("POST extract, SpaceTradersClient", async () => (await benchmarks.ExtractSdk().ConfigureAwait(false)).Cargo.Units),
            ];
            foreach (var (_, call) in operations)
            {
                for (var i = 0; i < warmUp; i++)
                {
                    await call().ConfigureAwait(false);
                }
            }

            var samples = operations.Select(_ => new List<(TimeSpan Wall, TimeSpan Cpu)>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var o = 0; o < operations.Length; o++)
                {
                    samples[o].Add(await MeasureAsync(operations[o].Call, calls).ConfigureAwait(false));
                }
            }

            Console.WriteLine(commandLine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} interleaved rounds of {calls} calls each (after {warmUp} warm-up calls); median round, and the range of the wall rate over the rounds"));
            Console.WriteLine();
            Console.WriteLine("| call | µs per request (wall) | requests/s (wall) | wall range (requests/s) | CPU µs per request | requests/s of CPU time |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            for (var o = 0; o < operations.Length; o++)
            {
                var wall = samples[o].Select(s => s.Wall.TotalMicroseconds / calls).Order().ToList();
                var cpu = samples[o].Select(s => s.Cpu.TotalMicroseconds / calls).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {operations[o].Name} | {Median(wall):0.0} | {1e6 / Median(wall):0} | {1e6 / wall[^1]:0} to {1e6 / wall[0]:0} | {Median(cpu):0.0} | {1e6 / Median(cpu):0} |"));
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }

        return 0;
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task<int>> call, int calls)
    {
        // Wall-clock and CPU time are what this command measures: the real clock, read only around the loop.
        var cpuStart = Environment.CpuUsage.TotalTime;
        var wallStart = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        return (TimeProvider.System.GetElapsedTime(wallStart), Environment.CpuUsage.TotalTime - cpuStart);
    }
}
