using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week02;

/// <summary>
/// <c>extract-and-sell@week02</c>: mine at the nearest minable asteroid until the hold is full, sell everything at the
/// best nearby market, top up the tank there when it runs low, and go back. Goods no known market buys are jettisoned.
/// </summary>
/// <remarks>
/// Every decision reads the tracked ship (no polling); the pilot waits out cooldowns and flights on the clock. It ends
/// <see cref="BehaviourOutcome.Idle"/> when the ship cannot mine (no laser, no asteroid, no route) and
/// <see cref="BehaviourOutcome.Completed"/> after <c>cycles</c> mine-and-sell cycles when that parameter is set.
/// </remarks>
internal sealed class ExtractAndSell : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "extract-and-sell";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Mine at the nearest asteroid until full, sell everything at the best nearby market, refuel as needed, repeat.",
        [
            new("asteroid", ParameterType.String, "The waypoint to mine at; the nearest minable asteroid when empty.", string.Empty),
            new("creditsPerDistance", ParameterType.Number, "What a unit of distance to a market costs when choosing where to sell.", "5"),
            new("refuelBelow", ParameterType.Number, "Top up at a market that sells fuel when the tank is below this fraction.", "0.5"),
            new("jettisonUnsellable", ParameterType.Boolean, "Jettison goods no known market of the system buys.", "true"),
            new("cycles", ParameterType.Integer, "Mine-and-sell cycles before completing; 0 runs until cancelled.", "0"),
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
            var here = WaypointPosition.From(pilot.Ship.Current.Nav.Route.Destination);
            asteroid = MiningSites.Rank(waypoints, here).FirstOrDefault()?.Symbol ?? string.Empty;
        }

        if (asteroid.Length == 0)
        {
            return BehaviourResult.Idle($"No minable asteroid is known in {system}.");
        }

        var sale = new SalePlanOptions { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 5) };
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var jettison = parameters.GetBoolean("jettisonUnsellable", true);
        var cycles = parameters.GetInt32("cycles", 0);
        for (var cycle = 0; cycles == 0 || cycle < cycles; cycle++)
        {
            try
            {
                if (pilot.Ship.CargoFree > 0)
                {
                    await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                    context.ReportActivity($"mining at {asteroid}");
                    await pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
                    while (await pilot.ExtractAsync(survey: null, cancellationToken).ConfigureAwait(false) is not null)
                    {
                    }
                }

                context.ReportActivity("selling the hold");
                var sold = await pilot.SellHoldAsync(sale, cancellationToken).ConfigureAwait(false);
                if (jettison)
                {
                    foreach (var item in sold.Unsold)
                    {
                        await pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (sold.Sales.Count == 0 && pilot.Ship.CargoFree == 0)
                {
                    return BehaviourResult.Idle($"The hold of {pilot.ShipSymbol} is full of goods no known market buys.");
                }

                await pilot.RefuelIfBelowAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
            }
            catch (RouteNotFoundException error)
            {
                return BehaviourResult.Idle(error.Message);
            }
        }

        return BehaviourResult.Completed;
    }
}
