using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.MarketScout;

/// <summary>
/// The <c>market-scout</c> conductor: gathers the markets of the scouted systems, buys probes at the nearest
/// shipyard (flown to by the command ship) until there are <c>scouts</c> of them, partitions the markets among the
/// scouts with the chosen strategy, posts the tours on the fleet board (<see cref="ScoutPlan"/>) and assigns each
/// scout the <c>scout-tour</c> behaviour. When scouts are added or removed (bought, paused, gone) it re-plans from
/// where the scouts are now. Between changes it waits for the fleet to change; it never polls.
/// </summary>
internal sealed partial class MarketScoutConductor : IConductor
{
    private static readonly TimeSpan FleetWait = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var target = Math.Max(0, parameters.GetInt32(ScoutParameters.Scouts, 3));
        var strategy = PartitionStrategies.Parse(parameters.GetString(ScoutParameters.Strategy, "optimal"));
        var buyProbes = parameters.GetBoolean(ScoutParameters.BuyProbes, true);
        var commandShipScouts = parameters.GetBoolean(ScoutParameters.CommandShipScouts, false);
        var costs = ScoutParameters.Costs(parameters, context.Agent.Rules);
        var planner = new ScoutPlanner(costs, parameters.GetInt32(ScoutParameters.Seed, 1), parameters.GetInt32(ScoutParameters.SolutionLimit, 100_000));
        var behaviourParameters = new StrategyParameters(
            parameters.Where(p => ScoutParameters.Behaviour.Any(d => string.Equals(d.Name, p.Key, StringComparison.OrdinalIgnoreCase))));
        var behaviour = new StrategyRef(MarketScoutPlugin.BehaviourId, context.Conductor.Version);

        var command = CommandShip(context);
        var systems = parameters.GetList(ScoutParameters.Systems) is { Count: > 0 } listed
            ? listed
            : [command?.Current.Nav?.SystemSymbol ?? context.Agent.Ships.First().Current.Nav!.SystemSymbol];
        var (markets, entryPoints) = await MarketsAsync(context, systems, cancellationToken).ConfigureAwait(false);
        LogMarkets(context.Logger, markets.Count, string.Join(", ", systems), PartitionStrategies.Name(strategy), target);

        var version = 0;
        IReadOnlyList<string> planned = [];
        var nothingToBuy = !buyProbes;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scouts = Scouts(context, commandShipScouts, target);
            if (scouts.Count < target && !nothingToBuy)
            {
                nothingToBuy = !await BuyProbesAsync(context, target - scouts.Count, cancellationToken).ConfigureAwait(false);
                scouts = Scouts(context, commandShipScouts, target);
            }

            var symbols = scouts.Select(s => s.Symbol).ToList();
            if (!symbols.SequenceEqual(planned, StringComparer.Ordinal))
            {
                var ships = scouts.Select(s => new ScoutShip(s.Symbol, WaypointPosition.From(s.Current.Nav!.Route.Destination), s.Current.Engine!.Speed)).ToList();
                var tours = planner.Plan(strategy, ships, markets, entryPoints);
                var plan = ScoutPlan.From(++version, tours, context.Clock.GetUtcNow());
                context.Board.Post(ScoutPlan.BoardKey, plan);
                LogPlanned(context.Logger, version, PartitionStrategies.Name(strategy), symbols.Count, tours.MaxSeconds, tours.Balance, tours.Unassigned.Count);
                if (tours.Note is { } note)
                {
                    LogPlanNote(context.Logger, version, note);
                }

                foreach (var symbol in symbols.Except(planned, StringComparer.Ordinal))
                {
                    context.Assign(symbol, behaviour, behaviourParameters);
                }

                planned = symbols;
            }

            await context.WaitForFleetChangeAsync(FleetWait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SpaceTraders.Sdk.State.TrackedShip? CommandShip(IConductorContext context) =>
        context.Agent.Ships.FirstOrDefault(s => s.Current.Registration?.Role == ShipRole.Command);

    /// <summary>The scouts now: probes (and the command ship if asked) that the runtime runs here and has not paused, by symbol, at most the target.</summary>
    private static List<SpaceTraders.Sdk.State.TrackedShip> Scouts(IConductorContext context, bool commandShipScouts, int target)
    {
        var unavailable = context.Ships
            .Where(s => s.State is FleetShipState.Paused or FleetShipState.Elsewhere)
            .Select(s => s.Symbol)
            .ToHashSet(StringComparer.Ordinal);
        return [.. context.Agent.Ships
            .Where(s => !unavailable.Contains(s.Symbol) && !s.IsScrapped && s.Current.Nav is not null && s.Current.Engine is not null)
            .Where(s => IsProbe(s) || (commandShipScouts && s.Current.Registration?.Role == ShipRole.Command))
            .OrderBy(s => s.Symbol, StringComparer.Ordinal)
            .Take(target)];
    }

    private static bool IsProbe(SpaceTraders.Sdk.State.TrackedShip ship) =>
        ship.Current.Frame?.Symbol == ShipFrameSymbol.FrameProbe || ship.Current.Registration?.Role == ShipRole.Satellite;

    /// <summary>The marketplaces of the systems, and each system's jump gate as the entry point for scouts arriving from elsewhere.</summary>
    private static async Task<(List<WaypointPosition> Markets, Dictionary<string, WaypointPosition> EntryPoints)> MarketsAsync(
        IConductorContext context, IReadOnlyList<string> systems, CancellationToken cancellationToken)
    {
        var markets = new List<WaypointPosition>();
        var entryPoints = new Dictionary<string, WaypointPosition>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
            markets.AddRange(waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).Select(WaypointPosition.From));
            if (waypoints.FirstOrDefault(w => w.Type == WaypointType.JumpGate) is { } gate)
            {
                entryPoints[system] = WaypointPosition.From(gate);
            }
        }

        return (markets, entryPoints);
    }

    /// <summary>
    /// Flies the command ship to the nearest shipyard selling probes and buys up to <paramref name="wanted"/> of them
    /// while credits last.
    /// </summary>
    /// <returns><see langword="false"/> when no more can be bought (no command ship, no shipyard, no credits).</returns>
    private static async Task<bool> BuyProbesAsync(IConductorContext context, int wanted, CancellationToken cancellationToken)
    {
        if (CommandShip(context) is not { } buyer || context.Ships.FirstOrDefault(s => s.Symbol == buyer.Symbol) is { State: not FleetShipState.Unassigned })
        {
            return false; // the command ship is busy with a behaviour: leave it alone
        }

        var system = buyer.Current.Nav!.SystemSymbol;
        var here = WaypointPosition.From(buyer.Current.Nav.Route.Destination);
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        string? yard = null;
        foreach (var candidate in waypoints
            .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard))
            .OrderBy(w => here.DistanceTo(WaypointPosition.From(w)))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal))
        {
            var listing = await context.World.GetShipyardAsync(candidate.Symbol, cancellationToken).ConfigureAwait(false);
            if (listing.ShipTypes.Any(t => t.Type == ShipType.ShipProbe))
            {
                yard = candidate.Symbol;
                break;
            }
        }

        if (yard is null)
        {
            LogNoShipyard(context.Logger, system);
            return false;
        }

        var pilot = new ShipPilot(context.Client, buyer.Symbol);
        await pilot.NavigateAsync(yard, cancellationToken).ConfigureAwait(false);
        var shipyard = await context.Client.Systems.GetShipyardAsync(yard, cancellationToken: cancellationToken).ConfigureAwait(false);
        var price = shipyard.Ships?.FirstOrDefault(s => s.Type == ShipType.ShipProbe)?.PurchasePrice;
        for (var bought = 0; bought < wanted; bought++)
        {
            if (price is { } cost && context.Agent.Agent.Value is { } agent && agent.Credits < cost)
            {
                LogNoCredits(context.Logger, agent.Credits, cost);
                return false;
            }

            try
            {
                var result = await context.Client.Fleet.PurchaseShipAsync(ShipType.ShipProbe, yard, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogBought(context.Logger, result.Ship.Symbol, yard);
            }
            catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
            {
                LogNoCredits(context.Logger, context.Agent.Agent.Value?.Credits ?? 0, price ?? 0);
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Market scout: {Markets} markets in {Systems}, strategy {Strategy}, {Target} scouts wanted")]
    private static partial void LogMarkets(ILogger logger, int markets, string systems, string strategy, int target);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Market scout plan {Version} ({Strategy}): {Scouts} scouts, longest tour {MaxSeconds} s, balance {Balance:0.00}, {Unassigned} markets unassigned")]
    private static partial void LogPlanned(ILogger logger, int version, string strategy, int scouts, int maxSeconds, double balance, int unassigned);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Market scout plan {Version}: {Note}")]
    private static partial void LogPlanNote(ILogger logger, int version, string note);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Bought probe {Ship} at {Shipyard}")]
    private static partial void LogBought(ILogger logger, string ship, string shipyard);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "No more probes: {Credits} credits, a probe costs {Price}")]
    private static partial void LogNoCredits(ILogger logger, long credits, int price);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "No shipyard in {System} sells probes")]
    private static partial void LogNoShipyard(ILogger logger, string system);
}
