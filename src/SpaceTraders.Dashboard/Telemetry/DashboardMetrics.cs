using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace SpaceTraders.Dashboard.Telemetry;

/// <summary>The OpenTelemetry set-up: the SDK's and the runtime's meters, a Prometheus exporter, and OTLP when configured.</summary>
internal static class DashboardMetrics
{
    /// <summary>The environment variable that turns the OTLP exporter on (the OpenTelemetry standard one).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("spacetraders", serviceVersion: typeof(DashboardMetrics).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddSpaceTradersMeters();
                metrics.AddPrometheusExporter();
                if (otlp)
                {
                    // Endpoint, protocol, headers and interval come from the standard OTEL_EXPORTER_OTLP_* variables.
                    metrics.AddOtlpExporter();
                }
            });
    }
}
