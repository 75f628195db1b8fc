namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>A record waiting in the outbox, with its place in the append order (its idempotency key with the writer's id).</summary>
/// <param name="Seq">The record's number in this store's append order, from 1.</param>
/// <param name="Record">The record.</param>
internal readonly record struct OutboxEntry(long Seq, StoreRecord Record);

/// <summary>
/// The in-memory queue between <see cref="PostgresStore.Append"/> and the background writer: appends never block
/// (one short lock), the writer takes a batch from the front and keeps it "in flight" until it is durable (a failed
/// batch is taken again, unchanged), and flushers wait until everything they appended has left the queue.
/// </summary>
/// <remarks>
/// <para>
/// <b>The bound.</b> While the database is away records pile up here. Past <c>bound</c> records waiting, every append
/// drops the oldest record not in flight of the first sheddable type that has one (the store passes request records,
/// then market observations: figures and history the game never needs) and counts it. Other types (credit movements,
/// sessions, ship parts, agents) are never dropped: with only those left the queue grows past the bound.
/// </para>
/// <para>
/// A record leaves the queue when it is written, rejected as invalid, or dropped. "Done up to n" means every record
/// numbered n or less has left; it is the number before the oldest record still waiting.
/// </para>
/// </remarks>
internal sealed class PostgresOutbox
{
    private readonly Lock _gate = new();
    private readonly LinkedList<OutboxEntry> _queue = new();
    private readonly Dictionary<Type, int> _shedRank = [];
    private readonly Queue<LinkedListNode<OutboxEntry>>[] _shed;
    private readonly long[] _dropped;
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private readonly int _bound;
    private OutboxEntry[] _inFlight = [];
    private int _inFlightDone;
    private TaskCompletionSource _work = NewSignal();
    private TaskCompletionSource? _hurry;
    private int _hurryAt = int.MaxValue;
    private long _lastSeq;
    private long _doneSeq;
    private bool _overBound;

    /// <summary>Initializes a new instance of the <see cref="PostgresOutbox"/> class.</summary>
    /// <param name="bound">How many records may wait before records of the sheddable types are dropped.</param>
    /// <param name="sheddable">The record types that may be dropped past the bound, the first dropped first; none when omitted.</param>
    public PostgresOutbox(int bound = int.MaxValue, IReadOnlyList<Type>? sheddable = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        _bound = bound;
        sheddable ??= [];
        for (var i = 0; i < sheddable.Count; i++)
        {
            _shedRank.Add(sheddable[i], i);
        }

        _shed = [.. sheddable.Select(_ => new Queue<LinkedListNode<OutboxEntry>>())];
        _dropped = new long[sheddable.Count];
    }

    /// <summary>Gets how many records wait to be written (in flight included).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return PendingLocked;
            }
        }
    }

    /// <summary>Gets how many records of a sheddable type were dropped at the bound.</summary>
    /// <param name="recordType">The record type.</param>
    /// <returns>The count; 0 for a type that is never dropped.</returns>
    public long Dropped(Type recordType)
    {
        lock (_gate)
        {
            return _shedRank.TryGetValue(recordType, out var rank) ? _dropped[rank] : 0;
        }
    }

    /// <summary>Gets how many records were dropped at the bound, of every type.</summary>
    public long DroppedTotal
    {
        get
        {
            lock (_gate)
            {
                return _dropped.Sum();
            }
        }
    }

    private int PendingLocked => _queue.Count + (_inFlight.Length - _inFlightDone);

    /// <summary>Queues a record and wakes the writer; past the bound, drops the oldest droppable record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The record's sequence number, and whether this append took the queue past the bound (the first time since it was last within it).</returns>
    public (long Seq, bool ReachedBound) Enqueue(StoreRecord record)
    {
        TaskCompletionSource work;
        TaskCompletionSource? hurry;
        long seq;
        var reachedBound = false;
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            seq = ++_lastSeq;
            var node = _queue.AddLast(new OutboxEntry(seq, record));
            if (_shedRank.TryGetValue(record.GetType(), out var rank))
            {
                _shed[rank].Enqueue(node);
            }

            if (PendingLocked > _bound)
            {
                reachedBound = !_overBound;
                _overBound = true;
                for (var i = 0; i < _shed.Length; i++)
                {
                    if (TryDrop(_shed[i]))
                    {
                        _dropped[i]++;
                        break;
                    }
                }

                done = ReleaseDoneLocked();
            }

            work = _work;
            hurry = _queue.Count >= _hurryAt ? TakeHurryLocked() : null;
        }

        work.TrySetResult();
        hurry?.TrySetResult();
        done?.ForEach(d => d.TrySetResult());
        return (seq, reachedBound);
    }

    /// <summary>
    /// Gets the batch to write: the batch in flight if one is (it failed and is retried unchanged), otherwise up to
    /// <paramref name="max"/> records taken from the front.
    /// </summary>
    /// <param name="max">The most records.</param>
    /// <returns>The records, in append order; empty when none wait.</returns>
    public OutboxEntry[] Take(int max)
    {
        lock (_gate)
        {
            if (_inFlightDone < _inFlight.Length)
            {
                return _inFlight[_inFlightDone..];
            }

            var count = Math.Min(max, _queue.Count);
            var batch = new OutboxEntry[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = _queue.First!.Value;
                _queue.RemoveFirst();
            }

            // Taken records are the oldest, so their entries in the drop indexes are at the front: forget them.
            foreach (var index in _shed)
            {
                Prune(index);
            }
            _inFlight = batch;
            _inFlightDone = 0;
            return batch;
        }
    }

    /// <summary>Marks the first <paramref name="count"/> records in flight as gone (written, or rejected as invalid) and releases the flushers they satisfy.</summary>
    /// <param name="count">How many records, from the front of the batch in flight.</param>
    public void Remove(int count)
    {
        List<TaskCompletionSource>? done;
        lock (_gate)
        {
            _inFlightDone = Math.Min(_inFlight.Length, _inFlightDone + count);
            if (_inFlightDone == _inFlight.Length)
            {
                _inFlight = [];
                _inFlightDone = 0;
            }

            if (PendingLocked <= _bound)
            {
                _overBound = false;
            }

            done = ReleaseDoneLocked();
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
            if (PendingLocked > 0)
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

    /// <summary>Waits until every record queued before the call has left the queue (written, rejected or dropped).</summary>
    /// <param name="cancellationToken">Stops waiting (the records stay queued).</param>
    /// <returns>A task that completes when they are gone.</returns>
    public Task WaitUntilWrittenAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        TaskCompletionSource? hurry;
        lock (_gate)
        {
            if (_doneSeq >= _lastSeq)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_lastSeq, done));
            hurry = TakeHurryLocked();
        }

        hurry?.TrySetResult();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until the writer should stop gathering records and write: a batch in flight is owed (a retry), a flusher
    /// waits, or at least <paramref name="full"/> records wait.
    /// </summary>
    /// <param name="full">How many waiting records make a full batch.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the writer should write now.</returns>
    public Task WaitUntilDueAsync(int full, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlightDone < _inFlight.Length || _waiters.Count > 0 || _queue.Count >= full)
            {
                return Task.CompletedTask;
            }

            _hurryAt = full;
            _hurry ??= NewSignal();
            return _hurry.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Prune(Queue<LinkedListNode<OutboxEntry>> index)
    {
        while (index.TryPeek(out var node) && node.List is null)
        {
            index.Dequeue();
        }
    }

    /// <summary>Takes the signal of a writer gathering records, if one waits. Call under the lock.</summary>
    private TaskCompletionSource? TakeHurryLocked()
    {
        var hurry = _hurry;
        _hurry = null;
        _hurryAt = int.MaxValue;
        return hurry;
    }

    /// <summary>Drops the oldest record of an index still waiting (not in flight). Call under the lock.</summary>
    private bool TryDrop(Queue<LinkedListNode<OutboxEntry>> index)
    {
        while (index.TryDequeue(out var node))
        {
            if (node.List is not null)
            {
                _queue.Remove(node);
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves the done mark to just before the oldest record still waiting and takes the flushers it satisfies. Call under the lock.</summary>
    private List<TaskCompletionSource>? ReleaseDoneLocked()
    {
        _doneSeq = _inFlightDone < _inFlight.Length
            ? _inFlight[_inFlightDone].Seq - 1
            : _queue.First is { } first ? first.Value.Seq - 1 : _lastSeq;
        List<TaskCompletionSource>? done = null;
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Seq <= _doneSeq)
            {
                (done ??= []).Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }

        return done;
    }
}
