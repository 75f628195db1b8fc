using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// <c>trade-routes@week10</c>: trade along the best evaluated trade route of the ship's system, over and over. Routes come
/// from the market cache through the frozen <see cref="TradeRouteEvaluator"/> (price impact per batch, fuel, profit per
/// hour of flight from where the ship is); at the buying market the load is evaluated again with the prices seen there.
/// </summary>
/// <remarks>
/// The cache is filled by the ship's own market visits and by the fleet's market tours (<c>tour-markets</c>); the
/// trader reads the source before buying, the destination before selling, and both again after trading (their prices
/// moved with the trade), so the next plan starts from prices that still hold. Ends <see cref="BehaviourOutcome.Idle"/> when no known route earns <c>minProfit</c> (after
/// selling any cargo left over) and <see cref="BehaviourOutcome.Completed"/> after <c>trips</c> runs when set.
/// </remarks>
internal sealed class TradeRoutes : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "trade-routes";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Buy where a good is cheap and sell where it is dear, along the best evaluated trade route of the market cache.",
        [
            new("minProfit", ParameterType.Integer, "The least expected profit of a run worth flying for.", "1500"),
            new("reserve", ParameterType.Integer, "Credits never spent on a load.", "5000"),
            new("maxPriceAge", ParameterType.Duration, "How old cached prices may be to plan with.", "00:45:00"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.5"),
            new("trips", ParameterType.Integer, "Runs before completing; 0 runs until cancelled or out of routes.", "0"),
        ]);

    /// <summary>Faults in a row (without a trip between) the trader recovers from before its session fails.</summary>
    internal const int MaxFaultsInARow = 3;

    /// <summary>How long the trader waits after a fault before reading its ship again.</summary>
    internal static readonly TimeSpan FaultPause = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        // Trade decisions need the prices of the moment: every market the trader docks at to trade is read afresh.
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst, MarketFreshness = TimeSpan.Zero });
        if (context.Ship.Current.Nav is null || context.Ship.Current.Cargo is null || context.Ship.Current.Engine is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var capacity = pilot.Ship.Current.Cargo?.Capacity ?? 0;
        if (capacity == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no cargo hold.");
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);   // where the markets lie, for the evaluator
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var evaluator = new TradeRouteEvaluator(context.Markets, context.World);
        var minProfit = parameters.GetInt32("minProfit", 1500);
        var options = new TradeRouteOptions
        {
            MinProfit = minProfit,
            MaxPriceAge = parameters.GetDuration("maxPriceAge", TimeSpan.FromMinutes(45)),
            MaxResults = 50,
        };
        var reserve = parameters.GetInt32("reserve", 5000);
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var trips = parameters.GetInt32("trips", 0);
        var disappointing = new Dictionary<(string Market, TradeSymbol Good), DateTimeOffset>();
        var faults = 0;
        try
        {
            for (var trip = 0; trips == 0 || trip < trips;)
            {
                try
                {
                    await SellLeftoversAsync(context, pilot, cancellationToken).ConfigureAwait(false);
                    var now = context.Clock.GetUtcNow();
                    var route = evaluator.FindRoutes(Profile(context, pilot, reserve), options)
                        .FirstOrDefault(r => !(disappointing.TryGetValue((r.BuyAt, r.Good), out var until) && until > now));
                    if (route is null)
                    {
                        return BehaviourResult.Idle($"No known trade route from {pilot.Ship.WaypointSymbol} earns {minProfit} credits.");
                    }

                    context.ReportActivity($"trading {route.Units} {route.Good} {route.BuyAt} -> {route.SellAt} (+{route.Profit})");
                    await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                    await pilot.NavigateAsync(route.BuyAt, cancellationToken).ConfigureAwait(false);
                    await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
                    await pilot.GetMarketAsync(cancellationToken).ConfigureAwait(false);

                    // The prices here now decide the load (the read went into the cache); the destination's are the cached ones.
                    var fresh = evaluator.Evaluate(Profile(context, pilot, reserve), route.Good, route.BuyAt, route.SellAt, options);
                    if (fresh is null || fresh.Profit < minProfit)
                    {
                        disappointing[(route.BuyAt, route.Good)] = now + TimeSpan.FromMinutes(20);
                        continue;
                    }

                    context.ReportActivity($"buying {fresh.Units} {route.Good} at {route.BuyAt} for {route.SellAt}");
                    try
                    {
                        await pilot.BuyAsync(route.Good, fresh.Units, cancellationToken).ConfigureAwait(false);
                    }
                    catch (SpaceTradersApiException error) when (error.IsInsufficientCredits || error.IsCargoFull)
                    {
                        // Someone else spent the credits, or the hold is fuller than thought: carry what was bought.
                    }

                    await context.Client.Systems.GetMarketAsync(route.BuyAt, EndpointPriorities.GetMarket, cancellationToken).ConfigureAwait(false);
                    await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                    await pilot.NavigateAsync(route.SellAt, cancellationToken).ConfigureAwait(false);
                    context.ReportActivity($"selling {route.Good} at {route.SellAt}");
                    await pilot.SellCargoAsync(cancellationToken, item => item.Symbol == route.Good).ConfigureAwait(false);

                    // Both ends moved with the trade: read them again so the next plan is not made with prices that are gone.
                    await context.Client.Systems.GetMarketAsync(route.SellAt, EndpointPriorities.GetMarket, cancellationToken).ConfigureAwait(false);
                    await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                    trip++;
                    faults = 0;
                }
                catch (Exception error) when (Recoverable(error, cancellationToken) && ++faults <= MaxFaultsInARow)
                {
                    // A fault the client's retries did not outlast, or a hold the server says differs from the tracked
                    // one: read the ship again after a pause and plan anew from what is there (nothing is resent).
                    context.ReportActivity($"recovering from a fault ({faults} of {MaxFaultsInARow}): {error.GetType().Name}");
                    await context.Clock.DelayAsync(FaultPause, cancellationToken).ConfigureAwait(false);
                    await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        await SellLeftoversAsync(context, pilot, cancellationToken).ConfigureAwait(false);
        return BehaviourResult.Completed;
    }

    /// <summary>
    /// A fault of the network or the server the client's retries did not outlast (<see cref="CallFaults"/>), or the
    /// game saying the hold lacks a good the tracked hold lists (the tracked state went stale): both are mended by
    /// reading the ship again. The caller's cancellation is not.
    /// </summary>
    private static bool Recoverable(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (CallFaults.IsFault(error) || error is SpaceTradersApiException { ErrorCode: ErrorCodes.ShipCargoMissing or ErrorCodes.ShipCargoUnitCount });

    /// <summary>The ship as the route evaluator sees it: where it is, its free hold, engine and fuel, and the credits it may spend.</summary>
    private static TradeShipProfile Profile(IBehaviourContext context, ShipPilot pilot, long reserve) =>
        TradeShipProfile.From(pilot.Ship, Math.Max(0, (context.Agent.Agent.Value?.Credits ?? 0) - reserve));

    /// <summary>Sells whatever is in the hold where it pays best (a load the destination refused, ore from mining).</summary>
    private static async Task SellLeftoversAsync(IBehaviourContext context, ShipPilot pilot, CancellationToken cancellationToken)
    {
        if ((pilot.Ship.Current.Cargo?.Units ?? 0) == 0)
        {
            return;
        }

        context.ReportActivity("selling leftovers");
        var sold = await pilot.SellHoldAsync(SalePlanOptions.Default, cancellationToken).ConfigureAwait(false);
        foreach (var item in sold.Unsold)
        {
            await pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
        }
    }
}
