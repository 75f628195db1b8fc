using System.Threading.RateLimiting;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// Paces requests exactly as the SpaceTraders server counts them and decides who goes next by priority.
/// </summary>
/// <remarks>
/// <para>
/// <b>Accounting.</b> The limiter models the server (FACTS.md §3): every scope has a static pool
/// (<see cref="ThrottlingOptions.StaticPoolSize"/> points, refilled <see cref="ThrottlingOptions.StaticPoolWindow"/>
/// after its first use) and a burst pool used only when the static pool is empty
/// (<see cref="ThrottlingOptions.BurstPoolSize"/> points, refilled <see cref="ThrottlingOptions.BurstPoolWindow"/>
/// after its first use). There is one IP scope per limiter, shared by every account that uses it, and one
/// scope per account (<see cref="PermitRequest.Account"/>). A request is let through only when both its
/// account scope and the IP scope have a point, and it spends one from each. So a limiter shared by all the
/// agents on one machine never sends more than the server accepts, with no sleeps and no guessing.
/// </para>
/// <para>
/// <b>Order.</b> Waiting requests are served strictly by <see cref="RequestPriority"/>, first in first out
/// within a priority. A request put back after a 429 (<see cref="PermitRequest.Requeued"/>) goes to the front
/// of its priority. A waiter whose own account is out of points is skipped, so it never blocks other accounts
/// while the IP scope still has points. Lower priorities are never starved forever: once a Normal or
/// Background request has waited <see cref="ThrottlingOptions.StarvationLimit"/>, at least one slot in four
/// goes to the oldest such request, a Background request counting as three starvation limits younger than it is
/// (so under a lasting Normal backlog the guaranteed slots go to Normal work first, and Background work still gets
/// its turn). Its wait is therefore bounded by four starvation limits plus four slots for every overdue request
/// ahead of it.
/// </para>
/// <para>
/// <b>Critical reserve.</b> While Critical requests are coming in (one was let through in the last minute: a
/// fleet's sales come a few seconds to tens of seconds apart, and a shorter window let a Normal backlog take the whole
/// burst pool in every gap),
/// Normal and Background requests may not take the last <see cref="ThrottlingOptions.CriticalReserve"/> burst points,
/// nor, while the burst pool is down to those, the last static point of a window. The reserve is capped by the Critical
/// requests let through in about the last minute (a decaying count), since the burst pool refills once a minute:
/// a fleet sending a few Critical requests a minute keeps a few points, one sending 30 or more keeps them all.
/// So a Critical request that arrives while a backlog of lower priorities drains the pools still goes at once
/// instead of waiting for the next refill. Kept burst points that no Critical request claims are released to the
/// lower priorities one every half second before the burst pool refills (the last one the safety margin plus 100 ms
/// before), a kept static point 100 ms before its window ends, and an untouched pool may always be started, so the
/// reserve costs no throughput. Overdue waiters ignore it while Critical requests wait.
/// </para>
/// <para>
/// <b>Waits.</b> Waiting goes through <see cref="ClockWaits"/>, so under a virtual clock a queued request
/// parks its actor and time moves straight to the next refill. Cancelling a wait removes the waiter and
/// spends nothing. The queue is bounded by <see cref="ThrottlingOptions.QueueLimit"/>; past it an acquire
/// fails at once (the HTTP handler turns that into a <see cref="RequestQueueFullException"/>).
/// </para>
/// <para>
/// <b>Corrections.</b> <see cref="OnRateLimited"/> applies a 429 from the game's limiter (both pools of the
/// named scope are empty until the reset) and <see cref="OnRateLimitHeaders"/> applies <c>x-ratelimit-*</c>
/// headers seen on any response, never believing the server has more points than the local model. A 429 also
/// widens the safety margin added to every refill, up to <see cref="ThrottlingOptions.MaxSafetyMargin"/>, which
/// narrows back after quiet periods: latency jitter larger than the configured margin costs a few 429s, not one
/// every few thousand requests for the whole run.
/// </para>
/// <para>
/// <b>Bad gateway.</b> <see cref="OnBadGateway"/> counts 502 answers from the DDoS layer and <see cref="OnAnswered"/>
/// ends their streak; <see cref="ThrottlingOptions.BadGatewayStreak"/> in a row pause every scope for
/// <see cref="ThrottlingOptions.BadGatewayPause"/> (<see cref="PausedUntil"/>): nothing is let through meanwhile,
/// waiters keep their order. 502s that arrive during a pause (requests sent before it) do not extend it. A client with
/// pacing off (<see cref="ThrottlingOptions.Enabled"/>) takes no slots but still reports its answers here and waits
/// out a pause before each attempt: the DDoS layer does not care how the client paces.
/// </para>
/// </remarks>
public sealed class PriorityRateLimiter : PartitionedRateLimiter<PermitRequest>
{
    private const int OverdueShareInterval = 4;
    private const int BackgroundOverdueHandicap = 3;
    private static readonly long OverdueYieldTicks = TimeSpan.FromSeconds(2).Ticks;
    private static readonly long ReserveActiveTicks = TimeSpan.FromSeconds(60).Ticks;
    private static readonly long RecentCriticalTicks = TimeSpan.FromMinutes(1).Ticks;
    private static readonly long ReleaseLeadTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private static readonly RateLimitLease Granted = new Lease(true, null, null);

    /// <summary>"Long ago": far enough in the past to switch the reserve off, near enough that differences cannot overflow.</summary>
    private static readonly long NeverTicks = long.MinValue / 2;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly RateLimitPools? _ip;
    private readonly Dictionary<string, RateLimitPools> _accounts = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter>[] _queues = [new(), new(), new()];
    private readonly long _baseMargin;
    private readonly long _maxMargin;
    private readonly long _relaxAfter;
    private readonly long _starvationTicks;
    private readonly int _reserve;
    private long _margin;
    private long _widenedAt = NeverTicks;
    private long _quietSince = NeverTicks;
    private long _widenings;
    private readonly ITimer _refillTimer;
    private long _refillTimerDue = long.MaxValue;
    private int _queued;
    private int _grantsSinceOverdue;
    private long _lastCriticalGrant = NeverTicks;
    private double _recentCritical;
    private long _recentCriticalAt = NeverTicks;
    private long _criticalWaitingSince = long.MaxValue;
    private long _successfulLeases;
    private long _failedLeases;
    private long _pausedUntil = NeverTicks;
    private int _badGatewayStreak;
    private long _badGatewayPauses;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PriorityRateLimiter"/> class.</summary>
    /// <param name="options">How to model the server's limit; the live server's defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public PriorityRateLimiter(ThrottlingOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = (options ?? new ThrottlingOptions()).Clone();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.StaticPoolSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(Options.BurstPoolSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.StaticPoolSize + Options.BurstPoolSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(Options.QueueLimit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(Options.BadGatewayStreak, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.BadGatewayPause, TimeSpan.Zero, nameof(options));
        _baseMargin = Math.Max(0, Options.SafetyMargin.Ticks);
        _maxMargin = _baseMargin == 0 ? 0 : Math.Max(_baseMargin, Options.MaxSafetyMargin.Ticks);
        _relaxAfter = Math.Max(1, Options.SafetyMarginRelaxAfter.Ticks);
        _time = timeProvider ?? TimeProvider.System;
        _margin = Math.Clamp(Options.InitialSafetyMargin.Ticks, _baseMargin, _maxMargin);
        _quietSince = Now();
        _starvationTicks = Math.Max(0, Options.StarvationLimit.Ticks);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.CriticalReserve, nameof(options));
        _reserve = Options.CriticalReserve;
        _ip = Options.LimitPerIp ? NewPools() : null;
        _refillTimer = _time.CreateTimer(static s => ((PriorityRateLimiter)s!).OnRefillTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets a copy of the options the limiter was created with.</summary>
    public ThrottlingOptions Options { get; }

    /// <summary>Gets the clock the limiter runs on.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>
    /// Gets the safety margin the limiter adds to every refill now: <see cref="ThrottlingOptions.SafetyMargin"/>, or
    /// more after 429s it did not expect, up to <see cref="ThrottlingOptions.MaxSafetyMargin"/>.
    /// </summary>
    public TimeSpan CurrentSafetyMargin
    {
        get
        {
            lock (_gate)
            {
                Relax(Now());
                return TimeSpan.FromTicks(_margin);
            }
        }
    }

    /// <summary>Gets how many times 429s have widened the safety margin (see <see cref="ThrottlingOptions.MaxSafetyMargin"/>).</summary>
    public long SafetyMarginWidenings => Interlocked.Read(ref _widenings);

    /// <summary>Gets how many times a streak of 502 answers has paused all sending (see <see cref="ThrottlingOptions.BadGatewayStreak"/>).</summary>
    public long BadGatewayPauses => Interlocked.Read(ref _badGatewayPauses);

    /// <summary>Gets when the pause after a streak of 502 answers ends, or <see langword="null"/> when sending is not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return Now() < _pausedUntil ? new DateTimeOffset(_pausedUntil, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>Gets the number of requests waiting, all priorities together.</summary>
    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queued;
            }
        }
    }

    /// <summary>Gets the number of requests waiting with the given priority.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The queue length of that priority.</returns>
    public int GetQueueLength(RequestPriority priority)
    {
        lock (_gate)
        {
            return _queues[Index(priority)].Count;
        }
    }

    /// <summary>
    /// Applies a 429 from the game's rate limiter: the named scope has no points until <paramref name="reset"/>.
    /// Waiting requests resume at the reset, in order.
    /// </summary>
    /// <param name="account">The account the rejected request counted against.</param>
    /// <param name="scope">Which limit the server said was hit (<c>x-ratelimit-type</c> or <c>data.type</c>); both when unknown.</param>
    /// <param name="reset">When the server said the limit resets.</param>
    public void OnRateLimited(string? account, RateLimitScope scope, DateTimeOffset reset)
    {
        lock (_gate)
        {
            var now = Now();
            Widen(now);
            var resetTicks = reset.UtcTicks + _margin;
            if (scope != RateLimitScope.Account && _ip is not null)
            {
                _ip.Exhaust(now, resetTicks);
            }

            if (scope != RateLimitScope.IpAddress && Options.LimitPerAccount && account is not null)
            {
                AccountPools(account).Exhaust(now, resetTicks);
            }

            ServeLocked(now);
        }
    }

    /// <summary>
    /// Applies <c>x-ratelimit-remaining</c> and <c>x-ratelimit-reset</c> seen on a response. The limiter never
    /// takes the server to have more points than it counts itself, so requests sent from elsewhere on the same
    /// IP or account are accounted for.
    /// </summary>
    /// <param name="account">The account the request counted against.</param>
    /// <param name="scope">The <c>x-ratelimit-type</c>; both scopes when unknown.</param>
    /// <param name="remaining">The burst points the server says are left.</param>
    /// <param name="reset">When the server says its burst pool refills.</param>
    public void OnRateLimitHeaders(string? account, RateLimitScope scope, int remaining, DateTimeOffset reset)
    {
        lock (_gate)
        {
            var now = Now();
            var resetTicks = reset.UtcTicks + _margin;
            if (scope != RateLimitScope.Account && _ip is not null)
            {
                _ip.Correct(now, remaining, resetTicks);
            }

            if (scope != RateLimitScope.IpAddress && Options.LimitPerAccount && account is not null)
            {
                AccountPools(account).Correct(now, remaining, resetTicks);
            }

            ServeLocked(now);
        }
    }

    /// <summary>
    /// Applies a 502 answer (the DDoS layer in front of the game). The <see cref="ThrottlingOptions.BadGatewayStreak"/>-th
    /// in a row, with no other answer between (see <see cref="OnAnswered"/>), pauses all sending for
    /// <see cref="ThrottlingOptions.BadGatewayPause"/>; a 502 that arrives during a pause is not counted.
    /// </summary>
    /// <returns><see langword="true"/> when this answer started a pause (report it once); otherwise <see langword="false"/>.</returns>
    public bool OnBadGateway()
    {
        lock (_gate)
        {
            var now = Now();
            if (Options.BadGatewayStreak <= 0 || now < _pausedUntil)
            {
                return false;
            }

            if (Interlocked.Increment(ref _badGatewayStreak) < Options.BadGatewayStreak)
            {
                return false;
            }

            Interlocked.Exchange(ref _badGatewayStreak, 0);
            _pausedUntil = now + Math.Max(0, Options.BadGatewayPause.Ticks);
            Interlocked.Increment(ref _badGatewayPauses);
            ServeLocked(now);
            return true;
        }
    }

    /// <summary>Applies any answer but a 502 (a success, a game error, a 429): the way to the game is open, so a streak of 502s ends.</summary>
    public void OnAnswered()
    {
        if (Volatile.Read(ref _badGatewayStreak) != 0)
        {
            Interlocked.Exchange(ref _badGatewayStreak, 0);
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(PermitRequest resource)
    {
        lock (_gate)
        {
            var now = Now();
            var available = int.MaxValue;
            if (_ip is not null)
            {
                available = _ip.Available(now);
            }

            if (Options.LimitPerAccount && resource.Account is not null)
            {
                available = Math.Min(available, AccountPools(resource.Account).Available(now));
            }

            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = available == int.MaxValue ? Options.StaticPoolSize + Options.BurstPoolSize : available,
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
                TotalFailedLeases = Interlocked.Read(ref _failedLeases),
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(PermitRequest resource, int permitCount)
    {
        CheckPermitCount(permitCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            var canTake = _queued == 0 && CanTake(resource, now, overdue: false);
            if (permitCount == 0)
            {
                return canTake ? Granted : Failed(resource.Account, now, "No point is free.");
            }

            if (!canTake)
            {
                var reason = now < _pausedUntil ? "Sending is paused after a streak of 502 answers."
                    : _queued > 0 ? "Other requests are waiting."
                    : CanTake(resource, now, overdue: true) ? "The last points are kept for Critical requests."
                    : "No point is free.";
                return Failed(resource.Account, now, reason);
            }

            Take(resource.Account, now);
            CountGrant(resource.Priority, now);
            return Granted;
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(PermitRequest resource, int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            if (_queued == 0 && CanTake(resource, now, overdue: false))
            {
                if (permitCount > 0)
                {
                    Take(resource.Account, now);
                }

                CountGrant(resource.Priority, now);
                return ValueTask.FromResult(Granted);
            }

            if (_queued >= Options.QueueLimit)
            {
                return ValueTask.FromResult(Failed(resource.Account, now, $"The queue is full ({Options.QueueLimit} requests are waiting)."));
            }

            waiter = new Waiter(resource, permitCount, now, _time.CreateSignal("rate limiter (" + resource.Priority + ")"));
            var queue = _queues[Index(resource.Priority)];
            if (resource.Priority == RequestPriority.Critical && queue.Count == 0)
            {
                _criticalWaitingSince = now;
            }

            waiter.Node = resource.Requeued ? queue.AddFirst(waiter) : queue.AddLast(waiter);
            _queued++;
            ServeLocked(now);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var queue in _queues)
            {
                foreach (var waiter in queue)
                {
                    waiter.Disposed = true;
                    waiter.Signal.Set();
                }

                queue.Clear();
            }

            _queued = 0;
        }

        _refillTimer.Dispose();
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    private static int Index(RequestPriority priority) => priority switch
    {
        RequestPriority.Critical => 0,
        RequestPriority.Normal => 1,
        _ => 2,
    };

    private static void CheckPermitCount(int permitCount)
    {
        if (permitCount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Every SpaceTraders request costs exactly one point: ask for 1 permit (or 0 to check).");
        }
    }

    private async ValueTask<RateLimitLease> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Remove(waiter);
                ServeLocked(Now());
            }

            throw;
        }

        ObjectDisposedException.ThrowIf(waiter.Disposed, this);
        return Granted;
    }

    private long Now() => _time.GetUtcNow().UtcTicks;

    /// <summary>How long before a pool refills its kept points are released: the margin in use plus 100 ms.</summary>
    private long ReleaseLead => _margin + ReleaseLeadTicks;

    private RateLimitPools NewPools() => new(
        Options.StaticPoolSize,
        Options.StaticPoolWindow.Ticks,
        Options.BurstPoolSize,
        Options.BurstPoolWindow.Ticks);

    private RateLimitPools AccountPools(string account)
    {
        if (!_accounts.TryGetValue(account, out var pools))
        {
            pools = NewPools();
            _accounts.Add(account, pools);
        }

        return pools;
    }

    /// <summary>Whether the request may take a point now: the IP and account scopes have one, and it is not kept for Critical requests.</summary>
    private bool CanTake(PermitRequest request, long now, bool overdue)
        => now >= _pausedUntil
           && (_ip is null || _ip.CanTake(now)) && AccountCanTake(request, now, overdue) && (!Keeps(request, now, overdue) || _ip is null || _ip.CanTakeLeaving(now, ReserveNow(now), ReleaseLead));

    private bool AccountCanTake(PermitRequest request, long now, bool overdue)
    {
        if (!Options.LimitPerAccount || request.Account is null)
        {
            return true;
        }

        var pools = AccountPools(request.Account);
        return Keeps(request, now, overdue) ? pools.CanTakeLeaving(now, ReserveNow(now), ReleaseLead) : pools.CanTake(now);
    }

    /// <summary>
    /// Whether the Critical reserve applies to the request: a lower priority while Critical requests come in, unless it is
    /// overdue while Critical requests wait (the reserve is moot then, and the starvation guarantee must hold).
    /// </summary>
    private bool Keeps(PermitRequest request, long now, bool overdue)
        => request.Priority != RequestPriority.Critical && ReserveActive(now) && !(overdue && _queues[0].Count > 0);

    private bool ReserveActive(long now) => _reserve > 0 && now - _lastCriticalGrant < ReserveActiveTicks;

    /// <summary>
    /// The burst points kept for Critical requests now: the configured reserve, but no more than the Critical requests
    /// let through in about the last minute (a count that decays with a one-minute time constant). The burst pool refills
    /// once a minute, so keeping more than the next minute's likely Critical requests would only make lower priorities
    /// wait for points nobody claims: with a few Critical requests a minute, a Normal request waits only when the pools
    /// are nearly empty; with a Critical stream of 30 or more a minute, the whole reserve applies.
    /// </summary>
    private int ReserveNow(long now)
        => (int)Math.Min(_reserve, Math.Ceiling(DecayedCritical(now) - 1e-9));

    private double DecayedCritical(long now)
        => now <= _recentCriticalAt ? _recentCritical : _recentCritical * Math.Exp(-(now - _recentCriticalAt) / (double)RecentCriticalTicks);

    private void CountGrant(RequestPriority priority, long now)
    {
        _successfulLeases++;
        if (priority == RequestPriority.Critical)
        {
            _recentCritical = DecayedCritical(now) + 1;
            _recentCriticalAt = Math.Max(now, _recentCriticalAt);
            _lastCriticalGrant = now;
        }
    }

    /// <summary>
    /// A 429 came: requests reached the server closer together than the margin allows for. Widens the margin (once per
    /// static window, however many requests in flight met the same limit) and restarts the quiet period.
    /// </summary>
    private void Widen(long now)
    {
        _quietSince = now;
        if (_margin >= _maxMargin || now - _widenedAt < Options.StaticPoolWindow.Ticks)
        {
            return;
        }

        _margin = Math.Min(_maxMargin, Math.Max(_margin * 2, _baseMargin + ((_maxMargin - _baseMargin) / 4)));
        _widenedAt = now;
        Interlocked.Increment(ref _widenings);
    }

    /// <summary>Narrows a widened margin halfway back to the configured one after every quiet period without a 429.</summary>
    private void Relax(long now)
    {
        while (_margin > _baseMargin && now - _quietSince >= _relaxAfter)
        {
            var excess = (_margin - _baseMargin) / 2;
            _margin = excess < TimeSpan.TicksPerMillisecond ? _baseMargin : _baseMargin + excess;
                _quietSince += _relaxAfter;
        }
    }

    private void Take(string? account, long now)
    {
        Relax(now);
        _ip?.Take(now, _margin);
        if (Options.LimitPerAccount && account is not null)
        {
            AccountPools(account).Take(now, _margin);
        }
    }

    private RateLimitLease Failed(string? account, long now, string reason)
    {
        _failedLeases++;
        var next = NextPointAt(account, now);
        return new Lease(false, next > now ? TimeSpan.FromTicks(next - now) : TimeSpan.Zero, reason);
    }

    private long NextPointAt(string? account, long now)
    {
        var next = Math.Max(now, _pausedUntil);
        if (_ip is not null)
        {
            next = Math.Max(next, _ip.NextPointAt(now));
        }

        if (Options.LimitPerAccount && account is not null)
        {
            next = Math.Max(next, AccountPools(account).NextPointAt(now));
        }

        return next;
    }

    /// <summary>The earliest time a waiter could go, if nothing else is taken meanwhile.</summary>
    private long NextChanceAt(Waiter waiter, long now)
    {
        var next = NextPointAt(waiter.Request.Account, now);
        if (!Keeps(waiter.Request, now, IsOverdue(waiter, now)))
        {
            return next;
        }

        var reserve = ReserveNow(now);
        var released = _ip?.NextTakeLeavingAt(now, reserve, ReleaseLead) ?? now;
        if (Options.LimitPerAccount && waiter.Request.Account is not null)
        {
            released = Math.Max(released, AccountPools(waiter.Request.Account).NextTakeLeavingAt(now, reserve, ReleaseLead));
        }

        // The reserve also ends when Critical requests stop coming.
        return Math.Max(next, Math.Min(released, _lastCriticalGrant + ReserveActiveTicks));
    }

    private void OnRefillTimer()
    {
        lock (_gate)
        {
            _refillTimerDue = long.MaxValue;
            if (!_disposed)
            {
                ServeLocked(Now());
            }
        }
    }

    /// <summary>Lets through every waiter that can go now, in order, then arms the timer for the next refill.</summary>
    private void ServeLocked(long now)
    {
        while (_queued > 0 && now >= _pausedUntil && (_ip is null || _ip.CanTake(now)))
        {
            var waiter = NextWaiter(now);
            if (waiter is null)
            {
                break;
            }

            Remove(waiter);
            if (!waiter.Signal.Set())
            {
                continue; // Its wait was cancelled: it spends nothing.
            }

            if (waiter.PermitCount > 0)
            {
                Take(waiter.Request.Account, now);
            }

            CountGrant(waiter.Request.Priority, now);
            _grantsSinceOverdue++;
        }

        ArmTimer(now);
    }

    private Waiter? NextWaiter(long now)
    {
        // An overdue waiter's turn waits for a passing Critical backlog (a handful of requests that arrived together),
        // but not for Critical traffic that keeps the queue busy: then it takes its slot as before.
        if (_grantsSinceOverdue >= OverdueShareInterval - 1 && (_queues[0].Count == 0 || now - _criticalWaitingSince >= OverdueYieldTicks))
        {
            var overdue = OldestOverdue(now);
            if (overdue is not null)
            {
                _grantsSinceOverdue = -1;
                return overdue;
            }
        }

        foreach (var queue in _queues)
        {
            for (var node = queue.First; node is not null; node = node.Next)
            {
                if (CanTake(node.Value.Request, now, IsOverdue(node.Value, now)))
                {
                    return node.Value;
                }
            }
        }

        return null;
    }

    private bool IsOverdue(Waiter waiter, long now) => waiter.Request.Priority != RequestPriority.Critical && now - waiter.EnqueuedAt >= _starvationTicks;

    private Waiter? OldestOverdue(long now)
    {
        Waiter? oldest = null;
        for (var i = 1; i < _queues.Length; i++)
        {
            for (var node = _queues[i].First; node is not null; node = node.Next)
            {
                var waiter = node.Value;
                if (now - waiter.EnqueuedAt < _starvationTicks)
                {
                    continue;
                }

                if ((oldest is null || OverdueRank(waiter) < OverdueRank(oldest)) && AccountCanTake(waiter.Request, now, overdue: true))
                {
                    oldest = waiter;
                }
            }
        }

        return oldest;
    }

    /// <summary>
    /// The order overdue waiters take their turn in: by when they queued, a Background request counted as having queued
    /// <see cref="BackgroundOverdueHandicap"/> starvation limits later than it did.
    /// </summary>
    private long OverdueRank(Waiter waiter)
        => waiter.Request.Priority == RequestPriority.Background ? waiter.EnqueuedAt + (BackgroundOverdueHandicap * Math.Min(_starvationTicks, long.MaxValue / 8)) : waiter.EnqueuedAt;

    private void Remove(Waiter waiter)
    {
        if (waiter.Node?.List is { } list)
        {
            list.Remove(waiter.Node);
            _queued--;
            if (list.Count == 0 && ReferenceEquals(list, _queues[0]))
            {
                _criticalWaitingSince = long.MaxValue;
            }
        }
    }

    private void ArmTimer(long now)
    {
        if (_queued == 0 || _disposed)
        {
            return;
        }

        // The earliest moment any blocked waiter could go: when the IP scope or a waiter's account refills, or when
        // points kept for Critical requests are released to it.
        var next = long.MaxValue;
        if (now < _pausedUntil)
        {
            next = _pausedUntil;
        }
        else if (_ip is not null && !_ip.CanTake(now))
        {
            next = _ip.NextPointAt(now);
        }
        else
        {
            foreach (var queue in _queues)
            {
                foreach (var waiter in queue)
                {
                    next = Math.Min(next, NextChanceAt(waiter, now));
                }
            }
        }

        if (next == long.MaxValue || (next >= _refillTimerDue && _refillTimerDue > now))
        {
            return;
        }

        // Never arm for "now": a waiter that could go now was already served above.
        _refillTimerDue = Math.Max(next, now + 1);
        _refillTimer.Change(TimeSpan.FromTicks(_refillTimerDue - now), Timeout.InfiniteTimeSpan);
    }

    private sealed class Waiter(PermitRequest request, int permitCount, long enqueuedAt, IClockSignal signal)
    {
        public PermitRequest Request { get; } = request;

        public int PermitCount { get; } = permitCount;

        public long EnqueuedAt { get; } = enqueuedAt;

        public IClockSignal Signal { get; } = signal;

        public LinkedListNode<Waiter>? Node { get; set; }

        public bool Disposed { get; set; }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter, string? reason) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames
        {
            get
            {
                if (retryAfter is not null)
                {
                    yield return MetadataName.RetryAfter.Name;
                }

                if (reason is not null)
                {
                    yield return MetadataName.ReasonPhrase.Name;
                }
            }
        }

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter.Value;
                return true;
            }

            if (reason is not null && metadataName == MetadataName.ReasonPhrase.Name)
            {
                metadata = reason;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
