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

    /// <summary>
    /// The stop's bound on an abandon wait (<see cref="RuntimeOptions.AbandonWallTimeout"/> on
    /// <see cref="RuntimeOptions.WallClock"/>), armed once the runtime is stopping: a behaviour or conductor cancelled
    /// for another reason (reassigned, paused, a server reset) is waited for in game time only.
    /// </summary>
    /// <param name="services">The runtime's services.</param>
    /// <param name="bell">The waiting actor's bell.</param>
    /// <returns>The bound, or <see langword="null"/> while the runtime is not stopping.</returns>
    public static WallDeadline? AtStop(ShipServices services, Doorbell bell) =>
        services.Host.Stopping ? new WallDeadline(services.Options.WallClock, services.Options.AbandonWallTimeout, bell) : null;

    /// <summary>Gets a value indicating whether the bound has passed.</summary>
    public bool Passed => _passed;

    public void Dispose() => _timer?.Dispose();

    private void Pass()
    {
        _passed = true;
        _bell.Ring();
    }
}
