using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using SpaceTraders.Runtime.Diagnostics;
using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.Dashboard;

/// <summary>
/// Adds the toolkit's instruments to an OpenTelemetry meter provider: the SDK's meter (<c>SpaceTraders.Sdk</c>) and the
/// runtime's (<c>SpaceTraders.Runtime</c>), with histogram buckets in seconds for the SDK's histograms measured in
/// seconds (the runtime's give their own buckets). The dashboard's host uses it; so can a host that exports metrics
/// without the dashboard.
/// </summary>
/// <example>
/// <code>
/// using var metrics = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddSpaceTradersMeters().AddOtlpExporter().Build();
/// </code>
/// </example>
public static class SpaceTradersMeterProviderBuilderExtensions
{
    /// <summary>
    /// The bucket boundaries of the SDK's histograms in seconds (queue wait, request duration), those the runtime's queue
    /// wait advises: from nothing (an in-process simulator's answer) to five minutes (a request queued behind a saturated
    /// rate limit). OpenTelemetry's default boundaries (0 to 10,000) are made for milliseconds and would put every wait in
    /// one bucket.
    /// </summary>
    private static readonly double[] SecondsBoundaries = [0, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    /// <summary>Listens to the SDK's and the runtime's meters, with buckets in seconds for the SDK's histograms in seconds.</summary>
    /// <param name="builder">The meter provider's builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddSpaceTradersMeters(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddMeter(SpaceTradersDiagnostics.MeterName, RuntimeDiagnostics.MeterName)
            .AddView(instrument => IsSecondsHistogram(instrument) ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBoundaries } : null);
    }

    private static bool IsSecondsHistogram(Instrument instrument) =>
        instrument.Unit == "s"
        && instrument.GetType() is { IsGenericType: true } type
        && type.GetGenericTypeDefinition() == typeof(Histogram<>)
        && instrument.Meter.Name == SpaceTradersDiagnostics.MeterName;
}
