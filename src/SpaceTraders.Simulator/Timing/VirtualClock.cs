using System.Globalization;
using System.Text;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Simulator.Timing;

/// <summary>
/// A discrete-event virtual clock. Time stands still while any actor runs and jumps straight to the next
/// timer when every actor is parked, so a simulated day takes seconds and the same inputs give the same run.
/// </summary>
/// <remarks>
/// <para>
/// Two ways to drive it:
/// </para>
/// <list type="bullet">
/// <item><description>
/// By hand, like a fake clock in a unit test: <see cref="Advance"/> and <see cref="AdvanceTo"/> fire the due
/// timers in order on the calling thread. Not allowed while actors are alive.
/// </description></item>
/// <item><description>
/// By its actors: <see cref="RunActorAsync"/> starts an actor and a dedicated dispatch thread. Exactly one actor
/// runs at a time. When it parks (an <see cref="IClockSignal"/> wait, <see cref="ClockWaits.DelayAsync"/>) or
/// ends, the dispatcher wakes the next ready actor in FIFO order, or, when none is ready, moves time to the
/// earliest timer and fires it. Wake-ups are handed over by the waker, so no actor is ever runnable while
/// counted as parked. The dispatcher runs a woken actor on its own thread until the actor parks again (no hop
/// through the thread pool per wake-up, which used to cost most of a run's CPU); an actor that awaits something
/// outside the clock continues on the thread pool, and the dispatcher waits for it as before.
/// </description></item>
/// </list>
/// <para>
/// An actor that runs longer than <see cref="VirtualClockOptions.NoProgressTimeout"/> of real time without
/// parking (a watchdog thread checks the one the dispatcher runs), or a state where every actor is parked and
/// nothing is scheduled, stops the clock with a <see cref="VirtualClockStalledException"/> naming the actors and
/// what they wait on. Every later wait throws it. A shorter turn that still held virtual time for
/// <see cref="VirtualClockOptions.SlowTurnThreshold"/> of real time or more is reported through <see cref="SlowTurn"/>.
/// </para>
/// <para>Timer callbacks run on the dispatch thread (or the thread calling <see cref="Advance"/>) and should be short.</para>
/// </remarks>
public sealed class VirtualClock : TimeProvider, IActorClock, IDisposable
{
    /// <summary>The start time used by the parameterless constructor: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly VirtualClockOptions _options;
    private readonly PriorityQueue<TimerEntry, (long Due, long Sequence)> _timers = new();
    private readonly Queue<Wake> _ready = new();
    private readonly HashSet<Actor> _actors = [];
    private readonly AsyncLocal<Actor?> _current = new();
    private long _nowTicks;
    private long _sequence;
    private int _running;
    private Thread? _dispatcher;
    private VirtualClockStalledException? _fault;
    private bool _disposed;
    private long _wakes;
    private long _timersFired;
    private long _progress;
    private bool _resuming;
    private Thread? _watchdog;
    private int _slowTurns;
    private TimeSpan _slowTurnTime;
    private TimeSpan _longestTurn;
    private string? _longestTurnActor;

    /// <summary>Initializes a new instance of the <see cref="VirtualClock"/> class at <see cref="DefaultStart"/>.</summary>
    public VirtualClock()
        : this(DefaultStart)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VirtualClock"/> class.</summary>
    /// <param name="start">The virtual time the clock starts at.</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    public VirtualClock(DateTimeOffset start, VirtualClockOptions? options = null)
    {
        _nowTicks = start.UtcTicks;
        _options = options ?? new VirtualClockOptions();
    }

    /// <summary>Gets the number of actors alive (started and not yet ended).</summary>
    public int ActorCount
    {
        get
        {
            lock (_gate)
            {
                return _actors.Count;
            }
        }
    }

    /// <summary>Gets how many times an actor was woken (started or resumed) so far.</summary>
    public long WakeCount => Interlocked.Read(ref _wakes);

    /// <summary>Gets how many timer callbacks have fired so far.</summary>
    public long TimersFired => Interlocked.Read(ref _timersFired);

    /// <summary>
    /// Occurs after an actor's turn held virtual time still for at least <see cref="VirtualClockOptions.SlowTurnThreshold"/>
    /// of real time. Raised on the clock's dispatch thread before the next turn, so virtual time still stands: keep the
    /// handler short. An exception it throws is dropped (a report must not stop the clock).
    /// </summary>
    public event EventHandler<SlowTurnEventArgs>? SlowTurn;

    /// <summary>Gets the slow turns seen so far (see <see cref="VirtualClockOptions.SlowTurnThreshold"/>).</summary>
    public SlowTurnSummary SlowTurns
    {
        get
        {
            lock (_gate)
            {
                return new SlowTurnSummary(_slowTurns, _slowTurnTime, _longestTurn, _longestTurnActor);
            }
        }
    }

    /// <summary>Gets the stall that stopped the clock, or <see langword="null"/> while it runs.</summary>
    public VirtualClockStalledException? Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => Volatile.Read(ref _nowTicks);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer that falls due, in order.</summary>
    /// <param name="delta">How far to move; must not be negative.</param>
    /// <exception cref="InvalidOperationException">Actors are alive: they drive the clock.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + delta);
    }

    /// <summary>Moves time forward to <paramref name="target"/>, firing every timer that falls due, in order.</summary>
    /// <param name="target">The new time; must not be earlier than now.</param>
    /// <exception cref="InvalidOperationException">Actors are alive: they drive the clock.</exception>
    public void AdvanceTo(DateTimeOffset target)
    {
        var targetTicks = target.UtcTicks;
        while (true)
        {
            TimerEntry entry;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_actors.Count > 0)
                {
                    throw new InvalidOperationException("This clock is driven by its actors; it cannot be advanced by hand while actors are alive.");
                }

                ArgumentOutOfRangeException.ThrowIfLessThan(targetTicks, _nowTicks, nameof(target));
                if (!TryPopTimer(targetTicks, out entry))
                {
                    _nowTicks = targetTicks;
                    return;
                }
            }

            FireTimer(entry);
        }
    }

    /// <inheritdoc />
    public Task RunActorAsync(string name, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var actor = new Actor(name, body, cancellationToken);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fault is not null)
            {
                return Task.FromException(_fault);
            }

            _actors.Add(actor);
            actor.ParkedOn = "start";
            _ready.Enqueue(new Wake(actor, null, WakeKind.Start));
            EnsureDispatcher();
            Monitor.PulseAll(_gate);
        }

        return actor.Completion.Task;
    }

    /// <inheritdoc />
    public IClockSignal CreateSignal(string reason) => new VirtualSignal(this, reason ?? "signal");

    /// <summary>Describes every actor and what it is doing, for diagnostics.</summary>
    /// <returns>One line per actor.</returns>
    public string DescribeActors()
    {
        lock (_gate)
        {
            return DescribeActorsLocked();
        }
    }

    /// <summary>Stops the dispatcher. Parked actors stay parked; later waits throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Thread? dispatcher;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            dispatcher = _dispatcher;
            Monitor.PulseAll(_gate);
        }

        if (dispatcher is not null && dispatcher != Thread.CurrentThread)
        {
            dispatcher.Join();
        }
    }

    private void EnsureDispatcher()
    {
        if (_dispatcher is not null)
        {
            return;
        }

        // The dispatch thread must not inherit the caller's execution context (it may be an actor's).
        using (ExecutionContext.SuppressFlow())
        {
            _dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "VirtualClock dispatcher" };
            _dispatcher.Start();
            if (_watchdog is null)
            {
                _watchdog = new Thread(Watch) { IsBackground = true, Name = "VirtualClock watchdog" };
                _watchdog.Start();
            }
        }
    }

    private void Dispatch()
    {
        // The turn under way: the actor woken last and the real time it was woken at (measured only with a threshold).
        var measure = _options.SlowTurnThreshold >= TimeSpan.Zero;
        Actor? turn = null;
        var turnStart = 0L;
        while (true)
        {
            Wake? wake = null;
            TimerEntry timer = default;
            SlowTurnEventArgs? slow = null;
            lock (_gate)
            {
                while (_running > 0 && _fault is null && !_disposed)
                {
                    if (!Monitor.Wait(_gate, _options.NoProgressTimeout) && _running > 0)
                    {
                        StallLocked("An actor ran for " + _options.NoProgressTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)
                            + " s of real time without parking or ending. It is blocked outside the clock's waits (a bare Task.Delay, a lock, a task that is not an IClockSignal, or real I/O that does not return).");
                    }
                }

                if (turn is not null)
                {
                    // One actor runs at a time: with none running, the turn ended (a clock wait or the actor's end).
                    slow = EndTurnLocked(turn, turnStart);
                    turn = null;
                }

                if (_fault is not null || _disposed)
                {
                    _dispatcher = null;
                    return;
                }

                if (_ready.Count > 0)
                {
                    wake = _ready.Dequeue();
                    wake.Actor.ParkedOn = null;
                    _running++;
                    _wakes++;
                }
                else if (_actors.Count == 0)
                {
                    _dispatcher = null;
                    return;
                }
                else if (!TryPopTimer(long.MaxValue, out timer))
                {
                    // Every actor is parked and nothing is scheduled: only a wake from outside (a real-time
                    // cancellation) can help. Give it the no-progress timeout, then report the deadlock.
                    if (!Monitor.Wait(_gate, _options.NoProgressTimeout) && _ready.Count == 0 && _running == 0 && _timers.Count == 0 && _actors.Count > 0)
                    {
                        StallLocked("Every actor is parked and no timer is scheduled, so virtual time cannot move (a deadlock between actors, or a wait nobody will set).");
                    }

                    continue;
                }
            }

            if (slow is not null)
            {
                RaiseSlowTurn(slow);
            }

            if (wake is not null)
            {
                if (measure)
                {
                    turn = wake.Actor;
                    turnStart = _options.RealTime.GetTimestamp();
                }

                Volatile.Write(ref _resuming, true);
                try
                {
                    wake.Resume(this);
                }
                finally
                {
                    Volatile.Write(ref _resuming, false);
                }
            }
            else
            {
                FireTimer(timer);
            }
        }
    }

    /// <summary>Counts a turn that took at least the threshold of real time; returns its report, or null for a quick one.</summary>
    private SlowTurnEventArgs? EndTurnLocked(Actor actor, long start)
    {
        var took = _options.RealTime.GetElapsedTime(start);
        if (took < _options.SlowTurnThreshold)
        {
            return null;
        }

        _slowTurns++;
        _slowTurnTime += took;
        if (took > _longestTurn)
        {
            _longestTurn = took;
            _longestTurnActor = actor.Name;
        }

        return new SlowTurnEventArgs(actor.Name, took, GetUtcNow());
    }

    private void RaiseSlowTurn(SlowTurnEventArgs slow)
    {
        try
        {
            SlowTurn?.Invoke(this, slow);
        }
#pragma warning disable CA1031 // A handler's failure must not end the dispatch thread (and with it the run); the turn stays counted.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Watches the actor the dispatcher runs on its own thread: one that neither parks nor ends for a whole
    /// <see cref="VirtualClockOptions.NoProgressTimeout"/> stops the clock (it blocks outside the clock's waits).
    /// </summary>
    private void Watch()
    {
        var quiet = new object();
        var seen = -1L;
        while (true)
        {
            lock (quiet)
            {
                Monitor.Wait(quiet, _options.NoProgressTimeout);
            }

            lock (_gate)
            {
                if (_disposed || _fault is not null || (_dispatcher is null && _actors.Count == 0))
                {
                    _watchdog = null;
                    return;
                }

                var progress = _progress;
                if (Volatile.Read(ref _resuming) && progress == seen)
                {
                    StallLocked("An actor ran for " + _options.NoProgressTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)
                        + " s of real time without parking or ending. It is blocked outside the clock's waits (a bare Task.Delay, a lock, a task that is not an IClockSignal, or real I/O that does not return).");
                    _watchdog = null;
                    return;
                }

                seen = progress;
            }
        }
    }

    private bool TryPopTimer(long limitTicks, out TimerEntry entry)
    {
        while (_timers.TryPeek(out entry, out var key))
        {
            if (!entry.IsCurrent)
            {
                _timers.Dequeue();
                continue;
            }

            if (key.Due > limitTicks)
            {
                return false;
            }

            _timers.Dequeue();
            if (key.Due > _nowTicks)
            {
                Volatile.Write(ref _nowTicks, key.Due);
            }

            return true;
        }

        return false;
    }

    private void FireTimer(TimerEntry entry)
    {
        Interlocked.Increment(ref _timersFired);
        entry.Timer.Fire(entry.Version);
    }

    private void Schedule(VirtualTimer timer, long version, long dueTicks)
    {
        _timers.Enqueue(new TimerEntry(timer, version), (dueTicks, _sequence++));
        Monitor.PulseAll(_gate);
    }

    private void Enqueue(Wake wake)
    {
        _ready.Enqueue(wake);
        Monitor.PulseAll(_gate);
    }

    private void Park(Actor actor, string reason)
    {
        if (actor.ParkedOn is not null)
        {
            throw new InvalidOperationException(
                $"Actor '{actor.Name}' is already parked on '{actor.ParkedOn}' and now waits on '{reason}' as well. "
                + "Concurrent waits inside one actor need their own actors: start them with RunActorAsync.");
        }

        actor.ParkedOn = reason;
        _progress++;
        _running--;
        if (_running == 0)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void ActorEnded(Actor actor)
    {
        lock (_gate)
        {
            _actors.Remove(actor);
            _progress++;
            _running--;
            Monitor.PulseAll(_gate);
        }
    }

    private void StallLocked(string what)
    {
        var message = new StringBuilder()
            .Append("Virtual clock stalled at ").Append(GetUtcNow().ToString("O", CultureInfo.InvariantCulture)).Append(": ")
            .AppendLine(what)
            .Append(DescribeActorsLocked())
            .ToString();
        _fault = new VirtualClockStalledException(message);

        // Nothing will run again: fail every wait, queued wake-up and actor that has not started yet.
        while (_ready.TryDequeue(out var wake))
        {
            wake.Fail(_fault);
            if (wake.IsStart)
            {
                _actors.Remove(wake.Actor);
            }
        }

        foreach (var actor in _actors)
        {
            actor.Waiting?.Fail(_fault);
        }

        Monitor.PulseAll(_gate);
    }

    private string DescribeActorsLocked()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_actors.Count} actor(s), {_running} running, {_ready.Count} ready, {_timers.Count} timer(s) queued.").AppendLine();
        foreach (var actor in _actors.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            text.Append("  - ").Append(actor.Name).Append(": ")
                .AppendLine(actor.ParkedOn is null ? "running" : "parked on " + actor.ParkedOn);
        }

        return text.ToString();
    }

    private enum WakeKind
    {
        Start,
        Signal,
        Cancel,
    }

    private readonly record struct TimerEntry(VirtualTimer Timer, long Version)
    {
        public bool IsCurrent => Timer.Version == Version;
    }

    private sealed class Actor(string name, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        public string Name { get; } = name;

        public Func<CancellationToken, Task> Body { get; } = body;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the actor is parked on, or null while it runs. Guarded by the clock's gate.</summary>
        public string? ParkedOn { get; set; }

        /// <summary>The signal the actor waits on, if any. Guarded by the clock's gate.</summary>
        public VirtualSignal? Waiting { get; set; }
    }

    private sealed class Wake(Actor actor, VirtualSignal? signal, WakeKind kind)
    {
        public Actor Actor { get; } = actor;

        public bool IsStart => kind == WakeKind.Start;

        public void Fail(Exception fault)
        {
            if (kind == WakeKind.Start)
            {
                Actor.Completion.TrySetException(fault);
            }
            else
            {
                signal!.Fail(fault);
            }
        }

        public void Resume(VirtualClock clock)
        {
            switch (kind)
            {
                case WakeKind.Start:
                    // Runs on the dispatch thread until the actor first parks (or awaits something outside the clock).
                    _ = clock.RunActorBodyAsync(Actor);
                    break;
                case WakeKind.Signal:
                    signal!.Complete();
                    break;
                case WakeKind.Cancel:
                    signal!.CompleteCanceled();
                    break;
            }
        }
    }

    private async Task RunActorBodyAsync(Actor actor)
    {
        _current.Value = actor;
        Exception? failure = null;
        var canceled = false;
        try
        {
            await actor.Body(actor.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (actor.CancellationToken.IsCancellationRequested)
        {
            canceled = true;
        }
#pragma warning disable CA1031 // The actor's failure is handed to whoever awaits it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            ActorEnded(actor);
        }

        if (failure is not null)
        {
            actor.Completion.TrySetException(failure);
        }
        else if (canceled)
        {
            actor.Completion.TrySetCanceled(actor.CancellationToken);
        }
        else
        {
            actor.Completion.TrySetResult();
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _periodTicks = -1;
        private bool _disposed;

        /// <summary>Bumped on every change; queue entries with an older version are stale. Guarded by the clock's gate.</summary>
        public long Version { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                Version++;
                _periodTicks = period == Timeout.InfiniteTimeSpan ? -1 : Math.Max(1, period.Ticks);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                    clock.Schedule(this, Version, clock._nowTicks + dueTime.Ticks);
                }

                return true;
            }
        }

        public void Fire(long version)
        {
            lock (clock._gate)
            {
                if (_disposed || version != Version)
                {
                    return;
                }

                if (_periodTicks > 0)
                {
                    clock.Schedule(this, Version, clock._nowTicks + _periodTicks);
                }
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                _disposed = true;
                Version++;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class VirtualSignal(VirtualClock clock, string reason) : IClockSignal
    {
        private TaskCompletionSource? _waiter;
        private Actor? _actor;
        private CancellationTokenRegistration _registration;
        private CancellationToken _cancellationToken;
        private int _state; // 0 pending, 1 set, 2 cancelled
        private bool _hasWaiter;

        public bool IsSet => Volatile.Read(ref _state) == 1;

        public bool Set()
        {
            TaskCompletionSource? completeNow = null;
            lock (clock._gate)
            {
                if (_state != 0)
                {
                    return false;
                }

                _state = 1;
                if (_waiter is not null)
                {
                    if (_actor is not null)
                    {
                        clock.Enqueue(new Wake(_actor, this, WakeKind.Signal));
                    }
                    else
                    {
                        completeNow = _waiter;
                    }
                }
            }

            if (completeNow is not null)
            {
                _registration.Dispose();
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.TrySetResult(), completeNow, preferLocal: false);
            }

            return true;
        }

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource waiter;
            lock (clock._gate)
            {
                if (_hasWaiter)
                {
                    throw new InvalidOperationException("This signal already has a waiter; a signal wakes exactly one.");
                }

                _hasWaiter = true;
                if (clock._fault is not null)
                {
                    return Task.FromException(clock._fault);
                }

                if (_state == 1)
                {
                    return Task.CompletedTask;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    _state = 2;
                    return Task.FromCanceled(cancellationToken);
                }

                ObjectDisposedException.ThrowIf(clock._disposed, clock);
                // Synchronous continuations: the dispatcher resumes the parked actor inline (Complete). Completions
                // from anywhere else go through the thread pool (CompleteLater), so no waiter runs on a waker's stack.
                waiter = new TaskCompletionSource();
                _waiter = waiter;
                _cancellationToken = cancellationToken;
            }

            // Wire cancellation up before parking: once parked, the clock may move at once, and a timer that
            // cancels this wait must find the registration in place.
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(static s => ((VirtualSignal)s!).Cancel(), this);
            }

            bool completedMeanwhile;
            lock (clock._gate)
            {
                // Park only if still pending: a Set or a cancellation in the meantime completed the wait directly.
                completedMeanwhile = _state != 0;
                var actor = clock._current.Value;
                if (!completedMeanwhile && actor is not null && clock._actors.Contains(actor))
                {
                    clock.Park(actor, reason);
                    actor.Waiting = this;
                    _actor = actor;
                }
            }

            if (completedMeanwhile)
            {
                _registration.Dispose();
            }

            return waiter.Task;
        }

        /// <summary>Runs on the dispatch thread when the parked actor is woken by <see cref="Set"/>.</summary>
        public void Complete()
        {
            Detach();
            _waiter!.TrySetResult();
        }

        /// <summary>Runs on the dispatch thread when the parked actor is woken by cancellation.</summary>
        public void CompleteCanceled()
        {
            Detach();
            _waiter!.TrySetCanceled(_cancellationToken);
        }

        /// <summary>Fails the wait because the clock stalled. Called under the clock's gate.</summary>
        public void Fail(Exception fault)
        {
            if (_waiter is { } waiter)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Waiter.TrySetException(s.Fault), (Waiter: waiter, Fault: fault), preferLocal: false);
            }
        }

        private void Detach()
        {
            lock (clock._gate)
            {
                if (_actor is not null && _actor.Waiting == this)
                {
                    _actor.Waiting = null;
                }
            }

            _registration.Dispose();
        }

        private void Cancel()
        {
            TaskCompletionSource? cancelNow = null;
            lock (clock._gate)
            {
                if (_state != 0 || _waiter is null)
                {
                    return;
                }

                _state = 2;
                if (_actor is not null)
                {
                    clock.Enqueue(new Wake(_actor, this, WakeKind.Cancel));
                }
                else
                {
                    cancelNow = _waiter;
                }
            }

            if (cancelNow is not null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Waiter.TrySetCanceled(s.Token), (Waiter: cancelNow, Token: _cancellationToken), preferLocal: false);
            }
        }
    }
}
