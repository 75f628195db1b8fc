using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// One way of living under the SpaceTraders rate limit, as a client pipeline. The game logic always uses a
/// <see cref="SpaceTradersClient"/>; only what sits between the client and the transport differs.
/// </summary>
public interface IThrottlingStrategy : IDisposable
{
    /// <summary>Gets the strategy's name in the results (<c>no-limiter-backoff</c>, ..., <c>sdk-priority</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Starts what the strategy runs on its own (the priority-queue consumer) as actors of the clock. Call it
    /// from inside an actor; it returns once they are started. The default does nothing.
    /// </summary>
    /// <param name="cancellationToken">Stops them.</param>
    void Start(CancellationToken cancellationToken)
    {
    }

    /// <summary>Creates the options of a client that plays <paramref name="token"/> through this strategy.</summary>
    /// <param name="token">The agent token.</param>
    /// <param name="transport">The innermost handler (the simulator's in-process transport).</param>
    /// <returns>Options to build the client from; observers may still be added.</returns>
    SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport);

    /// <summary>
    /// Waits for one request slot and gives it back: the throttling step alone, without a request (the
    /// wall-clock overhead benchmark, where the strategy is built with room to spare).
    /// </summary>
    /// <param name="priority">The slot's priority.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the slot was taken and released.</returns>
    ValueTask AcquireReleaseAsync(RequestPriority priority, CancellationToken cancellationToken);
}
