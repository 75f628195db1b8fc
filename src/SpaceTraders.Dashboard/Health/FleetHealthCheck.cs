using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpaceTraders.Dashboard.Endpoints;

namespace SpaceTraders.Dashboard.Health;

/// <summary>
/// The fleet's health check (<see cref="Name"/>, tagged <see cref="Tag"/>): the dashboard's source judged by
/// <see cref="FleetHealth"/> (a live runtime) or by whether its database answers (a history). An application that has
/// health checks of its own can serve this one with them; the dashboard serves it alone at <c>/healthz</c>.
/// </summary>
internal sealed class FleetHealthCheck(DashboardHost host) : IHealthCheck
{
    /// <summary>The check's registered name.</summary>
    public const string Name = "spacetraders-fleet";

    /// <summary>The tag of the dashboard's checks, which <c>/healthz</c> runs.</summary>
    public const string Tag = "spacetraders";

    /// <summary>The key of the <see cref="FleetHealthReport"/> in the result's data.</summary>
    private const string ReportKey = "report";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await host.Source.ReadHealthAsync(host.Options.QuietLimit, cancellationToken).ConfigureAwait(false);
        var worst = report.Parts.FirstOrDefault(p => p.Status == report.Status && p.Status != HealthStatus.Healthy);
        return new HealthCheckResult(report.Status, worst?.Description ?? "The fleet runs.", data: new Dictionary<string, object> { [ReportKey] = report });
    }

    /// <summary>The options <c>/healthz</c> is served with: the dashboard's checks only, answered as JSON, never cached.</summary>
    /// <returns>The options.</returns>
    public static HealthCheckOptions EndpointOptions() => new()
    {
        Predicate = registration => registration.Tags.Contains(Tag),
        ResponseWriter = WriteAsync,
        AllowCachingResponses = false,
    };

    /// <summary>
    /// Writes <c>{"status": "Degraded", "at": "...", "parts": {"store": {"status": "Degraded", "description": "..."}, ...}}</c>:
    /// the worst status, the moment (game time) and every part.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            foreach (var entry in report.Entries.Values)
            {
                if (entry.Data.TryGetValue(ReportKey, out var value) && value is FleetHealthReport fleet)
                {
                    writer.WriteString("at", fleet.At);
                    writer.WriteStartObject("parts");
                    foreach (var part in fleet.Parts)
                    {
                        writer.WriteStartObject(part.Name);
                        writer.WriteString("status", part.Status.ToString());
                        writer.WriteString("description", part.Description);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }
                else if (entry.Exception is not null)
                {
                    // The check itself failed (the source threw): say so without the exception's text.
                    writer.WriteString("description", "The health check failed: " + entry.Exception.GetType().Name + ".");
                }
            }

            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }
}
