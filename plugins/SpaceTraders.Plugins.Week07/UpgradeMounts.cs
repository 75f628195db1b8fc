using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// <c>upgrade@week07</c>: fills a mining ship's free mounting points with the best mining laser a market of the system
/// sells, when the extra yield repays the mount and the shipyard's fee within <c>paybackHours</c>.
/// </summary>
/// <remarks>
/// <para>
/// The gain is worked out from the extraction formula: yield per hour is proportional to the summed laser strength over
/// the cooldown <c>60 + 10 × laser power</c>, so a Mining Laser I (strength 10, power 1) on a ship with a Mining Laser II
/// (25, 2) adds about a quarter; that share of the ship's mining income per hour (<c>incomePerHour</c>, measured by the
/// conductor; estimated from the strength when not given) is weighed against the mount's price (as seen, else its
/// typical price) plus the fee.
/// </para>
/// <para>
/// The mount is bought at the market that exports it, then installed docked at the nearest shipyard. Completes after
/// each install or when nothing pays; 4249/4250/4252 (power, slots, crew) end it idle with the reason.
/// </para>
/// </remarks>
internal sealed class UpgradeMounts : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "upgrade";

    private static readonly (string Mount, int Strength, int Power, int TypicalPrice)[] Lasers =
    [
        ("MOUNT_MINING_LASER_III", 60, 5, 62000),
        ("MOUNT_MINING_LASER_II", 25, 2, 30000),
        ("MOUNT_MINING_LASER_I", 10, 1, 12000),
    ];

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Install a better mining laser in a free mounting point when it pays back.",
        [
            new("paybackHours", ParameterType.Number, "Install only when the extra income repays the mount and the fee within this many hours.", "6"),
            new("incomePerHour", ParameterType.Number, "The ship's mining income per hour; 0 estimates it from the laser strength.", "0"),
            new("creditsPerStrengthHour", ParameterType.Number, "The income per hour per unit of laser strength assumed when incomePerHour is 0.", "500"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Frame is null || context.Ship.Current.Mounts is null || context.Ship.Current.Nav is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var snapshot = pilot.Ship.Current;
        var mounts = snapshot.Mounts!;
        if (mounts.Count >= snapshot.Frame!.MountingPoints)
        {
            return new BehaviourResult(BehaviourOutcome.Completed, $"{pilot.ShipSymbol} has no free mounting point.");
        }

        var strength = YieldEstimate.LaserStrength(mounts);
        if (strength == 0)
        {
            return new BehaviourResult(BehaviourOutcome.Completed, $"{pilot.ShipSymbol} does not mine.");
        }

        var system = snapshot.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var power = mounts.Where(m => m.Symbol.Value.StartsWith("MOUNT_MINING_LASER", StringComparison.Ordinal)).Sum(m => m.Requirements.Power ?? 0);
        var income = context.Parameters.GetDouble("incomePerHour", 0);
        if (income <= 0)
        {
            income = strength * context.Parameters.GetDouble("creditsPerStrengthHour", 500);
        }

        var choice = Choose(context, system, waypoints, strength, power, income, context.Parameters.GetDouble("paybackHours", 6));
        if (choice is null)
        {
            return new BehaviourResult(BehaviourOutcome.Completed, "No laser sold in the system repays itself in time.");
        }

        var (mount, market, yard) = choice.Value;
        try
        {
            if (pilot.Ship.CargoFree == 0)
            {
                await pilot.SellHoldAsync(SalePlanOptions.Default, cancellationToken).ConfigureAwait(false);
            }

            context.ReportActivity($"buying {mount} at {market}");
            await pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
            if ((await pilot.BuyAsync(mount, 1, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return BehaviourResult.Idle($"Could not buy {mount} at {market}.");
            }

            context.ReportActivity($"installing {mount} at {yard}");
            await pilot.NavigateAsync(yard, cancellationToken).ConfigureAwait(false);
            await pilot.DockAsync(cancellationToken).ConfigureAwait(false);
            await context.Client.Fleet.InstallMountAsync(pilot.ShipSymbol, mount.Value, priority: EndpointPriorities.InstallMount, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BehaviourResult(BehaviourOutcome.Completed, $"Installed {mount} on {pilot.ShipSymbol}.");
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return BehaviourResult.Idle($"No credits for {mount}: {error.ErrorMessage}");
        }
        catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.ShipMissingPower or ErrorCodes.ShipMissingSlots or ErrorCodes.ShipMissingCrew)
        {
            return BehaviourResult.Idle($"{mount} does not fit {pilot.ShipSymbol}: {error.ErrorMessage}");
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }
    }

    /// <summary>Picks the laser with the shortest payback among those the system's markets sell, if any pays back in time.</summary>
    private static (TradeSymbol Mount, string Market, string Yard)? Choose(
        IBehaviourContext context, string system, IReadOnlyList<Waypoint> waypoints, int strength, int power, double income, double paybackHours)
    {
        var yard = Nearest(context.Ship, waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)));
        if (yard is null)
        {
            return null;
        }

        var fee = context.World.TryGetShipyard(yard, out var shipyard) ? shipyard.ModificationsFee : 5000;
        var rate = strength / (60.0 + (10.0 * power));
        (TradeSymbol, string, string)? best = null;
        var bestPayback = paybackHours;
        foreach (var (symbol, extra, extraPower, typical) in Lasers)
        {
            var mount = new TradeSymbol(symbol);
            var seller = context.Markets.FindMarkets(system, mount, MarketTradeGoodType.Export).Concat(context.Markets.FindMarkets(system, mount, MarketTradeGoodType.Exchange))
                .OrderBy(m => m.GetGood(mount)?.PurchasePrice ?? typical)
                .FirstOrDefault();
            if (seller is null)
            {
                continue;
            }

            var gain = income * ((((strength + extra) / (60.0 + (10.0 * (power + extraPower)))) / rate) - 1);
            var cost = (seller.GetGood(mount)?.PurchasePrice ?? typical) + fee;
            var payback = gain <= 0 ? double.MaxValue : cost / gain;
            context.Logger.LogPayback(symbol, cost, gain, payback);
            if (payback <= bestPayback)
            {
                bestPayback = payback;
                best = (mount, seller.WaypointSymbol, yard);
            }
        }

        return best;
    }

    private static string? Nearest(Sdk.State.TrackedShip ship, IEnumerable<Waypoint> candidates)
    {
        var here = ship.Current.Nav!.Route.Destination;
        return candidates
            .OrderBy(w => FlightRules.Distance(here.X, here.Y, w.X, w.Y))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal)
            .FirstOrDefault()?.Symbol;
    }
}

/// <summary>Log messages of the week-7 behaviours.</summary>
internal static partial class Week07Log
{
    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 701, Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "{Mount}: costs {Cost}, adds {Gain:0} credits an hour, pays back in {Payback:0.0} hours")]
    public static partial void LogPayback(this Microsoft.Extensions.Logging.ILogger logger, string mount, int cost, double gain, double payback);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 703, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "{Ship}: accepting contract {Contract} ({Goods}), paying {Payment} for goods estimated at {Cost}")]
    public static partial void LogAccepting(this Microsoft.Extensions.Logging.ILogger logger, string ship, string contract, string goods, long payment, long cost);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 702, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "{Ship}: {Behaviour} is idle: {Reason}")]
    public static partial void LogIdle(this Microsoft.Extensions.Logging.ILogger logger, string ship, string behaviour, string reason);
}
