using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.Week12.Trading;

/// <summary>
/// Crossing between two systems whose jump gates are connected: fly to the gate of the ship's system, jump (one
/// ANTIMATTER at the origin gate's price, then a cooldown that does not hold up flying), and learn the other system
/// (its waypoints and its markets' listings, so the route planner knows where fuel is sold).
/// </summary>
internal static class GateCrossing
{
    /// <summary>The antimatter price assumed for a jump from a gate whose market does not list it (the good's base price).</summary>
    public const int DefaultJumpCost = 5000;

    /// <summary>Gets the jump gate of a system from its waypoints.</summary>
    /// <param name="waypoints">The system's waypoints.</param>
    /// <returns>The gate, or <see langword="null"/> when the system has none.</returns>
    public static Waypoint? GateOf(IEnumerable<Waypoint> waypoints) => waypoints.FirstOrDefault(w => w.Type == WaypointType.JumpGate);

    /// <summary>Gets what a jump from a gate costs: the antimatter price its market shows, or <paramref name="fallback"/>.</summary>
    /// <param name="markets">The market cache.</param>
    /// <param name="gate">The origin gate.</param>
    /// <param name="fallback">The price assumed when the gate's market does not show one.</param>
    /// <returns>The credits.</returns>
    public static long JumpCost(MarketCache markets, string gate, long fallback)
    {
        ArgumentNullException.ThrowIfNull(markets);
        return markets.TryGet(gate, out var market) && market.GetGood(TradeSymbol.Antimatter)?.Good is { } antimatter
            ? antimatter.PurchasePrice
            : fallback;
    }

    /// <summary>Loads a system's waypoints and market listings into the shared caches.</summary>
    /// <param name="context">The strategy's context.</param>
    /// <param name="system">The system.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The system's waypoints.</returns>
    public static async Task<IReadOnlyList<Waypoint>> LearnAsync(IStrategyContext context, string system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        return waypoints;
    }

    /// <summary>Flies to the gate of the ship's system and jumps to <paramref name="toGate"/>, then learns the system it arrives in.</summary>
    /// <param name="context">The behaviour's context.</param>
    /// <param name="pilot">The ship's pilot.</param>
    /// <param name="fromGate">The gate of the ship's system.</param>
    /// <param name="toGate">The gate to jump to (connected to <paramref name="fromGate"/>).</param>
    /// <param name="refuelBelow">Top up before the flight to the gate when the tank is below this fraction.</param>
    /// <param name="cancellationToken">Cancels the crossing.</param>
    /// <returns>A task that completes when the ship is at <paramref name="toGate"/>.</returns>
    public static async Task JumpAsync(IBehaviourContext context, ShipPilot pilot, string fromGate, string toGate, double refuelBelow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pilot);
        context.ReportActivity($"jumping {fromGate} -> {toGate}");
        await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(fromGate, cancellationToken).ConfigureAwait(false);
        await pilot.JumpAsync(toGate, cancellationToken).ConfigureAwait(false);
        await LearnAsync(context, ShipPilot.SystemOf(toGate), cancellationToken).ConfigureAwait(false);
    }
}
