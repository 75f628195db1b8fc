using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Dashboard;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// <c>--dashboard-only</c>: plays nothing (no simulator, no conductor, no game request) and serves the dashboard over the
/// history in a PostgreSQL store's database, read-only, until Ctrl+C or <c>--duration</c> of wall time. The database is
/// checked first: one that cannot be reached ends the runner with exit code 1, one that holds no store with exit code 2.
/// It shows one run of the database (<c>--run</c>; the newest by default) or every run (<c>--run all</c>); a <c>--run</c>
/// that names no run, or several, ends it with exit code 2 and the list of runs.
/// It exports no metrics (nothing plays, so nothing is measured).
/// </summary>
/// <param name="options">The checked settings.</param>
/// <param name="console">Where the runner writes.</param>
/// <param name="exit">Where the exit code goes.</param>
/// <param name="loggers">The host's logging.</param>
/// <param name="application">Stopped when serving ends.</param>
internal sealed class HistoryService(RunnerOptions options, RunnerConsole console, RunnerExit exit, ILoggerFactory loggers, IHostApplicationLifetime application) : BackgroundService
{
    /// <summary>How long the database may take to answer the start-up check.</summary>
    private static readonly TimeSpan DatabaseCheckTimeout = TimeSpan.FromSeconds(8);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            exit.Code = await ServeAsync(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever escapes is reported in one line and ends the process with 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await WriteErrorAsync($"The runner failed: {ex.Message}").ConfigureAwait(false);
            exit.Code = BotRun.Failed;
        }
        finally
        {
            application.StopApplication();
        }
    }

    private async Task<int> ServeAsync(CancellationToken cancellationToken)
    {
        var connectionString = options.PostgresConnectionString!;
        var url = options.Dashboard!;
        PostgresHistory runs;
        try
        {
            runs = new PostgresHistory(connectionString, loggers);
        }
        catch (ArgumentException ex)
        {
            await WriteErrorAsync($"{RunnerSettings.Postgres.Option} (or {RunnerSettings.Postgres.EnvironmentVariable}) is not a valid Npgsql connection string: {BotRun.Redact(ex.Message, connectionString)}").ConfigureAwait(false);
            return BotRun.BadInput;
        }

        // Which run: the database is checked and its runs listed first, so that an unknown --run is refused before serving.
        RunChoice choice;
        await using (runs.ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DatabaseCheckTimeout);
            try
            {
                await runs.CheckAsync(timeout.Token).ConfigureAwait(false);
                choice = Choose(options.Run, await runs.GetRunsAsync(timeout.Token).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or NpgsqlException or IOException)
            {
                return await FailAsync(ex, $"history (read-only): {runs.Database}", connectionString, url, cancellationToken).ConfigureAwait(false);
            }
        }

        if (choice.Refusal is { } refusal)
        {
            await WriteErrorAsync(refusal).ConfigureAwait(false);
            return BotRun.BadInput;
        }

        var source = DashboardSource.ForHistory(new PostgresHistory(connectionString, loggers) { RunId = choice.RunId }, ownsHistory: true);
        DashboardServer server;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(DatabaseCheckTimeout);
            try
            {
                server = await DashboardServer.StartAsync(
                    source,
                    new DashboardServerOptions { Url = url.ToString(), OwnsSource = true, LoggerFactory = loggers, Configure = dashboard => dashboard.ExportMetrics = false },
                    timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or IOException)
            {
                await source.DisposeAsync().ConfigureAwait(false);
                return await FailAsync(ex, source.Description, connectionString, url, cancellationToken).ConfigureAwait(false);
            }
        }

        await using (server.ConfigureAwait(false))
        {
            await WriteAsync($"Dashboard only (nothing plays): {source.Description}").ConfigureAwait(false);
            await WriteAsync(choice.Line).ConfigureAwait(false);
            await WriteAsync($"Dashboard: {DashboardAddress.Text(server.Address)}").ConfigureAwait(false);
            if (!RunnerConfiguration.IsLoopback(server.Address))
            {
                await WriteErrorAsync($"Warning: the dashboard listens on {server.Address.Host}, not on loopback: every machine that reaches this one can read the fleet's history (there is no login).").ConfigureAwait(false);
            }

            await WriteAsync(options.Duration is { } duration ? $"Serving for {duration.ToString("c", CultureInfo.InvariantCulture)} (or until Ctrl+C)." : "Serving until Ctrl+C.").ConfigureAwait(false);
            try
            {
                await Task.Delay(options.Duration ?? Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }
        }

        await WriteAsync("Dashboard stopped.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Picks the run to show: <c>--run all</c> every run, <c>--run id</c> the one run whose id starts so, without
    /// <c>--run</c> the newest (the last to start); a database whose rows carry no run id is shown whole.
    /// </summary>
    /// <param name="run">The <c>--run</c> value (<see cref="RunnerOptions.Run"/>).</param>
    /// <param name="runs">The database's runs, oldest first.</param>
    /// <returns>The run (<see langword="null"/>: every run), the start-up line, or the refusal of an unknown or ambiguous id.</returns>
    internal static RunChoice Choose(string? run, IReadOnlyList<StoredRun> runs)
    {
        var count = runs.Count == 1 ? "1 run" : $"{runs.Count} runs";
        if (run == RunnerOptions.AllRuns)
        {
            return new(null, $"History: every run ({count} in the database).", null);
        }

        if (run is null)
        {
            return runs.Count == 0
                ? new(null, "History: every record (the database holds no run ids: rows written before runs were recorded).", null)
                : new(runs[^1].RunId, $"History: run {Describe(runs[^1])}; {count} in the database (--run <id> or --run all for another).", null);
        }

        var matches = runs.Where(r => r.RunId.ToString("D").StartsWith(run, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return new(matches[0].RunId, $"History: run {Describe(matches[0])}; {count} in the database.", null);
        }

        var listed = runs.Count == 0 ? "none (rows written before runs were recorded carry no run id: --run all shows them)" : string.Join("; ", runs.Select(Describe));
        var why = matches.Count == 0 ? "no run of the database has that id" : $"{matches.Count} runs' ids start so";
        return new(null, string.Empty, $"{RunnerSettings.Run.Option} {run}: {why}. The runs in the database: {listed}.");
    }

    private static string Describe(StoredRun run) =>
        $"{run.RunId:D} (started {run.FirstAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z, agent {(run.Agents.Count == 0 ? "?" : string.Join(", ", run.Agents))})";

    private async Task<int> FailAsync(Exception ex, string description, string connectionString, Uri url, CancellationToken cancellationToken)
    {
        var (code, message) = ex switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => (0, "Stopped before the dashboard started."),
            OperationCanceledException => (BotRun.Failed, $"Could not read PostgreSQL ({description}): no answer within {DatabaseCheckTimeout.TotalSeconds:0} s."),
            IOException { InnerException: AddressInUseException } => (BotRun.BadInput, DashboardAddress.InUse(url).Message),
            IOException => (BotRun.BadInput, $"The dashboard cannot listen on {DashboardAddress.Text(url)}: {ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}."),

            // The database answered but holds no store: the wrong database given.
            InvalidOperationException { InnerException: null } => (BotRun.BadInput, BotRun.Redact(ex.Message, connectionString)),
            _ => (BotRun.Failed, BotRun.Redact(ex.Message, connectionString)),
        };
        await (code == 0 ? WriteAsync(message) : WriteErrorAsync(message)).ConfigureAwait(false);
        return code;
    }

    private Task WriteAsync(string line) => console.Out.WriteLineAsync(line.AsMemory(), CancellationToken.None);

    private Task WriteErrorAsync(string line) => console.Error.WriteLineAsync(line.AsMemory(), CancellationToken.None);
}

/// <summary>The run <c>--dashboard-only</c> shows.</summary>
/// <param name="RunId">The run, or <see langword="null"/> for every run.</param>
/// <param name="Line">The start-up line saying which.</param>
/// <param name="Refusal">Why the <c>--run</c> given was refused, or <see langword="null"/>.</param>
internal sealed record RunChoice(Guid? RunId, string Line, string? Refusal);
