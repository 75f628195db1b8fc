using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// <c>explore@week07</c>: maps the jump-gate network outwards from the ship's system and charts what nobody has charted.
/// </summary>
/// <remarks>
/// <para>
/// Charted systems are explored without flying: their waypoints, jump gates, market listings and shipyard listings are
/// public, so they are read (at background priority, once each, into the shared caches) breadth-first along the gates,
/// up to <c>maxSystems</c> systems. Only systems whose waypoints show <c>UNCHARTED</c> need a visit: the ship travels
/// there along known gates (multi-jump, each jump paying its antimatter, at most <c>maxJumps</c> jumps in all), charts
/// every uncharted waypoint and refreshes it, so its traits, markets and shipyards become known to the whole fleet.
/// </para>
/// <para>Completes when nothing within reach is left to explore or chart.</para>
/// </remarks>
internal sealed class Explore : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "explore";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Map the jump-gate network by reading charted systems, and fly (multi-jump) to chart the uncharted ones.",
        [
            new("maxSystems", ParameterType.Integer, "The most systems to map by reading.", "12"),
            new("maxJumps", ParameterType.Integer, "The most jumps to make in all (each jump buys one antimatter).", "4"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var maxSystems = context.Parameters.GetInt32("maxSystems", 12);
        var jumpsLeft = context.Parameters.GetInt32("maxJumps", 4);
        var mapped = await MapAsync(context, pilot.Ship.Current.Nav!.SystemSymbol, maxSystems, cancellationToken).ConfigureAwait(false);
        var charted = 0;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var here = pilot.Ship.Current.Nav!.SystemSymbol;
                var graph = context.World.BuildJumpGateGraph();
                var target = mapped
                    .Where(s => !visited.Contains(s) && Uncharted(context, s).Count > 0)
                    .Select(s => (System: s, Path: s == here ? null : graph.FindPath(here, s)))
                    .Where(t => t.System == here || (t.Path is { } path && path.Jumps <= jumpsLeft))
                    .OrderBy(t => t.Path?.Jumps ?? 0)
                    .ThenBy(t => t.System, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (target.System is null)
                {
                    return new BehaviourResult(BehaviourOutcome.Completed, $"Mapped {mapped.Count} systems, charted {charted} waypoints.");
                }

                visited.Add(target.System);
                var uncharted = Uncharted(context, target.System);
                context.ReportActivity($"travelling to {target.System} to chart {uncharted.Count} waypoints");
                jumpsLeft -= await pilot.TravelToAsync(uncharted[0].Symbol, cancellationToken).ConfigureAwait(false);
                foreach (var waypoint in uncharted)
                {
                    context.ReportActivity($"charting {waypoint.Symbol}");
                    await pilot.NavigateAsync(waypoint.Symbol, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var chart = await context.Client.Fleet.CreateChartAsync(pilot.ShipSymbol, priority: EndpointPriorities.CreateChart, cancellationToken: cancellationToken).ConfigureAwait(false);
                        context.World.Record(chart.Waypoint);
                        charted++;
                    }
                    catch (SpaceTradersApiException error) when (error.ErrorCode == ErrorCodes.WaypointCharted)
                    {
                        // Charted by someone else meanwhile: read what they found.
                        context.World.Record(await context.Client.Systems.GetWaypointAsync(waypoint.Symbol, priority: EndpointPriorities.GetWaypoint, cancellationToken: cancellationToken).ConfigureAwait(false));
                    }
                }

                // The charted waypoints now show their markets: learn their listings too.
                await MarketListings.EnsureLoadedAsync(context.Client, target.System, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return BehaviourResult.Idle($"No credits for the antimatter of the next jump ({error.ErrorMessage}).");
        }
    }

    /// <summary>Reads systems breadth-first along the gates from <paramref name="home"/>: waypoints, gates, markets and shipyards.</summary>
    private static async Task<List<string>> MapAsync(IBehaviourContext context, string home, int maxSystems, CancellationToken cancellationToken)
    {
        var mapped = new List<string>();
        var queue = new Queue<string>([home]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { home };
        while (queue.Count > 0 && mapped.Count < maxSystems)
        {
            var system = queue.Dequeue();
            context.ReportActivity($"mapping {system}");
            var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
            mapped.Add(system);
            await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
            foreach (var yard in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)))
            {
                await context.World.GetShipyardAsync(yard.Symbol, cancellationToken).ConfigureAwait(false);
            }

            foreach (var gate in waypoints.Where(w => w.Type == WaypointType.JumpGate))
            {
                var jumpGate = await context.World.GetJumpGateAsync(gate.Symbol, cancellationToken).ConfigureAwait(false);

                // By symbol: the server lists a gate's connections in no promised order, and which systems make the
                // first maxSystems must not depend on it.
                foreach (var connection in jumpGate.Connections.Order(StringComparer.Ordinal))
                {
                    var next = ShipPilot.SystemOf(connection);
                    if (seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return mapped;
    }

    private static List<Waypoint> Uncharted(IBehaviourContext context, string system) =>
        context.World.TryGetWaypoints(system, out var waypoints)
            ? [.. waypoints.Where(w => context.World.TryGetWaypoint(w.Symbol, out var latest) ? IsUncharted(latest) : IsUncharted(w))]
            : [];

    private static bool IsUncharted(Waypoint waypoint) => waypoint.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Uncharted);
}
