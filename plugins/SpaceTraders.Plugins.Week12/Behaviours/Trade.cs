using SpaceTraders.Plugins.Week12.Trading;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>trade@week12</c>: one trade trip per session: the best trade of the system for this ship that no other trader has
/// claimed (<see cref="TradeBook"/>: profit per hour with the price impact of every batch, both flights and fuel), both
/// ends claimed on the fleet board, the buying market read afresh and the load re-costed before buying, both markets
/// read again after trading so the next plan starts from the prices the trade left. Every flight keeps the fuel to
/// leave where it ends (<see cref="ArrivalFuelPolicy.ToReachFuelSeller"/>); a trip no such route serves ends the session
/// idle.
/// </summary>
/// <remarks>
/// Sessions are short on purpose: the conductor judges a trader by the credits per request of its completed trips, never
/// by an open one that has just bought cargo. Ends <see cref="BehaviourOutcome.Completed"/> after <c>trips</c> trips,
/// <see cref="BehaviourOutcome.Idle"/> when no unclaimed trade earns <c>minProfit</c>.
/// </remarks>
internal sealed class Trade : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "trade";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "One trade trip per session along the best unclaimed trade of the system: buy where a good is cheap, sell where it is dear.",
        [
            new("minProfit", ParameterType.Integer, "The least expected profit of a trip worth flying.", "2000"),
            new("minMargin", ParameterType.Number, "The least margin of the last batch carried (0.25: sold for a quarter more than it cost). Markets recover a fixed number of batches an hour, so thin trades only waste their recovery.", "0.25"),
            new("reserve", ParameterType.Integer, "Credits never spent on a load.", "20000"),
            new("maxPriceAge", ParameterType.Duration, "How old cached prices may be to plan with.", "02:00:00"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.6"),
            new("trips", ParameterType.Integer, "Trips before completing.", "1"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        // The pilot's default route keeps the fuel to leave where it ends: a trader never strands itself at a market that
        // sells no fuel.
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst, MarketFreshness = TimeSpan.Zero });
        if (context.Ship.Current.Nav is null || context.Ship.Current.Cargo is null || context.Ship.Current.Engine is null || context.Ship.Current.Fuel is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if ((pilot.Ship.Current.Cargo?.Capacity ?? 0) == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no cargo hold.");
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var book = new TradeBook(waypoints);
        var minProfit = parameters.GetInt32("minProfit", 2000);
        var minMargin = parameters.GetDouble("minMargin", 0.25);
        var reserve = parameters.GetInt32("reserve", 20000);
        var maxAge = parameters.GetDuration("maxPriceAge", TimeSpan.FromHours(2));
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.6);
        var trips = Math.Max(1, parameters.GetInt32("trips", 1));
        var ship = pilot.ShipSymbol;
        try
        {
            for (var trip = 0; trip < trips; trip++)
            {
                await SellLeftoversAsync(context, pilot, cancellationToken).ConfigureAwait(false);
                var now = context.Clock.GetUtcNow();
                var profile = Profile(context, pilot, reserve);
                var taken = TradeClaims.Taken(context.Board, ship, now);
                var plans = book.Plans(
                    context.Markets,
                    system,
                    profile,
                    maxAge,
                    now,
                    (good, market) => !taken.Contains(TradeClaims.End(good, market)),
                    minProfit,
                    minMargin);
                var plan = plans.FirstOrDefault(p => Claim(context, p, ship, now));
                if (plan is null)
                {
                    // No trade known: learn the prices of the nearest market whose prices are unknown or old, if any.
                    if (await ScoutAsync(context, pilot, book, waypoints, maxAge, refuelBelow, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    return BehaviourResult.Idle($"No unclaimed trade from {pilot.Ship.WaypointSymbol} earns {minProfit} credits.");
                }

                try
                {
                    await FlyAsync(context, pilot, book, plan, reserve, refuelBelow, minProfit, minMargin, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    TradeClaims.Release(context.Board, TradeClaims.Buying(plan.Good, plan.BuyAt), ship);
                    TradeClaims.Release(context.Board, TradeClaims.Selling(plan.Good, plan.SellAt), ship);
                }
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>Flies one trade: buy (after re-costing with the prices of the moment), sell, read both markets again.</summary>
    private static async Task FlyAsync(
        IBehaviourContext context, ShipPilot pilot, TradeBook book, TradePlan plan, long reserve, double refuelBelow, long minProfit, double minMargin, CancellationToken cancellationToken)
    {
        context.ReportActivity($"trading {plan.Units} {plan.Good} {plan.BuyAt} -> {plan.SellAt} (+{plan.Profit:N0})");
        await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(plan.BuyAt, cancellationToken).ConfigureAwait(false);
        await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
        var market = await pilot.GetMarketAsync(cancellationToken).ConfigureAwait(false);
        var offered = market.TradeGoods?.FirstOrDefault(g => g.Symbol == plan.Good);
        var wanted = context.Markets.TryGet(plan.SellAt, out var destination) ? destination.GetGood(plan.Good)?.Good : null;
        if (offered is null || wanted is null)
        {
            return;
        }

        var leg = book.Distance(plan.BuyAt, plan.SellAt) ?? 0;
        var fresh = book.Cost(offered, wanted, Profile(context, pilot, reserve), 0, leg, 0, plan.BuyAt, plan.SellAt, minMargin);
        if (fresh is null || fresh.Profit < minProfit)
        {
            context.ReportActivity($"{plan.Good} at {plan.BuyAt} no longer pays");
            return;
        }

        context.ReportActivity($"buying {fresh.Units} {plan.Good} at {plan.BuyAt} for {plan.SellAt}");
        try
        {
            await pilot.BuyAsync(plan.Good, fresh.Units, cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits || error.IsCargoFull)
        {
            // Another trader spent the credits first, or the hold is fuller than thought: carry what was bought.
        }

        await context.Client.Systems.GetMarketAsync(plan.BuyAt, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        if (pilot.Ship.CargoUnitsOf(plan.Good) == 0)
        {
            return;
        }

        await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(plan.SellAt, cancellationToken).ConfigureAwait(false);
        context.ReportActivity($"selling {plan.Good} at {plan.SellAt}");
        await pilot.SellCargoAsync(cancellationToken, item => item.Symbol == plan.Good).ConfigureAwait(false);
        await context.Client.Systems.GetMarketAsync(plan.SellAt, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the nearest market whose prices are unknown or older than half the planning age (claimed, so two traders do not go).</summary>
    /// <returns><see langword="true"/> when a market was read.</returns>
    private static async Task<bool> ScoutAsync(
        IBehaviourContext context, ShipPilot pilot, TradeBook book, IReadOnlyList<Waypoint> waypoints, TimeSpan maxAge, double refuelBelow, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var here = pilot.Ship.WaypointSymbol!;
        var fuel = pilot.Ship.Current.Fuel?.Capacity ?? 0;
        var stale = waypoints
            .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace))
            .Where(w => !(context.Markets.TryGet(w.Symbol, out var seen) && seen.PriceAge(now) is { } age && age < maxAge / 2))
            .Select(w => (Waypoint: w, Distance: book.Distance(here, w.Symbol) ?? double.MaxValue))
            .Where(c => fuel == 0 || c.Distance <= fuel)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Waypoint.Symbol, StringComparer.Ordinal)
            .Select(c => c.Waypoint.Symbol)
            .FirstOrDefault(m => TradeClaims.TryClaim(context.Board, $"week12/scout/{m}", pilot.ShipSymbol, now + TimeSpan.FromMinutes(15), now));
        if (stale is null)
        {
            return false;
        }

        context.ReportActivity($"reading the prices at {stale}");
        await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(stale, cancellationToken).ConfigureAwait(false);
        await context.Client.Systems.GetMarketAsync(stale, RequestPriority.Normal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Claims both ends of a plan for the trip (about twice its expected duration, at least 20 minutes).</summary>
    private static bool Claim(IBehaviourContext context, TradePlan plan, string ship, DateTimeOffset now)
    {
        var until = now + TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(20).Ticks, plan.Duration.Ticks * 2));
        var buying = TradeClaims.Buying(plan.Good, plan.BuyAt);
        if (!TradeClaims.TryClaim(context.Board, buying, ship, until, now))
        {
            return false;
        }

        if (TradeClaims.TryClaim(context.Board, TradeClaims.Selling(plan.Good, plan.SellAt), ship, until, now))
        {
            return true;
        }

        TradeClaims.Release(context.Board, buying, ship);
        return false;
    }

    private static TradeShip Profile(IBehaviourContext context, ShipPilot pilot, long reserve)
    {
        var current = pilot.Ship.Current;
        var credits = Math.Max(0, (context.Agent.Agent.Value?.Credits ?? 0) - reserve);
        return new TradeShip(pilot.Ship.WaypointSymbol!, pilot.Ship.CargoFree, current.Engine?.Speed ?? 1, current.Fuel?.Capacity ?? 0, credits);
    }

    /// <summary>Sells whatever is left in the hold where it pays best, and jettisons what no known market buys.</summary>
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
