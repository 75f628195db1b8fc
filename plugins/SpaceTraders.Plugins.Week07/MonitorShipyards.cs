using System.Globalization;
using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// <c>monitor-shipyards@week07</c>: keeps the ship prices of the system's shipyards known. A shipyard shows prices only
/// to a ship that is there, so the ship visits each shipyard whose prices are unknown or older than <c>maxAge</c>
/// (nearest first), reads it once while present, and records it in the shared world cache; in between it parks at the
/// shipyard with the lowest known price for <c>shipType</c>, where the conductor can buy. No shipyard is read twice
/// within <c>maxAge</c>, and none is read from afar (that would show no prices).
/// </summary>
/// <remarks>When each shipyard was last read is posted on the fleet board as <c>shipyard-seen/&lt;waypoint&gt;</c> (round-trip time text).</remarks>
internal sealed class MonitorShipyards : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "monitor-shipyards";

    /// <summary>The board key prefix of the times shipyards were last read.</summary>
    public const string SeenPrefix = "shipyard-seen/";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Track the system's ship prices: visit each shipyard when its prices are unknown or stale, park at the cheapest in between.",
        [
            new("maxAge", ParameterType.Duration, "How old a shipyard's prices may grow before it is visited again.", "02:00:00"),
            new("shipType", ParameterType.String, "The ship type whose cheapest shipyard the ship parks at.", "SHIP_PROBE"),
            new("rounds", ParameterType.Integer, "Rounds of visits before completing; 0 runs until cancelled.", "0"),
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

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        var yards = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)).ToList();
        if (yards.Count == 0)
        {
            return BehaviourResult.Idle($"No shipyard is known in {system}.");
        }

        var maxAge = context.Parameters.GetDuration("maxAge", TimeSpan.FromHours(2));
        var shipType = new ShipType(context.Parameters.GetString("shipType", "SHIP_PROBE"));
        var rounds = context.Parameters.GetInt32("rounds", 0);
        try
        {
            for (var round = 0; rounds == 0 || round < rounds; round++)
            {
                // Visit every stale shipyard, nearest first from wherever the ship is.
                while (Stale(context, yards, maxAge) is { Count: > 0 } stale)
                {
                    var here = pilot.Ship.Current.Nav!.Route.Destination;
                    var next = stale.OrderBy(w => FlightRules.Distance(here.X, here.Y, w.X, w.Y)).ThenBy(w => w.Symbol, StringComparer.Ordinal).First();
                    context.ReportActivity($"reading the prices at {next.Symbol}");
                    await pilot.NavigateAsync(next.Symbol, cancellationToken).ConfigureAwait(false);
                    context.World.Record(await context.Client.Systems.GetShipyardAsync(next.Symbol, priority: EndpointPriorities.GetShipyard, cancellationToken: cancellationToken).ConfigureAwait(false));
                    context.Board.Post(SeenPrefix + next.Symbol, context.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                }

                var park = Cheapest(context, yards, shipType) ?? yards[0].Symbol;
                context.ReportActivity($"parked at {park}");
                await pilot.NavigateAsync(park, cancellationToken).ConfigureAwait(false);
                if (rounds != 0 && round + 1 == rounds)
                {
                    break;
                }

                var due = yards.Min(w => SeenAt(context, w.Symbol) ?? DateTimeOffset.MinValue) + maxAge;
                await context.Clock.DelayUntilAsync(due, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>Gets the shipyard of the system with the lowest known price for a ship type.</summary>
    public static string? Cheapest(IStrategyContext context, IEnumerable<Waypoint> yards, ShipType shipType) =>
        yards
            .Select(w => (w.Symbol, Price: context.World.TryGetShipyard(w.Symbol, out var shipyard) ? shipyard.Ships?.FirstOrDefault(s => s.Type == shipType)?.PurchasePrice : null))
            .Where(y => y.Price is not null)
            .OrderBy(y => y.Price)
            .ThenBy(y => y.Symbol, StringComparer.Ordinal)
            .Select(y => y.Symbol)
            .FirstOrDefault();

    private static List<Waypoint> Stale(IBehaviourContext context, List<Waypoint> yards, TimeSpan maxAge)
    {
        var now = context.Clock.GetUtcNow();
        return [.. yards.Where(w => SeenAt(context, w.Symbol) is not { } seen || now - seen >= maxAge
            || !context.World.TryGetShipyard(w.Symbol, out var shipyard) || shipyard.Ships is null)];
    }

    private static DateTimeOffset? SeenAt(IStrategyContext context, string yard) =>
        context.Board.TryRead<string>(SeenPrefix + yard, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var seen)
            ? seen
            : null;
}
