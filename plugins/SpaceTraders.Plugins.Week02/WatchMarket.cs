using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week02;

/// <summary>
/// <c>watch-market@week02</c>: park at a market and keep its prices (and the shipyard's, when the waypoint has one) in the
/// caches, one read per market every <c>interval</c>. A probe parked at a shipyard also lets the conductor buy ships there.
/// </summary>
internal sealed class WatchMarket : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "watch-market";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Park at a market and refresh its prices (and the shipyard's) at a steady interval.",
        [
            new("market", ParameterType.String, "The market to watch; the ship's waypoint if it is a market, else the nearest market.", string.Empty),
            new("interval", ParameterType.Duration, "Time between two reads.", "00:15:00"),
            new("shipyard", ParameterType.Boolean, "Also refresh the shipyard's prices when the market's waypoint has one.", "true"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var nav = pilot.Ship.Current.Nav!;
        var waypoints = await context.World.GetWaypointsAsync(nav.SystemSymbol, cancellationToken).ConfigureAwait(false);
        var market = context.Parameters.GetString("market", string.Empty);
        if (market.Length == 0)
        {
            var here = WaypointPosition.From(nav.Route.Destination);
            market = waypoints
                .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace))
                .OrderBy(w => FlightRules.Distance(here.X, here.Y, w.X, w.Y))
                .ThenBy(w => w.Symbol, StringComparer.Ordinal)
                .FirstOrDefault()?.Symbol ?? string.Empty;
        }

        if (market.Length == 0)
        {
            return BehaviourResult.Idle($"No market is known in {nav.SystemSymbol}.");
        }

        var interval = context.Parameters.GetDuration("interval", TimeSpan.FromMinutes(15));
        var withShipyard = context.Parameters.GetBoolean("shipyard", true)
            && waypoints.Any(w => w.Symbol == market && w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard));
        try
        {
            context.ReportActivity($"flying to {market}");
            await pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        while (true)
        {
            await context.Client.Systems.GetMarketAsync(market, priority: EndpointPriorities.GetMarket, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (withShipyard)
            {
                context.World.Record(await context.Client.Systems.GetShipyardAsync(market, priority: EndpointPriorities.GetShipyard, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            context.ReportActivity($"watching {market}");
            await context.Clock.DelayAsync(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
