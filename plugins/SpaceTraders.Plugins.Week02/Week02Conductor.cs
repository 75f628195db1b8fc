using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week02;

/// <summary>
/// <c>week02</c>: plays a fresh agent. Every ship with a mining laser runs <c>extract-and-sell@week02</c>; the probe parks
/// at the nearest shipyard that sells mining drones and watches its market (<c>watch-market@week02</c>); a drone is bought
/// there whenever the credits cover its price plus a reserve, up to <c>maxPurchases</c>.
/// </summary>
internal sealed class Week02Conductor : IConductor
{
    /// <summary>The conductor's id.</summary>
    public const string Id = "week02";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 2: the command ship mines and sells, the probe watches the shipyard's market, mining drones are bought when affordable.",
        [
            new("shipType", ParameterType.String, "The ship type to buy.", "SHIP_MINING_DRONE"),
            new("maxPurchases", ParameterType.Integer, "The most ships to buy.", "3"),
            new("reserve", ParameterType.Integer, "Credits kept back when buying a ship.", "10000"),
            new("retryAfter", ParameterType.Duration, "How long a ship whose behaviour ended waits before it is given its behaviour again.", "00:05:00"),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var shipType = new ShipType(parameters.GetString("shipType", "SHIP_MINING_DRONE"));
        var maxPurchases = parameters.GetInt32("maxPurchases", 3);
        var reserve = parameters.GetInt32("reserve", 10000);
        var retryAfter = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(5));

        var hq = context.Agent.Agent.Value?.Headquarters
            ?? (await context.Client.Agents.GetMyAgentAsync(priority: EndpointPriorities.GetMyAgent, cancellationToken: cancellationToken).ConfigureAwait(false)).Headquarters;
        var home = ShipPilot.SystemOf(hq);
        await MarketListings.EnsureLoadedAsync(context.Client, home, cancellationToken).ConfigureAwait(false);
        var yard = await FindShipyardAsync(context, home, hq, shipType, cancellationToken).ConfigureAwait(false);
        var miner = new StrategyRef(ExtractAndSell.Id, Week02Plugin.VersionLabel);
        var watcher = new StrategyRef(WatchMarket.Id, Week02Plugin.VersionLabel);
        var watchYard = yard is null ? StrategyParameters.Empty : new StrategyParameters([new("market", yard)]);
        var retryAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var bought = 0;
        string? yardWatcher = null;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = context.Clock.GetUtcNow();
            foreach (var ship in context.Ships)
            {
                // A failed session is the runtime's to restart; an idle or completed one comes back to the conductor.
                if (ship.State is not (FleetShipState.Unassigned or FleetShipState.Waiting) || ship.Session?.Outcome == SessionOutcome.Failed)
                {
                    continue;
                }

                if (ship.State == FleetShipState.Waiting)
                {
                    // A behaviour that ended (idle, completed or failed) gets its ship back after a pause, not at once.
                    if (!retryAt.TryGetValue(ship.Symbol, out var at))
                    {
                        retryAt[ship.Symbol] = now + retryAfter;
                        continue;
                    }

                    if (at > now)
                    {
                        continue;
                    }
                }

                retryAt.Remove(ship.Symbol);
                if (context.Agent.TryGetShip(ship.Symbol, out var tracked) && YieldEstimate.LaserStrength(tracked.Current.Mounts) > 0)
                {
                    context.Assign(ship.Symbol, miner);
                }
                else if (yardWatcher is null || yardWatcher == ship.Symbol)
                {
                    yardWatcher = ship.Symbol;
                    context.Assign(ship.Symbol, watcher, watchYard);
                }
                else
                {
                    context.Assign(ship.Symbol, watcher);
                }
            }

            if (yard is not null && yardWatcher is not null && bought < maxPurchases
                && await TryBuyAsync(context, yard, yardWatcher, shipType, reserve, cancellationToken).ConfigureAwait(false) is { } symbol)
            {
                bought++;
                context.Assign(symbol, miner);
                continue;
            }

            var wait = retryAt.Count == 0 ? TimeSpan.FromMinutes(1) : Min(TimeSpan.FromMinutes(1), retryAt.Values.Min() - now);
            await context.WaitForFleetChangeAsync(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Finds the shipyard nearest the headquarters that lists the ship type (listings fetched once, in the background).</summary>
    private static async Task<string?> FindShipyardAsync(IConductorContext context, string system, string hq, ShipType shipType, CancellationToken cancellationToken)
    {
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        var origin = waypoints.First(w => w.Symbol == hq);
        foreach (var waypoint in waypoints
            .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard))
            .OrderBy(w => FlightRules.Distance(origin.X, origin.Y, w.X, w.Y))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal))
        {
            var shipyard = await context.World.GetShipyardAsync(waypoint.Symbol, cancellationToken).ConfigureAwait(false);
            if (shipyard.ShipTypes.Any(t => t.Type == shipType))
            {
                return waypoint.Symbol;
            }
        }

        return null;
    }

    /// <summary>Buys one ship at the yard when the watcher is parked there and the credits cover its price plus the reserve.</summary>
    private static async Task<string?> TryBuyAsync(IConductorContext context, string yard, string watcher, ShipType shipType, int reserve, CancellationToken cancellationToken)
    {
        if (!context.Agent.TryGetShip(watcher, out var probe) || probe.WaypointSymbol != yard || probe.IsInTransit)
        {
            return null;
        }

        var credits = context.Agent.Agent.Value?.Credits ?? 0;
        var price = context.World.TryGetShipyard(yard, out var known) ? known.Ships?.FirstOrDefault(s => s.Type == shipType)?.PurchasePrice : null;
        if (price is null || credits < price + reserve)
        {
            return null;
        }

        try
        {
            var result = await context.Client.Fleet.PurchaseShipAsync(shipType, yard, priority: EndpointPriorities.PurchaseShip, cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Logger.LogInformation("Bought {Ship} ({Type}) at {Yard} for {Price} credits.", result.Ship.Symbol, shipType, yard, result.Transaction.Price);

            // The yard's prices moved with the purchase: read them again for the next decision.
            context.World.Record(await context.Client.Systems.GetShipyardAsync(yard, priority: EndpointPriorities.GetShipyard, cancellationToken: cancellationToken).ConfigureAwait(false));
            return result.Ship.Symbol;
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return null;
        }
    }
}
