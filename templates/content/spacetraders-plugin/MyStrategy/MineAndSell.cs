using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;

namespace MyStrategy;

/// <summary>
/// <c>my-strategy-mine-and-sell</c>, a behaviour: drives one ship. It mines at the nearest minable asteroid of the ship's
/// system until the hold is full, sells the hold at the markets that pay best for the distance, and repeats
/// <c>cycles</c> times; then the session completes and the conductor decides what next.
/// </summary>
/// <remarks>
/// <para>
/// The rules that make a behaviour work on the live server and in the simulator's virtual time alike: wait only through
/// the clock (<c>context.Clock.DelayAsync</c>, or the pilot, which waits out flights and cooldowns on it), never
/// <c>Task.Delay</c> or <c>Thread.Sleep</c>; honour the cancellation token (the ship was paused or reassigned, or the
/// runtime stops); report expected dead ends as <see cref="BehaviourResult.Idle"/> (throwing fails the session and the
/// runtime restarts it).
/// </para>
/// <para>
/// Every request costs credits per request (CPR), so read the game from the tracked ship (<c>context.Ship</c>, kept
/// current from every response) and the shared caches (<c>context.World</c>, <c>context.Markets</c>) rather than asking
/// the server again.
/// </para>
/// </remarks>
internal sealed class MineAndSell : IBehaviour
{
    /// <summary>The behaviour's id: an id of this plugin's own, so it never clashes with another plugin's.</summary>
    public const string Id = "my-strategy-mine-and-sell";

    /// <summary>Gets the descriptor: what the behaviour does and its parameters with their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Mine at the nearest asteroid until the hold is full, sell the hold where it pays best, repeat.",
        [
            new("cycles", ParameterType.Integer, "Mine-and-sell rounds before the session completes.", "1"),
            new("refuelBelow", ParameterType.Number, "Refuel before mining when the tank is below this fraction of its capacity.", "0.5"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The parameters come with the assignment; the descriptor's defaults fill in those not given.
        var cycles = context.Parameters.GetInt32("cycles", 1);
        var refuelBelow = context.Parameters.GetDouble("refuelBelow", 0.5);

        // The SDK's pilot flies the ship: routes, fuel, orbit and dock, cooldowns and sales, each request at its priority.
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Mounts is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (YieldEstimate.LaserStrength(pilot.Ship.Current.Mounts) == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no mining laser.");
        }

        // Where to mine: the nearest minable asteroid. The waypoints come from the world cache (one fetch per system for
        // the whole fleet); the market listings let the pilot know which market buys what before any ship is there.
        var nav = pilot.Ship.Current.Nav!;
        var waypoints = await context.World.GetWaypointsAsync(nav.SystemSymbol, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, nav.SystemSymbol, cancellationToken).ConfigureAwait(false);
        var asteroid = MiningSites.Rank(waypoints, WaypointPosition.From(nav.Route.Destination)).FirstOrDefault();
        if (asteroid is null)
        {
            return BehaviourResult.Idle($"No minable asteroid is known in {nav.SystemSymbol}.");
        }

        try
        {
            for (var cycle = 0; cycle < cycles; cycle++)
            {
                await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
                context.ReportActivity($"mining at {asteroid.Symbol}"); // shown in the runner's live view and dashboard
                await pilot.NavigateAsync(asteroid.Symbol, cancellationToken).ConfigureAwait(false);
                while (await pilot.ExtractAsync(survey: null, cancellationToken).ConfigureAwait(false) is not null)
                {
                    // ExtractAsync waits out the cooldown on the clock and returns null once the hold is full.
                }

                context.ReportActivity("selling the hold");
                var sale = await pilot.SellHoldAsync(options: null, cancellationToken).ConfigureAwait(false);
                foreach (var unsold in sale.Unsold)
                {
                    // No known market of the system buys it: make room for what sells.
                    await pilot.JettisonAsync(unsold.Symbol, unsold.Units, cancellationToken).ConfigureAwait(false);
                }

                context.Logger.LogInformation("{Ship} sold its hold for {Credits} credits", pilot.ShipSymbol, sale.Revenue);
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }
}
