using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>
/// The CPR benchmark: each week's conductor plays a fresh agent (the same starting agent: COSMIC, 175,000 credits, a
/// command frigate and a probe) on the built-in simulator in virtual time, on seeds 1, 2 and 3, through the bot runner
/// itself (its own process, every plugin in its <c>plugins/</c> folder loaded, the in-memory store), which writes its
/// <c>--report</c>. Each case runs once (cold start, no warm-up, one iteration); the figures of the report are shown by
/// the <see cref="CprColumn"/> columns and written to the results file by <see cref="CprCommand"/>.
/// </summary>
/// <remarks>
/// A separate process per run keeps each run's memory its own (the report's peak working set is the run's) and runs the
/// conductors exactly as a user does with <c>--report</c>. The simulated duration comes from
/// <c>SPACETRADERS_CPR_DAYS</c> (set by <c>cpr --days N</c>; half a day when unset).
/// </remarks>
[Config(typeof(CprConfig))]
public class CprBenchmarks
{
    /// <summary>Gets the simulated duration of a run: <c>SPACETRADERS_CPR_DAYS</c> days, 12 hours when unset.</summary>
    public static TimeSpan Duration =>
        Environment.GetEnvironmentVariable("SPACETRADERS_CPR_DAYS") is { Length: > 0 } days
            ? TimeSpan.FromDays(double.Parse(days, CultureInfo.InvariantCulture))
            : TimeSpan.FromHours(12);

    /// <summary>Gets or sets the conductor (one week's strategy).</summary>
    [ParamsSource(nameof(Conductors))]
    public string Conductor { get; set; } = "week12";

    /// <summary>Gets or sets the world seed.</summary>
    [ParamsSource(nameof(Seeds))]
    public int Seed { get; set; } = 1;

    /// <summary>Gets the conductors: <c>SPACETRADERS_CPR_CONDUCTORS</c> (comma-separated), every week when unset.</summary>
    public static IEnumerable<string> Conductors =>
        Environment.GetEnvironmentVariable("SPACETRADERS_CPR_CONDUCTORS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : WeeklyConductors.Names;

    /// <summary>Gets the seeds: <c>SPACETRADERS_CPR_SEEDS</c> (comma-separated), 1 to 3 when unset.</summary>
    public static IEnumerable<int> Seeds =>
        Environment.GetEnvironmentVariable("SPACETRADERS_CPR_SEEDS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [1, 2, 3];

    /// <summary>Plays the conductor for <see cref="Duration"/> of virtual time and saves the report's figures.</summary>
    /// <returns>The credits earned.</returns>
    [Benchmark(Description = "simulated run")]
    public async Task<long> PlayAsync()
    {
        if (Environment.GetEnvironmentVariable("SPACETRADERS_CPR_RESUME") == "1" && CprFigures.TryLoad(Conductor, Seed) is { } earlier)
        {
            return earlier.CreditsEarned; // an earlier pass ran it (cpr --resume)
        }

        var figures = await RunAsync(Conductor, Seed, Duration, CancellationToken.None).ConfigureAwait(false);
        figures.Save();
        return figures.CreditsEarned;
    }

    /// <summary>Gets the bot runner this benchmark runs (the solution's build beside this program, its plugins next to it).</summary>
    internal static string RunnerPath => BotRunnerBuild.Path;

    /// <summary>Runs one case with the bot runner in its own process and reads its report.</summary>
    /// <param name="conductor">The conductor.</param>
    /// <param name="seed">The world seed.</param>
    /// <param name="duration">Simulated time.</param>
    /// <param name="cancellationToken">Stops the run (the runner process is killed).</param>
    /// <returns>The figures of the run's report.</returns>
    internal static async Task<CprFigures> RunAsync(string conductor, int seed, TimeSpan duration, CancellationToken cancellationToken)
    {
        var runner = RunnerPath;
        if (!File.Exists(runner))
        {
            throw new FileNotFoundException($"The bot runner is not built at {runner}: build it first (dotnet build Sdk.sln -c Release).");
        }

        var report = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"spacetraders-cpr-{Environment.ProcessId}-{conductor}-{seed}.json"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(conductor, seed, duration, report))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Insert(0, runner);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The bot runner did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(report))
        {
            throw new InvalidOperationException($"The bot runner ended with exit code {process.ExitCode} for {conductor} seed {seed}:{Environment.NewLine}{text}");
        }

        try
        {
            return CprFigures.FromReport(conductor, seed, await File.ReadAllTextAsync(report, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>The runner's command line for one case (after the runner's path), as the results file quotes it.</summary>
    /// <param name="conductor">The conductor.</param>
    /// <param name="seed">The world seed.</param>
    /// <param name="duration">Simulated time.</param>
    /// <param name="report">Where the report goes.</param>
    /// <returns>The arguments.</returns>
    internal static IReadOnlyList<string> Arguments(string conductor, int seed, TimeSpan duration, string report) =>
    [
        "--virtual-time",
        "--seed", seed.ToString(CultureInfo.InvariantCulture),
        "--duration", duration.ToString("c", CultureInfo.InvariantCulture),
        "--conductor", conductor,
        "--quiet",
        "--no-dashboard",
        "--report", report,
    ];

    /// <summary>One measured run per case, in the host process (the figures are read back by the columns).</summary>
    private sealed class CprConfig : ManualConfig
    {
        public CprConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.ColdStart)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithToolchain(new InProcessNoEmitToolchain(TimeSpan.FromHours(6), logOutput: true)) // week12's 7 days take minutes (the default in-process limit is 5)
                .WithId("cpr"));
            AddColumn(CprColumn.All);
            WithOption(ConfigOptions.DisableOptimizationsValidator, true);
        }
    }
}
