using SpaceTraders.Plugins.Week12.Fleet;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>build@week12</c>: one delivery to the jump gate under construction per session. A builder that holds materials
/// the site still needs carries them to the gate and supplies them. Otherwise it claims a share of a material on the
/// fleet board (never more than <c>required - fulfilled - what other builders hold or are about to buy</c>), flies to
/// the market of its system that sells it cheapest against its cap, buys while the price stays under the cap
/// (<c>markup</c> above the lowest price seen there within <c>lowFor</c>: the export recovers at its own pace, so the
/// builder waits for it rather than driving the price up; a low not seen again for <c>lowFor</c> gives way to the
/// current price, so one dip does not hold the cap under where the market recovers to, but never more than
/// <c>lowCeiling</c> over the lowest price ever seen there, so the cap cannot ratchet up), and delivers.
/// </summary>
/// <remarks>
/// Ends <see cref="BehaviourOutcome.Completed"/> after a delivery or when the gate is complete, and
/// <see cref="BehaviourOutcome.Idle"/> when nothing is left to buy (the rest is supplied or on the way), when no
/// market sells what is missing, or when the price stayed above the cap for <c>priceWaits</c> waits. The materials
/// bought are ordinary cargo purchases (operating spending, as the runtime counts them): the gate's cost shows as this
/// behaviour's negative credits.
/// </remarks>
internal sealed class Build : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "build";

    private static readonly TimeSpan ClaimFor = TimeSpan.FromHours(3);
    private const double LowCeiling = 1.0;
    private static readonly TimeSpan LowFor = TimeSpan.FromHours(2);

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "One delivery to the jump gate under construction per session: claim a share of a missing material, buy it where it sells under its price cap, carry it to the gate and supply it.",
        [
            new("gate", ParameterType.String, "The jump gate under construction; the one in the ship's system when empty.", string.Empty),
            new("markup", ParameterType.Number, "Buy only while the price is at most this share above the lowest recent price at that market (0.3: 30% above).", "0.3"),
            new("lowFor", ParameterType.Duration, "How long the lowest price seen at a market holds the cap once it is no longer seen; after that the current price is the low.", "02:00:00"),
            new("lowCeiling", ParameterType.Number, "The low never rises above this share over the lowest price ever seen at that market (1: the cap stays within 2 x (1 + markup) of it), so builders that keep a market drained cannot ratchet the cap up without limit, lapse by lapse; 0 holds the low at the lowest price ever seen.", "1"),
            new("reserve", ParameterType.Integer, "Credits never spent on materials.", "50000"),
            new("priceWait", ParameterType.Duration, "How long to wait at a market whose price is above the cap before reading it again.", "00:15:00"),
            new("priceWaits", ParameterType.Integer, "Waits for the price before the trip is given up.", "4"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.6"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst, MarketFreshness = TimeSpan.FromMinutes(1) });
        if (context.Ship.Current.Nav is null || context.Ship.Current.Cargo is null || context.Ship.Current.Fuel is null)
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
        var gate = parameters.GetString("gate", string.Empty);
        if (gate.Length == 0)
        {
            gate = waypoints.FirstOrDefault(w => w.Type == WaypointType.JumpGate)?.Symbol ?? string.Empty;
        }

        if (gate.Length == 0 || ShipPilot.SystemOf(gate) != system)
        {
            return BehaviourResult.Idle($"No jump gate to build in {system}.");
        }

        var options = new BuildOptions(
            Math.Max(0, parameters.GetDouble("markup", 0.3)),
            parameters.GetInt32("reserve", 50_000),
            parameters.GetDuration("priceWait", TimeSpan.FromMinutes(15)),
            Math.Max(0, parameters.GetInt32("priceWaits", 4)),
            parameters.GetDouble("refuelBelow", 0.6),
            parameters.GetDuration("lowFor", LowFor),
            Math.Max(0, parameters.GetDouble("lowCeiling", LowCeiling)));
        var ship = pilot.ShipSymbol;
        try
        {
            var status = await ReadAsync(context, gate, cancellationToken).ConfigureAwait(false);
            if (status.Complete)
            {
                GateSite.Release(context.Board, ship);
                return BehaviourResult.Completed;
            }

            if (Held(pilot, status).Count > 0)
            {
                await DeliverAsync(context, pilot, gate, options, cancellationToken).ConfigureAwait(false);
                return BehaviourResult.Completed;
            }

            if (pilot.Ship.Current.Cargo?.Inventory.Any(i => i.Units > 0 && status.Find(i.Symbol.Value) is null) == true)
            {
                // A hauler taken over as a builder (the runner restarted) may still hold a trader's load: make room
                // for the materials first.
                context.ReportActivity("selling the hold before building");
                var sold = await pilot.SellHoldAsync(SalePlanOptions.Default, cancellationToken).ConfigureAwait(false);
                foreach (var item in sold.Unsold)
                {
                    await pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
                }
            }

            var now = context.Clock.GetUtcNow();
            var pick = Choose(context, pilot, waypoints, gate, status, options, now);
            if (pick is null)
            {
                GateSite.Release(context.Board, ship);
                return BehaviourResult.Idle($"Nothing the gate still needs can be bought in {system} now (supplied, on the way, or no seller).");
            }

            var (good, market) = pick.Value;
            var units = GateSite.Claim(context.Board, ship, good, 0, pilot.Ship.CargoFree, now + ClaimFor, now);
            if (units == 0)
            {
                GateSite.Release(context.Board, ship);
                return BehaviourResult.Idle($"The {good} the gate still needs is supplied or on the way.");
            }

            if (!await BuyAsync(context, pilot, new TradeSymbol(good), market, units, options, cancellationToken).ConfigureAwait(false))
            {
                GateSite.Release(context.Board, ship);
                return BehaviourResult.Idle($"{good} at {market} stayed above its price cap.");
            }

            await DeliverAsync(context, pilot, gate, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>Reads the construction site (and posts what it saw on the board).</summary>
    private static async Task<GateStatus> ReadAsync(IBehaviourContext context, string gate, CancellationToken cancellationToken)
    {
        var construction = await context.Client.Systems.GetConstructionAsync(gate, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        return GateSite.Post(context.Board, GateStatus.From(construction, context.Clock.GetUtcNow()));
    }

    /// <summary>The materials in the hold that the site still needs.</summary>
    private static List<(string Good, int Units)> Held(ShipPilot pilot, GateStatus status) =>
        [.. (pilot.Ship.Current.Cargo?.Inventory ?? [])
            .Where(i => i.Units > 0 && status.Find(i.Symbol.Value) is { Missing: > 0 })
            .Select(i => (i.Symbol.Value, i.Units))];

    /// <summary>
    /// The material and market to buy from: markets of the system that sell a material still missing (after the
    /// other builders' claims), those under their cap first, then the cheapest against the cap, the nearest, the
    /// material missing most.
    /// </summary>
    private static (string Good, string Market)? Choose(
        IBehaviourContext context, ShipPilot pilot, IReadOnlyList<Waypoint> waypoints, string gate, GateStatus status, BuildOptions options, DateTimeOffset now)
    {
        var positions = waypoints.ToDictionary(w => w.Symbol, WaypointPosition.From, StringComparer.Ordinal);
        var here = pilot.Ship.WaypointSymbol is { } at && positions.TryGetValue(at, out var p) ? p : (WaypointPosition?)null;
        var site = positions[gate];
        var credits = (context.Agent.Agent.Value?.Credits ?? 0) - options.Reserve;
        var candidates = new List<(string Good, string Market, double Ratio, double Distance, int Missing)>();
        foreach (var material in status.Materials)
        {
            var open = material.Missing - GateSite.ClaimedByOthers(context.Board, material.Good, pilot.ShipSymbol, now);
            if (open <= 0)
            {
                continue;
            }

            var symbol = new TradeSymbol(material.Good);
            foreach (var market in context.Markets.GetMarkets(ShipPilot.SystemOf(gate)))
            {
                if (market.GetListing(symbol) is not { } type || type == MarketTradeGoodType.Import || !positions.TryGetValue(market.WaypointSymbol, out var position))
                {
                    continue;
                }

                var ratio = 1.0;
                if (market.GetGood(symbol)?.Good is { } seen)
                {
                    if (seen.PurchasePrice > credits)
                    {
                        continue;   // not even one unit is affordable over the reserve
                    }

                    var floor = GateSite.Floor(context.Board, market.WaypointSymbol, material.Good, seen.PurchasePrice, now, options.LowFor, options.LowCeiling);
                    ratio = seen.PurchasePrice / (floor * (1 + options.Markup));
                }

                var distance = (here is { } from ? from.DistanceTo(position) : 0) + position.DistanceTo(site);
                candidates.Add((material.Good, market.WaypointSymbol, ratio, distance, open));
            }
        }

        var best = candidates
            .OrderBy(c => c.Ratio <= 1 ? 0 : 1)
            .ThenBy(c => Math.Round(c.Ratio, 2))
            .ThenBy(c => c.Distance)
            .ThenByDescending(c => c.Missing)
            .ThenBy(c => c.Good, StringComparer.Ordinal)
            .ThenBy(c => c.Market, StringComparer.Ordinal)
            .Select(c => ((string, string)?)(c.Good, c.Market))
            .FirstOrDefault();
        return best;
    }

    /// <summary>
    /// Flies to the market and buys up to <paramref name="units"/>, batch by batch while the price stays under the cap
    /// and the credits over the reserve, waiting for the market to recover when its price is above the cap.
    /// </summary>
    /// <returns><see langword="true"/> when the hold now carries some of the material.</returns>
    private static async Task<bool> BuyAsync(IBehaviourContext context, ShipPilot pilot, TradeSymbol good, string market, int units, BuildOptions options, CancellationToken cancellationToken)
    {
        var ship = pilot.ShipSymbol;
        context.ReportActivity($"buying {units} {good} at {market} for the gate");
        await pilot.EnsureFuelAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
        await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
        var affordable = 0;
        for (var wait = 0; ; wait++)
        {
            var read = await context.Client.Systems.GetMarketAsync(market, RequestPriority.Normal, cancellationToken).ConfigureAwait(false);
            if (read.TradeGoods?.FirstOrDefault(g => g.Symbol == good) is not { } offered)
            {
                return false;
            }

            var floor = GateSite.Floor(context.Board, market, good.Value, offered.PurchasePrice, context.Clock.GetUtcNow(), options.LowFor, options.LowCeiling);
            var cap = (int)Math.Floor(floor * (1 + options.Markup));
            var credits = (context.Agent.Agent.Value?.Credits ?? 0) - options.Reserve;
            affordable = Affordable(offered, units, cap, credits);
            if (affordable > 0 || wait >= options.PriceWaits)
            {
                break;
            }

            context.ReportActivity($"waiting for {good} at {market} to fall under {cap} (now {offered.PurchasePrice})");
            await context.Clock.DelayAsync(options.PriceWait, cancellationToken).ConfigureAwait(false);
        }

        var now = context.Clock.GetUtcNow();
        if (affordable > 0)
        {
            // Claim no more than will be bought, so the other builders can take the rest at once.
            GateSite.Hold(context.Board, ship, good.Value, affordable, now + ClaimFor);
            try
            {
                await pilot.BuyAsync(good, affordable, cancellationToken).ConfigureAwait(false);
            }
            catch (SpaceTradersApiException error) when (error.IsInsufficientCredits || error.IsCargoFull)
            {
                // Another ship spent the credits first, or the hold is fuller than thought: carry what was bought.
            }

            await context.Client.Systems.GetMarketAsync(market, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        }

        var held = pilot.Ship.CargoUnitsOf(good);
        GateSite.Hold(context.Board, ship, good.Value, held, context.Clock.GetUtcNow() + ClaimFor);
        return held > 0;
    }

    /// <summary>The units worth buying now: whole batches whose price stays under the cap, within the credits.</summary>
    private static int Affordable(MarketTradeGood offered, int units, int cap, long credits)
    {
        var batch = Math.Max(1, offered.TradeVolume);
        var best = 0;
        for (var n = Math.Min(batch, units); n > 0; n = Math.Min(n + batch, units))
        {
            var estimate = PriceImpactModel.Default.EstimatePurchase(offered, n);
            if (estimate.LastPrice > cap || estimate.Total > credits)
            {
                break;
            }

            best = n;
            if (n >= units)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>Carries the materials in the hold to the gate and supplies what the site still needs.</summary>
    private static async Task DeliverAsync(IBehaviourContext context, ShipPilot pilot, string gate, BuildOptions options, CancellationToken cancellationToken)
    {
        var ship = pilot.ShipSymbol;
        context.ReportActivity($"carrying materials to {gate}");
        await pilot.EnsureFuelAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(gate, cancellationToken).ConfigureAwait(false);
        await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
        var status = GateSite.Status(context.Board) ?? await ReadAsync(context, gate, cancellationToken).ConfigureAwait(false);
        foreach (var (good, units) in Held(pilot, status))
        {
            var missing = GateSite.Status(context.Board)?.Find(good)?.Missing ?? units;
            var supply = Math.Min(units, missing);
            if (supply <= 0)
            {
                continue;
            }

            context.ReportActivity($"supplying {supply} {good} to {gate}");
            try
            {
                var result = await context.Client.Systems.SupplyConstructionAsync(
                    ShipPilot.SystemOf(gate), gate, ship, new TradeSymbol(good), supply, RequestPriority.Normal, cancellationToken).ConfigureAwait(false);
                var now = context.Clock.GetUtcNow();
                GateSite.Delivered(context.Board, ship, GateStatus.From(result.Construction, now), good, pilot.Ship.CargoUnitsOf(new TradeSymbol(good)), now + ClaimFor);
            }
            catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.ConstructionMaterialFulfilled or ErrorCodes.ConstructionMaterialNotRequired)
            {
                await ReadAsync(context, gate, cancellationToken).ConfigureAwait(false);
            }
        }

        if (GateSite.Status(context.Board) is { } after && Held(pilot, after).Count == 0)
        {
            GateSite.Release(context.Board, ship);
        }

        await pilot.RefuelIfBelowAsync(options.RefuelBelow, cancellationToken).ConfigureAwait(false);
    }

    private sealed record BuildOptions(double Markup, long Reserve, TimeSpan PriceWait, int PriceWaits, double RefuelBelow, TimeSpan LowFor, double LowCeiling);
}
