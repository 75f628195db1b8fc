using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Sessions;

/// <summary>A running (or ended) session's identity and live figures, updated as its requests and credit movements are recorded.</summary>
internal sealed class SessionHandle
{
    private readonly Lock _gate = new();
    private long _requests;
    private long _credits;
    private SessionOutcome? _outcome;

    public SessionHandle(SessionInfo info) => Info = info;

    public SessionInfo Info { get; }

    public Guid Id => Info.Id;

    public long Requests => Interlocked.Read(ref _requests);

    public long CreditsEarned => Interlocked.Read(ref _credits);

    public SessionOutcome? Outcome
    {
        get
        {
            lock (_gate)
            {
                return _outcome;
            }
        }
    }

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void AddCredits(long amount) => Interlocked.Add(ref _credits, amount);

    public void End(SessionOutcome outcome)
    {
        lock (_gate)
        {
            _outcome = outcome;
        }
    }

    public SessionFigures ToFigures() => new(Info.Id, Info.Behaviour, Info.StartedAt, Requests, CreditsEarned, Outcome);
}
