using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week12.Behaviours;

/// <summary>
/// <c>scout@week12</c>: a probe keeps market prices fresh. With <c>station</c> set it parks at that waypoint (a shipyard:
/// the fleet buys ships where one of its ships is present) and reads the market there every <c>refreshAfter</c>;
/// otherwise it tours its share of the system's markets (<c>markets</c>, every market when empty), flying to the
/// stalest and reading it, and waits on the clock, without a request, while all of them are fresher than
/// <c>refreshAfter</c>.
/// </summary>
/// <remarks>Market reads go at <see cref="RequestPriority.Background"/>: the earners' requests go first. Runs until cancelled.</remarks>
internal sealed class Scout : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "scout";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Keep market prices fresh: park at a station and read its market, or tour a share of the system's markets, stalest first.",
        [
            new("station", ParameterType.String, "A waypoint to park at (a shipyard, so ships can be bought there); empty to tour.", string.Empty),
            new("markets", ParameterType.List, "The markets of this scout's tour; every market of the system when empty.", string.Empty),
            new("refreshAfter", ParameterType.Duration, "How old a market's prices get before it is read again.", "00:20:00"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol, new PilotOptions { Priorities = PilotPriorities.CooldownFirst });
        if (context.Ship.Current.Nav is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var refreshAfter = context.Parameters.GetDuration("refreshAfter", TimeSpan.FromMinutes(20));
        var station = context.Parameters.GetString("station", string.Empty);
        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        try
        {
            if (station.Length > 0)
            {
                return await StationAsync(context, pilot, waypoints.FirstOrDefault(w => w.Symbol == station), refreshAfter, cancellationToken).ConfigureAwait(false);
            }

            var listed = context.Parameters.GetList("markets");
            var markets = waypoints
                .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace) && (listed.Count == 0 || listed.Contains(w.Symbol)))
                .ToList();
            if (markets.Count == 0)
            {
                return BehaviourResult.Idle($"No market to scout in {system}.");
            }

            while (true)
            {
                var (next, age) = Stalest(context, pilot, markets);
                if (age < refreshAfter)
                {
                    context.ReportActivity($"every market is fresh; next due {next.Symbol}");
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

    private static async Task<BehaviourResult> StationAsync(IBehaviourContext context, ShipPilot pilot, Waypoint? station, TimeSpan refreshAfter, CancellationToken cancellationToken)
    {
        if (station is null)
        {
            return BehaviourResult.Idle("The station is not a waypoint of the ship's system.");
        }

        context.ReportActivity($"flying to station {station.Symbol}");
        await pilot.NavigateAsync(station.Symbol, cancellationToken).ConfigureAwait(false);
        var market = station.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace);
        while (true)
        {
            if (market)
            {
                var age = context.Markets.TryGet(station.Symbol, out var seen) && seen.PriceAge(context.Clock.GetUtcNow()) is { } known ? known : TimeSpan.MaxValue;
                if (age >= refreshAfter)
                {
                    await context.Client.Systems.GetMarketAsync(station.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
                    age = TimeSpan.Zero;
                }

                context.ReportActivity($"stationed at {station.Symbol}");
                await context.Clock.DelayAsync(refreshAfter - age, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                context.ReportActivity($"stationed at {station.Symbol}");
                await context.Clock.DelayAsync(TimeSpan.FromHours(24), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The market with the stalest prices (never priced counts as infinitely stale), the nearest of equals.</summary>
    private static (Waypoint Market, TimeSpan Age) Stalest(IBehaviourContext context, ShipPilot pilot, List<Waypoint> markets)
    {
        var now = context.Clock.GetUtcNow();
        var here = pilot.Ship.Current.Nav!.Route.Destination;
        return markets
            .Select(m => (Market: m, Age: context.Markets.TryGet(m.Symbol, out var seen) && seen.PriceAge(now) is { } age ? age : TimeSpan.MaxValue))
            .OrderByDescending(m => m.Age)
            .ThenBy(m => FlightRules.Distance(here.X, here.Y, m.Market.X, m.Market.Y))
            .ThenBy(m => m.Market.Symbol, StringComparer.Ordinal)
            .First();
    }
}
