using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceTraders.Benchmarks.CommandLine;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.ThrottlingComparison;

/// <summary>
/// <c>throttling</c>: the strategies side by side on the fleet workload, in virtual time against the simulator's real
/// rate limit, over several seeds: per seed and fleet size one run with the rate limit off (the demand), one run per
/// strategy, and the two-node baseline. Prints the report (Markdown); <c>--json FILE</c> also writes every run as JSON.
/// </summary>
/// <remarks>Options: see <see cref="Create"/> (<c>throttling --help</c>).</remarks>
public static class ThrottlingCommand
{
    /// <summary>The name of the two-node baseline's rows.</summary>
    public const string TwoNodeName = ThrottlingStrategies.Sdk + ", 2 nodes";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static BenchmarkCommand Create()
    {
        var quick = BenchmarkOptions.Switch("--quick", "100 ships, seed 42, 10 simulated minutes after a 5-minute warm-up, no two-node runs; options given win");
        var parallel = BenchmarkOptions.Whole("--parallel", "runs side by side (default: the processor count)", Environment.ProcessorCount, minimum: 1);
        var ships = BenchmarkOptions.Wholes("--ships", "the fleet sizes", [10, 50, 100, 200], minimum: 1);
        var seed = BenchmarkOptions.Whole("--seed", "one world seed (instead of --seeds)", defaultValue: null);
        var seeds = BenchmarkOptions.Create("--seeds", "the world seeds: numbers and ranges separated by commas", "42-46", "seeds and seed ranges separated by commas (42-46,50)", ReadSeeds, () => new CommaList<int>([42, 43, 44, 45, 46]) { Shown = "42-46" });
        var minutes = BenchmarkOptions.Number("--minutes", "simulated minutes measured per run, after the warm-up", 60, NumberRange.Positive);
        var warmup = BenchmarkOptions.Number("--warmup", "simulated minutes of warm-up per run, not measured", 60, NumberRange.NotNegative);
        var json = BenchmarkOptions.OutputFile("--json", "also write every run as JSON to this file (its folder must exist)", createsFolder: false);
        var markdown = BenchmarkOptions.OutputFile("--markdown", "also write the report to this file (its folder must exist)", createsFolder: false);
        var strategies = BenchmarkOptions.Names("--strategies", "the strategies to compare", ThrottlingStrategies.Names, ThrottlingStrategies.Names);
        var noDemand = BenchmarkOptions.Switch("--no-demand", "skip the runs with the rate limit off (the demand)");
        var noTwoNode = BenchmarkOptions.Switch("--no-two-node", "skip the two-node baseline");
        var haulerShare = BenchmarkOptions.Number("--hauler-share", "the share of the fleet that hauls on trade routes", new WorkloadOptions().HaulerShare, new NumberRange(0, MinimumAllowed: true, Maximum: 1));
        var command = new BenchmarkCommand(
            "throttling",
            "the throttling strategies side by side on the fleet workload, against the simulator's real rate limit",
            """
            The strategies side by side on the fleet workload, in virtual time against the simulator's real rate limit,
            over several seeds: per seed and fleet size one run with the rate limit off (the demand), one run per
            strategy, and the two-node baseline. Prints the report (Markdown): requests per minute, share of the ceiling,
            429s, waits of critical and background requests, idle ship time and credits, with 95% intervals over seeds.
            """).With(quick, parallel, ships, seed, seeds, minutes, warmup, json, markdown, strategies, noDemand, noTwoNode, haulerShare);
        command.Validators.Add(result =>
        {
            if (result.GetResult(seed) is { Implicit: false } && result.GetResult(seeds) is { Implicit: false })
            {
                result.AddError("Give --seed or --seeds, not both.");
            }
        });
        command.Runs((result, cancellationToken) =>
        {
            var isQuick = result.GetValue(quick);
            return RunAsync(
                new ThrottlingSettings(
                    result.QuickOr(quick, ships, new CommaList<int>([100])).Items,
                    result.Given(seed) ? [result.GetValue(seed)] : result.QuickOr(quick, seeds, new CommaList<int>([42])).Items,
                    result.QuickOr(quick, minutes, 10.0),
                    result.QuickOr(quick, warmup, 5.0),
                    result.GetValue(json),
                    result.GetValue(markdown),
                    result.GetValue(strategies)!.Items,
                    !result.GetValue(noDemand),
                    !isQuick && !result.GetValue(noTwoNode),
                    result.GetValue(parallel),
                    result.GetValue(haulerShare)),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ThrottlingSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (fleets, seeds, minutes, warmup, json, markdown, strategies, demand, twoNode, parallel, haulerShare) = settings;
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

    private static CommaList<int>? ReadSeeds(string text)
    {
        try
        {
            return new CommaList<int>(ParseSeeds(text));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>What a <c>throttling</c> command line asks for.</summary>
    private sealed record ThrottlingSettings(int[] Fleets, int[] Seeds, double Minutes, double Warmup, string? Json, string? Markdown, string[] Strategies, bool Demand, bool TwoNode, int Parallel, double HaulerShare);

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
