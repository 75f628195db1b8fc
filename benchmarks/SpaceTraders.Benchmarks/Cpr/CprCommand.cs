using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>
/// <c>cpr</c>: runs <see cref="CprBenchmarks"/> with BenchmarkDotNet (each week's conductor, seeds 1-3, 12 simulated
/// hours, one run per case) and writes the game figures per week and per behaviour version as markdown.
/// </summary>
/// <remarks>
/// Options: <c>--out PATH</c> (default <c>benchmarks/results/cpr.md</c>). Anything in the existing file after the line
/// <c>&lt;!-- notes --&gt;</c> (the analysis) is kept.
/// </remarks>
internal static class CprCommand
{
    private const string NotesMarker = "<!-- notes -->";

    [BenchmarkCommand("cpr")]
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--out");
        var output = index >= 0 && index + 1 < args.Length ? args[index + 1] : Path.Combine("benchmarks", "results", "cpr.md");
        var commandLine = "dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- cpr" + (args.Length > 0 ? " " + string.Join(' ', args) : string.Empty);

        var figuresDirectory = Path.Combine(Path.GetTempPath(), "spacetraders-cpr-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("SPACETRADERS_CPR_FIGURES", figuresDirectory);
        var summary = BenchmarkRunner.Run<CprBenchmarks>();

        var cases = summary.BenchmarksCases
            .Select(c => (Case: c, Figures: CprFigures.TryLoad((string)c.Parameters[nameof(CprBenchmarks.Conductor)], (int)c.Parameters[nameof(CprBenchmarks.Seed)])))
            .ToList();
        if (cases.Any(c => c.Figures is null))
        {
            Console.Error.WriteLine("Some cases produced no figures: see the BenchmarkDotNet log.");
            return 1;
        }

        var text = new StringBuilder()
            .AppendLine("# CPR benchmark: the weekly conductors")
            .AppendLine()
            .AppendLine("Produced by (from the repository root):")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(commandLine)
            .AppendLine("```")
            .AppendLine()
            .AppendLine("BenchmarkDotNet drives `CprBenchmarks` (`benchmarks/SpaceTraders.Benchmarks/Cpr/`): `[Params]` conductor × seed, one cold-start run per case in process (no warm-up, one iteration); custom columns read the game figures each run saved. Each run: a fresh agent (COSMIC, 175,000 credits, a command frigate and a probe) registered on the simulator (`Simulation`, the seed's world) in virtual time, played by the conductor for 12 simulated hours through the real `FleetRuntime`, with the week 2, 4, 7 and 10 plugins loaded and the live rate limits (2 requests/s, burst 30, no latency margin). *Credits* is what the agent gained over the run, ship purchases counted as spending. *CPR* = credits / requests, *CPH* = credits / simulated hour. Every figure is deterministic (same seed, same run); the *Wall* column is the only machine-dependent one (a shared 2-core machine).")
            .AppendLine()
            .AppendLine("## Per run")
            .AppendLine()
            .AppendLine("| conductor | seed | credits | requests | CPR | CPH | 429s | delayed | ships bought | wall (s) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (benchmarkCase, figures) in cases.OrderBy(c => c.Figures!.Conductor, StringComparer.Ordinal).ThenBy(c => c.Figures!.Seed))
        {
            var f = figures!;
            var wall = summary[benchmarkCase]?.ResultStatistics?.Mean / 1e9;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Conductor} | {f.Seed} | {f.CreditsEarned:N0} | {f.Requests:N0} | {f.CreditsPerRequest:0.0} | {f.CreditsPerHour:N0} | {f.RateLimited} | {f.Delayed} | {f.ShipsBought} | {wall:0.0} |"));
        }

        text.AppendLine()
            .AppendLine("## Per week (mean of seeds 1-3)")
            .AppendLine()
            .AppendLine("| conductor | credits | requests | CPR | CPH | 429s | delayed | ships bought |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var week in cases.Select(c => c.Figures!).GroupBy(f => f.Conductor).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var credits = week.Average(f => f.CreditsEarned);
            var requests = week.Average(f => f.Requests);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {week.Key} | {credits:N0} | {requests:N0} | {credits / requests:0.0} | {week.Average(f => f.CreditsPerHour):N0} | {week.Average(f => f.RateLimited):0.#} | {week.Average(f => f.Delayed):0.#} | {week.Average(f => f.ShipsBought):0.#} |"));
        }

        text.AppendLine()
            .AppendLine("## Per behaviour version (sum over seeds 1-3)")
            .AppendLine()
            .AppendLine("Credits of a behaviour are the net credits its sessions moved (sales and contract payments less purchases, fuel and fees); ship purchases are the conductor's and appear in no row.")
            .AppendLine()
            .AppendLine("| conductor | behaviour | sessions | requests | credits | CPR | ship-hours |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var week in cases.Select(c => c.Figures!).GroupBy(f => f.Conductor).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var behaviour in week.SelectMany(f => f.Behaviours).GroupBy(b => b.Behaviour).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var requests = behaviour.Sum(b => b.Requests);
                var credits = behaviour.Sum(b => b.CreditsEarned);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {week.Key} | {behaviour.Key} | {behaviour.Sum(b => b.Sessions)} | {requests:N0} | {credits:N0} | {(requests == 0 ? 0 : (double)credits / requests):0.0} | {behaviour.Sum(b => b.Hours):0.0} |"));
            }
        }

        var notes = File.Exists(output) && (await File.ReadAllTextAsync(output)).Split(NotesMarker) is { Length: > 1 } parts ? parts[1] : Environment.NewLine;
        text.AppendLine().Append(NotesMarker).Append(notes);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text.ToString());
        Console.WriteLine("Wrote " + output);
        return 0;
    }
}
