using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>
/// The SDK's instruments for one client (see <see cref="SpaceTradersDiagnostics"/> for the names), shared by its
/// pipeline's handlers, its response reader and its action reconciliation. The client (or, under dependency
/// injection, the container) owns it.
/// </summary>
internal sealed class SpaceTradersTelemetry : IDisposable
{
    /// <summary>The activity source shared by every client; it holds no state of its own.</summary>
    public static readonly ActivitySource ActivitySource = new(SpaceTradersDiagnostics.ActivitySourceName, typeof(SpaceTradersTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly string[] PriorityNames = ["Critical", "Normal", "Background"];
    private static readonly RequestPriority[] Priorities = [RequestPriority.Critical, RequestPriority.Normal, RequestPriority.Background];

    private readonly Meter _meter;

    public SpaceTradersTelemetry(PriorityRateLimiter limiter)
    {
        _meter = new Meter(SpaceTradersDiagnostics.MeterName, typeof(SpaceTradersTelemetry).Assembly.GetName().Version?.ToString());
        Requests = _meter.CreateCounter<long>("spacetraders.requests", "{request}", "API calls that ended.");
        RateLimited = _meter.CreateCounter<long>("spacetraders.rate_limited", "{response}", "429 answers received.");
        Retries = _meter.CreateCounter<long>("spacetraders.retries", "{attempt}", "Attempts repeated after a transient failure or requeued after a 429.");
        QueueWait = _meter.CreateHistogram<double>("spacetraders.queue.wait", "s", "Time a call waited for the rate limiter.");
        Duration = _meter.CreateHistogram<double>("spacetraders.request.duration", "s", "Whole call duration, queue and retries included.");
        MissingFields = _meter.CreateCounter<long>("spacetraders.response.missing_fields", "{field}", "Required fields a response lacked (or sent as null), read as their default.");
        Reconciliations = _meter.CreateCounter<long>("spacetraders.reconciliations", "{call}", "Actions whose outcome was unknown, by what reading back their state found.");
        BadGatewayPauses = _meter.CreateCounter<long>("spacetraders.bad_gateway.pauses", "{pause}", "Pauses of all sending after a streak of 502 answers from the DDoS layer.");
        _meter.CreateObservableGauge("spacetraders.queue.length", () => QueueLengths(limiter), "{request}", "Requests waiting for the rate limiter.");
        _meter.CreateObservableGauge("spacetraders.queue.safety_margin", () => limiter.CurrentSafetyMargin.TotalSeconds, "s", "The margin the rate limiter adds to every refill now (widened by 429s).");
    }

    public Counter<long> Requests { get; }

    public Counter<long> RateLimited { get; }

    public Counter<long> Retries { get; }

    public Histogram<double> QueueWait { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> MissingFields { get; }

    public Counter<long> Reconciliations { get; }

    public Counter<long> BadGatewayPauses { get; }

    public static string PriorityName(RequestPriority priority) => PriorityNames[(int)priority];

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> QueueLengths(PriorityRateLimiter limiter)
    {
        foreach (var priority in Priorities)
        {
            yield return new Measurement<int>(limiter.GetQueueLength(priority), new KeyValuePair<string, object?>("priority", PriorityName(priority)));
        }
    }
}
