using SpaceTraders.Plugins.Week12.Trading;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>expand@week12</c>: one trade trip through the jump gate per session, for a trader that finds no trade left at
/// home: buy where the ship's system sells a good cheap, fly to its gate, jump to a connected system, sell there. In
/// another system than home the ship plans trips back home, and trades inside that system; when none pays it goes home.
/// Both ends are claimed on the fleet board like every trade (<see cref="TradeClaims"/>), so home traders and expanders
/// never chase one trade.
/// </summary>
/// <remarks>
/// A trip is costed like a trade at home (<see cref="TradeBook.Cost"/>: price impact batch by batch, flights and fuel),
/// with the flight through the gate (to the gate, then from the other system's gate to the buyer) and one jump's
/// antimatter. When no trip pays because the other systems' markets have no recent prices, the ship jumps to the
/// nearest such system and reads its markets first (an unknown market is scouted before it is traded on). Ends
/// <see cref="BehaviourOutcome.Completed"/> after a trip or a scouting visit, <see cref="BehaviourOutcome.Idle"/> when
/// nothing across the gate pays (at home).
/// </remarks>
internal sealed class Expand : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "expand";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "One trade trip through the jump gate per session: buy in the ship's system, jump, sell in a connected system (and back home from there).",
        [
            new("home", ParameterType.String, "The home system; the headquarters' system when empty.", string.Empty),
            new("systems", ParameterType.List, "The systems across the gate to trade with (directly connected to home, gates working).", string.Empty),
            new("minProfit", ParameterType.Integer, "The least expected profit of a trip worth flying, after the jump.", "5000"),
            new("minMargin", ParameterType.Number, "The least margin of the last batch carried (0.25: sold for a quarter more than it cost).", "0.25"),
            new("reserve", ParameterType.Integer, "Credits never spent on a load.", "20000"),
            new("maxPriceAge", ParameterType.Duration, "How old cached prices may be to plan with.", "02:00:00"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.6"),
            new("jumpCost", ParameterType.Integer, "The antimatter price assumed for a jump from a gate whose market does not show one.", GateCrossing.DefaultJumpCost.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst, MarketFreshness = TimeSpan.Zero });
        if (context.Ship.Current.Nav is null || context.Ship.Current.Cargo is null || context.Ship.Current.Engine is null || context.Ship.Current.Fuel is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if ((pilot.Ship.Current.Cargo?.Capacity ?? 0) == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no cargo hold.");
        }

        var home = parameters.GetString("home", string.Empty);
        if (home.Length == 0)
        {
            home = context.Agent.Agent.Value?.Headquarters is { } hq ? ShipPilot.SystemOf(hq) : pilot.Ship.Current.Nav!.SystemSymbol;
        }

        var options = new ExpandOptions(
            parameters.GetInt32("minProfit", 5000),
            parameters.GetDouble("minMargin", 0.25),
            parameters.GetInt32("reserve", 20000),
            parameters.GetDuration("maxPriceAge", TimeSpan.FromHours(2)),
            parameters.GetDouble("refuelBelow", 0.6),
            parameters.GetInt32("jumpCost", GateCrossing.DefaultJumpCost));
        var here = pilot.Ship.Current.Nav!.SystemSymbol;
        var listed = parameters.GetList("systems").Where(s => s != home).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // From home: any listed system. From elsewhere: home (the gates known to be connected).
        var targets = here == home ? listed : [home];
        if (targets.Count == 0)
        {
            return BehaviourResult.Idle("No system across the gate to trade with.");
        }

        try
        {
            var systems = new Dictionary<string, IReadOnlyList<Waypoint>>(StringComparer.Ordinal)
            {
                [here] = await GateCrossing.LearnAsync(context, here, cancellationToken).ConfigureAwait(false),
            };
            foreach (var target in targets)
            {
                systems[target] = await GateCrossing.LearnAsync(context, target, cancellationToken).ConfigureAwait(false);
            }

            if (GateCrossing.GateOf(systems[here]) is not { } gate)
            {
                return BehaviourResult.Idle($"{here} has no jump gate.");
            }

            await SellLeftoversAsync(context, pilot, cancellationToken).ConfigureAwait(false);
            var now = context.Clock.GetUtcNow();
            var ship = pilot.ShipSymbol;
            var taken = TradeClaims.Taken(context.Board, ship, now);
            var plans = Plans(context, pilot, systems, here, here != home, gate, targets, options, taken, now);
            var plan = plans.FirstOrDefault(p => Claim(context, p.Trade, ship, now));
            if (plan is not null)
            {
                try
                {
                    await FlyAsync(context, pilot, plan, options, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    TradeClaims.Release(context.Board, TradeClaims.Buying(plan.Trade.Good, plan.Trade.BuyAt), ship);
                    TradeClaims.Release(context.Board, TradeClaims.Selling(plan.Trade.Good, plan.Trade.SellAt), ship);
                }

                return BehaviourResult.Completed;
            }

            // Nothing pays: learn the prices of a system across the gate whose markets have none recent, or go home.
            if (Unpriced(context, systems, targets, options.MaxPriceAge / 2, now) is { } unknown
                && TradeClaims.TryClaim(context.Board, $"week12/scout/{unknown}", ship, now + TimeSpan.FromHours(1), now))
            {
                await ScoutAsync(context, pilot, gate, systems[unknown], options, cancellationToken).ConfigureAwait(false);
                return BehaviourResult.Completed;
            }

            if (here != home && GateCrossing.GateOf(systems[home]) is { } homeGate)
            {
                await GateCrossing.JumpAsync(context, pilot, gate.Symbol, homeGate.Symbol, options.RefuelBelow, cancellationToken).ConfigureAwait(false);
                return BehaviourResult.Idle($"No trade pays from {here} back home; the ship went home.");
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Idle($"No unclaimed trade through the gate from {here} earns {options.MinProfit} credits.");
    }

    /// <summary>The trips from the ship's system to the targets (and, away from home, inside the system), best profit per hour first.</summary>
    private static List<CrossPlan> Plans(
        IBehaviourContext context,
        ShipPilot pilot,
        Dictionary<string, IReadOnlyList<Waypoint>> systems,
        string here,
        bool away,
        Waypoint gate,
        IReadOnlyList<string> targets,
        ExpandOptions options,
        HashSet<string> taken,
        DateTimeOffset now)
    {
        var plans = new List<CrossPlan>();
        var position = pilot.Ship.WaypointSymbol is { } at ? systems[here].FirstOrDefault(w => w.Symbol == at) : null;
        if (position is null || pilot.Ship.CargoFree <= 0)
        {
            return plans;
        }

        var current = pilot.Ship.Current;
        var credits = Math.Max(0, (context.Agent.Agent.Value?.Credits ?? 0) - options.Reserve);
        var profile = new TradeShip(position.Symbol, pilot.Ship.CargoFree, current.Engine?.Speed ?? 1, current.Fuel?.Capacity ?? 0, credits);
        var origin = WaypointPosition.From(position);
        var gateAt = WaypointPosition.From(gate);
        var jump = GateCrossing.JumpCost(context.Markets, gate.Symbol, options.JumpCost);
        var sellers = context.Markets.GetMarkets(here).Where(m => m.HasPrices).ToList();
        var fuelPrice = sellers.Select(m => m.GetGood(TradeSymbol.Fuel)?.Good.PurchasePrice).Where(p => p is > 0).DefaultIfEmpty(100).Min() ?? 100;
        foreach (var target in targets)
        {
            if (GateCrossing.GateOf(systems[target]) is not { } far)
            {
                continue;
            }

            var farAt = WaypointPosition.From(far);
            var book = new TradeBook(systems[here].Concat(systems[target]));
            var buyers = context.Markets.GetMarkets(target).Where(m => m.HasPrices).ToList();
            foreach (var buy in sellers)
            {
                if (systems[here].FirstOrDefault(w => w.Symbol == buy.WaypointSymbol) is not { } bw)
                {
                    continue;
                }

                var buyAt = WaypointPosition.From(bw);
                var toBuy = origin.DistanceTo(buyAt);
                var toGate = buyAt.DistanceTo(gateAt);
                foreach (var (good, offered) in buy.Goods)
                {
                    if (offered.Type == MarketTradeGoodType.Import || now - offered.ObservedAt > options.MaxPriceAge || taken.Contains(TradeClaims.End(good, buy.WaypointSymbol)))
                    {
                        continue;
                    }

                    foreach (var sell in buyers)
                    {
                        if (sell.GetGood(good) is not { } wanted || wanted.Type == MarketTradeGoodType.Export || now - wanted.ObservedAt > options.MaxPriceAge
                            || wanted.Good.SellPrice <= offered.Good.PurchasePrice || taken.Contains(TradeClaims.End(good, sell.WaypointSymbol)))
                        {
                            continue;
                        }

                        var sellAt = systems[target].FirstOrDefault(w => w.Symbol == sell.WaypointSymbol);
                        if (sellAt is null)
                        {
                            continue;
                        }

                        var leg = toGate + farAt.DistanceTo(WaypointPosition.From(sellAt));
                        if (book.Cost(offered.Good, wanted.Good, profile, toBuy, leg, fuelPrice, buy.WaypointSymbol, sell.WaypointSymbol, options.MinMargin) is { } trade
                            && trade.Profit - jump >= options.MinProfit)
                        {
                            plans.Add(new CrossPlan(trade, gate.Symbol, far.Symbol, jump));
                        }
                    }
                }
            }
        }

        if (away)
        {
            // Away from home (the only target is home): trades inside this system count too, without a jump.
            var local = new TradeBook(systems[here]).Plans(
                context.Markets, here, profile, options.MaxPriceAge, now, (good, market) => !taken.Contains(TradeClaims.End(good, market)), options.MinProfit, options.MinMargin);
            plans.AddRange(local.Select(t => new CrossPlan(t, null, null, 0)));
        }

        plans.Sort(static (a, b) =>
        {
            var byRate = b.ProfitPerHour.CompareTo(a.ProfitPerHour);
            if (byRate != 0)
            {
                return byRate;
            }

            var byGood = string.CompareOrdinal(a.Trade.Good.Value, b.Trade.Good.Value);
            return byGood != 0 ? byGood : string.CompareOrdinal(a.Trade.BuyAt + a.Trade.SellAt, b.Trade.BuyAt + b.Trade.SellAt);
        });
        return plans;
    }

    /// <summary>Flies one trip: buy (re-costed with the prices of the moment), cross the gate, sell, read both markets.</summary>
    private static async Task FlyAsync(IBehaviourContext context, ShipPilot pilot, CrossPlan plan, ExpandOptions options, CancellationToken cancellationToken)
    {
        var trade = plan.Trade;
        context.ReportActivity($"trading {trade.Units} {trade.Good} {trade.BuyAt} -> {trade.SellAt} through the gate (+{trade.Profit - plan.JumpCost:N0})");
        await pilot.EnsureFuelAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(trade.BuyAt, cancellationToken).ConfigureAwait(false);
        await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
        var market = await pilot.GetMarketAsync(cancellationToken).ConfigureAwait(false);
        var offered = market.TradeGoods?.FirstOrDefault(g => g.Symbol == trade.Good);
        var wanted = context.Markets.TryGet(trade.SellAt, out var destination) ? destination.GetGood(trade.Good)?.Good : null;
        if (offered is null || wanted is null)
        {
            return;
        }

        // Re-cost the load with the price of the moment (the legs as planned: the ship is at the buying market now).
        var units = Math.Min(trade.Units, pilot.Ship.CargoFree);
        var credits = Math.Max(0, (context.Agent.Agent.Value?.Credits ?? 0) - options.Reserve);
        while (units > 0 && Loss(offered, wanted, units, credits, options.MinMargin))
        {
            units -= Math.Max(1, Math.Min(offered.TradeVolume, wanted.TradeVolume));
        }

        if (units <= 0)
        {
            context.ReportActivity($"{trade.Good} at {trade.BuyAt} no longer pays");
            return;
        }

        try
        {
            await pilot.BuyAsync(trade.Good, units, cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits || error.IsCargoFull)
        {
            // Another trader spent the credits first, or the hold is fuller than thought: carry what was bought.
        }

        await context.Client.Systems.GetMarketAsync(trade.BuyAt, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        if (pilot.Ship.CargoUnitsOf(trade.Good) == 0)
        {
            return;
        }

        if (plan.FromGate is { } from && plan.ToGate is { } to)
        {
            await GateCrossing.JumpAsync(context, pilot, from, to, options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        }

        await pilot.RefuelIfBelowAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(trade.SellAt, cancellationToken).ConfigureAwait(false);
        context.ReportActivity($"selling {trade.Good} at {trade.SellAt}");
        await pilot.SellCargoAsync(cancellationToken, item => item.Symbol == trade.Good).ConfigureAwait(false);
        await context.Client.Systems.GetMarketAsync(trade.SellAt, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        await pilot.RefuelIfBelowAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the last batch of <paramref name="units"/> would sell for less than its margin, or the load costs more than the credits.</summary>
    private static bool Loss(MarketTradeGood offered, MarketTradeGood wanted, int units, long credits, double minMargin)
    {
        var purchase = Sdk.Caches.PriceImpactModel.Default.EstimatePurchase(offered, units);
        var sale = Sdk.Caches.PriceImpactModel.Default.EstimateSale(wanted, units);
        return purchase.Total > credits || sale.LastPrice < purchase.LastPrice * (1 + minMargin) || sale.Total <= purchase.Total;
    }

    /// <summary>The nearest target system (in symbol order) with a market whose prices are unknown or older than <paramref name="maxAge"/>.</summary>
    private static string? Unpriced(IBehaviourContext context, Dictionary<string, IReadOnlyList<Waypoint>> systems, IReadOnlyList<string> targets, TimeSpan maxAge, DateTimeOffset now) =>
        targets.FirstOrDefault(t => systems[t]
            .Where(w => w.Traits.Any(x => x.Symbol == WaypointTraitSymbol.Marketplace))
            .Any(w => !(context.Markets.TryGet(w.Symbol, out var seen) && seen.PriceAge(now) is { } age && age < maxAge)));

    /// <summary>Jumps to a system and reads the prices of every market there.</summary>
    private static async Task ScoutAsync(IBehaviourContext context, ShipPilot pilot, Waypoint gate, IReadOnlyList<Waypoint> target, ExpandOptions options, CancellationToken cancellationToken)
    {
        if (GateCrossing.GateOf(target) is not { } far)
        {
            return;
        }

        await GateCrossing.JumpAsync(context, pilot, gate.Symbol, far.Symbol, options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        var at = WaypointPosition.From(far);
        foreach (var market in target.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace))
            .OrderBy(w => at.DistanceTo(WaypointPosition.From(w))).ThenBy(w => w.Symbol, StringComparer.Ordinal))
        {
            context.ReportActivity($"reading the prices at {market.Symbol}");
            await pilot.NavigateAsync(market.Symbol, cancellationToken).ConfigureAwait(false);
            await context.Client.Systems.GetMarketAsync(market.Symbol, RequestPriority.Normal, cancellationToken).ConfigureAwait(false);
            at = WaypointPosition.From(market);
            await pilot.RefuelIfBelowAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Claims both ends of a trip (about twice its expected duration, at least 30 minutes).</summary>
    private static bool Claim(IBehaviourContext context, TradePlan plan, string ship, DateTimeOffset now)
    {
        var until = now + TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(30).Ticks, plan.Duration.Ticks * 2));
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

    /// <summary>Sells whatever the hold carries where the ship's system pays for it (what nothing here buys stays aboard).</summary>
    private static async Task SellLeftoversAsync(IBehaviourContext context, ShipPilot pilot, CancellationToken cancellationToken)
    {
        if ((pilot.Ship.Current.Cargo?.Units ?? 0) == 0)
        {
            return;
        }

        context.ReportActivity("selling leftovers");
        await pilot.SellHoldAsync(SalePlanOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A trip through the gate (or, away from home, inside the system: no gates): the trade as costed (flights and fuel), the gates and the jump's price.</summary>
    private sealed record CrossPlan(TradePlan Trade, string? FromGate, string? ToGate, long JumpCost)
    {
        public double ProfitPerHour => (Trade.Profit - JumpCost) / Math.Max(Trade.Duration.TotalHours, 1.0 / 3600);
    }

    private sealed record ExpandOptions(long MinProfit, double MinMargin, long Reserve, TimeSpan MaxPriceAge, double RefuelBelow, long JumpCost);
}
