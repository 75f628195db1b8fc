namespace SpaceTraders.Sdk.Timing;

/// <summary>The <see cref="IClockSignal"/> used on ordinary clocks: a task completion source.</summary>
internal sealed class TaskSignal : IClockSignal
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hasWaiter;

    public bool IsSet => _completion.Task.IsCompletedSuccessfully;

    public bool Set() => _completion.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _hasWaiter, 1) != 0)
        {
            throw new InvalidOperationException("This signal already has a waiter; a signal wakes exactly one.");
        }

        if (!cancellationToken.CanBeCanceled || _completion.Task.IsCompleted)
        {
            return _completion.Task;
        }

        return WaitWithCancellationAsync(cancellationToken);
    }

    private async Task WaitWithCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Abandon the signal so a late Set reports that nobody was woken.
            _completion.TrySetCanceled(cancellationToken);
            if (!_completion.Task.IsCanceled)
            {
                return; // Set won the race: the wait succeeded after all.
            }

            throw;
        }
    }
}
