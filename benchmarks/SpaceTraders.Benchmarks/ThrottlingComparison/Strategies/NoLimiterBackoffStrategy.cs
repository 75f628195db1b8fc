using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>no-limiter-backoff</c>, where most bots start: send everything at once; on a 429, sleep an exponential
/// backoff with jitter (1 s doubled per attempt plus up to 1 s of jitter, at most 25 s) and send again.
/// </summary>
public sealed class NoLimiterBackoffStrategy : IThrottlingStrategy
{
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly Random _jitter;
    private readonly object _jitterGate = new();
    private readonly List<HttpMessageHandler> _handlers = [];

    /// <summary>Initializes a new instance of the <see cref="NoLimiterBackoffStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The backoff's numbers and the jitter's seed.</param>
    public NoLimiterBackoffStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
        _jitter = new Random(settings.Seed);
    }

    /// <inheritdoc />
    public string Name => "no-limiter-backoff";

    /// <inheritdoc />
    public SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport)
    {
        var handler = new BackoffHandler(this, transport);
        _handlers.Add(handler);
        return BaselineHandler.PassThroughOptions(token, _clock, handler);
    }

    /// <inheritdoc />
    public ValueTask AcquireReleaseAsync(RequestPriority priority, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    private TimeSpan Backoff(int failedAttempts)
    {
        double jitter;
        lock (_jitterGate)
        {
            jitter = _jitter.NextDouble();
        }

        var exponential = _settings.BackoffBase.TotalSeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(_settings.BackoffCap.TotalSeconds, exponential + jitter));
    }

    private sealed class BackoffHandler(NoLimiterBackoffStrategy strategy, HttpMessageHandler transport) : BaselineHandler(transport)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await SendToTransportAsync(request, cancellationToken).ConfigureAwait(false);
                if (attempt >= strategy._settings.MaxAttempts || !IsGameRateLimited(response))
                {
                    return response;
                }

                response.Dispose();
                await strategy._clock.DelayAsync(strategy.Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
