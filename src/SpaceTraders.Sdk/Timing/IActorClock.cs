namespace SpaceTraders.Sdk.Timing;

/// <summary>
/// Implemented by a <see cref="TimeProvider"/> that runs discrete-event virtual time, such as the
/// simulator's <c>VirtualClock</c>.
/// </summary>
/// <remarks>
/// <para>
/// Such a clock moves time only when no actor can make progress without it: every live actor is
/// parked. An actor is a strand of work started with <see cref="RunActorAsync"/> (one ship's behaviour,
/// one conductor loop). It parks by waiting on an <see cref="IClockSignal"/> or through
/// <see cref="ClockWaits.DelayAsync"/>; it runs again when another actor, a timer or a cancellation sets
/// that signal. The waker, not the woken actor, takes the actor off the parked list, so there is never a
/// moment when an actor is runnable but counted as parked.
/// </para>
/// <para>
/// Code that waits any other way (a bare <c>Task.Delay</c>, a lock held by a parked actor, real I/O that
/// never returns) looks to the clock like an actor still running; the clock reports that as "no progress"
/// with the actor's name instead of hanging.
/// </para>
/// <para>
/// Code written against this contract runs unchanged on an ordinary clock: <see cref="ClockWaits"/> falls
/// back to plain tasks and timers when the <see cref="TimeProvider"/> is not an <see cref="IActorClock"/>.
/// </para>
/// </remarks>
public interface IActorClock
{
    /// <summary>
    /// Starts <paramref name="body"/> as a new actor named <paramref name="name"/>. The clock does not
    /// move while the actor runs; it moves again once the actor parks or ends.
    /// </summary>
    /// <remarks>
    /// Start actors from inside another actor (one root actor that starts the rest, or an actor that spawns a
    /// helper). The clock waits for the running actor, so everything it starts exists before time moves and
    /// the start order is deterministic. Actors started from outside any actor race with a clock that is
    /// already moving.
    /// </remarks>
    /// <param name="name">A name for diagnostics, for example the ship symbol and behaviour.</param>
    /// <param name="body">The actor's work. It runs in its own execution context.</param>
    /// <param name="cancellationToken">Passed to <paramref name="body"/>.</param>
    /// <returns>
    /// A task that completes when the body ends. Await it from outside the clock's actors (a test, a
    /// program's entry point). An actor that must wait for another actor waits on an
    /// <see cref="IClockSignal"/> that the other sets, since awaiting a plain task does not park.
    /// </returns>
    Task RunActorAsync(string name, Func<CancellationToken, Task> body, CancellationToken cancellationToken);

    /// <summary>Creates a one-shot signal whose waiter counts as parked while it waits.</summary>
    /// <param name="reason">What the waiter waits for, shown in diagnostics (for example "rate limiter").</param>
    /// <returns>A new, unset signal.</returns>
    IClockSignal CreateSignal(string reason);
}
