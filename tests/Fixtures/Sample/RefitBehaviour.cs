using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>
/// Spends capital once: flies to the nearest shipyard, buys the cheapest ship on sale there, then takes a mount off and
/// puts it back (two shipyard fees). A fixture for the runner's capital accounting, which must keep all of it out of
/// operating earnings.
/// </summary>
public sealed class RefitBehaviour : IBehaviour
{
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var ship = context.Ship;
        var system = ship.Current.Nav?.SystemSymbol ?? throw new InvalidOperationException("The ship's nav is unknown.");
        var here = ship.Current.Nav.Route.Destination;
        var yards = (await client.Systems.GetSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Shipyard], cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        var yard = yards.OrderBy(w => Math.Pow(w.X - here.X, 2) + Math.Pow(w.Y - here.Y, 2)).ThenBy(w => w.Symbol, StringComparer.Ordinal).First();
        await ShipMoves.GoToAsync(context, yard.Symbol, cancellationToken).ConfigureAwait(false);
        await ShipMoves.DockAsync(context, cancellationToken).ConfigureAwait(false);

        var listing = await client.Systems.GetShipyardAsync(yard.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        var cheapest = listing.Ships!.OrderBy(s => s.PurchasePrice).First();
        context.ReportActivity($"buying a {cheapest.Type} at {yard.Symbol}");
        await client.Fleet.PurchaseShipAsync(cheapest.Type, yard.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);

        var mount = ship.Current.Mounts!.First().Symbol;
        context.ReportActivity($"refitting {mount}");
        await client.Fleet.RemoveMountAsync(ship.Symbol, mount, cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.Fleet.InstallMountAsync(ship.Symbol, mount, cancellationToken: cancellationToken).ConfigureAwait(false);
        return BehaviourResult.Completed;
    }
}
