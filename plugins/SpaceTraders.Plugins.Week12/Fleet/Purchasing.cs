using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Week12.Fleet;

/// <summary>
/// The conductor's ship buying. Probes first, up to one standing at each shipyard plus the touring scouts; then, of the
/// types bought by payback, the one whose price over its expected credits per hour (its newest ships' measured figure,
/// a prior until measured) is shortest, when that payback is under the horizon (and under a share of the time left
/// until the server resets), the credits left cover the reserve and
/// the traders' working capital, and (once the budget is full) its credits per request beat the fleet's. A ship is
/// bought at a shipyard where one of the fleet's ships stands (the live game's rule).
/// </summary>
/// <remarks>Used by the conductor's actor only; not thread-safe.</remarks>
internal sealed partial class Purchasing(Week12Settings settings, SystemMap world)
{
    private static readonly TimeSpan ListingAge = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, (Shipyard Listing, DateTimeOffset At)> _listings = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPurchase = DateTimeOffset.MinValue;

    /// <summary>Gets or sets when the server resets next, when known: a ship must pay back well before then.</summary>
    public DateTimeOffset? NextReset { get; set; }

    /// <summary>Gets the payback horizon now: the configured one, or the share of the time left until the reset when that is shorter.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The horizon.</returns>
    public TimeSpan HorizonAt(DateTimeOffset now) =>
        NextReset is { } reset && TimeSpan.FromTicks((long)Math.Max(0, (reset - now).Ticks * settings.ResetShare)) is var left && left < settings.Horizon
            ? left
            : settings.Horizon;

    /// <summary>Buys at most one ship, when one is worth buying now.</summary>
    /// <param name="context">The conductor's context.</param>
    /// <param name="ships">The fleet now.</param>
    /// <param name="ledger">What each kind of ship has earned.</param>
    /// <param name="shipsPaused">Whether saturation control holds ships paused: the budget is full even if the last minute was quiet.</param>
    /// <param name="cancellationToken">Cancels the purchase.</param>
    /// <returns>A task that completes when the decision is made (and the ship bought).</returns>
    public async Task TryBuyAsync(IConductorContext context, IReadOnlyList<FleetShip> ships, FleetLedger ledger, bool shipsPaused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ledger);
        var now = context.Clock.GetUtcNow();
        if (now - _lastPurchase < settings.PurchaseGap || ships.Count >= settings.MaxShips)
        {
            return;
        }

        var credits = context.Agent.Agent.Value?.Credits ?? 0;
        var traders = ships.Count(s => IsTrader(s.ShipType));
        var floor = settings.Reserve + (settings.WorkingCapital * traders);
        var probes = ships.Count(s => Week12Conductor.IsProbe(s.ShipType));
        if (probes < world.Shipyards.Count + settings.Scouts)
        {
            await TryProbeAsync(context, credits, floor, cancellationToken).ConfigureAwait(false);
            return;
        }

        var saturated = shipsPaused || context.Metrics.RequestsPerMinute >= settings.SaturationRequestsPerMinute;
        var fleet = ledger.Fleet(settings.MeasureWindow, now);
        var horizon = HorizonAt(now).TotalHours;
        (string Type, string Yard, int Price, double Payback)? best = null;
        foreach (var type in settings.BuyTypes)
        {
            if (!settings.Priors.TryGetValue(type, out var prior))
            {
                prior = (0, 1);
            }

            var figures = ledger.Measure(type, settings.MeasureWindow, now);
            if (ledger.ShipsOf(type, now).Count(s => s.Age < settings.MeasureWindow) >= Math.Max(settings.UnmeasuredPerType, (figures?.Ships ?? 0) / 4))
            {
                continue;   // wait for the newest ones' figures before buying more of them
            }

            if (IsTrader(type) && ledger.IdledSince(TraderTypes, now - settings.IdleLookback))
            {
                continue;   // a trader found no trade worth making lately: the routes are taken, another trader adds nothing
            }

            var cph = figures?.MarginalCreditsPerHour ?? prior.Cph;
            var rph = figures?.RequestsPerHour ?? prior.Rph;
            if (cph <= 0 || (saturated && (rph <= 0 || cph / rph <= fleet.CreditsPerRequest)))
            {
                continue;
            }

            if (await YardSellingAsync(context, type, now, cancellationToken).ConfigureAwait(false) is not { } offer)
            {
                continue;
            }

            var payback = offer.Price / cph;
            if (payback <= horizon && credits - offer.Price >= floor && (best is null || payback < best.Value.Payback))
            {
                best = (type, offer.Yard, offer.Price, payback);
            }
        }

        if (best is { } pick)
        {
            await BuyAsync(context, pick.Type, pick.Yard, $"payback {pick.Payback:0.0} h", cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly string[] TraderTypes = ["SHIP_COMMAND_FRIGATE", "SHIP_LIGHT_SHUTTLE", "SHIP_LIGHT_HAULER", "SHIP_HEAVY_FREIGHTER"];

    private static bool IsTrader(string? type) => type is not null && TraderTypes.Contains(type, StringComparer.Ordinal);

    private async Task TryProbeAsync(IConductorContext context, long credits, long floor, CancellationToken cancellationToken)
    {
        var offer = await YardSellingAsync(context, "SHIP_PROBE", context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (offer is { } found && credits - found.Price >= Math.Min(floor, settings.Reserve))
        {
            await BuyAsync(context, "SHIP_PROBE", found.Yard, "a probe for a shipyard or a tour", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A shipyard selling the type where one of the fleet's ships stands, and its price there.</summary>
    private async Task<(string Yard, int Price)?> YardSellingAsync(IConductorContext context, string type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (yard, types) in world.ShipyardTypes)
        {
            if (!types.Any(t => t.Value == type) || !Present(context, yard))
            {
                continue;
            }

            if (!_listings.TryGetValue(yard, out var seen) || now - seen.At > ListingAge || seen.Listing.Ships is null)
            {
                var listing = await context.Client.Systems.GetShipyardAsync(yard, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
                _listings[yard] = seen = (listing, now);
            }

            if (seen.Listing.Ships?.FirstOrDefault(s => s.Type.Value == type) is { } ship)
            {
                return (yard, ship.PurchasePrice);
            }
        }

        return null;
    }

    private static bool Present(IConductorContext context, string yard) =>
        context.Agent.Ships.Any(s => s.Current.Nav is { } nav && nav.WaypointSymbol == yard && nav.Status != ShipNavStatus.InTransit && !s.IsScrapped);

    private async Task BuyAsync(IConductorContext context, string type, string yard, string why, CancellationToken cancellationToken)
    {
        try
        {
            var bought = await context.Client.Fleet.PurchaseShipAsync(new ShipType(type), yard, cancellationToken: cancellationToken).ConfigureAwait(false);
            _lastPurchase = context.Clock.GetUtcNow();
            _listings.Remove(yard);
            LogBought(context.Logger, type, bought.Ship.Symbol, bought.Transaction.Price, why);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            _listings.Remove(yard);
        }
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Bought {Type} {Ship} for {Price} credits ({Why}).")]
    private static partial void LogBought(ILogger logger, string type, string ship, int price, string why);
}
