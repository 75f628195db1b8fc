using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// <c>extract-and-transfer-or-sell@week04</c>: mine at an asteroid with the best survey the shared cache holds for it,
/// and when the hold is full hand the cargo to a hauler waiting there (found on the fleet board); with no hauler in
/// range, sell at the best nearby market as week 2 did.
/// </summary>
/// <remarks>
/// A miner that hands over stays at the asteroid: no flights, no docking, one transfer per good. When haulers serve the
/// asteroid but none is there yet, the miner waits for one up to <c>waitForHauler</c> before flying off to sell.
/// Exhausted or expired surveys (4224/4221) are retired from the cache by the pilot and mining goes on without them.
/// </remarks>
internal sealed class ExtractAndTransferOrSell : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "extract-and-transfer-or-sell";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Mine with the best cached survey; hand the hold to a hauler at the asteroid, else sell at the best nearby market.",
        [
            new("asteroid", ParameterType.String, "The waypoint to mine at; the nearest minable asteroid when empty.", string.Empty),
            new("waitForHauler", ParameterType.Duration, "How long a full miner waits for a hauler when haulers serve the asteroid.", "00:05:00"),
            new("creditsPerDistance", ParameterType.Number, "What a unit of distance to a market costs when choosing where to sell.", "5"),
            new("refuelBelow", ParameterType.Number, "Refuel before leaving for the asteroid when the tank is below this fraction.", "0.5"),
            new("cycles", ParameterType.Integer, "Full holds handed over or sold before completing; 0 runs until cancelled.", "0"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Mounts is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (YieldEstimate.LaserStrength(pilot.Ship.Current.Mounts) == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no mining laser.");
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var asteroid = parameters.GetString("asteroid", string.Empty);
        if (asteroid.Length == 0)
        {
            asteroid = MiningSites.Rank(waypoints, WaypointPosition.From(pilot.Ship.Current.Nav.Route.Destination)).FirstOrDefault()?.Symbol ?? string.Empty;
        }

        if (asteroid.Length == 0)
        {
            return BehaviourResult.Idle($"No minable asteroid is known in {system}.");
        }

        var waitForHauler = parameters.GetDuration("waitForHauler", TimeSpan.FromMinutes(5));
        var sale = new SalePlanOptions { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 5) };
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var cycles = parameters.GetInt32("cycles", 0);
        try
        {
            for (var cycle = 0; cycles == 0 || cycle < cycles; cycle++)
            {
                if (pilot.Ship.CargoFree > 0)
                {
                    await MineUntilFullAsync(context, pilot, asteroid, refuelBelow, cancellationToken).ConfigureAwait(false);
                }

                if (await HandOverAsync(context, pilot, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (ServesAsteroid(context, asteroid) && pilot.Ship.WaypointSymbol == asteroid)
                {
                    context.ReportActivity($"full, waiting for a hauler at {asteroid}");
                    var until = context.Clock.GetUtcNow() + waitForHauler;
                    while (context.Clock.GetUtcNow() < until && !await HandOverAsync(context, pilot, cancellationToken).ConfigureAwait(false))
                    {
                        await context.Board.WaitForChangeAsync(Haulers.Prefix, until - context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    }

                    if (pilot.Ship.CargoFree > 0)
                    {
                        continue;
                    }
                }

                context.ReportActivity("no hauler: delivering contracts and selling the hold");
                await ReceiveAndFulfill.DeliverContractsAsync(context, pilot, cancellationToken).ConfigureAwait(false);
                var sold = await pilot.SellHoldAsync(sale with { Keep = ReceiveAndFulfill.ContractGoods(context.Agent) }, cancellationToken).ConfigureAwait(false);
                foreach (var item in sold.Unsold)
                {
                    await pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
                }

                await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>Flies to the asteroid and extracts until the hold is full, each time with the best cached survey.</summary>
    private static async Task MineUntilFullAsync(IBehaviourContext context, ShipPilot pilot, string asteroid, double refuelBelow, CancellationToken cancellationToken)
    {
        if (pilot.Ship.WaypointSymbol != asteroid)
        {
            await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
            context.ReportActivity($"flying to {asteroid}");
            await pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
        }

        while (pilot.Ship.CargoFree > 0)
        {
            var survey = BestSurvey(context, asteroid);
            context.ReportActivity(survey is null ? $"mining at {asteroid}" : $"mining at {asteroid} with survey {survey.Signature} ({survey.Size})");
            if (await pilot.ExtractAsync(survey, cancellationToken).ConfigureAwait(false) is null)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The survey that brings the most value per extraction at the best sell prices seen in the system; when no price is
    /// known yet, the one with the most deposits that some market of the system buys (larger surveys weigh more).
    /// </summary>
    internal static Survey? BestSurvey(IBehaviourContext context, string asteroid)
    {
        var best = context.Surveys.GetBest(asteroid, SurveyGoal.BestValue);
        if (best is not null)
        {
            return best;
        }

        var system = ShipPilot.SystemOf(asteroid);
        var sellable = new Dictionary<TradeSymbol, double>();
        foreach (var survey in context.Surveys.GetSurveys(asteroid))
        {
            foreach (var deposit in survey.Deposits)
            {
                if (!sellable.ContainsKey(deposit.Symbol) && context.Markets.GetMarkets(system).Any(m => m.GetListing(deposit.Symbol) is { } listing && listing != MarketTradeGoodType.Export))
                {
                    sellable[deposit.Symbol] = 1;
                }
            }
        }

        return sellable.Count == 0 ? null : context.Surveys.GetBest(asteroid, SurveyGoal.ForValues(sellable));
    }

    /// <summary>Hands the hold to haulers waiting at the ship's waypoint; returns whether the hold is empty afterwards.</summary>
    private static async Task<bool> HandOverAsync(IBehaviourContext context, ShipPilot pilot, CancellationToken cancellationToken)
    {
        var here = pilot.Ship.WaypointSymbol;
        foreach (var (key, waypoint) in context.Board.ReadAll<string>(Haulers.Prefix))
        {
            var hauler = key[Haulers.Prefix.Length..];
            if (waypoint != here || !context.Agent.TryGetShip(hauler, out var tracked)
                || tracked.WaypointSymbol != here || tracked.IsInTransit || tracked.Status != ShipNavStatus.InOrbit)
            {
                continue;
            }

            foreach (var item in (pilot.Ship.Current.Cargo?.Inventory ?? []).OrderByDescending(i => i.Units).ToList())
            {
                var room = tracked.CargoFree;
                if (room <= 0)
                {
                    break;
                }

                try
                {
                    await pilot.OrbitAsync(cancellationToken).ConfigureAwait(false);
                    context.ReportActivity($"handing {item.Symbol} to {hauler}");
                    await pilot.TransferCargoAsync(hauler, item.Symbol, Math.Min(room, item.Units), cancellationToken).ConfigureAwait(false);
                }
                catch (SpaceTradersApiException error) when (error.IsCargoFull || error.ErrorCode is ErrorCodes.ShipTransferLocationConflict or ErrorCodes.ShipTransferDockedOrbitConflict)
                {
                    break;   // the hauler filled up, left or docked meanwhile: try the next one
                }
            }

            if (pilot.Ship.Current.Cargo?.Units == 0)
            {
                return true;
            }
        }

        return pilot.Ship.Current.Cargo?.Units == 0;
    }

    private static bool ServesAsteroid(IBehaviourContext context, string asteroid) =>
        context.Board.ReadAll<string>(Haulers.ServingPrefix(asteroid)).Count > 0;
}
