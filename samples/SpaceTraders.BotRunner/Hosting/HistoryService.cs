using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Dashboard;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// <c>--dashboard-only</c>: plays nothing (no simulator, no conductor, no game request) and serves the dashboard over the
/// history in a PostgreSQL store's database, read-only, until Ctrl+C or <c>--duration</c> of wall time. The database is
/// checked first: one that cannot be reached ends the runner with exit code 1, one that holds no store with exit code 2.
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
        DashboardSource source;
        try
        {
            source = DashboardSource.ForHistory(new PostgresHistory(connectionString, loggers), ownsHistory: true);
        }
        catch (ArgumentException ex)
        {
            await WriteErrorAsync($"{RunnerSettings.Postgres.Option} (or {RunnerSettings.Postgres.EnvironmentVariable}) is not a valid Npgsql connection string: {BotRun.Redact(ex.Message, connectionString)}").ConfigureAwait(false);
            return BotRun.BadInput;
        }

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
                var (code, message) = ex switch
                {
                    OperationCanceledException when cancellationToken.IsCancellationRequested => (0, "Stopped before the dashboard started."),
                    OperationCanceledException => (BotRun.Failed, $"Could not read PostgreSQL ({source.Description}): no answer within {DatabaseCheckTimeout.TotalSeconds:0} s."),
                    IOException { InnerException: AddressInUseException } => (BotRun.BadInput, DashboardAddress.InUse(url).Message),
                    IOException => (BotRun.BadInput, $"The dashboard cannot listen on {DashboardAddress.Text(url)}: {ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}."),

                    // The database answered but holds no store: the wrong database given.
                    InvalidOperationException { InnerException: null } => (BotRun.BadInput, BotRun.Redact(ex.Message, connectionString)),
                    _ => (BotRun.Failed, BotRun.Redact(ex.Message, connectionString)),
                };
                await (code == 0 ? WriteAsync(message) : WriteErrorAsync(message)).ConfigureAwait(false);
                return code;
            }
        }

        await using (server.ConfigureAwait(false))
        {
            await WriteAsync($"Dashboard only (nothing plays): {source.Description}").ConfigureAwait(false);
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

    private Task WriteAsync(string line) => console.Out.WriteLineAsync(line.AsMemory(), CancellationToken.None);

    private Task WriteErrorAsync(string line) => console.Error.WriteLineAsync(line.AsMemory(), CancellationToken.None);
}
