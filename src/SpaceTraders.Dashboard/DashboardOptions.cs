namespace SpaceTraders.Dashboard;

/// <summary>Settings of the dashboard's pages, API and pushed updates.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// Gets or sets how often an open page is sent what changed (server-sent events), in real time on
    /// <see cref="PushClock"/>. At the runner's default x20 time scale one second of real time is twenty game seconds.
    /// The default value is 1 second.
    /// </summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the clock pushes are paced on: real time, never the game's (a page is watched in real time, also
    /// when the game runs in virtual time). The default value is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider PushClock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the request ceiling drawn on the requests-per-minute chart: the live server's 2 requests per second
    /// plus a burst of 30 per 60 seconds. The default value is 150.
    /// </summary>
    public int RequestCeilingPerMinute { get; set; } = 150;

    /// <summary>Gets or sets the most points a timeline chart gets. The default value is 720.</summary>
    public int MaxChartPoints { get; set; } = 720;

    /// <summary>
    /// Gets or sets a value indicating whether metrics are exported through OpenTelemetry: the SDK's meter
    /// (<c>SpaceTraders.Sdk</c>) and the runtime's (<c>SpaceTraders.Runtime</c>) on a Prometheus scrape endpoint
    /// <c>/metrics</c>, and by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The default value is <see langword="true"/>.
    /// </summary>
    public bool ExportMetrics { get; set; } = true;

    /// <summary>
    /// Gets or sets how long an agent with ships may make no request before <c>/healthz</c> calls the fleet quiet
    /// (its <c>activity</c> part degraded), on the runtime's clock (game time). Raise it for a fleet whose ships drift for
    /// hours between requests; a quiet fleet is degraded, never unhealthy. Must be positive. The default value is 30
    /// minutes.
    /// </summary>
    public TimeSpan QuietLimit { get; set; } = Health.FleetHealth.DefaultQuietLimit;
}
