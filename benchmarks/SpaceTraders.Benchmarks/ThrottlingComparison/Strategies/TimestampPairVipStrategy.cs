using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>timestamp-pair-vip</c>: the "pair of timestamps" pacer. Time is cut into slots 1/3 s apart; every third
/// slot is reserved for VIP requests (the cooldown-starting ones: <see cref="RequestPriority.Critical"/>). Under
/// one lock it keeps the next free normal slot and the next free VIP slot: a normal request takes the next
/// normal slot, a VIP request the earlier of the next VIP slot and the next normal slot. So normal traffic gets
/// at most 2 requests/s and VIPs never queue behind it; together they may send 3/s, above the server's 2.5/s
/// average, and a 429 simply takes a new slot.
/// </summary>
public sealed class TimestampPairVipStrategy : IThrottlingStrategy, ISlotSource
{
    private const int SlotsPerCycle = 3;
    private const int VipPosition = SlotsPerCycle - 1;

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly long _origin;
    private readonly List<HttpMessageHandler> _handlers = [];
    private long _nextNormal;
    private long _nextVip = VipPosition;

    /// <summary>Initializes a new instance of the <see cref="TimestampPairVipStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on; slot 0 is its time now.</param>
    /// <param name="settings">The slot spacing.</param>
    public TimestampPairVipStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
        _origin = clock.GetUtcNow().UtcTicks;
    }

    /// <inheritdoc />
    public string Name => "timestamp-pair-vip";

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
        // A spacing of zero (the overhead benchmark) keeps all the bookkeeping; every slot is then "now".
        var spacing = _settings.VipSlotSpacing.Ticks;
        long wait;
        lock (_gate)
        {
            var now = _clock.GetUtcNow().UtcTicks;
            var first = spacing <= 0 ? _nextNormal : Math.Max(0, (now - _origin + spacing - 1) / spacing); // the first slot at or after now
            var normal = Math.Max(first, _nextNormal);
            if (normal % SlotsPerCycle == VipPosition)
            {
                normal++;
            }

            long slot;
            if (priority == RequestPriority.Critical)
            {
                var vip = Math.Max(first, _nextVip);
                vip += (VipPosition - (vip % SlotsPerCycle) + SlotsPerCycle) % SlotsPerCycle;
                if (vip < normal)
                {
                    slot = vip;
                    _nextVip = vip + SlotsPerCycle;
                }
                else
                {
                    slot = normal;
                    _nextNormal = normal + 1;
                }
            }
            else
            {
                slot = normal;
                _nextNormal = normal + 1;
            }

            wait = _origin + (slot * spacing) - now;
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
