using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Plugins.Week12.Trading;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>mine@week12</c> and <c>siphon@week12</c>: extraction cycles at the waypoint the conductor gives, for about
/// <c>sessionLength</c> per session: fly there, extract (mining laser) or siphon (gas siphon) until the hold is full (a
/// mining extraction whose expected yield would mostly not fit is not made), sell the hold where it pays best after the
/// distance is costed (among the markets it reaches without drifting, unless it holds one of the fleet's
/// <c>driftSales</c> slots or <c>sellByDrift</c> is set), refuel. Every flight keeps the fuel to leave where it ends
/// (<see cref="ArrivalFuelPolicy"/>): a drone never strands itself where no fuel is sold.
/// </summary>
/// <remarks>
/// Whole cycles only, so the conductor judges the ship by completed cycles; several per session so a fleet of two
/// hundred drones does not write a session row every few minutes each. A ship that cannot extract there (no laser or
/// siphon, nothing to extract) ends <see cref="BehaviourOutcome.Idle"/>.
/// </remarks>
internal sealed class Extract(bool siphon) : IBehaviour
{
    /// <summary>The mining behaviour's id.</summary>
    public const string MineId = "mine";

    /// <summary>The siphoning behaviour's id.</summary>
    public const string SiphonId = "siphon";

    /// <summary>Gets the mining descriptor.</summary>
    public static StrategyDescriptor MineDescriptor { get; } = new(
        MineId,
        "Mining cycles for about sessionLength: extract at the given asteroid until the hold is full, sell it where it pays best, refuel.",
        Parameters("The asteroid to mine at; the nearest minable one when empty."));

    /// <summary>Gets the siphoning descriptor.</summary>
    public static StrategyDescriptor SiphonDescriptor { get; } = new(
        SiphonId,
        "Siphoning cycles for about sessionLength: siphon at the given gas giant until the hold is full, sell it where it pays best, refuel.",
        Parameters("The gas giant to siphon at; the nearest when empty."));

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = Pilot(context, context.Ship.Symbol, ArrivalFuelPolicy.ToReachFuelSeller);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Mounts is null || context.Ship.Current.Cargo is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var mounts = pilot.Ship.Current.Mounts ?? [];
        var prefix = siphon ? "MOUNT_GAS_SIPHON" : "MOUNT_MINING_LASER";
        if (!mounts.Any(m => m.Symbol.Value.StartsWith(prefix, StringComparison.Ordinal)) || (pilot.Ship.Current.Cargo?.Capacity ?? 0) == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} cannot {(siphon ? "siphon" : "mine")}.");
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var site = parameters.GetString("site", string.Empty);
        if (site.Length == 0)
        {
            var here = Sdk.Navigation.WaypointPosition.From(pilot.Ship.Current.Nav.Route.Destination);
            site = siphon
                ? waypoints.Where(w => w.Type == Sdk.Models.WaypointType.GasGiant).OrderBy(w => here.DistanceTo(Sdk.Navigation.WaypointPosition.From(w))).ThenBy(w => w.Symbol, StringComparer.Ordinal).FirstOrDefault()?.Symbol ?? string.Empty
                : MiningSites.Rank(waypoints, here).FirstOrDefault()?.Symbol ?? string.Empty;
        }

        if (site.Length == 0)
        {
            return BehaviourResult.Idle($"Nothing to {(siphon ? "siphon" : "mine")} in {system}.");
        }

        var maxWaste = parameters.GetDouble("maxWaste", 0.5);
        var sale = new SalePlanOptions { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 3) };
        var sellByDrift = parameters.GetBoolean("sellByDrift", false);
        var driftSales = Math.Max(0, parameters.GetInt32("driftSales", 0));
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var sessionLength = parameters.GetDuration("sessionLength", TimeSpan.FromMinutes(20));
        var started = context.Clock.GetUtcNow();
        try
        {
            do
            {
                await CycleAsync(context, pilot, site, maxWaste, sale, sellByDrift, driftSales, refuelBelow, cancellationToken).ConfigureAwait(false);
            }
            while (context.Clock.GetUtcNow() - started < sessionLength);
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>One cycle: fill the hold at the site, sell it, jettison what no market takes, refuel.</summary>
    private async Task CycleAsync(IBehaviourContext context, ShipPilot pilot, string site, double maxWaste, SalePlanOptions sale, bool sellByDrift, int driftSales, double refuelBelow, CancellationToken cancellationToken)
    {
        if (pilot.Ship.CargoFree > 0 && WorthExtracting(pilot, maxWaste))
        {
            await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
            context.ReportActivity($"{(siphon ? "siphoning" : "mining")} at {site}");
            await FlyToSiteAsync(context, pilot, site, cancellationToken).ConfigureAwait(false);
            await FillAsync(context, pilot, maxWaste, cancellationToken).ConfigureAwait(false);
        }

        context.ReportActivity("selling the hold");
        HoldSale sold;
        try
        {
            sold = await SellHoldAsync(context, pilot, sale, sellByDrift, driftSales, cancellationToken).ConfigureAwait(false);
        }
        catch (RouteNotFoundException)
        {
            // No market that buys the hold is reached with the fuel to leave it: fill the tank at the nearest fuel seller
            // first (the pilot keeps the fuel to leave, so it never flies where it would be stuck), then sell.
            await pilot.EnsureFuelAsync(1, cancellationToken).ConfigureAwait(false);
            sold = await SellHoldAsync(context, pilot, sale, sellByDrift, driftSales, cancellationToken).ConfigureAwait(false);
        }

        foreach (var item in sold.Unsold)
        {
            await pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
        }

        await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Flies to the site along the fastest route unless that route empties the tank, else along a route that keeps, on
    /// arrival, the fuel to cruise from the site to the nearest fuel seller (<see cref="ArrivalFuelPolicy.ToCruiseToFuelSeller"/>),
    /// or failing that at least the fuel to drift there (<see cref="ArrivalFuelPolicy.ToReachFuelSeller"/>); the planner
    /// takes a refuel stop on the way when that is what it needs. The fastest route spends the whole tank when only a
    /// drift reaches the site (it cruises as far as the fuel goes, then drifts), and a drone with an empty tank where no
    /// fuel is sold cannot leave, not even by drifting (seed 22: five drones bought at hours 7-9 reached their asteroid
    /// that way and sat there for the rest of the day). When no route keeps even that, the cycle ends
    /// (<see cref="RouteNotFoundException"/>) with the drone where it can still leave.
    /// </summary>
    private static async Task FlyToSiteAsync(IBehaviourContext context, ShipPilot pilot, string site, CancellationToken cancellationToken)
    {
        var fastest = Pilot(context, pilot.ShipSymbol, ArrivalFuelPolicy.Any);
        if (await fastest.PlanRouteAsync(site, cancellationToken).ConfigureAwait(false) is not { FuelRemaining: 0 } route)
        {
            await fastest.NavigateAsync(site, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var arrival in new[] { ArrivalFuelPolicy.ToCruiseToFuelSeller, ArrivalFuelPolicy.ToReachFuelSeller })
        {
            var careful = Pilot(context, pilot.ShipSymbol, arrival);
            if (await CanPlanAsync(careful, site, cancellationToken).ConfigureAwait(false))
            {
                await careful.NavigateAsync(site, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        throw new RouteNotFoundException($"No route takes {pilot.ShipSymbol} to {site} with the fuel it needs there to reach a fuel seller ({route.Legs.Count} hop(s) would empty the tank).");
    }

    /// <summary>A pilot of the ship with week12's request priorities whose routes keep <paramref name="arrival"/> fuel.</summary>
    private static ShipPilot Pilot(IBehaviourContext context, string ship, ArrivalFuelPolicy arrival) =>
        new(context.Client, ship, new PilotOptions
        {
            Priorities = PilotPriorities.CooldownFirst,
            Route = new RoutePlannerOptions { ArrivalFuel = arrival },
        });

    private static async Task<bool> CanPlanAsync(ShipPilot pilot, string destination, CancellationToken cancellationToken)
    {
        try
        {
            await pilot.PlanRouteAsync(destination, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RouteNotFoundException)
        {
            return false;
        }
    }

    private static Task<HoldSale> SellHoldAsync(IBehaviourContext context, ShipPilot pilot, SalePlanOptions options, bool sellByDrift, int driftSales, CancellationToken cancellationToken) =>
        sellByDrift
            ? pilot.SellHoldAsync(options, cancellationToken)
            : SellHoldWithoutDriftAsync(context, pilot, options, driftSales, cancellationToken);

    /// <summary>
    /// Sells the hold, preferring the markets the ship reaches without drifting (any market when none of those buys the
    /// hold), except for <paramref name="driftSales"/> drones of the fleet at a time (slots claimed on the fleet board for
    /// the flight). A drone's tank is small: once the drones' own sales have pushed the prices of the markets near their
    /// site down, a far market still scores best on revenue less distance, and a fleet of drones drifts there together for
    /// an hour (ten times slower than cruising), making no requests, then comes back together. A drift costs no request,
    /// so a few drones drifting to a better price earn more per request.
    /// </summary>
    private static Task<HoldSale> SellHoldWithoutDriftAsync(IBehaviourContext context, ShipPilot pilot, SalePlanOptions options, int driftSales, CancellationToken cancellationToken) =>
        pilot.SellHoldAsync(
            options,
            async (stop, cancellation) =>
            {
                try
                {
                    return await pilot.PlanRouteAsync(stop.WaypointSymbol, cancellation).ConfigureAwait(false) is not { } route
                        || !route.Legs.Any(l => l.Mode == ShipNavFlightMode.Drift)
                        || TryClaimDriftSlot(context, pilot.ShipSymbol, route.Duration, driftSales);
                }
                catch (RouteNotFoundException)
                {
                    return false;
                }
            },
            cancellationToken);

    /// <summary>Claims one of the fleet's drift-sale slots for the flight (and as long again, for the way back).</summary>
    private static bool TryClaimDriftSlot(IBehaviourContext context, string ship, TimeSpan flight, int slots)
    {
        var now = context.Clock.GetUtcNow();
        for (var slot = 0; slot < slots; slot++)
        {
            if (TradeClaims.TryClaim(context.Board, $"week12/drift-sale/{slot}", ship, now + flight + flight, now))
            {
                return true;
            }
        }

        return false;
    }

    private static IReadOnlyList<ParameterDescriptor> Parameters(string site) =>
    [
        new("site", ParameterType.String, site, string.Empty),
        new("maxWaste", ParameterType.Number, "Do not extract when more than this share of the expected yield would not fit in the hold.", "0.5"),
        new("creditsPerDistance", ParameterType.Number, "What a unit of distance to a market costs when choosing where to sell.", "3"),
        new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.5"),
        new("sellByDrift", ParameterType.Boolean, "Also sell at markets the ship can reach only by drifting (ten times slower than cruising); when false, those markets are used only when no other market buys the hold.", "false"),
        new("driftSales", ParameterType.Integer, "Drones of the fleet that may drift to a market at a time when it scores best (slots on the fleet board, held for twice the flight); the others sell where they fly without drifting.", "0"),
        new("sessionLength", ParameterType.Duration, "Cycles follow one another in one session until it has run this long (at least one cycle).", "00:20:00"),
    ];

    private bool WorthExtracting(ShipPilot pilot, double maxWaste) =>
        siphon ? pilot.Ship.CargoFree > 0 : YieldEstimate.WastedShare(pilot.Ship.Current.Mounts, pilot.Ship.CargoFree, null) <= maxWaste;

    /// <summary>Extracts or siphons until the hold is full (or, mining, until the next yield would mostly be wasted).</summary>
    private async Task FillAsync(IBehaviourContext context, ShipPilot pilot, double maxWaste, CancellationToken cancellationToken)
    {
        if (!siphon)
        {
            while (WorthExtracting(pilot, maxWaste)
                && await pilot.ExtractAsync(null, cancellationToken).ConfigureAwait(false) is not null)
            {
            }

            return;
        }

        await pilot.OrbitAsync(cancellationToken).ConfigureAwait(false);
        while (pilot.Ship.CargoFree > 0)
        {
            await pilot.WaitForCooldownAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await context.Client.Fleet.SiphonResourcesAsync(pilot.ShipSymbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (SpaceTradersApiException error) when (error.IsCooldown && error.Cooldown is { } cooldown)
            {
                context.Client.State.Apply(pilot.ShipSymbol, cooldown);
            }
            catch (SpaceTradersApiException error) when (error.IsCargoFull)
            {
                return;
            }
        }
    }
}
