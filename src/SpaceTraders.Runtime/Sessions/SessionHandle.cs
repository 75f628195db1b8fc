using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Sessions;

/// <summary>A running (or ended) session's identity and live figures, updated as its requests and credit movements are recorded.</summary>
internal sealed class SessionHandle
{
    private long _requests;
    private long _credits;
    private string? _outcome;

    public SessionHandle(SessionInfo info) => Info = info;

    public SessionInfo Info { get; }

    public Guid Id => Info.Id;

    public long Requests => Interlocked.Read(ref _requests);

    public long CreditsEarned => Interlocked.Read(ref _credits);

    public string? Outcome => Volatile.Read(ref _outcome);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void AddCredits(long amount) => Interlocked.Add(ref _credits, amount);

    public void End(string outcome) => Volatile.Write(ref _outcome, outcome);

    public SessionFigures ToFigures() => new(Info.Id, Info.Behaviour, Info.StartedAt, Requests, CreditsEarned, Outcome);
}
