using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// Wakes one actor: anyone rings, the owner waits until it is rung or a timeout passes. A ring while nobody waits is
/// kept for the next wait. The wait is a single park on the clock (one signal that both the ring and the timeout's
/// timer set), so an actor never waits on two things at once and virtual time moves while it waits.
/// </summary>
internal sealed class Doorbell
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly string _reason;
    private bool _rung;
    private IClockSignal? _waiter;

    public Doorbell(TimeProvider clock, string reason)
    {
        _clock = clock;
        _reason = reason;
    }

    /// <summary>Wakes the waiter, or the next wait if nobody waits now. Safe from any thread.</summary>
    public void Ring()
    {
        IClockSignal? waiter;
        lock (_gate)
        {
            _rung = true;
            waiter = _waiter;
        }

        waiter?.Set();
    }

    /// <summary>Waits until the bell rings or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">The longest wait; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when rung (the ring is consumed); <see langword="false"/> at the timeout.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IClockSignal signal;
        lock (_gate)
        {
            if (_rung)
            {
                _rung = false;
                return true;
            }

            if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
            {
                return false;
            }

            signal = _waiter = _clock.CreateSignal(_reason);
        }

        var timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : _clock.CreateTimer(static state => ((IClockSignal)state!).Set(), signal, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            timer?.Dispose();
            lock (_gate)
            {
                _waiter = null;
            }
        }

        lock (_gate)
        {
            var rung = _rung;
            _rung = false;
            return rung;
        }
    }

    /// <summary>Waits until the bell rings or the clock reaches <paramref name="dueTime"/>.</summary>
    /// <param name="dueTime">The latest wake-up; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when rung; <see langword="false"/> at the due time.</returns>
    public Task<bool> WaitUntilAsync(DateTimeOffset? dueTime, CancellationToken cancellationToken)
    {
        if (dueTime is not { } due)
        {
            return WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        var left = due - _clock.GetUtcNow();
        return WaitAsync(left <= TimeSpan.Zero ? TimeSpan.Zero : left, cancellationToken);
    }
}
