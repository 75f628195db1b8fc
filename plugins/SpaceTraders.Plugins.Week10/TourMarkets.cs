using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// <c>tour-markets@week10</c>: keep the market cache's prices fresh for the trade routes. The ship flies to the market
/// whose prices are stalest (never priced first, then the nearest of equally stale), reads it once, and goes on; when
/// every market is fresher than <c>refreshAfter</c> it waits on the clock until the stalest is due, without a request.
/// </summary>
/// <remarks>
/// One market read per visit, at <see cref="RequestPriority.Background"/>, so the traders' requests go first when the
/// rate limit is the bottleneck. Meant for probes (no fuel to buy); ends <see cref="BehaviourOutcome.Idle"/> when the
/// system has no market.
/// </remarks>
internal sealed class TourMarkets : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "tour-markets";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Visit the market with the stalest prices, read it, repeat; wait when every market is fresh enough.",
        [
            new("refreshAfter", ParameterType.Duration, "How old a market's prices get before it is visited again.", "00:30:00"),
            new("visits", ParameterType.Integer, "Market visits before completing; 0 runs until cancelled.", "0"),
        ]);

    /// <summary>Faults in a row (without a visit between) the tour recovers from before its session fails.</summary>
    internal const int MaxFaultsInARow = 3;

    /// <summary>How long the tour waits after a fault before reading its ship again.</summary>
    internal static readonly TimeSpan FaultPause = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst });
        if (context.Ship.Current.Nav is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        var markets = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).ToList();
        if (markets.Count == 0)
        {
            return BehaviourResult.Idle($"No market is known in {system}.");
        }

        var refreshAfter = context.Parameters.GetDuration("refreshAfter", TimeSpan.FromMinutes(30));
        var visits = context.Parameters.GetInt32("visits", 0);
        var faults = 0;
        try
        {
            for (var visit = 0; visits == 0 || visit < visits;)
            {
                try
                {
                    var (next, age) = Stalest(context, pilot, markets);
                    if (age < refreshAfter)
                    {
                        context.ReportActivity($"every market is fresh; next due {next.Symbol}");
                        await context.Clock.DelayAsync(refreshAfter - age, cancellationToken).ConfigureAwait(false);
                    }

                    context.ReportActivity($"flying to {next.Symbol}");
                    await pilot.NavigateAsync(next.Symbol, cancellationToken).ConfigureAwait(false);
                    await context.Client.Systems.GetMarketAsync(next.Symbol, EndpointPriorities.GetMarket, cancellationToken).ConfigureAwait(false);
                    visit++;
                    faults = 0;
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested && CallFaults.IsFault(error) && ++faults <= MaxFaultsInARow)
                {
                    // A fault the client's retries did not outlast: read the ship again after a pause and carry on.
                    context.ReportActivity($"recovering from a fault ({faults} of {MaxFaultsInARow}): {error.GetType().Name}");
                    await context.Clock.DelayAsync(FaultPause, cancellationToken).ConfigureAwait(false);
                    await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>The market with the stalest prices (never priced counts as infinitely stale), the nearest of equals.</summary>
    private static (Waypoint Market, TimeSpan Age) Stalest(IBehaviourContext context, ShipPilot pilot, List<Waypoint> markets)
    {
        var now = context.Clock.GetUtcNow();
        var here = pilot.Ship.Current.Nav!.Route.Destination;
        return markets
            .Select(m => (Market: m, Age: context.Markets.TryGet(m.Symbol, out var seen) && seen.PriceAge(now) is { } age ? age : TimeSpan.MaxValue))
            .OrderByDescending(m => m.Age)
            .ThenBy(m => FlightRules.Distance(here.X, here.Y, m.Market.X, m.Market.Y))
            .ThenBy(m => m.Market.Symbol, StringComparer.Ordinal)
            .First();
    }
}
