namespace SpaceTraders.Sdk.Timing;

/// <summary>
/// Waits that work on any <see cref="TimeProvider"/>: the system clock, a fake clock in tests, or a
/// discrete-event <see cref="IActorClock"/> that must see every wait to move virtual time.
/// </summary>
/// <remarks>
/// Use these instead of <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> in anything that
/// may run under virtual time (behaviours, conductors, the SDK's own limiter and retries).
/// </remarks>
public static class ClockWaits
{
    /// <summary>Creates a one-shot signal on <paramref name="clock"/>.</summary>
    /// <param name="clock">The clock the waiter runs on.</param>
    /// <param name="reason">What the waiter waits for, shown in virtual-clock diagnostics.</param>
    /// <returns>A new, unset signal.</returns>
    public static IClockSignal CreateSignal(this TimeProvider clock, string reason)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock is IActorClock actorClock ? actorClock.CreateSignal(reason) : new TaskSignal();
    }

    /// <summary>Waits for <paramref name="delay"/> of <paramref name="clock"/>'s time, parking the current actor under virtual time.</summary>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="delay">How long to wait. Zero or negative returns at once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after the delay.</returns>
    public static Task DelayAsync(this TimeProvider clock, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        if (clock is not IActorClock actorClock)
        {
            return Task.Delay(delay, clock, cancellationToken);
        }

        return DelayOnActorClockAsync(clock, actorClock, delay, cancellationToken);
    }

    /// <summary>Waits until <paramref name="dueTime"/> on <paramref name="clock"/>, parking the current actor under virtual time.</summary>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="dueTime">When to wake. A time in the past returns at once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes at or after <paramref name="dueTime"/>.</returns>
    public static Task DelayUntilAsync(this TimeProvider clock, DateTimeOffset dueTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.DelayAsync(dueTime - clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="body"/> as an actor of <paramref name="clock"/> (see <see cref="IActorClock.RunActorAsync"/>);
    /// on any other clock it runs on the thread pool.
    /// </summary>
    /// <param name="clock">The clock.</param>
    /// <param name="name">The actor's name for diagnostics.</param>
    /// <param name="body">The actor's work.</param>
    /// <param name="cancellationToken">Passed to <paramref name="body"/>.</param>
    /// <returns>A task that completes when <paramref name="body"/> ends.</returns>
    public static Task RunActorAsync(this TimeProvider clock, string name, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(body);
        return clock is IActorClock actorClock
            ? actorClock.RunActorAsync(name, body, cancellationToken)
            : Task.Run(() => body(cancellationToken), CancellationToken.None);
    }

    /// <summary>Gets a value indicating whether <paramref name="clock"/> runs discrete-event virtual time.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns><see langword="true"/> for an <see cref="IActorClock"/>.</returns>
    public static bool IsVirtual(this TimeProvider clock) => clock is IActorClock;

    private static async Task DelayOnActorClockAsync(TimeProvider clock, IActorClock actorClock, TimeSpan delay, CancellationToken cancellationToken)
    {
        var signal = actorClock.CreateSignal("delay");
        using var timer = clock.CreateTimer(static state => ((IClockSignal)state!).Set(), signal, delay, Timeout.InfiniteTimeSpan);
        await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
