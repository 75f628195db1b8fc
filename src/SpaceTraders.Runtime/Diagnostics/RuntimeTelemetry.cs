using System.Diagnostics.Metrics;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime.Diagnostics;

/// <summary>The runtime's instruments (see <see cref="RuntimeDiagnostics"/> for the names), for one runtime.</summary>
internal sealed class RuntimeTelemetry : IDisposable
{
    private static readonly string[] PriorityNames = ["Critical", "Normal", "Background"];

    /// <summary>Bucket boundaries for the queue wait, in seconds: the rate limiter's waits run from nothing to minutes.</summary>
    private static readonly double[] QueueWaitBuckets = [0, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _sessions;
    private readonly Histogram<double> _queueWait;

    /// <summary>Initializes a new instance of the <see cref="RuntimeTelemetry"/> class.</summary>
    /// <param name="factory">The meter factory, or <see langword="null"/> for a meter of the runtime's own.</param>
    /// <param name="agents">Reads the agents' figures when a reader collects the observable instruments.</param>
    public RuntimeTelemetry(IMeterFactory? factory, Func<IReadOnlyList<(string Agent, FleetMetrics Metrics, IReadOnlyList<FleetShip> Ships)>> agents)
    {
        var version = typeof(RuntimeTelemetry).Assembly.GetName().Version?.ToString();
        if (factory is null)
        {
            _meter = new Meter(RuntimeDiagnostics.MeterName, version);
            _ownsMeter = true;
        }
        else
        {
            _meter = factory.Create(new MeterOptions(RuntimeDiagnostics.MeterName) { Version = version });
        }

        _sessions = _meter.CreateCounter<long>("spacetraders.runtime.sessions", "{session}", "Behaviour sessions that ended, by outcome.");
        _queueWait = _meter.CreateHistogram(
            "spacetraders.runtime.queue.wait",
            "s",
            "Time each request waited for the rate limiter, by agent and priority.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueWaitBuckets });
        _meter.CreateObservableGauge("spacetraders.runtime.credits", () => PerAgent(agents(), m => m.Credits), "{credit}", "The agent's credits now.");
        _meter.CreateObservableGauge("spacetraders.runtime.credits.earned", () => PerAgent(agents(), m => m.CreditsEarned), "{credit}", "Credits gained since the runtime started.");
        _meter.CreateObservableGauge("spacetraders.runtime.cph", () => PerAgent(agents(), m => m.CreditsPerHour), "{credit}", "Credits gained per game hour since the runtime started.");
        _meter.CreateObservableGauge("spacetraders.runtime.cpr", () => PerAgent(agents(), m => m.CreditsPerRequest), "{credit}/{request}", "Credits gained per request since the runtime started.");
        _meter.CreateObservableGauge("spacetraders.runtime.requests_per_minute", () => PerAgent(agents(), m => m.RequestsPerMinute), "{request}", "Requests completed in the last minute.");
        _meter.CreateObservableGauge("spacetraders.runtime.saturation.delayed_share", () => PerAgent(agents(), m => m.DelayedPerRequest), "1", "Share of the last minute's requests that waited for the rate limiter longer than the delay threshold.");
        _meter.CreateObservableGauge("spacetraders.runtime.saturation.queue_wait", () => PerAgent(agents(), m => m.MeanQueueWait.TotalSeconds), "s", "Mean rate-limiter wait over the last minute.");
        _meter.CreateObservableGauge("spacetraders.runtime.ships", () => ShipsByState(agents()), "{ship}", "Ships by runtime state; paused ships were paused by the conductor (saturation control).");
    }

    /// <summary>Counts a session that ended.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="behaviour">The behaviour, <c>id@version</c>.</param>
    /// <param name="outcome">How it ended.</param>
    public void SessionEnded(string agent, string behaviour, string outcome) =>
        _sessions.Add(1, new KeyValuePair<string, object?>("agent", agent), new("behaviour", behaviour), new("outcome", outcome));

    /// <summary>Records one request's rate-limiter wait.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="priority">The priority it queued with.</param>
    /// <param name="wait">The wait.</param>
    public void RequestQueued(string agent, RequestPriority priority, TimeSpan wait)
    {
        if (_queueWait.Enabled)
        {
            _queueWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("agent", agent), new("priority", PriorityNames[Math.Clamp((int)priority, 0, 2)]));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static IEnumerable<Measurement<double>> PerAgent(IReadOnlyList<(string Agent, FleetMetrics Metrics, IReadOnlyList<FleetShip> Ships)> agents, Func<FleetMetrics, double> figure)
    {
        foreach (var (agent, metrics, _) in agents)
        {
            yield return new Measurement<double>(figure(metrics), new KeyValuePair<string, object?>("agent", agent));
        }
    }

    private static IEnumerable<Measurement<int>> ShipsByState(IReadOnlyList<(string Agent, FleetMetrics Metrics, IReadOnlyList<FleetShip> Ships)> agents)
    {
        foreach (var (agent, _, ships) in agents)
        {
            foreach (var state in Enum.GetValues<FleetShipState>())
            {
                yield return new Measurement<int>(
                    ships.Count(s => s.State == state),
                    new KeyValuePair<string, object?>("agent", agent),
                    new("state", state.ToString().ToLowerInvariant()));
            }
        }
    }
}
