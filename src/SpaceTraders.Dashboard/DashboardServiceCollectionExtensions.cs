using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceTraders.Dashboard.Endpoints;
using SpaceTraders.Dashboard.Health;
using SpaceTraders.Dashboard.Telemetry;

namespace SpaceTraders.Dashboard;

/// <summary>Wires the dashboard into an ASP.NET Core application: <c>AddSpaceTradersDashboard</c>, then <c>MapSpaceTradersDashboard</c>.</summary>
/// <example>
/// <code>
/// var builder = WebApplication.CreateSlimBuilder();
/// builder.WebHost.UseUrls("http://127.0.0.1:5080");               // loopback: the dashboard is for this machine
/// builder.Services.AddSpaceTradersDashboard(DashboardSource.ForRuntime(runtime));
/// var app = builder.Build();
/// app.MapSpaceTradersDashboard();
/// await app.StartAsync(cancellationToken);
/// </code>
/// </example>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard over <paramref name="source"/> and, unless <see cref="DashboardOptions.ExportMetrics"/> is
    /// off, OpenTelemetry metrics (the SDK's and the runtime's meters, a Prometheus exporter, OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), and the fleet's health check (<c>spacetraders-fleet</c>, tagged
    /// <c>spacetraders</c>: an application with health checks of its own serves it with them by that tag).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="source">What the dashboard shows; the application disposes it after the host.</param>
    /// <param name="configure">Changes the options, if given.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSpaceTradersDashboard(this IServiceCollection services, DashboardSource source, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        var options = new DashboardOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.UpdateInterval, TimeSpan.Zero, nameof(configure));
        ArgumentNullException.ThrowIfNull(options.PushClock, nameof(configure));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxChartPoints, 2, nameof(configure));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.QuietLimit, TimeSpan.Zero, nameof(configure));
        services.AddSingleton(options);
        services.AddSingleton(provider => new DashboardHost(source, options, provider.GetService<ILoggerFactory>()));
        services.AddHealthChecks().AddCheck<FleetHealthCheck>(FleetHealthCheck.Name, tags: [FleetHealthCheck.Tag]);
        if (options.ExportMetrics)
        {
            DashboardMetrics.Add(services);
        }

        return services;
    }

    /// <summary>
    /// Maps the dashboard: the pages (<c>/</c>, <c>/ships</c>, <c>/ships/{symbol}</c>, <c>/behaviours</c>,
    /// <c>/behaviours/{id@version}</c>, <c>/markets</c>, <c>/markets/{waypoint}</c>, <c>/system/{symbol}</c>), the JSON API
    /// under <c>/api/</c>, the event stream <c>/api/stream?path=...</c>, the assets under <c>/assets/</c>, the fleet's
    /// health at <c>/healthz</c> (200 when healthy or degraded, 503 when unhealthy, JSON saying why), and <c>/metrics</c>
    /// when metrics are exported. Every route is a GET: nothing in the dashboard changes the fleet.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group of the dashboard's routes, for conventions (authorization, host filtering, ...).</returns>
    public static IEndpointConventionBuilder MapSpaceTradersDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = DashboardEndpoints.Map(endpoints);
        group.MapHealthChecks("/healthz", FleetHealthCheck.EndpointOptions()).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        if (endpoints.ServiceProvider.GetRequiredService<DashboardOptions>().ExportMetrics)
        {
            // GET only, like every route of the dashboard (the exporter's own mapping answers any method).
            endpoints.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        }

        return group;
    }
}
