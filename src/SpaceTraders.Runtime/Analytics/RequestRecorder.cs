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
    private List<(Guid? Session, RequestRecord Record)>? _held = [];
    private string? _agentSymbol;

    public RequestRecorder(SessionScope scope, IStore store, RequestWindow window, Guid runId)
    {
        _scope = scope;
        _store = store;
        _window = window;
        _runId = runId;
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

        _store.Append(ToStoreRecord(agent, session?.Id, record, _runId));
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
