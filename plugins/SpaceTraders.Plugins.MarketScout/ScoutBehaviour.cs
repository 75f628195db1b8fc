using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.MarketScout;

/// <summary>
/// Flies one scout's market tour for ever. The tour is the ship's assignment in the conductor's
/// <see cref="ScoutPlan"/> on the fleet board; without a plan on the board, the ship scouts every market of its
/// system alone. Each lap starts with the stalest markets (<see cref="StaleFirst"/>); each visit is one flight (the
/// pilot waits for arrival on the clock) and exactly one market read. A new plan is picked up after the current
/// visit. A scout the plan leaves without markets waits for the board to change, and a lap whose stalest market is
/// younger than <c>minimumRevisit</c> waits until it is not (woken early by a re-plan); it never polls.
/// </summary>
internal sealed partial class ScoutBehaviour : IBehaviour
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var costs = ScoutParameters.Costs(context.Parameters, context.Agent.Rules);
        var minimumRevisit = context.Parameters.GetDuration(ScoutParameters.MinimumRevisit, TimeSpan.FromMinutes(5));
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Engine is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<WaypointPosition>? ownTour = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<WaypointPosition> stops;
            int? planVersion = null;
            if (context.Board.TryRead<ScoutPlan>(ScoutPlan.BoardKey, out var plan))
            {
                planVersion = plan.Version;
                if (!plan.Assignments.TryGetValue(context.Ship.Symbol, out var assignment) || assignment.Stops.Count == 0)
                {
                    context.ReportActivity("no markets to scout in plan " + plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await context.Board.WaitForChangeAsync(ScoutPlan.BoardPrefix, IdleWait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                stops = assignment.Stops;
            }
            else
            {
                ownTour ??= await OwnTourAsync(context, costs, cancellationToken).ConfigureAwait(false);
                if (ownTour.Count == 0)
                {
                    return BehaviourResult.Idle($"no market is known in {context.Ship.Current.Nav!.SystemSymbol}");
                }

                stops = ownTour;
            }

            // A tour shorter than the minimum revisit (one market, or orbitals of one planet) waits rather than re-reading at once.
            var stalest = stops.Max(m => AgeSeconds(context, m.Symbol) ?? StaleFirst.NeverReadSeconds);
            if (stalest < minimumRevisit.TotalSeconds)
            {
                context.ReportActivity("waiting until its markets are worth a visit");
                await context.Board.WaitForChangeAsync(ScoutPlan.BoardPrefix, minimumRevisit - TimeSpan.FromSeconds(stalest), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var lap = StaleFirst.Lap(Here(context), stops, m => AgeSeconds(context, m.Symbol), costs, context.Ship.Current.Engine!.Speed);
            for (var i = 0; i < lap.Count; i++)
            {
                if (StalePlan(context, planVersion))
                {
                    break;
                }

                var market = lap[i];
                context.ReportActivity($"scouting {market.Symbol} ({i + 1}/{lap.Count})");
                await pilot.TravelToAsync(market.Symbol, cancellationToken).ConfigureAwait(false);
                await context.Client.Systems.GetMarketAsync(market.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogVisited(context.Logger, context.Ship.Symbol, market.Symbol);
            }
        }
    }

    /// <summary>True when the plan on the board is not the one this lap was planned from.</summary>
    private static bool StalePlan(IBehaviourContext context, int? planVersion) =>
        context.Board.TryRead<ScoutPlan>(ScoutPlan.BoardKey, out var now) ? now.Version != planVersion : planVersion is not null;

    /// <summary>Where the ship is, or will be when its flight ends.</summary>
    private static WaypointPosition Here(IBehaviourContext context) => WaypointPosition.From(context.Ship.Current.Nav!.Route.Destination);

    private static double? AgeSeconds(IBehaviourContext context, string market) =>
        context.Markets.TryGet(market, out var snapshot) && snapshot.PricesObservedAt is { } seen
            ? (context.Clock.GetUtcNow() - seen).TotalSeconds
            : null;

    /// <summary>A tour over every market of the ship's system, for a scout running without the conductor.</summary>
    private static async Task<IReadOnlyList<WaypointPosition>> OwnTourAsync(IBehaviourContext context, TourCosts costs, CancellationToken cancellationToken)
    {
        var system = context.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        var markets = waypoints
            .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace))
            .Select(WaypointPosition.From)
            .ToList();
        var scout = new ScoutShip(context.Ship.Symbol, Here(context), context.Ship.Current.Engine!.Speed);
        return TourOrdering.Build(scout, markets, costs).Stops;
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "{Ship} read the market at {Market}")]
    private static partial void LogVisited(ILogger logger, string ship, string market);
}
