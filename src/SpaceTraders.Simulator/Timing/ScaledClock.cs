namespace SpaceTraders.Simulator.Timing;

/// <summary>
/// Real time sped up (or slowed down) by a constant factor: with a scale of 20, one real second is twenty
/// game seconds, timers fire twenty times sooner, and the rate limits are twenty times as generous in real
/// time. Client and server must share the same instance so that cooldowns and limits agree.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly double _scale;
    private readonly long _realStart;
    private readonly DateTimeOffset _start;

    /// <summary>Initializes a new instance of the <see cref="ScaledClock"/> class.</summary>
    /// <param name="scale">Game seconds per real second; must be positive.</param>
    /// <param name="start">The game time at construction; the real time now when <see langword="null"/>.</param>
    /// <param name="real">The real clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public ScaledClock(double scale, DateTimeOffset? start = null, TimeProvider? real = null)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a positive, finite number.");
        }

        _real = real ?? System;
        _scale = scale;
        _realStart = _real.GetTimestamp();
        _start = start ?? _real.GetUtcNow();
    }

    /// <summary>Gets the number of game seconds per real second.</summary>
    public double Scale => _scale;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => _real.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + (_real.GetElapsedTime(_realStart) * _scale);

    /// <inheritdoc />
    public override long GetTimestamp() => (long)((_real.GetTimestamp() - _realStart) * _scale);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new ScaledTimer(this, _real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)));

    private TimeSpan ToReal(TimeSpan gameTime)
        => gameTime == Timeout.InfiniteTimeSpan || gameTime <= TimeSpan.Zero ? gameTime : gameTime / _scale;

    private sealed class ScaledTimer(ScaledClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
