using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// Background load: every interval, refresh one market or one waypoint of the system (alternately, round robin),
/// at <see cref="RequestPriority.Background"/>, as a bot's scanner keeps its map and prices current.
/// </summary>
/// <param name="context">The run.</param>
/// <param name="index">The refresher's number (staggers the refreshers and their order).</param>
/// <param name="count">How many refreshers there are.</param>
/// <param name="interval">How often it refreshes.</param>
public sealed class BackgroundRefresher(RunContext context, int index, int count, TimeSpan interval)
{
    /// <summary>Refreshes until the run ends.</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that ends with the run.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var world = context.World;
        var systems = context.Client.Systems;
        await context.Clock.DelayAsync(interval * index / count, cancellationToken).ConfigureAwait(false);
        for (var turn = index; ; turn++)
        {
            await context.Clock.DelayAsync(interval, cancellationToken).ConfigureAwait(false);
            try
            {
                if (turn % 2 == 0)
                {
                    var market = world.Marketplaces[(turn / 2) % world.Marketplaces.Count];
                    await systems.GetMarketAsync(world.System, market, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var waypoint = world.Waypoints[(turn / 2) % world.Waypoints.Count];
                    await systems.GetWaypointAsync(world.System, waypoint, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SpaceTradersApiException) when (!cancellationToken.IsCancellationRequested)
            {
                // A strategy gave up on the request (a 429 after its last attempt): the next turn tries again.
            }
        }
    }
}
