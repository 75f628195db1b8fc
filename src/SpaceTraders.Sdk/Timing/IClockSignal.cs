namespace SpaceTraders.Sdk.Timing;

/// <summary>
/// A one-shot wake-up: one waiter waits, anyone (another actor, a timer callback, a cancellation) sets it.
/// Create one with <see cref="ClockWaits.CreateSignal"/>.
/// </summary>
/// <remarks>
/// Under an <see cref="IActorClock"/> the waiting actor counts as parked until the signal is set or the
/// wait is cancelled, which is what lets virtual time move. Under any other clock it behaves like a
/// <see cref="TaskCompletionSource"/> whose continuations run asynchronously.
/// </remarks>
public interface IClockSignal
{
    /// <summary>Gets a value indicating whether the signal has been set.</summary>
    bool IsSet { get; }

    /// <summary>Sets the signal and wakes its waiter, if any. Safe to call from any thread, more than once.</summary>
    /// <returns><see langword="true"/> if this call set the signal; <see langword="false"/> if it was already set or its wait was cancelled.</returns>
    bool Set();

    /// <summary>Waits until the signal is set. Returns at once if it is already set.</summary>
    /// <param name="cancellationToken">Cancels the wait; the signal then counts as abandoned and later <see cref="Set"/> calls return <see langword="false"/>.</param>
    /// <returns>A task that completes when the signal is set, or is cancelled with <paramref name="cancellationToken"/>.</returns>
    /// <exception cref="InvalidOperationException">The signal already has a waiter (a signal wakes exactly one).</exception>
    Task WaitAsync(CancellationToken cancellationToken);
}
