using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
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
