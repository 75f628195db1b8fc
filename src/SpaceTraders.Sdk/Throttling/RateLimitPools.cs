namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// The server's accounting for one scope (one IP address or one account): a static pool that refills a
/// fixed time after its first use, and a burst pool used only when the static pool is empty, refilling a
/// longer time after its first use. All times are UTC ticks on the limiter's clock. Not thread-safe: the
/// limiter guards it.
/// </summary>
internal sealed class RateLimitPools(int staticSize, long staticWindowTicks, int burstSize, long burstWindowTicks)
{
    /// <summary>How far apart, before a refill, the kept burst points are released to lower priorities: half a second, the static pool's pace.</summary>
    private static readonly long KeptPointSpacingTicks = TimeSpan.FromMilliseconds(500).Ticks;

    private int _staticUsed;
    private long _staticRefillAt = long.MinValue;
    private int _burstUsed;
    private long _burstRefillAt = long.MinValue;

    /// <summary>Gets the points the scope can spend at <paramref name="now"/>.</summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <returns>Static plus burst points available.</returns>
    public int Available(long now)
    {
        Refill(now);
        return (staticSize - _staticUsed) + (burstSize - _burstUsed);
    }

    /// <summary>Gets a value indicating whether one point can be spent at <paramref name="now"/>.</summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <returns><see langword="true"/> when a static or burst point is free.</returns>
    public bool CanTake(long now)
    {
        Refill(now);
        return _staticUsed < staticSize || _burstUsed < burstSize;
    }

    /// <summary>
    /// Gets a value indicating whether a request that must leave points for Critical requests may take one at
    /// <paramref name="now"/>. The point it would take is the one the server would count: static first, then burst.
    /// A burst point, or the last static point of a window, may be taken only while the burst pool holds more than the
    /// points kept for Critical requests: <paramref name="reserve"/>, but near the burst pool's refill only one for
    /// every half second left before the release (see <see cref="KeptBurst"/>). So while Critical requests come in,
    /// one static point a window stays theirs and they spend burst points only on clumps, and the kept points go to
    /// lower priorities one at a time before the refill rather than all at once. Either kind may always be taken from
    /// an untouched pool (taking it starts the pool's window), and a kept static point in the last
    /// <paramref name="releaseLead"/> before the static pool refills, when it would otherwise go unused.
    /// </summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <param name="reserve">The burst points to leave.</param>
    /// <param name="releaseLead">How long before a pool refills its kept points are released, in ticks.</param>
    /// <returns><see langword="true"/> when the request may take a point.</returns>
    public bool CanTakeLeaving(long now, int reserve, long releaseLead)
    {
        Refill(now);
        var staticLeft = staticSize - _staticUsed;
        var burstLeft = burstSize - _burstUsed;
        reserve = KeptBurst(now, reserve, releaseLead);
        if (staticLeft > 0)
        {
            return staticLeft > 1 || burstLeft > reserve || _staticUsed == 0 || now >= _staticRefillAt - releaseLead;
        }

        return burstLeft > 0 && (burstLeft > reserve || _burstUsed == 0);
    }

    /// <summary>
    /// The burst points still worth keeping for Critical requests at <paramref name="now"/>: the reserve, but no more
    /// than one for every <see cref="KeptPointSpacingTicks"/> left before the kept points are released (the last
    /// <paramref name="releaseLead"/> before the pool refills). Near the refill a large reserve could not be used by
    /// Critical requests anyway, so it is handed to lower priorities a point at a time instead of all at once at the
    /// last moment, when fewer of them may be waiting than there are points.
    /// </summary>
    private int KeptBurst(long now, int reserve, long releaseLead)
    {
        if (_burstUsed == 0 || reserve <= 0)
        {
            return reserve;
        }

        var releaseAt = _burstRefillAt - releaseLead;
        return now >= releaseAt ? 0 : (int)Math.Min(reserve, ((releaseAt - now) + KeptPointSpacingTicks - 1) / KeptPointSpacingTicks);
    }

    /// <summary>Gets the earliest time at or after <paramref name="now"/> at which <see cref="CanTakeLeaving"/> may turn true, if nothing else is taken.</summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <param name="reserve">The burst points to leave.</param>
    /// <param name="releaseLead">How long before a pool refills its kept points are released, in ticks.</param>
    /// <returns>A time in UTC ticks: now, or a release or refill of either pool.</returns>
    public long NextTakeLeavingAt(long now, int reserve, long releaseLead)
    {
        if (CanTakeLeaving(now, reserve, releaseLead))
        {
            return now;
        }

        // Blocked: the static pool has been used (it refills, or its kept point is released) and so, unless it is
        // empty, has the burst pool (it refills, or its kept points are released).
        var staticKept = _staticUsed < staticSize;
        var next = staticKept ? Math.Max(now + 1, _staticRefillAt - releaseLead) : _staticRefillAt;
        if (_burstUsed > 0)
        {
            // Kept burst points (and with them a kept static point) are released one per spacing before the refill.
            var burstLeft = burstSize - _burstUsed;
            var released = burstLeft > 0 ? Math.Max(now + 1, _burstRefillAt - releaseLead - ((burstLeft - 1) * KeptPointSpacingTicks)) : _burstRefillAt;
            next = Math.Min(next, released);
        }

        return next;
    }

    /// <summary>Spends one point: from the static pool if it has one, else from the burst pool.</summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <param name="margin">Extra ticks added to a window that starts now.</param>
    public void Take(long now, long margin)
    {
        Refill(now);
        if (_staticUsed < staticSize)
        {
            if (_staticUsed == 0)
            {
                _staticRefillAt = now + staticWindowTicks + margin;
            }

            _staticUsed++;
            return;
        }

        if (_burstUsed < burstSize)
        {
            if (_burstUsed == 0)
            {
                _burstRefillAt = now + burstWindowTicks + margin;
            }

            _burstUsed++;
            return;
        }

        throw new InvalidOperationException("No rate-limit point is available in this scope.");
    }

    /// <summary>Gets the earliest time after <paramref name="now"/> at which a point becomes free, when none is free now.</summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <returns>The refill time in UTC ticks, or <paramref name="now"/> when a point is already free.</returns>
    public long NextPointAt(long now)
    {
        if (CanTake(now))
        {
            return now;
        }

        return Math.Min(_staticRefillAt, _burstRefillAt);
    }

    /// <summary>
    /// Applies what the server said: both pools are empty until <paramref name="resetAt"/> (a 429 from the
    /// game's limiter). Never brings a refill earlier than the local model has it.
    /// </summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <param name="resetAt">When the server says the limit resets, in UTC ticks.</param>
    public void Exhaust(long now, long resetAt)
    {
        Refill(now);
        var refillAt = Math.Max(resetAt, now + 1);
        _staticRefillAt = _staticUsed > 0 ? Math.Max(_staticRefillAt, refillAt) : refillAt;
        _staticUsed = staticSize;
        _burstRefillAt = _burstUsed > 0 ? Math.Max(_burstRefillAt, refillAt) : refillAt;
        _burstUsed = burstSize;
    }

    /// <summary>
    /// Applies a <c>x-ratelimit-remaining</c>/<c>x-ratelimit-reset</c> pair seen on a response: never
    /// believes the server has more points than the local model, so traffic from elsewhere on the same IP
    /// or account is accounted for.
    /// </summary>
    /// <param name="now">The current time in UTC ticks.</param>
    /// <param name="remaining">The burst points the server says are left.</param>
    /// <param name="resetAt">When the server says the burst pool refills, in UTC ticks.</param>
    public void Correct(long now, int remaining, long resetAt)
    {
        Refill(now);
        var burstLeft = burstSize - _burstUsed;
        if (remaining < burstLeft)
        {
            _burstUsed = burstSize - Math.Max(0, remaining);
            if (resetAt > now)
            {
                _burstRefillAt = Math.Max(_burstRefillAt, resetAt);
            }
        }
    }

    private void Refill(long now)
    {
        if (_staticUsed > 0 && now >= _staticRefillAt)
        {
            _staticUsed = 0;
            _staticRefillAt = long.MinValue;
        }

        if (_burstUsed > 0 && now >= _burstRefillAt)
        {
            _burstUsed = 0;
            _burstRefillAt = long.MinValue;
        }
    }
}
