using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>Visits up to <c>markets</c> markets of the system, nearest first by symbol order, and reads each with the ship present.</summary>
public sealed class ScoutMarketsBehaviour : IBehaviour
{
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var ship = context.Ship;
        var system = ship.Current.Nav?.SystemSymbol ?? throw new InvalidOperationException("The ship's nav is unknown.");
        var wanted = context.Parameters.GetInt32("markets", 3);
        var markets = new List<string>();
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Marketplace], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            markets.Add(waypoint.Symbol);
        }

        foreach (var market in markets.Order(StringComparer.Ordinal).Take(wanted))
        {
            // A scout claims a market on the fleet board so two scouts never read the same one.
            if (!context.Board.TryClaim("scout/" + market, ship.Symbol) && context.Board.TryRead<string>("scout/" + market, out var owner) && owner != ship.Symbol)
            {
                continue;
            }

            await ShipMoves.GoToAsync(context, market, cancellationToken).ConfigureAwait(false);
            context.ReportActivity("reading the market at " + market);
            await client.Systems.GetMarketAsync(system, market, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return BehaviourResult.Completed;
    }
}
