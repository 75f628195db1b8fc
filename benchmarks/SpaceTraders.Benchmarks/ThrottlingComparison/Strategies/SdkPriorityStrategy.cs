using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>sdk-priority</c>: the SDK's own pipeline, unchanged: a <see cref="PriorityRateLimiter"/> (the server's
/// two pools per account and per IP, strict priority, a 429 resynchronises and requeues at the front) in the
/// SDK's handler, with the SDK's default retry options.
/// </summary>
public sealed class SdkPriorityStrategy : IThrottlingStrategy
{
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly PriorityRateLimiter _limiter;

    /// <summary>Initializes a new instance of the <see cref="SdkPriorityStrategy"/> class.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="settings">The limiter's options (<see cref="StrategySettings.SdkThrottling"/>).</param>
    public SdkPriorityStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
        _limiter = new PriorityRateLimiter(settings.SdkThrottling, clock);
    }

    /// <inheritdoc />
    public string Name => "sdk-priority";

    /// <summary>Gets the limiter every client of this strategy shares (one IP).</summary>
    public PriorityRateLimiter Limiter => _limiter;

    /// <inheritdoc />
    public SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport) => new()
    {
        Token = token,
        TimeProvider = _clock,
        Transport = transport,
        Throttling = _settings.SdkThrottling.Clone(),
        RateLimiter = _limiter,
    };

    /// <inheritdoc />
    public async ValueTask AcquireReleaseAsync(RequestPriority priority, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(new PermitRequest(priority, "agent-1"), 1, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
