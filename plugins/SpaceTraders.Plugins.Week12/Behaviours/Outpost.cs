using SpaceTraders.Plugins.Week12.Trading;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>outpost@week12</c>: a probe keeps the markets of a system across the gate priced: it jumps there from home (one
/// ANTIMATTER), then tours that system's markets, stalest first, and waits on the clock, without a request, while all
/// of them are fresher than <c>refreshAfter</c>. The expanders plan their trips through the gate with these prices.
/// </summary>
/// <remarks>Market reads go at <see cref="RequestPriority.Background"/>. Runs until cancelled.</remarks>
internal sealed class Outpost : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "outpost";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Keep the markets of a system across the gate priced: jump there, then tour its markets, stalest first.",
        [
            new("system", ParameterType.String, "The system to keep priced (its gate connected to the ship's).", string.Empty),
            new("refreshAfter", ParameterType.Duration, "How old a market's prices get before it is read again.", "00:20:00"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst });
        if (context.Ship.Current.Nav is null || context.Ship.Current.Fuel is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var target = context.Parameters.GetString("system", string.Empty);
        var refreshAfter = context.Parameters.GetDuration("refreshAfter", TimeSpan.FromMinutes(20));
        if (target.Length == 0)
        {
            return BehaviourResult.Idle("No system given.");
        }

        try
        {
            var waypoints = await GateCrossing.LearnAsync(context, target, cancellationToken).ConfigureAwait(false);
            var here = pilot.Ship.Current.Nav!.SystemSymbol;
            if (here != target)
            {
                var origin = GateCrossing.GateOf(await context.World.GetWaypointsAsync(here, cancellationToken).ConfigureAwait(false));
                var destination = GateCrossing.GateOf(waypoints);
                if (origin is null || destination is null)
                {
                    return BehaviourResult.Idle($"No gate between {here} and {target}.");
                }

                await GateCrossing.JumpAsync(context, pilot, origin.Symbol, destination.Symbol, 0.5, cancellationToken).ConfigureAwait(false);
            }

            var markets = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).ToList();
            if (markets.Count == 0)
            {
                return BehaviourResult.Idle($"No market in {target}.");
            }

            while (true)
            {
                var now = context.Clock.GetUtcNow();
                var at = pilot.Ship.Current.Nav!.Route.Destination;
                var (next, age) = markets
                    .Select(m => (Market: m, Age: context.Markets.TryGet(m.Symbol, out var seen) && seen.PriceAge(now) is { } known ? known : TimeSpan.MaxValue))
                    .OrderByDescending(m => m.Age)
                    .ThenBy(m => FlightRules.Distance(at.X, at.Y, m.Market.X, m.Market.Y))
                    .ThenBy(m => m.Market.Symbol, StringComparer.Ordinal)
                    .First();
                if (age < refreshAfter)
                {
                    context.ReportActivity($"every market of {target} is fresh; next due {next.Symbol}");
                    await context.Clock.DelayAsync(refreshAfter - age, cancellationToken).ConfigureAwait(false);
                }

                context.ReportActivity($"scouting {next.Symbol}");
                await pilot.NavigateAsync(next.Symbol, cancellationToken).ConfigureAwait(false);
                await context.Client.Systems.GetMarketAsync(next.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }
    }
}
