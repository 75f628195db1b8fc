using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Tests.Support;

/// <summary>Small steps a scenario script takes through the real conductor context.</summary>
internal static class Scenario
{
    /// <summary>Gets the agent's command ship.</summary>
    public static TrackedShip CommandShip(IConductorContext context) =>
        context.Agent.Ships.First(s => s.Current.Registration?.Role == ShipRole.Command);

    /// <summary>Gets the agent's first probe.</summary>
    public static TrackedShip Probe(IConductorContext context) =>
        context.Agent.Ships.First(s => s.Current.Registration?.Role == ShipRole.Satellite);

    /// <summary>Flies the command ship to the nearest shipyard of its system that sells the type, and buys ships there.</summary>
    /// <returns>The shipyard.</returns>
    public static async Task<string> BuyAsync(IConductorContext context, string shipType, int count, CancellationToken cancellationToken)
    {
        var ship = CommandShip(context);
        var waypoints = await context.World.GetWaypointsAsync(ship.Current.Nav!.SystemSymbol, cancellationToken);
        string? yard = null;
        foreach (var candidate in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)).Select(w => w.Symbol).Order(StringComparer.Ordinal))
        {
            var listing = await context.World.GetShipyardAsync(candidate, cancellationToken);
            if (listing.ShipTypes.Any(t => t.Type.Value == shipType))
            {
                yard = candidate;
                break;
            }
        }

        if (yard is null)
        {
            throw new InvalidOperationException($"No shipyard of the system sells {shipType}.");
        }

        await new ShipPilot(context.Client, ship.Symbol).NavigateAsync(yard, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await context.Client.Fleet.PurchaseShipAsync(new ShipType(shipType), yard, cancellationToken: cancellationToken);
        }

        return yard;
    }

    /// <summary>Waits until the ship's session ends (the ship is back with the conductor) or the timeout passes.</summary>
    /// <returns>The ship as the runtime sees it at that moment.</returns>
    public static async Task<FleetShip> WaitUntilEndedAsync(IConductorContext context, string ship, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = context.Clock.GetUtcNow() + timeout;
        while (true)
        {
            var seen = context.Ships.First(s => s.Symbol == ship);
            var left = until - context.Clock.GetUtcNow();
            if (seen.State is FleetShipState.Waiting or FleetShipState.Unassigned || left <= TimeSpan.Zero)
            {
                return seen;
            }

            await context.WaitForFleetChangeAsync(left, cancellationToken);
        }
    }
}
