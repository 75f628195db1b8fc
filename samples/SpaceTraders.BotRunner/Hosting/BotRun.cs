using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Runtime.Stores.Postgres;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">0 after a run (to its duration or Ctrl+C), 1 when it could not start or failed.</param>
/// <param name="Report">The report, when the run got far enough to have one.</param>
internal sealed record RunOutcome(int ExitCode, RunReport? Report);

/// <summary>
/// One run of the bot runner: opens the store, finds the conductor, connects to the game (registering an agent when
/// needed), runs a <see cref="FleetRuntime"/> while a view shows it, then reports from the store's analytics.
/// </summary>
/// <param name="options">The run's settings.</param>
/// <param name="output">Where the start and end lines go.</param>
/// <param name="view">What shows the run while it lasts.</param>
/// <param name="loggers">Where the runtime and the strategies log, if anywhere.</param>
internal sealed class BotRun(RunnerOptions options, TextWriter output, RunView view, ILoggerFactory? loggers = null)
{
    private static readonly TimeSpan ReportFlushTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets the plugin folder used without <c>--plugins</c>: <c>plugins/</c> next to the runner.</summary>
    public static string DefaultPluginDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Gets the plugin directories this run loads from.</summary>
    public IReadOnlyList<string> PluginDirectories => options.PluginDirectories.Count > 0 ? options.PluginDirectories : [DefaultPluginDirectory];

    /// <summary>Runs until the duration passes or <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then reports.</summary>
    /// <param name="cancellationToken">Stops the run gracefully; the report is still written.</param>
    /// <returns>The exit code and the report.</returns>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var wallStart = TimeProvider.System.GetTimestamp();
        var store = CreateStore(out var storeDescription);
        await using (store.ConfigureAwait(false))
        {
            ConductorChoice choice;
            if (options.Conductor is { } asked)
            {
                choice = new ConductorChoice(asked, "given with --conductor");
            }
            else
            {
                choice = await ChooseConductorAsync(cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync($"Game: {options.GameDescription}", CancellationToken.None).ConfigureAwait(false);
            await WriteAsync($"Store: {storeDescription}", CancellationToken.None).ConfigureAwait(false);
            await WriteAsync($"Conductor: {choice.Conductor?.ToString() ?? "none"} ({choice.Reason})", CancellationToken.None).ConfigureAwait(false);

            GameConnection game;
            try
            {
                game = await GameConnection.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await WriteAsync("Stopped before the run started.", CancellationToken.None).ConfigureAwait(false);
                return new RunOutcome(0, null);
            }
#pragma warning disable CA1031 // Any failure to reach the game or register ends the run with its message (which never holds a token).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await WriteAsync($"Could not start: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
                return new RunOutcome(1, null);
            }

            await using (game.ConfigureAwait(false))
            {
                if (game.RegisteredAgent is { } registered)
                {
                    await WriteAsync($"Registered agent {registered} ({options.Faction})", CancellationToken.None).ConfigureAwait(false);
                }

                return await RunRuntimeAsync(game, store, storeDescription, choice, wallStart, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<RunOutcome> RunRuntimeAsync(GameConnection game, IStore store, string storeDescription, ConductorChoice choice, long wallStart, CancellationToken cancellationToken)
    {
        var stopAfter = StopAfter();
        var runtimeOptions = new RuntimeOptions
        {
            Clock = game.Clock,
            Store = store,
            Conductor = choice.Conductor,
            ConductorParameters = options.ConductorParameters,
            Throttling = GameConnection.ThrottlingFor(options.Game),
            StopAfter = stopAfter,
            LoggerFactory = loggers,
        };
        if (options.MemoryLimitBytes is { } limit)
        {
            runtimeOptions.MemoryGuard = new MemoryGuardOptions { WorkingSetLimitBytes = limit };
        }

        foreach (var directory in PluginDirectories)
        {
            runtimeOptions.PluginDirectories.Add(directory);
        }

        runtimeOptions.Agents.Add(game.Agent);

        var runtime = new FleetRuntime(runtimeOptions);
        await using (runtime.ConfigureAwait(false))
        {
            var runStart = game.Clock.GetUtcNow();
            var header = new RunHeader(options.GameDescription, game.RegisteredAgent ?? "(token's agent)", choice.Conductor?.ToString(), choice.Reason, storeDescription, stopAfter, options.ReportPath, wallStart);
            var run = runtime.RunAsync(cancellationToken);
            await view.WatchAsync(header, runtime.GetSnapshot, run, CancellationToken.None).ConfigureAwait(false);

            string ended;
            try
            {
                await run.ConfigureAwait(false);
                ended = cancellationToken.IsCancellationRequested ? "cancelled" : "duration";
            }
#pragma warning disable CA1031 // A run that fails is reported (with its figures, when it got that far), never thrown at the user.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await WriteAsync($"The run failed: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
                if (runtime.GetSnapshot().StartedAt is null)
                {
                    await WritePluginProblemsAsync(runtime.Plugins).ConfigureAwait(false);
                    return new RunOutcome(1, null);
                }

                ended = "failed";
            }

            var runEnd = game.Clock.GetUtcNow();
            var final = runtime.GetSnapshot();
            var report = await ReportAsync(store, final, runStart, runEnd, wallStart, ended).ConfigureAwait(false);
            await WriteSummaryAsync(report).ConfigureAwait(false);
            if (options.ReportPath is { } path)
            {
                await report.WriteAsync(path, CancellationToken.None).ConfigureAwait(false);
                await WriteAsync($"Report written to {Path.GetFullPath(path)}", CancellationToken.None).ConfigureAwait(false);
            }

            return new RunOutcome(ended == "failed" ? 1 : 0, report);
        }
    }

    /// <summary>The runtime's stop on its own clock: simulated time when virtual, wall time otherwise (scaled in process).</summary>
    private TimeSpan? StopAfter()
    {
        if (options.Game == GameKind.BuiltInSimulator && options.VirtualTime)
        {
            return options.VirtualDuration;
        }

        if (options.Duration is not { } wall)
        {
            return null;
        }

        return options.Game == GameKind.BuiltInSimulator ? wall * options.TimeScale : wall;
    }

    private IStore CreateStore(out string description)
    {
        if (options.PostgresConnectionString is not { } connectionString)
        {
            description = "in-memory";
            return new InMemoryStore();
        }

        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString, LoggerFactory = loggers });
        description = "postgres " + store.Database;
        return store;
    }

    /// <summary>Loads the plugins once, in a runtime without agents, to see which conductors load, and picks the best.</summary>
    /// <remarks>
    /// The runtime has no way to load its plugins without running; a runtime with no agent loads them and then stops
    /// with "no agent to play", after which <see cref="FleetRuntime.Conductors"/> lists what loaded.
    /// </remarks>
    private async Task<ConductorChoice> ChooseConductorAsync(CancellationToken cancellationToken)
    {
        var probeOptions = new RuntimeOptions { Store = new InMemoryStore(), NodeId = "plugin-probe" };
        foreach (var directory in PluginDirectories)
        {
            probeOptions.PluginDirectories.Add(directory);
        }

        var probe = new FleetRuntime(probeOptions);
        await using (probe.ConfigureAwait(false))
        {
            try
            {
                await probe.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Expected: no agent to play. The plugins are loaded by then.
            }

            var choice = ConductorChoice.Pick(probe.Conductors.Select(c => c.Reference));
            if (choice.Conductor is null)
            {
                await WritePluginProblemsAsync(probe.Plugins).ConfigureAwait(false);
            }

            return choice;
        }
    }

    private async Task<RunReport> ReportAsync(IStore store, RuntimeSnapshot final, DateTimeOffset runStart, DateTimeOffset runEnd, long wallStart, string ended)
    {
        using (var flush = new CancellationTokenSource(ReportFlushTimeout, TimeProvider.System))
        {
            try
            {
                await store.FlushAsync(flush.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (flush.IsCancellationRequested)
            {
                await WriteAsync($"The store did not write everything within {ReportFlushTimeout.TotalSeconds:0} s; the report counts what it holds.", CancellationToken.None).ConfigureAwait(false);
            }
        }

        var agent = final.Agents.FirstOrDefault()?.Symbol ?? "?";
        var facts = new RunFacts(
            agent,
            runStart,
            runEnd,
            TimeProvider.System.GetElapsedTime(wallStart).TotalSeconds,
            final,
            final.Agents.FirstOrDefault()?.Conductor?.ToString(),
            options.GameDescription,
            options.Game == GameKind.BuiltInSimulator ? options.Seed : null,
            ended);
        return await RunFigures.ReportAsync(facts, store, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteSummaryAsync(RunReport report)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {report.Ended}: {report.SimulatedSeconds / 3600:0.##} game hours in {report.WallSeconds:0.#} s; {report.Agent} with {report.Conductor ?? "no conductor"}"),
            string.Create(CultureInfo.InvariantCulture, $"Credits {report.CreditsStart:N0} -> {report.CreditsEnd:N0} (earned {report.CreditsEarned:N0}); CPH {report.Cph:N0}; CPR {report.Cpr:0.00}"),
            string.Create(CultureInfo.InvariantCulture, $"Requests {report.Requests:N0} (429s {report.RateLimited}, delayed {report.DelayedRequests:N0}); ships {report.Ships} ({report.ShipsBought} bought); peak working set {report.PeakWorkingSetBytes / (1024 * 1024)} MB"),
        };
        foreach (var behaviour in report.Behaviours)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {behaviour.Id}@{behaviour.Version}: {behaviour.Sessions} sessions, {behaviour.Requests:N0} requests, {behaviour.CreditsEarned:N0} credits, CPR {behaviour.Cpr:0.00}, CPH {behaviour.Cph:N0}"));
        }

        foreach (var line in lines)
        {
            await WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WritePluginProblemsAsync(IReadOnlyList<PluginLoadResult> plugins)
    {
        if (plugins.Count == 0)
        {
            await WriteAsync($"No plugin found in {string.Join(", ", PluginDirectories)}.", CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var plugin in plugins)
        {
            await WriteAsync("  " + plugin.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task WriteAsync(string line, CancellationToken cancellationToken) => output.WriteLineAsync(line.AsMemory(), cancellationToken);
}
