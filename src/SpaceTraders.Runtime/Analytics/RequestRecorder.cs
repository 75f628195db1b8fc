using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// The runtime's request observer for one agent's client: records every request with the session it was made for
/// (read from the <see cref="SessionScope"/> on the caller's execution context), counts it into the session's figures
/// and the agent's sliding minute. Requests made before the agent's symbol is known (the first GET of the agent) are
/// held and recorded once it is.
/// </summary>
internal sealed class RequestRecorder : IRequestObserver
{
    private readonly object _gate = new();
    private readonly SessionScope _scope;
    private readonly IStore _store;
    private readonly RequestWindow _window;
    private readonly Guid _runId;
    private readonly FleetTimeline? _timeline;
    private readonly ShipActivityLog? _activity;
    private readonly Action<string, RequestRecord>? _queued;
    private readonly Func<int>? _ships;
    private List<(Guid? Session, RequestRecord Record)>? _held = [];
    private string? _agentSymbol;

    public RequestRecorder(SessionScope scope, IStore store, RequestWindow window, Guid runId)
        : this(scope, store, window, runId, null, null, null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestRecorder"/> class that also feeds the live views.</summary>
    /// <param name="scope">The session scope.</param>
    /// <param name="store">The store.</param>
    /// <param name="window">The sliding minute.</param>
    /// <param name="runId">The run the records belong to.</param>
    /// <param name="timeline">The agent's timeline, if kept.</param>
    /// <param name="activity">The ships' latest requests, if kept.</param>
    /// <param name="queued">Called with the agent and each request (the runtime's queue-wait histogram).</param>
    /// <param name="ships">Reads the fleet's size, for the timeline.</param>
    public RequestRecorder(SessionScope scope, IStore store, RequestWindow window, Guid runId, FleetTimeline? timeline, ShipActivityLog? activity, Action<string, RequestRecord>? queued, Func<int>? ships)
    {
        _scope = scope;
        _store = store;
        _window = window;
        _runId = runId;
        _timeline = timeline;
        _activity = activity;
        _queued = queued;
        _ships = ships;
    }

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
            _store.Append(ToStoreRecord(agentSymbol, session, record, _runId));
            _timeline?.AddRequest(record, _ships?.Invoke() ?? 0);
            _queued?.Invoke(agentSymbol, record);
        }
    }

    public void OnRequestCompleted(RequestRecord record)
    {
        var session = _scope.Current;
        session?.CountRequest();
        _window.Add(record);
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

        var stored = ToStoreRecord(agent, session?.Id, record, _runId);
        _store.Append(stored);
        _timeline?.AddRequest(record, _ships?.Invoke() ?? 0);
        _queued?.Invoke(agent, record);
        if (session is not null)
        {
            _activity?.Add(session.Info.ShipSymbol, stored);
        }
    }

    private static RequestRecordedRecord ToStoreRecord(string agent, Guid? session, RequestRecord record, Guid runId) => new(
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
        record.Delayed,
        record.StartedAt)
    {
        RunId = runId,
    };
}
