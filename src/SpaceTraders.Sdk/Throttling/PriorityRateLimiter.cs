using System.Threading.RateLimiting;

namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// Paces requests exactly as the SpaceTraders server counts them, serving Critical requests first.
/// (Work in progress: this placeholder grants every permit at once.)
/// </summary>
public sealed class PriorityRateLimiter : PartitionedRateLimiter<PermitRequest>
{
    private static readonly RateLimitLease Granted = new GrantedLease();

    /// <summary>Initializes a new instance of the <see cref="PriorityRateLimiter"/> class.</summary>
    /// <param name="options">How to model the server's limit; the live server's defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public PriorityRateLimiter(ThrottlingOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = (options ?? new ThrottlingOptions()).Clone();
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets a copy of the options the limiter was created with.</summary>
    public ThrottlingOptions Options { get; }

    /// <summary>Gets the clock the limiter runs on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(PermitRequest resource) => new();

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(PermitRequest resource, int permitCount) => Granted;

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(PermitRequest resource, int permitCount, CancellationToken cancellationToken)
        => ValueTask.FromResult(Granted);

    private sealed class GrantedLease : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
