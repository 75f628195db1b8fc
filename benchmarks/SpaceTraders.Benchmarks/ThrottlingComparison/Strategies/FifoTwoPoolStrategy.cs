using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>fifo-two-pools</c>: a client-side model of the server's two pools (a static pool of 2 points refilled 1 s after
/// its first use, then a burst pool of 30 refilled 60 s after its first use) with no priorities: requests go first
/// come first served, each at the first instant the modelled pools have a point. It sends as much as the server
/// accepts, like the SDK's limiter, so against it the difference is the value of priority alone. A 429 (none is
/// expected: the model is the server's own accounting, with no latency in between) takes a new slot at the back.
/// </summary>
/// <remarks>
/// FIFO order makes the model simple: every request, in arrival order, is given the earliest instant at or after both
/// now and the previous request's slot at which a point is free, and the pools are run forward to that instant.
/// </remarks>
public sealed class FifoTwoPoolStrategy : IThrottlingStrategy, ISlotSource
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly List<HttpMessageHandler> _handlers = [];
    private readonly long _staticWindow;
    private readonly long _burstWindow;
    private long _lastSlot = long.MinValue;
    private int _static;
    private long _staticRefillAt = long.MaxValue;
    private int _burst;
    private long _burstRefillAt = long.MaxValue;

    /// <summary>Initializes a new instance of the <see cref="FifoTwoPoolStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The pools (<see cref="StrategySettings.SdkThrottling"/>: the same numbers as the SDK's limiter).</param>
    public FifoTwoPoolStrategy(TimeProvider clock, StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clock = clock;
        _settings = settings;
        _static = settings.SdkThrottling.StaticPoolSize;
        _burst = settings.SdkThrottling.BurstPoolSize;
        _staticWindow = settings.SdkThrottling.StaticPoolWindow.Ticks;
        _burstWindow = settings.SdkThrottling.BurstPoolWindow.Ticks;
    }

    /// <inheritdoc />
    public string Name => "fifo-two-pools";

    /// <inheritdoc />
    public SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport)
    {
        var handler = new SlotPacedHandler(this, _settings.MaxAttempts, transport);
        _handlers.Add(handler);
        return BaselineHandler.PassThroughOptions(token, _clock, handler);
    }

    /// <inheritdoc />
    public ValueTask AcquireReleaseAsync(RequestPriority priority, CancellationToken cancellationToken)
        => WaitForSlotAsync(priority, cancellationToken);

    /// <inheritdoc />
    public ValueTask WaitForSlotAsync(RequestPriority priority, CancellationToken cancellationToken)
    {
        long wait;
        lock (_gate)
        {
            var now = _clock.GetUtcNow().UtcTicks;
            var slot = Math.Max(now, _lastSlot);
            Refill(slot);
            if (_static == 0 && _burst == 0)
            {
                slot = Math.Min(_staticRefillAt, _burstRefillAt);
                Refill(slot);
            }

            Take(slot);
            _lastSlot = slot;
            wait = slot - now;
        }

        return wait > 0 ? new ValueTask(_clock.DelayAsync(TimeSpan.FromTicks(wait), cancellationToken)) : ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }

    private void Refill(long at)
    {
        if (at >= _staticRefillAt)
        {
            _static = _settings.SdkThrottling.StaticPoolSize;
            _staticRefillAt = long.MaxValue;
        }

        if (at >= _burstRefillAt)
        {
            _burst = _settings.SdkThrottling.BurstPoolSize;
            _burstRefillAt = long.MaxValue;
        }
    }

    /// <summary>Takes a point, static first; the first use of a full pool starts its window (as the server counts).</summary>
    private void Take(long at)
    {
        if (_static > 0)
        {
            if (_static == _settings.SdkThrottling.StaticPoolSize)
            {
                _staticRefillAt = at + _staticWindow;
            }

            _static--;
        }
        else
        {
            if (_burst == _settings.SdkThrottling.BurstPoolSize)
            {
                _burstRefillAt = at + _burstWindow;
            }

            _burst--;
        }
    }
}
