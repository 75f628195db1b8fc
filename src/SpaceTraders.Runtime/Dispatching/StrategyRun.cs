using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One run of plugin code (a behaviour session or a conductor) in its own actor: its cancellation, and how it ended.
/// The supervising actor never awaits the run's task (that would not park); the run rings the supervisor's doorbell
/// when it ends, and the supervisor reads the outcome here.
/// </summary>
internal sealed class StrategyRun
{
    private readonly CancellationTokenSource _cancellation = new();
    private volatile bool _done;
    private SessionOutcome? _outcome;
    private string? _reason;
    private Exception? _error;

    public CancellationToken Token => _cancellation.Token;

    public bool IsDone => _done;

    public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

    /// <summary>Gets how it ended: completed, idle, cancelled, reset or failed; <see langword="null"/> while it runs.</summary>
    public SessionOutcome? Outcome => _done ? _outcome : null;

    public string? Reason => _done ? _reason : null;

    public Exception? Error => _done ? _error : null;

    /// <summary>Requests cancellation. Plugin callbacks registered on the token that throw are ignored.</summary>
    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A plugin's cancellation callback threw; the run is cancelled all the same.
        }
    }

    public void Complete(SessionOutcome outcome, string? reason)
    {
        _outcome = outcome;
        _reason = reason;
        _done = true;
    }

    public void Fail(Exception error)
    {
        _error = error;
        _outcome = SessionOutcome.Failed;
        _reason = error.GetType().Name + ": " + error.Message;
        _done = true;
    }
}
