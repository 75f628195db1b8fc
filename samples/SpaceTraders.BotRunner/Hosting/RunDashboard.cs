using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Dashboard;
using SpaceTraders.Runtime;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// What a run serves beside the fleet: the web dashboard over the runtime (its pages, its JSON API, and the SDK's and the
/// runtime's metrics on <c>/metrics</c> and by OTLP), or, with <c>--no-dashboard</c>, the OTLP export alone when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Started before the runtime runs, so that its metrics count from the first
/// request; disposed after the report.
/// </summary>
internal sealed class RunDashboard : IAsyncDisposable
{
    /// <summary>The OpenTelemetry variable that turns the OTLP export on (its other <c>OTEL_EXPORTER_OTLP_*</c> variables apply too).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly DashboardServer? _server;
    private readonly MeterProvider? _otlp;

    private RunDashboard(DashboardServer? server, MeterProvider? otlp)
    {
        _server = server;
        _otlp = otlp;
    }

    /// <summary>Gets the address the dashboard answers on (the real port when port 0 was asked for), or <see langword="null"/> without one.</summary>
    public Uri? Address => _server?.Address;

    /// <summary>Gets a value indicating whether metrics go out by OTLP.</summary>
    public bool ExportsOtlp { get; private init; }

    /// <summary>Starts the dashboard over <paramref name="runtime"/> on <paramref name="url"/>, or only the OTLP export without a URL.</summary>
    /// <param name="url">Where to serve it; <see langword="null"/> for no dashboard.</param>
    /// <param name="runtime">The run's runtime (not running yet).</param>
    /// <param name="loggers">Where the dashboard logs its failures.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>What was started.</returns>
    /// <exception cref="SettingException">The dashboard could not listen on <paramref name="url"/> (taken since the start-up check).</exception>
    public static async Task<RunDashboard> StartAsync(Uri? url, FleetRuntime runtime, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        if (url is null)
        {
            // No web server, but a collector asked for: the same meters, exported by OTLP alone.
            var provider = otlp
                ? OpenTelemetry.Sdk.CreateMeterProviderBuilder()
                    .ConfigureResource(resource => resource.AddService("spacetraders", serviceVersion: typeof(RunDashboard).Assembly.GetName().Version?.ToString()))
                    .AddSpaceTradersMeters()
                    .AddOtlpExporter()
                    .Build()
                : null;
            return new RunDashboard(null, provider) { ExportsOtlp = otlp };
        }

        try
        {
            var server = await DashboardServer.StartAsync(
                DashboardSource.ForRuntime(runtime),
                new DashboardServerOptions { Url = url.ToString(), LoggerFactory = loggers },
                cancellationToken).ConfigureAwait(false);
            return new RunDashboard(server, null) { ExportsOtlp = otlp };
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw DashboardAddress.InUse(url);
        }
        catch (IOException ex)
        {
            throw new SettingException($"The dashboard cannot listen on {DashboardAddress.Text(url)}: {ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}.");
        }
    }

    /// <summary>Stops the dashboard (open pages see their stream end) or flushes the OTLP export.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _otlp?.Dispose();
    }
}
