using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.ThrottlingComparison;

/// <summary>
/// <c>throttling</c>: the strategies side by side on the fleet workload, in virtual time against the simulator's real
/// rate limit, over several seeds: per seed and fleet size one run with the rate limit off (the demand), one run per
/// strategy, and the two-node baseline. Prints the report (Markdown); <c>--json FILE</c> also writes every run as JSON.
/// </summary>
/// <remarks>
/// Options: <c>--quick</c> (100 ships, seed 42, 10 simulated minutes after a 5-minute warm-up, no two-node runs),
/// <c>--ships 10,50,100,200</c>, <c>--seeds 42-46</c> (or <c>--seed 42</c>), <c>--minutes 60</c>, <c>--warmup 60</c>,
/// <c>--parallel N</c> (runs side by side; the processor count by default), <c>--strategies a,b</c>, <c>--no-demand</c>,
/// <c>--no-two-node</c>, <c>--hauler-share 0.1</c>, <c>--json FILE</c>, <c>--markdown FILE</c>.
/// </remarks>
public static class ThrottlingCommand
{
    /// <summary>The name of the two-node baseline's rows.</summary>
    public const string TwoNodeName = ThrottlingStrategies.Sdk + ", 2 nodes";

    private const string Usage = "Options: --quick, --ships 10,50,100,200, --seeds 42-46 | --seed 42, --minutes 60, --warmup 60, --parallel N, --strategies a,b, --no-demand, --no-two-node, --hauler-share 0.1, --json FILE, --markdown FILE";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after the command's name.</param>
    /// <returns>The exit code.</returns>
    [BenchmarkCommand("throttling", "--quick", "--parallel <int>", "--ships <ints>", "--seed <int>", "--seeds <range>", "--minutes <number>", "--warmup <number>", "--json <file>", "--markdown <file>", "--strategies <list>", "--no-demand", "--no-two-node", "--hauler-share <number>")]
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int[] fleets = [10, 50, 100, 200];
        int[] seeds = [42, 43, 44, 45, 46];
        var minutes = 60.0;
        var warmup = 60.0;
        string? json = null;
        string? markdown = null;
        var strategies = ThrottlingStrategies.Names;
        var demand = true;
        var twoNode = true;
        var parallel = Environment.ProcessorCount;
        var haulerShare = new WorkloadOptions().HaulerShare;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--quick":
                        fleets = [100];
                        seeds = [42];
                        minutes = 10;
                        warmup = 5;
                        twoNode = false;
                        break;
                    case "--parallel":
                        parallel = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--ships":
                        fleets = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                        break;
                    case "--seed":
                        seeds = [int.Parse(args[++i], CultureInfo.InvariantCulture)];
                        break;
                    case "--seeds":
                        seeds = ParseSeeds(args[++i]);
                        break;
                    case "--minutes":
                        minutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--warmup":
                        warmup = double.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--json":
                        json = args[++i];
                        break;
                    case "--markdown":
                        markdown = args[++i];
                        break;
                    case "--strategies":
                        strategies = args[++i].Split(',');
                        break;
                    case "--no-demand":
                        demand = false;
                        break;
                    case "--no-two-node":
                        twoNode = false;
                        break;
                    case "--hauler-share":
                        haulerShare = double.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    default:
                        Console.Error.WriteLine($"Unknown option '{args[i]}'. {Usage}");
                        return 2;
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"Bad arguments: {ex.Message} {Usage}");
            return 2;
        }

        if (strategies.FirstOrDefault(s => !ThrottlingStrategies.Names.Contains(s)) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown strategy '{unknown}'; expected one of {string.Join(", ", ThrottlingStrategies.Names)}.");
            return 2;
        }

        var started = TimeProvider.System.GetTimestamp();
        var plan = new List<(string Kind, string Strategy, WorkloadOptions Options)>();
        foreach (var seed in seeds)
        {
            foreach (var ships in fleets)
            {
                var options = new WorkloadOptions
                {
                    Ships = ships,
                    Duration = TimeSpan.FromMinutes(minutes),
                    Warmup = TimeSpan.FromMinutes(warmup),
                    Seed = seed,
                    HaulerShare = haulerShare,
                };
                if (demand)
                {
                    plan.Add(("demand", "no-limiter-backoff", options with { RateLimited = false }));
                }

                plan.AddRange(strategies.Select(strategy => ("run", strategy, options)));
                if (twoNode)
                {
                    plan.Add(("two-node", ThrottlingStrategies.Sdk, options with { Nodes = 2 }));
                }
            }
        }

        // Every run has its own virtual clock and simulation, so runs may go side by side; the results do not depend on
        // it. The largest fleets start first, so the last runs to finish are short ones.
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var outcomes = await Task.WhenAll(plan.OrderByDescending(p => p.Options.Ships).Select(async run =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var result = await Task.Run(() => FleetRun.RunAsync(run.Strategy, run.Options, CancellationToken.None)).ConfigureAwait(false);
                Console.Error.WriteLine(Describe(run.Kind, result));
                return (run.Kind, Result: (RunResult?)result);
            }
            catch (Exception ex) when (ex is InvalidOperationException or SpaceTraders.Sdk.Errors.SpaceTradersApiException or HttpRequestException)
            {
                // One broken run must not throw away the others' hours: it is reported, left out, and fails the command.
                Console.Error.WriteLine(FormattableString.Invariant($"  {run.Kind} {run.Strategy} seed {run.Options.Seed} {run.Options.Ships} ships FAILED: {ex}"));
                return (run.Kind, Result: null);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        var failed = outcomes.Count(r => r.Result is null);
        var results = outcomes.Where(r => r.Result is not null).Select(r => (r.Kind, Result: r.Result!)).ToArray();

        var report = new ThrottlingReport(
            [.. results.Where(r => r.Kind == "run").Select(r => r.Result)],
            [.. results.Where(r => r.Kind == "demand").Select(r => r.Result)],
            [.. results.Where(r => r.Kind == "two-node").Select(r => r.Result)]);
        var wall = TimeProvider.System.GetElapsedTime(started);
        var text = new StringBuilder()
            .AppendLine(report.ToMarkdown())
            .AppendLine("### Credits earned per seed").AppendLine()
            .AppendLine(report.PerSeedMarkdown())
            .AppendLine(CultureInfo.InvariantCulture, $"{results.Length} runs ({warmup:0} min warm-up, {minutes:0} min measured) in {wall.TotalSeconds:0.0} s wall-clock, {Math.Max(1, parallel)} side by side.")
            .ToString();
        Console.WriteLine(text);
        if (markdown is not null)
        {
            await File.WriteAllTextAsync(markdown, text).ConfigureAwait(false);
        }

        if (json is not null)
        {
            var rows = results.Where(r => r.Kind != "demand")
                .OrderBy(r => r.Result.Seed).ThenBy(r => r.Result.Ships).ThenBy(r => r.Kind, StringComparer.Ordinal)
                .Select(r => JsonRow.From(r.Result, r.Kind == "two-node" ? TwoNodeName : r.Result.Strategy, report.DemandPerMinute(r.Result.Ships, r.Result.Seed)))
                .ToArray();
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(rows, Json)).ConfigureAwait(false);
        }

        if (failed > 0)
        {
            Console.Error.WriteLine($"{failed} of {plan.Count} runs failed; the report leaves them out.");
            return 1;
        }

        return 0;
    }

    /// <summary>Reads a seed list: <c>42-46</c>, <c>42,44</c>, or both mixed (<c>42-44,50</c>).</summary>
    /// <param name="text">The list.</param>
    /// <returns>The seeds, in the order given.</returns>
    public static int[] ParseSeeds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seeds = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash < 0)
            {
                seeds.Add(int.Parse(part, CultureInfo.InvariantCulture));
                continue;
            }

            var from = int.Parse(part[..dash], CultureInfo.InvariantCulture);
            var to = int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            if (to < from)
            {
                throw new FormatException($"The seed range '{part}' runs backwards.");
            }

            seeds.AddRange(Enumerable.Range(from, to - from + 1));
        }

        return seeds.Count == 0 ? throw new FormatException("No seeds given.") : [.. seeds];
    }

    private static string Describe(string kind, RunResult r)
        => FormattableString.Invariant($"  {(kind == "run" ? r.Strategy : kind),-24} seed {r.Seed} {r.Ships,3} ships: {r.Wall.TotalSeconds:0.0} s wall for {r.Simulated.TotalMinutes:0} simulated min;")
            + FormattableString.Invariant($" {r.RequestsPerMinute:0.0} req/min, 429s {r.RateLimited}, Critical p99 {r.CriticalWaitP99:0.00} s; extractions {r.Extractions} ({r.UnstableExtractions} unstable), siphons {r.Siphons}, sales {r.Sales}, background {r.BackgroundServed};")
            + FormattableString.Invariant($" credits {r.CreditsEarned:N0} (miners {r.MinerCredits:N0}, siphon drones {r.SiphonCredits:N0}, haulers {r.HaulerCredits:N0})")
            + (r.GameErrors > 0 ? "; game errors: " + r.ErrorKinds : string.Empty);

    /// <summary>One run, as the JSON file has it.</summary>
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
        [property: JsonPropertyName("creditsEarned")] long CreditsEarned,
        [property: JsonPropertyName("seed")] int Seed,
        [property: JsonPropertyName("demandPerMinute")] double? DemandPerMinute)
    {
        public static JsonRow From(RunResult r, string strategy, double? demandPerMinute) => new(
            strategy,
            r.Ships,
            Math.Round(r.RequestsPerMinute, 2),
            Math.Round(r.CeilingShare, 4),
            Math.Round(r.RateLimitedPer100, 2),
            Math.Round(r.CriticalWaitP50, 3),
            Math.Round(r.CriticalWaitP99, 3),
            Math.Round(r.BackgroundWaitP99, 3),
            Math.Round(r.IdleShipSeconds, 1),
            r.CreditsEarned,
            r.Seed,
            demandPerMinute is { } d ? Math.Round(d, 2) : null);
    }
}
