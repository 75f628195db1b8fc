using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// <c>extract-and-sell@week10</c>: week 2's job (mine at the nearest asteroid, sell at the best nearby market, refuel as
/// needed), waste-aware and with cooldown-first priorities. An extraction whose expected yield would more than half not
/// fit in the hold is not made: the ship goes to sell instead of spending a request and a cooldown on jettisoned ore.
/// </summary>
/// <remarks>
/// The pilot flies with <see cref="PilotPriorities.CooldownFirst"/>: the orbit before an extraction queues with the
/// extraction, trade and docking behind it, market reads last. The best cached survey of the asteroid is used when one
/// is usable; a ship with a surveyor surveys first when none is (one cooldown for richer, more valuable extractions). Ends <see cref="BehaviourOutcome.Idle"/> when the ship cannot mine, and
/// <see cref="BehaviourOutcome.Completed"/> after <c>cycles</c> mine-and-sell cycles when that parameter is set.
/// </remarks>
internal sealed class ExtractAndSell : IBehaviour
{
    /// <summary>The behaviour's id (the same job as week 2's <c>extract-and-sell</c>).</summary>
    public const string Id = "extract-and-sell";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Mine at the nearest asteroid while the yield fits the hold, sell at the best nearby market, refuel as needed, repeat.",
        [
            new("asteroid", ParameterType.String, "The waypoint to mine at; the nearest minable asteroid when empty.", string.Empty),
            new("survey", ParameterType.Boolean, "Survey the asteroid first when the ship has a surveyor and the cache holds no usable survey of it.", "true"),
            new("maxWaste", ParameterType.Number, "Do not extract when more than this share of the expected yield would not fit in the hold.", "0.5"),
            new("creditsPerDistance", ParameterType.Number, "What a unit of distance to a market costs when choosing where to sell.", "5"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.5"),
            new("cycles", ParameterType.Integer, "Mine-and-sell cycles before completing; 0 runs until cancelled.", "0"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst });
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

        var maxWaste = parameters.GetDouble("maxWaste", 0.5);
        var survey = parameters.GetBoolean("survey", true) && (pilot.Ship.Current.Mounts ?? []).Any(m => m.Symbol.Value.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal));
        var sale = new SalePlanOptions { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 5) };
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var cycles = parameters.GetInt32("cycles", 0);
        try
        {
            for (var cycle = 0; cycles == 0 || cycle < cycles; cycle++)
            {
                if (ShouldExtract(context, pilot, asteroid, maxWaste))
                {
                    await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                    context.ReportActivity($"mining at {asteroid}");
                    await pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
                    if (survey && context.Surveys.GetBest(asteroid, SurveyGoal.BestValue) is null)
                    {
                        context.ReportActivity($"surveying {asteroid}");
                        await pilot.SurveyAsync(cancellationToken).ConfigureAwait(false);
                    }

                    while (ShouldExtract(context, pilot, asteroid, maxWaste)
                        && await pilot.ExtractAsync(context.Surveys.GetBest(asteroid, SurveyGoal.BestValue), cancellationToken).ConfigureAwait(false) is not null)
                    {
                    }
                }

                context.ReportActivity("selling the hold");
                var sold = await pilot.SellHoldAsync(sale, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Whether one more extraction is worth its request: at most <paramref name="maxWaste"/> of its expected yield (with
    /// the survey it would use) would not fit in the free cargo space.
    /// </summary>
    internal static bool ShouldExtract(IBehaviourContext context, ShipPilot pilot, string asteroid, double maxWaste)
    {
        var ship = pilot.Ship;
        if (ship.CargoFree <= 0)
        {
            return false;
        }

        var survey = context.Surveys.GetBest(asteroid, SurveyGoal.BestValue);
        return YieldEstimate.WastedShare(ship.Current.Mounts, ship.CargoFree, survey?.Size) <= maxWaste;
    }
}
