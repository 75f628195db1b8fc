using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>fixed-pacer</c>: one slot every 500 ms (2 requests/s), first come first served; a request waits for the
/// next free slot. A 429 takes a new slot.
/// </summary>
public sealed class FixedPacerStrategy : IThrottlingStrategy, ISlotSource
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly List<HttpMessageHandler> _handlers = [];
    private long _nextSlotTicks = long.MinValue;

    /// <summary>Initializes a new instance of the <see cref="FixedPacerStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The slot interval.</param>
    public FixedPacerStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
    }

    /// <inheritdoc />
    public string Name => "fixed-pacer";

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
            var slot = Math.Max(now, _nextSlotTicks);
            _nextSlotTicks = slot + _settings.PacerInterval.Ticks;
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
}
