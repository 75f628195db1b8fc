using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>
/// <c>cpr</c>: runs <see cref="CprBenchmarks"/> with BenchmarkDotNet (each week's conductor on seeds 1-3, one run per
/// case through the bot runner) and writes the weekly table for that duration into the results file.
/// </summary>
/// <remarks>
/// Options: see <see cref="Create"/> (<c>cpr --help</c>). The file holds one section per duration (between
/// <c>&lt;!-- cpr:DURATION --&gt;</c> markers); a run replaces its own duration's section and keeps the others, and
/// anything after the line <c>&lt;!-- notes --&gt;</c> (the analysis).
/// </remarks>
public static class CprCommand
{
    private const string NotesMarker = "<!-- notes -->";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static BenchmarkCommand Create()
    {
        var days = BenchmarkOptions.Number("--days", "simulated days per run, decimals allowed (0.5: the 12-hour table)", 0.5, new NumberRange(0, MinimumAllowed: false, Maximum: 60));
        var conductors = BenchmarkOptions.Names("--conductors", "the weeks' conductors to run", WeeklyConductors.Names, WeeklyConductors.Names);
        var seeds = BenchmarkOptions.Wholes("--seeds", "the world seeds", [1, 2, 3]);
        var resume = BenchmarkOptions.Text("--resume", "keep each run's figures in this folder and skip the cases whose figures are already there", "folder");
        var output = BenchmarkOptions.OutputFile("--out", "the results file whose section for this duration is replaced (its folder is created)", createsFolder: true, Path.Combine("benchmarks", "results", "cpr.md"));
        var command = new BenchmarkCommand(
            "cpr",
            "each week's conductor on seeds 1-3 through the bot runner, with BenchmarkDotNet: the weekly CPR table",
            """
            Runs CprBenchmarks with BenchmarkDotNet: each week's conductor on each seed, one run per case through the bot
            runner in its own process, and writes the weekly table for that duration (credits, requests, CPR, CPH, ships,
            gate) into the results file. The file holds one section per duration; a run replaces its own duration's
            section and keeps the others, and anything after its <!-- notes --> line. With --resume a long run that was
            stopped goes on where it was; the results file then says which cases were reused.
            Build first: dotnet build Sdk.sln -c Release
            """).With(days, conductors, seeds, resume, output);
        command.Runs((result, cancellationToken) => RunAsync(
            result.GetValue(days),
            result.Given(conductors) ? result.GetValue(conductors)!.Items : null,
            result.Given(seeds) ? result.GetValue(seeds)!.Items : null,
            result.GetValue(resume),
            result.GetValue(output)!,
            BenchmarkCli.CommandLine(result),
            cancellationToken));
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <returns>0 on success, 1 when a case produced no figures, 2 when the runner is not built.</returns>
    private static async Task<int> RunAsync(double days, string[]? conductors, int[]? seeds, string? resume, string output, string commandLine, CancellationToken cancellationToken)
    {
        if (!File.Exists(CprBenchmarks.RunnerPath))
        {
            await Console.Error.WriteLineAsync($"The bot runner is not built at {CprBenchmarks.RunnerPath}: build it first (dotnet build Sdk.sln -c Release).");
            return 2;
        }

        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_DAYS", days.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_CONDUCTORS", conductors is null ? null : string.Join(',', conductors));
        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_SEEDS", seeds is null ? null : string.Join(',', seeds.Select(s => s.ToString(CultureInfo.InvariantCulture))));
        var figuresDirectory = resume ?? Path.Combine(Path.GetTempPath(), "spacetraders-cpr-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_FIGURES", figuresDirectory);
        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_RESUME", resume is null ? null : "1");
        Console.WriteLine("Figures of each run: " + figuresDirectory);
        var reused = CprBenchmarks.Conductors.SelectMany(c => CprBenchmarks.Seeds.Select(seed => (Conductor: c, Seed: seed)))
            .Where(c => resume is not null && CprFigures.TryLoad(c.Conductor, c.Seed) is not null)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Conductor} seed {c.Seed}"))
            .ToList();
        var summary = BenchmarkRunner.Run<CprBenchmarks>();

        var runs = summary.BenchmarksCases
            .Select(c => CprFigures.TryLoad((string)c.Parameters[nameof(CprBenchmarks.Conductor)], (int)c.Parameters[nameof(CprBenchmarks.Seed)]))
            .ToList();
        if (runs.Count == 0 || runs.Any(f => f is null))
        {
            await Console.Error.WriteLineAsync("Some cases produced no figures: see the BenchmarkDotNet log.");
            return 1;
        }

        var duration = CprBenchmarks.Duration;
        var label = Label(duration);
        var section = Section(label, duration, commandLine, [.. runs.Select(f => f!)]);
        if (reused.Count > 0)
        {
            section += Environment.NewLine + "Reused from an earlier pass of this command (`--resume`, not run again): " + string.Join(", ", reused) + "." + Environment.NewLine;
        }

        var existing = File.Exists(output) ? await File.ReadAllTextAsync(output, cancellationToken) : string.Empty;
        await WriteAsync(output, Merge(existing, label, section), cancellationToken);
        Console.WriteLine("Wrote " + output);
        return 0;
    }

    /// <summary>A duration as the results file names its section: <c>7 days</c>, <c>12 hours</c>.</summary>
    private static string Label(TimeSpan duration) =>
        duration.TotalHours % 24 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalDays:0} days")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.#} hours");

    private static string Section(string label, TimeSpan duration, string commandLine, IReadOnlyList<CprFigures> runs)
    {
        var runner = "dotnet artifacts/bin/SpaceTraders.BotRunner/release/SpaceTraders.BotRunner.dll " + string.Join(' ', CprBenchmarks.Arguments("<conductor>", 0, duration, "<file>")).Replace("--seed 0", "--seed <seed>", StringComparison.Ordinal);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {label}")
            .AppendLine()
            .AppendLine("Produced by (from the repository root):")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(commandLine)
            .AppendLine("```")
            .AppendLine()
            .AppendLine("Each case is one run of the bot runner in its own process, exactly as a user runs it:")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(runner)
            .AppendLine("```")
            .AppendLine()
            .AppendLine("Figures are the run's `--report`. *Earned*: operating earnings (sales and contracts less purchases, fuel and fees; ships and mounts bought are capital, in *net* only). *CPR* = earned / requests, *CPH* = earned / simulated hour. *rpm*: requests per simulated minute over the run; *rpm 20-24 h*: over simulated hours 20 to 24; *min hour after 24 h*: the slowest full hour's rate after the first day (150/min is the ceiling). *Uptime*: share of owned ship-time inside behaviour sessions. *Gate*: starting gate materials delivered / required. Game figures are deterministic per seed; *wall* and *peak WS* depend on the machine (a shared 2-core machine).")
            .AppendLine()
            .AppendLine("| conductor | seed | earned | net | requests | rpm | rpm 20-24 h | min hour after 24 h | 429s | CPR | CPH | ships end | peak | after 24 h | bought | uptime | gate | wall (s) | peak WS (MB) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var f in runs.OrderBy(f => f.Conductor, StringComparer.Ordinal).ThenBy(f => f.Seed))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Conductor} | {f.Seed} | {f.CreditsEarned:N0} | {f.CreditsNet:N0} | {f.Requests:N0} | {f.RequestsPerMinute:0.0} | {Figure(f.RequestsPerMinuteBetween(20, 24))} | {Figure(f.LowestHourlyRequestsPerMinuteAfter(24))} | {f.RateLimited} | {f.CreditsPerRequest:0.0} | {f.CreditsPerHour:N0} | {f.ShipsEnd} | {f.ShipsPeak} | {f.ShipsAfter(24)?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {f.ShipsBought} | {f.Uptime:P0} | {Gate(f)} | {f.WallSeconds:0} | {f.PeakWorkingSetBytes / 1048576.0:0} |"));
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"### Per week (mean and spread over seeds {string.Join(", ", runs.Select(f => f.Seed).Distinct().Order())})")
            .AppendLine()
            .AppendLine("| conductor | earned: mean | min | max | requests (mean) | CPR (mean) | CPH (mean) | 429s (mean) | ships end (mean) | earned / previous week (per seed) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var weeks = runs.GroupBy(f => f.Conductor).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var ratios = i == 0
                ? "-"
                : string.Join(", ", week.OrderBy(f => f.Seed).Select(f => weeks[i - 1].FirstOrDefault(p => p.Seed == f.Seed) is { CreditsEarned: not 0 } previous
                    ? string.Create(CultureInfo.InvariantCulture, $"{(double)f.CreditsEarned / previous.CreditsEarned:0.00}×")
                    : "-"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {week.Key} | {week.Average(f => f.CreditsEarned):N0} | {week.Min(f => f.CreditsEarned):N0} | {week.Max(f => f.CreditsEarned):N0} | {week.Average(f => f.Requests):N0} | {week.Average(f => f.CreditsPerRequest):0.0} | {week.Average(f => f.CreditsPerHour):N0} | {week.Average(f => f.RateLimited):0.#} | {week.Average(f => f.ShipsEnd):0.#} | {ratios} |"));
        }

        text.AppendLine()
            .AppendLine("### Per behaviour version (sum over the seeds)")
            .AppendLine()
            .AppendLine("| conductor | behaviour | sessions | requests | credits | CPR |")
            .AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var week in weeks)
        {
            foreach (var behaviour in week.SelectMany(f => f.Behaviours).GroupBy(b => b.Behaviour).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var requests = behaviour.Sum(b => b.Requests);
                var credits = behaviour.Sum(b => b.CreditsEarned);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {week.Key} | {behaviour.Key} | {behaviour.Sum(b => b.Sessions):N0} | {requests:N0} | {credits:N0} | {(requests == 0 ? 0 : (double)credits / requests):0.0} |"));
            }
        }

        if (runs.Any(f => f.Hours > 24))
        {
            text.AppendLine()
                .AppendLine("### Growth (ships and requests per minute at the end of each day)")
                .AppendLine()
                .AppendLine("| conductor | seed | " + string.Join(" | ", Enumerable.Range(1, (int)Math.Ceiling(runs.Max(f => f.Hours) / 24)).Select(d => string.Create(CultureInfo.InvariantCulture, $"day {d}"))) + " |")
                .AppendLine("|---|---:|" + string.Concat(Enumerable.Repeat("---|", (int)Math.Ceiling(runs.Max(f => f.Hours) / 24))));
            foreach (var f in runs.OrderBy(f => f.Conductor, StringComparer.Ordinal).ThenBy(f => f.Seed))
            {
                var cells = Enumerable.Range(1, (int)Math.Ceiling(runs.Max(r => r.Hours) / 24))
                    .Select(d => f.ShipsAfter(d * 24) is { } ships
                        ? string.Create(CultureInfo.InvariantCulture, $"{ships} ships, {Figure(f.RequestsPerMinuteBetween((d * 24) - 1, d * 24))}/min")
                        : "-");
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {f.Conductor} | {f.Seed} | {string.Join(" | ", cells)} |"));
            }
        }

        return text.ToString();
    }

    private static string Figure(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Gate(CprFigures figures) =>
        figures.GateRequired is { } required
            ? string.Create(CultureInfo.InvariantCulture, $"{figures.GateFulfilled:N0}/{required:N0}{(figures.GateComplete ? " complete" : string.Empty)}")
            : "-";

    /// <summary>Puts a duration's section into the file's text, replacing that duration's earlier section, keeping the rest.</summary>
    internal static string Merge(string existing, string label, string section)
    {
        var (head, notes) = existing.Split(NotesMarker) is { Length: > 1 } parts ? (parts[0], parts[1]) : (existing, Environment.NewLine);
        var begin = $"<!-- cpr:{label} -->";
        var end = $"<!-- /cpr:{label} -->";
        var block = begin + Environment.NewLine + section + end + Environment.NewLine;
        if (head.IndexOf(begin, StringComparison.Ordinal) is var from and >= 0 && head.IndexOf(end, from, StringComparison.Ordinal) is var to and >= 0)
        {
            head = head[..from] + block + head[(to + end.Length)..].TrimStart('\r', '\n');
        }
        else
        {
            if (head.Trim().Length == 0 || !head.Contains("<!-- cpr:", StringComparison.Ordinal))
            {
                head = "# CPR benchmark: the weekly conductors" + Environment.NewLine + Environment.NewLine;
            }

            head = head.TrimEnd() + Environment.NewLine + Environment.NewLine + block;
        }

        return head.TrimEnd() + Environment.NewLine + Environment.NewLine + NotesMarker + notes;
    }

    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }
}
