namespace SpaceTraders.Simulator.RateLimiting;

/// <summary>
/// One scope's pools (one account or one IP). Not thread-safe: <see cref="ServerRateLimiter"/> guards it.
/// Times are UTC ticks of the simulation clock.
/// </summary>
internal sealed class RatePools(RateLimitSettings settings)
{
    private int _static = settings.StaticPoints;
    private long _staticRefillAt = long.MaxValue;
    private int _burst = settings.BurstPoints;
    private long _burstRefillAt = long.MaxValue;

    /// <summary>Gets the burst points left (after <see cref="Refill"/>).</summary>
    public int BurstRemaining => _burst;

    /// <summary>Gets the static points left (after <see cref="Refill"/>).</summary>
    public int StaticRemaining => _static;

    /// <summary>Gets when the burst pool refills, or <see langword="null"/> when it is untouched.</summary>
    public long? BurstRefillAt => _burstRefillAt == long.MaxValue ? null : _burstRefillAt;

    /// <summary>Gets a value indicating whether a point is free (after <see cref="Refill"/>).</summary>
    public bool HasPoint => _static > 0 || _burst > 0;

    /// <summary>Gets the earliest time a point frees up (when none is free).</summary>
    public long NextPointAt => Math.Min(_staticRefillAt, _burstRefillAt);

    /// <summary>Refills the pools whose window has passed.</summary>
    /// <param name="now">Now, in UTC ticks.</param>
    public void Refill(long now)
    {
        if (now >= _staticRefillAt)
        {
            _static = settings.StaticPoints;
            _staticRefillAt = long.MaxValue;
        }

        if (now >= _burstRefillAt)
        {
            _burst = settings.BurstPoints;
            _burstRefillAt = long.MaxValue;
        }
    }

    /// <summary>Takes one point, static first; the first use of a full pool starts its window. Call only when <see cref="HasPoint"/>.</summary>
    /// <param name="now">Now, in UTC ticks.</param>
    public void Take(long now)
    {
        if (_static > 0)
        {
            if (_static == settings.StaticPoints)
            {
                _staticRefillAt = now + settings.StaticWindow.Ticks;
            }

            _static--;
        }
        else
        {
            if (_burst == settings.BurstPoints)
            {
                _burstRefillAt = now + settings.BurstWindow.Ticks;
            }

            _burst--;
        }
    }

    /// <summary>Gets a value indicating whether both pools are full and untouched (the scope can be forgotten).</summary>
    public bool IsIdle => _staticRefillAt == long.MaxValue && _burstRefillAt == long.MaxValue;
}
