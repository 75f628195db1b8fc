namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// A bound in real time on a wait the runtime counts in game time: once its timeout has passed on the wall clock it is
/// <see cref="Passed"/> and rings the waiting actor's bell. The stop uses it so that a wait of game seconds (which last
/// ten times longer in real time at a time scale of 0.1) cannot hold the stop longer than the bound.
/// </summary>
/// <remarks>
/// The timer only rings the bell: the actor still parks once, on its own clock's signal, so virtual time keeps moving
/// while it waits. <see cref="Timeout.InfiniteTimeSpan"/> is no bound.
/// </remarks>
internal sealed class WallDeadline : IDisposable
{
    private readonly Doorbell _bell;
    private readonly ITimer? _timer;
    private volatile bool _passed;

    public WallDeadline(TimeProvider wallClock, TimeSpan timeout, Doorbell bell)
    {
        _bell = bell;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = wallClock.CreateTimer(static state => ((WallDeadline)state!).Pass(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Gets a value indicating whether the bound has passed.</summary>
    public bool Passed => _passed;

    public void Dispose() => _timer?.Dispose();

    private void Pass()
    {
        _passed = true;
        _bell.Ring();
    }
}
