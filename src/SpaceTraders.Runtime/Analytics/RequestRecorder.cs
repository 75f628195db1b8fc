using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// The runtime's request observer for one agent's client: records every request (one record per logical call, its
/// retries counted in <see cref="RequestRecord.Attempts"/>) with the session it was made for (read from the
/// <see cref="SessionScope"/> on the caller's execution context) and this node's id, counts it into the session's
/// figures and the agent's sliding minute. A request is delayed when its queue wait exceeds the runtime's threshold.
/// Requests made before the agent's symbol is known (the first GET of the agent) are held and recorded once it is.
/// </summary>
internal sealed class RequestRecorder : IRequestObserver
{
    private readonly object _gate = new();
    private readonly SessionScope _scope;
    private readonly IRecordSink _store;
    private readonly RequestWindow _window;
    private readonly Guid _runId;
    private readonly FleetTimeline? _timeline;
    private readonly ShipActivityLog? _activity;
    private readonly Action<string, RequestRecord>? _queued;
    private readonly Func<int>? _ships;
    private readonly string _node;
    private readonly TimeSpan _delayedThreshold;
    private List<(Guid? Session, RequestRecord Record)>? _held = [];
    private string? _agentSymbol;

    public RequestRecorder(SessionScope scope, IRecordSink store, RequestWindow window, Guid runId, string node, TimeSpan delayedThreshold)
        : this(scope, store, window, runId, node, delayedThreshold, null, null, null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestRecorder"/> class that also feeds the live views.</summary>
    /// <param name="scope">The session scope.</param>
    /// <param name="store">The store.</param>
    /// <param name="window">The sliding minute.</param>
    /// <param name="runId">The run the records belong to.</param>
    /// <param name="node">This node's id, written on every record.</param>
    /// <param name="delayedThreshold">How long a request may wait for the rate limiter before it counts as delayed.</param>
    /// <param name="timeline">The agent's timeline, if kept.</param>
    /// <param name="activity">The ships' latest requests, if kept.</param>
    /// <param name="queued">Called with the agent and each request (the runtime's queue-wait histogram).</param>
    /// <param name="ships">Reads the fleet's size, for the timeline.</param>
    public RequestRecorder(SessionScope scope, IRecordSink store, RequestWindow window, Guid runId, string node, TimeSpan delayedThreshold, FleetTimeline? timeline, ShipActivityLog? activity, Action<string, RequestRecord>? queued, Func<int>? ships)
    {
        _scope = scope;
        _store = store;
        _window = window;
        _runId = runId;
        _timeline = timeline;
        _activity = activity;
        _queued = queued;
        _ships = ships;
        _node = node;
        _delayedThreshold = delayedThreshold;
    }

    /// <summary>Gets or sets the server reset written on every record (the agent token's reset date). Set it before the first request.</summary>
    public string? Reset { get; set; }

    public void SetAgent(string agentSymbol)
    {
        List<(Guid? Session, RequestRecord Record)> held;
        lock (_gate)
        {
            _agentSymbol = agentSymbol;
            held = _held ?? [];
            _held = null;
        }

        foreach (var (session, record) in held)
        {
            _store.Append(ToStoreRecord(agentSymbol, session, record));
            _timeline?.AddRequest(record, IsDelayed(record), _ships?.Invoke() ?? 0);
            _queued?.Invoke(agentSymbol, record);
        }
    }

    /// <summary>Whether a request counts as delayed: it waited for the rate limiter longer than the threshold.</summary>
    public bool IsDelayed(RequestRecord record) => record.QueueWait > _delayedThreshold;

    public void OnRequestCompleted(RequestRecord record)
    {
        var session = _scope.Current;
        session?.CountRequest();
        _window.Add(record, IsDelayed(record));
        string? agent;
        lock (_gate)
        {
            agent = _agentSymbol;
            if (agent is null)
            {
                _held!.Add((session?.Id, record));
                return;
            }
        }

        var stored = ToStoreRecord(agent, session?.Id, record);
        _store.Append(stored);
        _timeline?.AddRequest(record, IsDelayed(record), _ships?.Invoke() ?? 0);
        _queued?.Invoke(agent, record);
        if (session is not null)
        {
            _activity?.Add(session.Info.ShipSymbol, stored);
        }
    }

    private RequestRecordedRecord ToStoreRecord(string agent, Guid? session, RequestRecord record) => new(
        session,
        agent,
        record.Method,
        record.Endpoint,
        record.StatusCode,
        record.Priority.ToString(),
        record.QueueWait,
        record.Duration,
        record.Attempts,
        record.RateLimited,
        IsDelayed(record),
        record.StartedAt)
    {
        RunId = _runId,
        Node = _node,
        Reset = Reset,
    };
}
