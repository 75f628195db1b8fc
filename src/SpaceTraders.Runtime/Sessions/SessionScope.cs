namespace SpaceTraders.Runtime.Sessions;

/// <summary>
/// The session the current execution context works for. A behaviour's actor sets it when it starts; the SDK reports
/// requests and the state raises credit changes on the caller's execution context, so the recorders read it there.
/// One per runtime (no static state): two runtimes in one process never see each other's sessions.
/// </summary>
internal sealed class SessionScope
{
    private readonly AsyncLocal<SessionHandle?> _current = new();

    /// <summary>Gets or sets the current session; <see langword="null"/> for the conductor and the runtime itself.</summary>
    public SessionHandle? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }
}
