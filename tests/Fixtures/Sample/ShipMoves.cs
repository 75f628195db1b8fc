using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>Small moves the sample behaviours share: fly somewhere in the system, wait out a cooldown.</summary>
internal static class ShipMoves
{
    public static async Task GoToAsync(IBehaviourContext context, string waypoint, CancellationToken cancellationToken)
    {
        var ship = context.Ship;
        if (ship.IsInTransit)
        {
            await context.Clock.DelayAsync(ship.TimeToArrival, cancellationToken).ConfigureAwait(false);
        }

        if (ship.WaypointSymbol == waypoint)
        {
            return;
        }

        if (ship.Status == ShipNavStatus.Docked)
        {
            await context.Client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        context.ReportActivity("flying to " + waypoint);
        var flight = await context.Client.Fleet.NavigateShipAsync(ship.Symbol, waypoint, cancellationToken: cancellationToken).ConfigureAwait(false);
        await context.Clock.DelayUntilAsync(flight.Nav.Route.Arrival, cancellationToken).ConfigureAwait(false);
    }

    public static async Task DockAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        if (context.Ship.Status != ShipNavStatus.Docked)
        {
            await context.Client.Fleet.DockShipAsync(context.Ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task OrbitAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        if (context.Ship.Status == ShipNavStatus.Docked)
        {
            await context.Client.Fleet.OrbitShipAsync(context.Ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
