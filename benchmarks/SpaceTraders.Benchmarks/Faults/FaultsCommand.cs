using System.Globalization;
using System.Text;
using System.Text.Json;
using SpaceTraders.Benchmarks.CommandLine;
using SpaceTraders.Benchmarks.Cpr;
using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Testing;

namespace SpaceTraders.Benchmarks.Faults;

/// <summary>
/// <c>faults</c>: the weekly conductors through the real runtime on the simulator under each fault profile (none, flaky,
/// chaos, slow, drop-after, reorder), as the CPR benchmark runs them (<see cref="WeeklyGame"/>), and whether the books balance,
/// no action ran twice, earnings hold up against the fault-free run of the same seed and sessions survive the faults.
/// </summary>
/// <remarks>
/// Options: see <see cref="Create"/> (<c>faults --help</c>).
/// Anything in the existing markdown after the line <c>&lt;!-- notes --&gt;</c> is kept.
/// </remarks>
internal static class FaultsCommand
{
    /// <summary>The simulated hours of a <c>--quick</c> run.</summary>
    public const double QuickHours = 3;

    private const string NotesMarker = "<!-- notes -->";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Gets the targets the issue asks the benchmark to show: a name, a threshold and the profiles it applies to.</summary>
    private static IReadOnlyList<Target> Targets { get; } =
    [
        new("ledger equals the server's credit change, to the credit", FaultProfiles.Names, r => r.Figures.LedgerMatchesServer, r => r.Figures.LedgerMatchesServer ? "exact" : $"off by {r.Figures.LedgerSum - r.Figures.ServerChange:N0}"),
        new("zero duplicated actions", FaultProfiles.Names, r => r.Figures.DuplicatedActions == 0, r => r.Figures.DuplicatedActions.ToString(CultureInfo.InvariantCulture)),
        new("earnings >= 80% of the fault-free run", [FaultProfiles.Flaky, FaultProfiles.DropAfter], r => r.EarningsShare >= 0.8, r => Percent(r.EarningsShare)),
        new("earnings >= 60% of the fault-free run", [FaultProfiles.Chaos], r => r.EarningsShare >= 0.6, r => Percent(r.EarningsShare)),

        // Reordered lists fail no request and delay none: the same game, so only a tie-break that depends on list order
        // may move the figures; 10% allows for a different but equally good choice, a bigger loss is an order bug.
        new("earnings >= 90% of the fault-free run", [FaultProfiles.Reorder], r => r.EarningsShare >= 0.9, r => Percent(r.EarningsShare)),
        new("failed sessions <= 5%", FaultProfiles.Names, r => r.Figures.FailedSessionShare <= 0.05, r => Percent(r.Figures.FailedSessionShare)),
    ];

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var quick = BenchmarkOptions.Switch("--quick", string.Create(CultureInfo.InvariantCulture, $"week10, seed 1, {QuickHours} simulated hours and no markdown unless --out is given (under 5 minutes); options given win"));
        var json = BenchmarkOptions.OutputFile("--json", "also write one JSON object per run to this file (its folder is created)", createsFolder: true);
        var output = BenchmarkOptions.OutputFile("--out", "the markdown to write (its folder is created; anything after its <!-- notes --> line is kept)", createsFolder: true, Path.Combine("benchmarks", "results", "faults.md"));
        var conductors = BenchmarkOptions.Names("--conductors", "the weekly conductors to play", WeeklyConductors.Names, ["week10", "week12"]);
        var seeds = BenchmarkOptions.Wholes("--seeds", "the world seeds (also the seeds of the retries' jitter)", [1, 2, 3]);
        var profiles = BenchmarkOptions.Names("--profiles", "the fault profiles (the fault-free run, none, is always run: it is the reference of the earnings share)", FaultProfiles.Names, FaultProfiles.Names);
        var hours = BenchmarkOptions.Number("--hours", "simulated hours per run", 12, NumberRange.Positive);
        var parallel = BenchmarkOptions.Whole("--parallel", "runs side by side (each has its own clock and simulation: the figures do not depend on it)", 1, minimum: 1);
        var command = new BenchmarkCommand(
            "faults",
            "the weekly conductors under each simulator fault profile: the books, duplicated actions, earnings, failed sessions",
            """
            The weekly conductors through the real runtime on the simulator under each fault profile (none, flaky, chaos,
            slow, drop-after, reorder), as the CPR benchmark runs them, and whether the books balance (the ledger equals
            the server's credit change), no action ran twice, earnings hold up against the fault-free run of the same
            seed, and sessions survive the faults. Prints the runs and the targets; writes the markdown (and the JSON).
            """).With(quick, json, output, conductors, seeds, profiles, hours, parallel);
        command.Runs((result, cancellationToken) => RunAsync(
            new FaultsSettings(
                result.QuickOr(quick, conductors, new CommaList<string>(["week10"])).Items,
                result.QuickOr(quick, seeds, new CommaList<int>([1])).Items,
                result.GetValue(profiles)!.Items,
                result.QuickOr(quick, hours, QuickHours),
                result.GetValue(parallel),
                result.GetValue(json),
                result.QuickOr(quick, output, null)),
            BenchmarkCli.CommandLine(result),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FaultsSettings settings, string commandLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (conductors, seeds, profiles, hours, parallel, json, output) = settings;
        // The fault-free run of each conductor and seed is the reference of the earnings share: always run it.
        if (!profiles.Contains(FaultProfiles.None))
        {
            profiles = [FaultProfiles.None, .. profiles];
        }

        var duration = TimeSpan.FromHours(hours);
        var started = TimeProvider.System.GetTimestamp();
        var cases = (from conductor in conductors from seed in seeds from profile in profiles select (Conductor: conductor, Seed: seed, Profile: profile)).ToList();
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var figures = await Task.WhenAll(cases.Select(async c =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var result = await Task.Run(() => RunOneAsync(c.Conductor, c.Seed, c.Profile, duration)).ConfigureAwait(false);
                Console.Error.WriteLine(Describe(result));
                return result;
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        var results = Shares(figures);
        Console.WriteLine(Table(results));
        Console.WriteLine(TargetTable(results));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count} runs in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s wall-clock."));
        if (json is not null)
        {
            var rows = results.Select(r => new FaultJsonRow(r.Figures.Profile, r.Figures.Conductor, r.Figures.Seed, r.Figures.Hours, r.Figures.LedgerMatchesServer, r.Figures.DuplicatedActions, Math.Round(r.EarningsShare, 4), Math.Round(r.Figures.FailedSessionShare, 4)));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(rows.ToArray(), Json)).ConfigureAwait(false);
            Console.WriteLine("Wrote " + json);
        }

        if (output is not null)
        {
            await WriteMarkdownAsync(output, commandLine, hours, results).ConfigureAwait(false);
            Console.WriteLine("Wrote " + output);
        }

        return 0;
    }

    /// <summary>Plays one conductor on a fresh agent of the seed's world under a fault profile, through the real runtime.</summary>
    /// <param name="conductor">The conductor's id.</param>
    /// <param name="seed">The world seed; also the seed of the retries' jitter.</param>
    /// <param name="profile">The fault profile.</param>
    /// <param name="duration">The simulated duration.</param>
    /// <returns>The figures.</returns>
    internal static async Task<FaultRunFigures> RunOneAsync(string conductor, int seed, string profile, TimeSpan duration)
    {
        // One random stream per ship: a run under faults differs from the fault-free one only by what the faults did.
        using var game = new WeeklyGame(seed, options => options.RandomStreams = RandomStreams.PerShip) { Faults = profile };
        IStrategyPlugin[] plugins = [new Week02Plugin(), new Week04Plugin(), new Week07Plugin(), new Week10Plugin(), new Week12Plugin()];

        // Wall-clock time is measured here only; the run itself sees virtual time.
        var wall = TimeProvider.System.GetTimestamp();
        var run = await game.RunAsync(new StrategyRef(conductor), duration, null, plugins).ConfigureAwait(false);
        return FaultRunFigures.From(run, profile, game.Simulation.Stats, game.Simulation.Faults.InjectedCount, TimeProvider.System.GetElapsedTime(wall));
    }

    private static List<FaultResult> Shares(IEnumerable<FaultRunFigures> figures)
    {
        var all = figures.ToList();
        return [.. all
            .Select(f =>
            {
                var reference = all.Single(r => r.Conductor == f.Conductor && r.Seed == f.Seed && r.Profile == FaultProfiles.None);
                return new FaultResult(f, reference.Earnings <= 0 ? 0 : (double)f.Earnings / reference.Earnings);
            })
            .OrderBy(r => r.Figures.Conductor, StringComparer.Ordinal)
            .ThenBy(r => r.Figures.Seed)
            .ThenBy(r => FaultProfiles.Names.ToList().IndexOf(r.Figures.Profile))];
    }

    private static string Describe(FaultRunFigures f)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"  {f.Conductor} seed {f.Seed} {f.Profile,-10}: earnings {f.Earnings:N0}, ledger {f.LedgerSum:N0} vs server {f.ServerChange:N0}, duplicated {f.DuplicatedActions} (idempotent repeats {f.RepeatedIdempotentActions}), faults {f.FaultsInjected}, requests {f.Requests:N0}, sessions {f.FailedSessions}/{f.Sessions} failed, {f.WallSeconds:0.0} s wall");
        foreach (var reason in f.FailureReasons)
        {
            text.AppendLine().Append("      ").Append(reason);
        }

        foreach (var route in f.DuplicatedRoutes)
        {
            text.AppendLine().Append("      duplicated: ").Append(route);
        }

        return text.ToString();
    }

    private static string Table(IEnumerable<FaultResult> results)
    {
        var text = new StringBuilder()
            .AppendLine("| conductor | seed | profile | faults | earnings | of fault-free | ledger | server change | ledger = server | duplicated | idempotent repeats | requests | sessions | failed | failed share | wall (s) |")
            .AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (f, share) in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Conductor} | {f.Seed} | {f.Profile} | {f.FaultsInjected:N0} | {f.Earnings:N0} | {Percent(share)} | {f.LedgerSum:N0} | {f.ServerChange:N0} | {(f.LedgerMatchesServer ? "yes" : "**no**")} | {f.DuplicatedActions} | {f.RepeatedIdempotentActions} | {f.Requests:N0} | {f.Sessions} | {f.FailedSessions} | {Percent(f.FailedSessionShare)} | {f.WallSeconds:0.0} |"));
        }

        return text.ToString();
    }

    private static string TargetTable(IReadOnlyList<FaultResult> results)
    {
        var text = new StringBuilder()
            .AppendLine("| target | profiles | runs | runs that hold | worst | holds |")
            .AppendLine("|---|---|---:|---:|---|---|");
        foreach (var target in Targets)
        {
            var runs = results.Where(r => target.Profiles.Contains(r.Figures.Profile)).ToList();
            var failing = runs.Where(r => !target.Holds(r)).ToList();
            var worst = failing.Count > 0
                ? string.Join(", ", failing.Select(r => $"{r.Figures.Conductor} seed {r.Figures.Seed} {r.Figures.Profile}: {target.Show(r)}"))
                : runs.Count > 0 ? "all: " + string.Join(", ", runs.Select(target.Show).Distinct().Order(StringComparer.Ordinal).Take(12)) : "-";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target.Name} | {string.Join(", ", target.Profiles)} | {runs.Count} | {runs.Count - failing.Count} | {worst} | {(runs.Count == 0 ? "not run" : failing.Count == 0 ? "**yes**" : "**no**")} |"));
        }

        return text.ToString();
    }

    private static async Task WriteMarkdownAsync(string output, string commandLine, double hours, IReadOnlyList<FaultResult> results)
    {
        var text = new StringBuilder()
            .AppendLine("# Faults benchmark: the books balance, every action happens once")
            .AppendLine()
            .AppendLine("Produced by (from the repository root):")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(commandLine)
            .AppendLine("```")
            .AppendLine()
            .AppendLine("The quick form, `dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- faults --quick --json faults.json`, plays week10 on seed 1 for "
                + string.Create(CultureInfo.InvariantCulture, $"{QuickHours:0} simulated hours")
                + " (not 12, to stay under 5 minutes on a shared 2-core machine) under each profile and writes one JSON object per profile: `profile`, `conductor`, `seed`, `hours`, `ledgerMatchesServer`, `duplicateActions`, `earningsShare`, `failedSessionShare`.")
            .AppendLine()
            .AppendLine("`FaultsCommand` (`benchmarks/SpaceTraders.Benchmarks/Faults/`) runs each conductor as the CPR benchmark does (`WeeklyGame`, shared with the plugin tests): a fresh agent (COSMIC, 175,000 credits, a command frigate and a probe) registered on the simulator of the seed's world in virtual time, played for "
                + string.Create(CultureInfo.InvariantCulture, $"{hours:0.##} simulated hours")
                + " through the real `FleetRuntime` with every weekly plugin loaded and the live rate limits. The registration is fault-free; the simulator's fault profile (`src/SpaceTraders.Simulator/Faults/FaultProfiles.cs`) is on while the runtime plays and off for the reading of the agent's credits afterwards. Each ship draws its luck from its own random stream (`RandomStreams.PerShip`), so a run under faults differs from the fault-free run of the same seed only by what the faults did; the SDK's retry jitter is seeded from the world's seed (`RetryOptions.JitterSeed`), so every figure but the wall time is the same in every run.")
            .AppendLine()
            .AppendLine("* *faults*: faults the simulator injected (under `reorder`, every request whose answer had its order-free lists shuffled: all of them). *earnings*: operating earnings (the net change of credits plus capital spent on ships); *of fault-free*: their share of the same conductor's and seed's run without faults.")
            .AppendLine("* *ledger*: the sum of the credit movements in the runtime's store; *server change*: the agent's credits on the server after the run less at registration, read outside the runtime.")
            .AppendLine("* *duplicated*: actions the simulator executed more than once for one `X-Request-Id` (`SimulationStats.DuplicatedActions`); *idempotent repeats*: orbit, dock or flight-mode changes executed more than once for one request id (they change nothing).")
            .AppendLine("* *failed share*: sessions that ended `failed`, of all sessions.")
            .AppendLine()
            .AppendLine("## Per run")
            .AppendLine()
            .Append(Table(results))
            .AppendLine()
            .AppendLine("## Targets")
            .AppendLine()
            .AppendLine("A target holds when every run of its profiles meets it.")
            .AppendLine()
            .Append(TargetTable(results))
            .AppendLine()
            .AppendLine("## Failed sessions")
            .AppendLine();
        var failures = results.Where(r => r.Figures.FailureReasons.Count > 0).ToList();
        if (failures.Count == 0)
        {
            text.AppendLine("None.");
        }

        foreach (var (f, _) in failures)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"* {f.Conductor} seed {f.Seed} {f.Profile} ({f.FailedSessions} of {f.Sessions}): ") + string.Join("; ", f.FailureReasons.Select(r => "`" + r.Replace('`', '\'') + "`")));
        }

        var duplicated = results.Where(r => r.Figures.DuplicatedRoutes.Count > 0).ToList();
        if (duplicated.Count > 0)
        {
            text.AppendLine().AppendLine("## Duplicated actions").AppendLine();
            foreach (var (f, _) in duplicated)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"* {f.Conductor} seed {f.Seed} {f.Profile}: ") + string.Join("; ", f.DuplicatedRoutes.Select(r => "`" + r + "`")));
            }
        }

        var notes = File.Exists(output) && (await File.ReadAllTextAsync(output).ConfigureAwait(false)).Split(NotesMarker) is { Length: > 1 } parts ? parts[1] : Environment.NewLine;
        text.AppendLine().Append(NotesMarker).Append(notes);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text.ToString()).ConfigureAwait(false);
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.0}%");

    /// <summary>What a <c>faults</c> command line asks for.</summary>
    private sealed record FaultsSettings(IReadOnlyList<string> Conductors, IReadOnlyList<int> Seeds, IReadOnlyList<string> Profiles, double Hours, int Parallel, string? Json, string? Output);

    /// <summary>One run's figures with its earnings share of the fault-free run.</summary>
    private sealed record FaultResult(FaultRunFigures Figures, double EarningsShare);

    /// <summary>A must-show target: which profiles' runs it applies to, whether a run meets it, and what to show.</summary>
    private sealed record Target(string Name, IReadOnlyList<string> Profiles, Func<FaultResult, bool> Holds, Func<FaultResult, string> Show);
}
