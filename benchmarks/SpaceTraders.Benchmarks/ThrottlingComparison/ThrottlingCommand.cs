using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.ThrottlingComparison;

/// <summary>
/// <c>throttling</c>: the six strategies side by side on the fleet workload, in virtual time against the simulator's
/// real rate limit. Prints a Markdown table; <c>--json FILE</c> also writes the results as JSON.
/// </summary>
/// <remarks>
/// Options: <c>--quick</c> (50 ships, 10 simulated minutes after a 2-minute warm-up), <c>--ships 10,50,100</c>,
/// <c>--minutes 60</c>, <c>--warmup 10</c>, <c>--seed 42</c>, <c>--parallel N</c> (runs side by side; the processor count by default), <c>--strategies a,b</c>, <c>--demand</c> (also run each fleet once with the rate limit off to
/// show its demand), <c>--json FILE</c>.
/// </remarks>
public static class ThrottlingCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after the command's name.</param>
    /// <returns>The exit code.</returns>
    [BenchmarkCommand("throttling")]
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int[] fleets = [10, 50, 100];
        var minutes = 60.0;
        var warmup = 10.0;
        var seed = 42;
        string? json = null;
        var strategies = ThrottlingStrategies.Names;
        var demand = false;
        var parallel = Environment.ProcessorCount;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    fleets = [50];
                    minutes = 10;
                    warmup = 2;
                    break;
                case "--parallel":
                    parallel = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--ships":
                    fleets = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--minutes":
                    minutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--json":
                    json = args[++i];
                    break;
                case "--strategies":
                    strategies = args[++i].Split(',');
                    break;
                case "--demand":
                    demand = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --quick, --ships 10,50,100, --minutes 60, --warmup 10, --seed 42, --parallel N, --strategies a,b, --demand, --json FILE");
                    return 2;
            }
        }

        var started = TimeProvider.System.GetTimestamp();
        var runs = new List<(int Ships, string Strategy, WorkloadOptions Options)>();
        foreach (var ships in fleets)
        {
            var options = new WorkloadOptions { Ships = ships, Duration = TimeSpan.FromMinutes(minutes), Warmup = TimeSpan.FromMinutes(warmup), Seed = seed };
            if (demand)
            {
                var unlimited = await FleetRun.RunAsync("no-limiter-backoff", options with { RateLimited = false }, CancellationToken.None).ConfigureAwait(false);
                Console.WriteLine($"{ships} ships: demand with the rate limit off {unlimited.RequestsPerMinute:0.0} requests/min ({unlimited.CeilingShare:P0} of the ceiling), {unlimited.CreditsEarned:N0} credits");
            }

            runs.AddRange(strategies.Select(strategy => (ships, strategy, options)));
        }

        // Every run has its own virtual clock and simulation, so runs may go side by side; the results do not depend on it.
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var results = await Task.WhenAll(runs.Select(async run =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var result = await Task.Run(() => FleetRun.RunAsync(run.Strategy, run.Options, CancellationToken.None)).ConfigureAwait(false);
                Console.Error.WriteLine($"  {run.Strategy,-24} {run.Ships,3} ships: {result.Wall.TotalSeconds:0.0} s wall for {result.Simulated.TotalMinutes:0} simulated min;"
                    + $" finished calls Critical {result.CriticalWaits.Length}, Normal {result.NormalWaits.Length}, Background {result.BackgroundWaits.Length}; sales {result.Sales};"
                    + $" ore extracted {result.UnitsExtracted} ({result.UnstableExtractions} of {result.Extractions} extractions unstable), sold {result.OreUnitsSold} at {(result.OreUnitsSold == 0 ? 0 : (double)result.OreRevenue / result.OreUnitsSold):0.0}"
                    + (result.GameErrors > 0 ? "; game errors: " + result.ErrorKinds : string.Empty));
                return result;
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        Console.WriteLine(Table(results));
        Console.WriteLine($"{results.Length} runs in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s wall-clock.");
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results.Select(JsonRow.From).ToArray(), Json)).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Formats results as a Markdown table.</summary>
    /// <param name="results">The results.</param>
    /// <returns>The table.</returns>
    public static string Table(IEnumerable<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder()
            .AppendLine("| strategy | ships | ok req/min | of 150/min | 429 per 100 | Critical p50 s | Critical p99 s | Normal p99 s | Background p99 s | idle ship-s | extracts | miners' credits | haulers' credits | credits earned | game errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Strategy} | {r.Ships} | {r.RequestsPerMinute:0.0} | {r.CeilingShare:P1} | {r.RateLimitedPer100:0.0} | {r.CriticalWaitP50:0.00} | {r.CriticalWaitP99:0.00} | {r.NormalWaitP99:0.0} | {r.BackgroundWaitP99:0.0} | {r.IdleShipSeconds:N0} | {r.Extractions:N0} | {r.MinerCredits:N0} | {r.HaulerCredits:N0} | {r.CreditsEarned:N0} | {r.GameErrors} |")
                .AppendLine();
        }

        return text.ToString();
    }

    /// <summary>One strategy on one fleet, as the JSON file has it.</summary>
    private sealed record JsonRow(
        [property: JsonPropertyName("strategy")] string Strategy,
        [property: JsonPropertyName("ships")] int Ships,
        [property: JsonPropertyName("requestsPerMinute")] double RequestsPerMinute,
        [property: JsonPropertyName("ceilingShare")] double CeilingShare,
        [property: JsonPropertyName("rateLimitedPer100")] double RateLimitedPer100,
        [property: JsonPropertyName("criticalWaitP50")] double CriticalWaitP50,
        [property: JsonPropertyName("criticalWaitP99")] double CriticalWaitP99,
        [property: JsonPropertyName("backgroundWaitP99")] double BackgroundWaitP99,
        [property: JsonPropertyName("idleShipSeconds")] double IdleShipSeconds,
        [property: JsonPropertyName("creditsEarned")] long CreditsEarned)
    {
        public static JsonRow From(RunResult r) => new(
            r.Strategy,
            r.Ships,
            Math.Round(r.RequestsPerMinute, 2),
            Math.Round(r.CeilingShare, 4),
            Math.Round(r.RateLimitedPer100, 2),
            Math.Round(r.CriticalWaitP50, 3),
            Math.Round(r.CriticalWaitP99, 3),
            Math.Round(r.BackgroundWaitP99, 3),
            Math.Round(r.IdleShipSeconds, 1),
            r.CreditsEarned);
    }
}
