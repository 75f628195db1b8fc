namespace SpaceTraders.Runtime.Stores.Postgres;

/// <summary>A record waiting in the outbox, with its place in the append order (its idempotency key with the writer's id).</summary>
/// <param name="Seq">The record's number in this store's append order, from 1.</param>
/// <param name="Record">The record.</param>
internal readonly record struct OutboxEntry(long Seq, StoreRecord Record);

/// <summary>
/// The in-memory queue between <see cref="PostgresStore.Append"/> and the background writer: appends never block
/// (one short lock), the writer takes batches from the front and removes them only once they are durable, and
/// flushers wait for the durable mark to pass the last record they appended.
/// </summary>
internal sealed class PostgresOutbox
{
    private readonly Lock _gate = new();
    private readonly Queue<OutboxEntry> _queue = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private TaskCompletionSource _work = NewSignal();
    private long _lastSeq;
    private long _doneSeq;

    /// <summary>Gets how many records wait to be written.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues a record and wakes the writer.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The record's sequence number.</returns>
    public long Enqueue(StoreRecord record)
    {
        TaskCompletionSource work;
        long seq;
        lock (_gate)
        {
            seq = ++_lastSeq;
            _queue.Enqueue(new OutboxEntry(seq, record));
            work = _work;
        }

        work.TrySetResult();
        return seq;
    }

    /// <summary>Gets up to <paramref name="max"/> records from the front, leaving them queued.</summary>
    /// <param name="max">The most records.</param>
    /// <returns>The records, in append order; empty when none wait.</returns>
    public OutboxEntry[] Peek(int max)
    {
        lock (_gate)
        {
            return [.. _queue.Take(max)];
        }
    }

    /// <summary>Removes the first <paramref name="count"/> records (written, or rejected as invalid) and releases the flushers they satisfy.</summary>
    /// <param name="count">How many records, from the front.</param>
    public void Remove(int count)
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _doneSeq = _queue.Dequeue().Seq;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Seq <= _doneSeq)
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(d => d.TrySetResult());
    }

    /// <summary>Waits until a record is queued.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the queue is not empty.</returns>
    public Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                return Task.CompletedTask;
            }

            if (_work.Task.IsCompleted)
            {
                _work = NewSignal();
            }

            return _work.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits until every record queued before the call has left the queue.</summary>
    /// <param name="cancellationToken">Stops waiting (the records stay queued).</param>
    /// <returns>A task that completes when they are written.</returns>
    public Task WaitUntilWrittenAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_doneSeq >= _lastSeq)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_lastSeq, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
