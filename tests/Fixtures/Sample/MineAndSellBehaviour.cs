using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>Mines at the engineered asteroid until the hold is full, sells what a market buys, refuels; <c>trips</c> times.</summary>
public sealed class MineAndSellBehaviour : IBehaviour
{
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var ship = context.Ship;
        var system = ship.Current.Nav?.SystemSymbol ?? throw new InvalidOperationException("The ship's nav is unknown.");
        var asteroid = (await client.Systems.GetSystemWaypointsAsync(system, type: WaypointType.EngineeredAsteroid, cancellationToken: cancellationToken).ConfigureAwait(false)).Items[0].Symbol;
        var trips = context.Parameters.GetInt32("trips", 1);
        for (var trip = 0; trip < trips; trip++)
        {
            await ShipMoves.GoToAsync(context, asteroid, cancellationToken).ConfigureAwait(false);
            await ShipMoves.OrbitAsync(context, cancellationToken).ConfigureAwait(false);
            while (ship.CargoFree > 0)
            {
                await context.Clock.DelayAsync(ship.CooldownRemaining, cancellationToken).ConfigureAwait(false);
                context.ReportActivity($"extracting at {asteroid} ({ship.Current.Cargo?.Units}/{ship.Current.Cargo?.Capacity})");
                await client.Fleet.ExtractResourcesAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var goods = ship.Current.Cargo!.Inventory.Select(i => i.Symbol).ToHashSet();
            string? marketSymbol = null;
            await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Marketplace], priority: Sdk.Throttling.RequestPriority.Normal, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var listing = await client.Systems.GetMarketAsync(system, waypoint.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (listing.Imports.Concat(listing.Exchange).Any(g => goods.Contains(g.Symbol)))
                {
                    marketSymbol = waypoint.Symbol;
                    break;
                }
            }

            if (marketSymbol is null)
            {
                return BehaviourResult.Idle("no market buys " + string.Join(", ", goods));
            }

            await ShipMoves.GoToAsync(context, marketSymbol, cancellationToken).ConfigureAwait(false);
            await ShipMoves.DockAsync(context, cancellationToken).ConfigureAwait(false);
            var market = await client.Systems.GetMarketAsync(system, marketSymbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            var buys = market.TradeGoods!.Where(g => g.Type != MarketTradeGoodType.Export).ToDictionary(g => g.Symbol);
            foreach (var item in ship.Current.Cargo!.Inventory.ToList())
            {
                if (!buys.TryGetValue(item.Symbol, out var good))
                {
                    continue;
                }

                for (var left = item.Units; left > 0; left -= good.TradeVolume)
                {
                    context.ReportActivity($"selling {item.Symbol} at {marketSymbol}");
                    await client.Fleet.SellCargoAsync(ship.Symbol, item.Symbol, Math.Min(left, good.TradeVolume), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }

            if (ship.Current.Fuel is { } fuel && fuel.Current < fuel.Capacity && market.TradeGoods!.Any(g => g.Symbol == TradeSymbol.Fuel))
            {
                context.ReportActivity("refuelling at " + marketSymbol);
                await client.Fleet.RefuelShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            // Anything no market here buys goes overboard, so the next trip starts with an empty hold.
            foreach (var item in ship.Current.Cargo!.Inventory.ToList())
            {
                await client.Fleet.JettisonCargoAsync(ship.Symbol, item.Symbol, item.Units, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        return BehaviourResult.Completed;
    }
}
