using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Sdk;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">0 after a run (to its duration or Ctrl+C), 1 when it could not start or failed, 2 for a wrong setting, 3 when it stopped at a server reset it could not play through.</param>
/// <param name="Report">The report, when the run got far enough to have one.</param>
internal sealed record RunOutcome(int ExitCode, RunReport? Report);

/// <summary>
/// One run of the bot runner, its inputs already checked (<see cref="Preflight"/>): opens the store, connects to the game
/// (registering an agent when needed), starts the dashboard over a <see cref="FleetRuntime"/>, runs it while a view shows
/// it, then reports from the store's records of this run.
/// </summary>
/// <param name="plan">The checked settings and the conductor.</param>
/// <param name="output">Where the start and end lines go.</param>
/// <param name="view">What shows the run while it lasts.</param>
/// <param name="loggers">Where the runtime and the strategies log, if anywhere.</param>
/// <param name="feed">Where the run is published for the views (and a dashboard); a new one when <see langword="null"/>.</param>
/// <param name="errors">Where the lines saying why a run could not start go; <paramref name="output"/> when <see langword="null"/>.</param>
internal sealed class BotRun(RunPlan plan, TextWriter output, RunView view, ILoggerFactory? loggers = null, RunFeed? feed = null, TextWriter? errors = null)
{
    /// <summary>The exit code for a setting that is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>The exit code for a run that could not start or failed.</summary>
    public const int Failed = 1;

    /// <summary>
    /// The exit code for a run that stopped at a server reset: the agent token belongs to the old reset and no account token
    /// was given to register the agent again (or the registration failed). The report is still written.
    /// </summary>
    public const int StoppedByReset = 3;

    private static readonly TimeSpan ReportFlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StoreCheckTimeout = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan GateReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long, in real time, the report's read of the starting gate may take after a stop (Ctrl+C, SIGTERM): 3 seconds.
    /// Its three requests wait for the game's rate limit in game time, which the built-in simulator's scaled clock
    /// stretches: at <c>--time-scale 0.1</c>, with the fleet's burst used up, they held the stop for 20 to 36 seconds.
    /// A stop that is asked for does not wait for a figure of the report; the report says the gate was not read.
    /// </summary>
    internal static readonly TimeSpan StopGateReadTimeout = TimeSpan.FromSeconds(3);

    private readonly RunnerOptions _options = plan.Options;
    private readonly RunFeed _feed = feed ?? new RunFeed();

    /// <summary>The real clock that bounds the runtime's stop and the reads after the run (<see cref="RunPlan.WallClock"/>).</summary>
    private readonly TimeProvider _wallClock = plan.WallClock ?? TimeProvider.System;

    /// <summary>Runs until the duration passes or <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then reports.</summary>
    /// <param name="cancellationToken">Stops the run gracefully; the report is still written.</param>
    /// <returns>The exit code and the report.</returns>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var wallStart = _wallClock.GetTimestamp();
        IStore store;
        string storeDescription;
        try
        {
            (store, storeDescription) = await OpenStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SettingException ex)
        {
            await WriteErrorAsync(ex.Message).ConfigureAwait(false);
            return new RunOutcome(BadInput, null);
        }
        catch (StoreUnavailableException ex)
        {
            await WriteErrorAsync(ex.Message).ConfigureAwait(false);
            return new RunOutcome(Failed, null);
        }

        await using (store.ConfigureAwait(false))
        {
            var choice = plan.Choice;
            await WriteAsync($"Game: {_options.GameDescription}").ConfigureAwait(false);
            await WriteAsync($"Store: {storeDescription}").ConfigureAwait(false);
            await WriteAsync($"Conductor: {choice.Conductor?.ToString() ?? "none"} ({choice.Reason})").ConfigureAwait(false);

            GameConnection game;
            try
            {
                game = await GameConnection.OpenAsync(_options, plan.ConfigureSimulation, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await WriteAsync("Stopped before the run started.").ConfigureAwait(false);
                return new RunOutcome(0, null);
            }
            catch (SettingException ex)
            {
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return new RunOutcome(BadInput, null);
            }
            catch (GameUnavailableException ex)
            {
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return new RunOutcome(Failed, null);
            }
#pragma warning disable CA1031 // Any other failure to reach the game or register ends the run with its message (which never holds a token).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await WriteErrorAsync($"Could not start: {ex.Message}").ConfigureAwait(false);
                return new RunOutcome(Failed, null);
            }

            await using (game.ConfigureAwait(false))
            {
                if (game.RegisteredAgent is { } registered)
                {
                    await WriteAsync($"Registered agent {registered} ({_options.Faction})").ConfigureAwait(false);
                }

                if (game.Recorder is { } recorder)
                {
                    await WriteAsync($"Recording every request and response to {recorder.Path} (tokens redacted)").ConfigureAwait(false);
                }

                _feed.Failures.Clock = game.Clock;
                return await RunRuntimeAsync(game, store, storeDescription, wallStart, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<RunOutcome> RunRuntimeAsync(GameConnection game, IStore store, string storeDescription, long wallStart, CancellationToken cancellationToken)
    {
        var stopAfter = StopAfter();
        var choice = plan.Choice;
        var runtimeOptions = new RuntimeOptions
        {
            Clock = game.Clock,
            Store = store,
            Conductor = choice.Conductor,
            ConductorParameters = _options.ConductorParameters,
            Throttling = GameConnection.ThrottlingFor(_options),
            StopAfter = stopAfter,
            LoggerFactory = loggers,
            WallClock = _wallClock,
        };
        if (_options.MemoryLimitBytes is { } limit)
        {
            runtimeOptions.MemoryGuard = new MemoryGuardOptions { WorkingSetLimitBytes = limit };
        }

        foreach (var directory in plan.PluginDirectories)
        {
            runtimeOptions.PluginDirectories.Add(directory);
        }

        runtimeOptions.Agents.Add(game.Agent);

        var runtime = new FleetRuntime(runtimeOptions);
        using var slowTurns = SlowTurnLog.Attach(game.Clock, loggers);
        await using (runtime.ConfigureAwait(false))
        {
            RunDashboard dashboard;
            try
            {
                dashboard = await RunDashboard.StartAsync(_options.Dashboard, runtime, loggers, cancellationToken).ConfigureAwait(false);
            }
            catch (SettingException ex)
            {
                // Its port was taken between the start-up check and now.
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return new RunOutcome(BadInput, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await WriteAsync("Stopped before the run started.").ConfigureAwait(false);
                return new RunOutcome(0, null);
            }

            await using (dashboard.ConfigureAwait(false))
            {
                if (dashboard.Address is { } address)
                {
                    await WriteAsync($"Dashboard: {DashboardAddress.Text(address)}").ConfigureAwait(false);
                    if (!RunnerConfiguration.IsLoopback(address))
                    {
                        await WriteErrorAsync($"Warning: the dashboard listens on {address.Host}, not on loopback: every machine that reaches this one can read the fleet's figures and /metrics (there is no login).").ConfigureAwait(false);
                    }
                }

                return await PlayAsync(game, store, storeDescription, wallStart, stopAfter, runtime, dashboard.Address, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the runtime while the view shows it (and the dashboard serves it), then reports from the store.</summary>
    private async Task<RunOutcome> PlayAsync(GameConnection game, IStore store, string storeDescription, long wallStart, TimeSpan? stopAfter, FleetRuntime runtime, Uri? dashboard, CancellationToken cancellationToken)
    {
        var choice = plan.Choice;
        var runStart = game.Clock.GetUtcNow();
        var header = new RunHeader(_options.GameDescription, game.RegisteredAgent ?? "(token's agent)", choice.Conductor?.ToString(), choice.Reason, storeDescription, stopAfter, _options.ReportPath, wallStart)
        {
            Failures = _feed.Failures,
            Dashboard = dashboard,
        };
        _feed.Started(header, runtime.GetSnapshot);
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
            await WriteErrorAsync($"The run failed: {ex.Message}").ConfigureAwait(false);
            if (runtime.GetSnapshot().StartedAt is null)
            {
                return new RunOutcome(Failed, null);
            }

            ended = "failed";
        }

        // The run's game time ends where the runtime's actors stopped: under a virtual clock a behaviour abandoned at the
        // stop can move the clock on long after it (the clock is read only when the runtime never got to stop).
        var final = runtime.GetSnapshot();
        var runEnd = final.StoppedAt ?? game.Clock.GetUtcNow();
        string? stoppedByReset = null;
        if (final.StoppedByReset is { } resetStop && ended != "failed")
        {
            ended = "reset";
            var why = string.IsNullOrEmpty(_options.AccountToken)
                ? $"Stopped at the server reset ({resetStop.PreviousReset ?? "?"} -> {resetStop.Reset ?? "?"}): the token of {resetStop.AgentSymbol} belongs to the old reset and no account token is set to register the agent again. Set {RunnerSettings.AccountToken.EnvironmentVariable} to play on through resets (exit code {StoppedByReset})."
                : $"Stopped at the server reset: {resetStop.Message} (exit code {StoppedByReset}).";
            await WriteErrorAsync(why).ConfigureAwait(false);
            stoppedByReset = why;
        }

        // The connection's token is the first reset's: after a server reset it reads nothing any more.
        GateProgress? gate = null;
        if (final.Resets.Count <= 1 && final.StoppedByReset is null)
        {
            var (read, missing) = await ReadGateAsync(game.Agent, ended == "cancelled" ? StopGateReadTimeout : GateReadTimeout, _wallClock).ConfigureAwait(false);
            gate = read;
            if (missing is not null)
            {
                await WriteAsync($"Could not read the starting gate's construction: {missing}").ConfigureAwait(false);
            }
        }

        var report = await ReportAsync(store, runtime.RunId, final, runStart, runEnd, wallStart, ended, gate, stoppedByReset).ConfigureAwait(false);
        await WriteSummaryAsync(report, FaultsLine(_options.Faults, game.Simulation?.Stats, report), SlowTurnLog.SummaryLine(game.Clock)).ConfigureAwait(false);
        if (_options.ReportPath is { } path)
        {
            try
            {
                await report.WriteAsync(path, CancellationToken.None).ConfigureAwait(false);
                await WriteAsync($"Report written to {Path.GetFullPath(path)}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Checked before the run; the folder may have gone since. The summary above still has the figures.
                await WriteAsync($"Could not write the report to {Path.GetFullPath(path)}: {ex.Message}").ConfigureAwait(false);
                return new RunOutcome(Failed, report);
            }
        }

        _feed.Ended(report);
        return new RunOutcome(ended switch { "failed" => Failed, "reset" => StoppedByReset, _ => 0 }, report);
    }

    /// <summary>The runtime's stop on its own clock: simulated time when virtual, wall time otherwise (scaled in process).</summary>
    private TimeSpan? StopAfter()
    {
        if (_options.Game == GameKind.BuiltInSimulator && _options.VirtualTime)
        {
            return _options.VirtualDuration;
        }

        if (_options.Duration is not { } wall)
        {
            return null;
        }

        return _options.Game == GameKind.BuiltInSimulator ? wall * _options.TimeScale : wall;
    }

    /// <summary>The in-memory store, or PostgreSQL connected and migrated now (within a few seconds), so that a database that cannot be reached stops the start with that message.</summary>
    private async Task<(IStore Store, string Description)> OpenStoreAsync(CancellationToken cancellationToken)
    {
        if (_options.PostgresConnectionString is not { } connectionString)
        {
            return (new InMemoryStore(), "in-memory");
        }

        PostgresStore store;
        try
        {
            store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString, LoggerFactory = loggers });
        }
        catch (ArgumentException ex)
        {
            throw new SettingException($"{RunnerSettings.Postgres.Option} (or {RunnerSettings.Postgres.EnvironmentVariable}) is not a valid Npgsql connection string: {Redact(ex.Message, connectionString)}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreCheckTimeout);
        try
        {
            await store.InitializeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or DbException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            var reason = ex is OperationCanceledException ? $"no answer within {StoreCheckTimeout.TotalSeconds:0} s" : Redact((ex.InnerException ?? ex).Message, connectionString);
            throw new StoreUnavailableException($"Could not connect to PostgreSQL at {store.Database}: {reason.TrimEnd('.')}.");
        }

        return (store, "postgres " + store.Database);
    }

    /// <summary>Writes a count of sessions: "1 session", "3 sessions".</summary>
    /// <summary>A payback time for the summary: hours with one decimal from about an hour, else minutes (hours alone showed a few minutes as "0 h").</summary>
    internal static string Payback(double hours) => hours switch
    {
        >= 59.5 / 60 => string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} h"),
        >= 1.0 / 60 => string.Create(CultureInfo.InvariantCulture, $"{hours * 60:0} min"),
        _ => "under a minute",
    };

    private static string Sessions(int count) => count == 1 ? "1 session" : string.Create(CultureInfo.InvariantCulture, $"{count} sessions");

    /// <summary>Blanks out the connection string's password found in a message (a password must never be printed).</summary>
    /// <param name="message">The message.</param>
    /// <param name="connectionString">The connection string whose password must not show.</param>
    /// <returns>The message, on one line, without the password.</returns>
    internal static string Redact(string message, string connectionString)
    {
        foreach (var pair in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : (pair, null);
            if (value is { Length: > 0 } && (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase)))
            {
                message = message.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return message.ReplaceLineEndings(" ");
    }

    /// <summary>Reads the starting gate for the report within <paramref name="timeout"/> of real time.</summary>
    /// <param name="agent">The agent's client options (its clock is the game's).</param>
    /// <param name="timeout">How long the reads may take, in real time.</param>
    /// <param name="wall">The real clock.</param>
    /// <returns>The gate (<see langword="null"/> when the system has none or it could not be read), and why it is missing when it could not be read.</returns>
    internal static async Task<(GateProgress? Gate, string? Missing)> ReadGateAsync(SpaceTradersClientOptions agent, TimeSpan timeout, TimeProvider wall)
    {
        using var deadline = new CancellationTokenSource(timeout, wall);
        try
        {
            return (await GateReader.ReadAsync(agent, deadline.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"its reads did not finish within {timeout.TotalSeconds:0} s (they wait for the game's rate limit, in game time)."));
        }
#pragma warning disable CA1031 // The gate is one figure of the report: without it the report is still written.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, ex.Message);
        }
    }

    private async Task<RunReport> ReportAsync(IStore store, Guid runId, RuntimeSnapshot final, DateTimeOffset runStart, DateTimeOffset runEnd, long wallStart, string ended, GateProgress? gate, string? stoppedByReset)
    {
        using (var flush = new CancellationTokenSource(ReportFlushTimeout, _wallClock))
        {
            try
            {
                await store.FlushAsync(flush.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (flush.IsCancellationRequested)
            {
                await WriteAsync($"The store did not write everything within {ReportFlushTimeout.TotalSeconds:0} s; the report counts what it holds.").ConfigureAwait(false);
            }
        }

        var agent = final.Agents.FirstOrDefault()?.Symbol ?? "?";
        var facts = new RunFacts(
            agent,
            runId,
            runStart,
            runEnd,
            _wallClock.GetElapsedTime(wallStart).TotalSeconds,
            final,
            final.Agents.FirstOrDefault()?.Conductor?.ToString(),
            _options.GameDescription,
            _options.Game == GameKind.BuiltInSimulator ? _options.Seed : null,
            ended)
        {
            Gate = gate,
            StoppedByReset = stoppedByReset,
            Failures = _feed.Failures.Recent(),
            FailureCount = _feed.Failures.Count,
        };
        return await RunFigures.ReportAsync(facts, store, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteSummaryAsync(RunReport report, string? faults, string? slowTurns)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {report.Ended}: {report.SimulatedSeconds / 3600:0.##} game hours in {report.WallSeconds:0.#} s; {report.Agent} with {report.Conductor ?? "no conductor"}"),
            string.Create(CultureInfo.InvariantCulture, $"Credits {report.CreditsStart:N0} -> {report.CreditsEnd:N0}: earned {report.CreditsEarned:N0} (CPH {report.Cph:N0}, CPR {report.Cpr:0.00}), capital spent {report.CapitalSpent:N0}{(report.PaybackHours is { } payback ? $" (payback {Payback(payback)})" : string.Empty)}"),
            string.Create(CultureInfo.InvariantCulture, $"Requests {report.Requests:N0} (429s {report.RateLimited}, delayed {report.DelayedRequests:N0}); ships {report.Ships} (peak {report.ShipsPeak}, {report.ShipsBought} bought); uptime {report.Uptime:P0}; peak working set {report.PeakWorkingSetBytes / (1024 * 1024)} MB"),
        };
        if (faults is not null)
        {
            lines.Add(faults);
        }

        if (slowTurns is not null)
        {
            lines.Add(slowTurns);
        }

        if (report.Gate is { } gate)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Gate {gate.Waypoint}: {(gate.Complete ? "complete" : $"{gate.Fulfilled:N0} of {gate.Required:N0} units delivered")}"));
        }

        if (report.BehaviourFailures > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Behaviour failures: {report.BehaviourFailures} (the last: {report.Failures[^1]})"));
        }

        foreach (var behaviour in report.Behaviours)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {behaviour.Id}@{behaviour.Version}: {Sessions(behaviour.Sessions)}, {behaviour.Requests:N0} requests, {behaviour.CreditsEarned:N0} credits, CPR {behaviour.Cpr:0.00}, CPH {behaviour.Cph:N0}"));
        }

        if (report.Resets.Count > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Server resets played: {report.Resets.Count} (the figures above are the current reset's, {report.Reset ?? "?"})"));
            foreach (var reset in report.Resets)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  reset {reset.Reset ?? "?"}: {reset.SimulatedSeconds / 3600:0.##} h, credits {reset.CreditsStart:N0} -> {reset.CreditsEnd:N0}, earned {reset.CreditsEarned:N0}, {reset.Requests:N0} requests, CPR {reset.Cpr:0.00}, CPH {reset.Cph:N0}{(reset.EndedByReset ? " (ended by the reset)" : string.Empty)}"));
                foreach (var behaviour in reset.Behaviours)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"    {behaviour.Id}@{behaviour.Version}: {Sessions(behaviour.Sessions)}, CPR {behaviour.Cpr:0.00}, CPH {behaviour.Cph:N0}"));
                }
            }
        }

        foreach (var line in lines)
        {
            await WriteAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The summary's line on what the built-in simulator's fault profile did (<c>--faults</c>): the faults it injected,
    /// the sends the SDK retried, and the actions the game executed more than once for one request (a retry that made an
    /// action happen twice); <see langword="null"/> without a fault profile.
    /// </summary>
    /// <param name="profile">The fault profile (<see cref="FaultProfiles.None"/> for none).</param>
    /// <param name="stats">The built-in simulator's counters, or <see langword="null"/> when another server played.</param>
    /// <param name="report">The run's report (its requests and attempts).</param>
    /// <returns>The line, or <see langword="null"/>.</returns>
    internal static string? FaultsLine(string profile, SimulationStats? stats, RunReport report)
    {
        if (stats is null || profile == FaultProfiles.None)
        {
            return null;
        }

        var retried = Math.Max(0, report.Attempts - report.Requests);
        return string.Create(CultureInfo.InvariantCulture, $"Faults ({profile}): the simulator injected {stats.FaultsInjected:N0}; {retried:N0} sends retried ({report.Attempts:N0} attempts for {report.Requests:N0} requests); {stats.DuplicatedActions:N0} actions executed twice for one request");
    }

    private Task WriteAsync(string line) => output.WriteLineAsync(line.AsMemory(), CancellationToken.None);

    private Task WriteErrorAsync(string line) => (errors ?? output).WriteLineAsync(line.AsMemory(), CancellationToken.None);

    /// <summary>The database could not be reached or prepared: the run cannot start.</summary>
    private sealed class StoreUnavailableException(string message) : Exception(message);
}
