using System.Reflection;
using System.Threading.RateLimiting;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>token-bucket</c>: .NET's <see cref="TokenBucketRateLimiter"/> configured for 2 requests/s (1 token per
/// 500 ms) with a bucket of 30, first come first served. A 429 takes a new token.
/// </summary>
/// <remarks>
/// <para>
/// The bucket's accounting is .NET's own; two things are adapted so it runs in virtual time. Replenishment:
/// the limiter's automatic replenishment is a real <c>System.Threading.Timer</c>, and its manual
/// <see cref="ReplenishingRateLimiter.TryReplenish"/> measures elapsed time with the real stopwatch. So a timer
/// of the run's clock fires every period and calls the limiter's private <c>ReplenishInternal(long)</c> (the
/// seam .NET's own tests use) with a timestamp exactly one period after its last replenishment: one period's
/// tokens per period of the run's clock. Queueing: the limiter's queue completes plain tasks, which a virtual
/// clock cannot see, so the limiter runs with no queue (<c>QueueLimit = 0</c>, <c>AttemptAcquire</c> only) and
/// waiters queue here, first in first out, parked on clock signals that the replenishment sets.
/// </para>
/// </remarks>
public sealed class TokenBucketStrategy : IThrottlingStrategy, ISlotSource
{
    private static readonly MethodInfo ReplenishInternal =
        typeof(TokenBucketRateLimiter).GetMethod("ReplenishInternal", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(long)])
        ?? throw new MissingMethodException(nameof(TokenBucketRateLimiter), "ReplenishInternal(long)");

    private static readonly FieldInfo LastReplenishment =
        typeof(TokenBucketRateLimiter).GetField("_lastReplenishmentTick", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException(nameof(TokenBucketRateLimiter), "_lastReplenishmentTick");

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly TokenBucketRateLimiter _bucket;
    private readonly long _periodInStopwatchTicks;
    private readonly ITimer _replenishTimer;
    private readonly LinkedList<IClockSignal> _waiters = new();
    private readonly List<HttpMessageHandler> _handlers = [];

    /// <summary>Initializes a new instance of the <see cref="TokenBucketStrategy"/> class.</summary>
    /// <param name="clock">The clock that replenishes the bucket and every wait parks on.</param>
    /// <param name="settings">The bucket's size and rate.</param>
    public TokenBucketStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.TokenPeriod,
            QueueLimit = 0,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        });

        // One period in the limiter's stopwatch units, and one unit more, so rounding never adds a hair under one token.
        var frequency = TimeProvider.System.TimestampFrequency;
        _periodInStopwatchTicks = (long)Math.Ceiling(settings.TokenPeriod.Ticks * (double)frequency / TimeSpan.TicksPerSecond) + 1;
        _replenishTimer = clock.CreateTimer(static state => ((TokenBucketStrategy)state!).Replenish(), this, settings.TokenPeriod, settings.TokenPeriod);
    }

    /// <inheritdoc />
    public string Name => "token-bucket";

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
        LinkedListNode<IClockSignal> node;
        lock (_gate)
        {
            if (_waiters.Count == 0)
            {
                using var lease = _bucket.AttemptAcquire(1);
                if (lease.IsAcquired)
                {
                    return ValueTask.CompletedTask;
                }
            }

            node = _waiters.AddLast(_clock.CreateSignal("token bucket"));
        }

        return new ValueTask(WaitAsync(node, cancellationToken));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _replenishTimer.Dispose();
        _bucket.Dispose();
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }

    private async Task WaitAsync(LinkedListNode<IClockSignal> node, CancellationToken cancellationToken)
    {
        try
        {
            await node.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }

            throw;
        }
    }

    /// <summary>Adds one period's tokens and lets waiters through in order while tokens last.</summary>
    private void Replenish()
    {
        lock (_gate)
        {
            var last = (long)LastReplenishment.GetValue(_bucket)!;
            ReplenishInternal.Invoke(_bucket, [last + _periodInStopwatchTicks]);
            while (_waiters.First is { } first)
            {
                using var lease = _bucket.AttemptAcquire(1);
                if (!lease.IsAcquired)
                {
                    break;
                }

                _waiters.RemoveFirst();
                first.Value.Set();
            }
        }
    }
}
