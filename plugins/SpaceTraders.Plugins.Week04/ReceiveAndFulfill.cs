using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// <c>receive-and-fulfill@week04</c>: a hauler waits in orbit at an asteroid and takes the miners' cargo (announcing
/// itself on the fleet board); once its hold is full enough, or it has waited long enough, it delivers what an accepted
/// contract needs (fulfilling the contract when complete) and sells the rest at the best nearby markets, then returns.
/// </summary>
/// <remarks>
/// Waiting costs no request: the hauler parks until its tracked cargo changes (a miner's transfer response updates it)
/// or its wait runs out.
/// </remarks>
internal sealed class ReceiveAndFulfill : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "receive-and-fulfill";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Collect the miners' cargo at an asteroid, then deliver contracts or sell, and come back.",
        [
            new("asteroid", ParameterType.String, "The waypoint where the miners work; the nearest minable asteroid when empty.", string.Empty),
            new("fillTo", ParameterType.Number, "Leave to deliver and sell once the hold is this full (0 to 1).", "0.9"),
            new("maxWait", ParameterType.Duration, "Leave with whatever the hold has after waiting this long.", "00:20:00"),
            new("creditsPerDistance", ParameterType.Number, "What a unit of distance to a market costs when choosing where to sell.", "5"),
            new("refuelBelow", ParameterType.Number, "Refuel before going back to the asteroid when the tank is below this fraction.", "0.5"),
            new("trips", ParameterType.Integer, "Delivery trips before completing; 0 runs until cancelled.", "0"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Cargo is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var capacity = pilot.Ship.Current.Cargo!.Capacity;
        if (capacity == 0)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no cargo hold.");
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

        var fillTo = (int)Math.Ceiling(capacity * Math.Clamp(parameters.GetDouble("fillTo", 0.9), 0, 1));
        var maxWait = parameters.GetDuration("maxWait", TimeSpan.FromMinutes(20));
        var sale = new SalePlanOptions { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 5) };
        var refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
        var trips = parameters.GetInt32("trips", 0);
        var serving = Haulers.ServingKey(asteroid, pilot.ShipSymbol);
        context.Board.Post(serving, pilot.ShipSymbol);
        try
        {
            for (var trip = 0; trips == 0 || trip < trips; trip++)
            {
                if (pilot.Ship.Current.Cargo!.Units < fillTo)
                {
                    await CollectAsync(context, pilot, asteroid, fillTo, maxWait, refuelBelow, cancellationToken).ConfigureAwait(false);
                }

                if (pilot.Ship.Current.Cargo!.Units == 0)
                {
                    continue;
                }

                await DeliverContractsAsync(context, pilot, cancellationToken).ConfigureAwait(false);
                context.ReportActivity("selling the hold");
                var sold = await pilot.SellHoldAsync(sale with { Keep = ContractGoods(context.Agent) }, cancellationToken).ConfigureAwait(false);
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
        finally
        {
            context.Board.Remove(Haulers.Key(pilot.ShipSymbol));
            context.Board.Remove(serving);
        }

        return BehaviourResult.Completed;
    }

    /// <summary>Waits in orbit at the asteroid, announced on the board, until the hold reaches <paramref name="fillTo"/> or the wait runs out.</summary>
    private static async Task CollectAsync(IBehaviourContext context, ShipPilot pilot, string asteroid, int fillTo, TimeSpan maxWait, double refuelBelow, CancellationToken cancellationToken)
    {
        if (pilot.Ship.WaypointSymbol != asteroid || pilot.Ship.IsInTransit)
        {
            await pilot.EnsureFuelAsync(refuelBelow, cancellationToken).ConfigureAwait(false);
            context.ReportActivity($"flying to {asteroid}");
            await pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
        }

        await pilot.OrbitAsync(cancellationToken).ConfigureAwait(false);
        var note = Haulers.Key(pilot.ShipSymbol);
        context.Board.Post(note, asteroid);
        try
        {
            var until = context.Clock.GetUtcNow() + maxWait;
            while (pilot.Ship.Current.Cargo!.Units < fillTo && context.Clock.GetUtcNow() < until)
            {
                context.ReportActivity($"collecting at {asteroid} ({pilot.Ship.Current.Cargo.Units}/{pilot.Ship.Current.Cargo.Capacity})");
                await pilot.WaitForChangeAsync(ShipParts.Cargo, until - context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            context.Board.Remove(note);
        }
    }

    /// <summary>Delivers what accepted contracts need from the hold, and fulfils each contract whose deliveries are complete.</summary>
    internal static async Task DeliverContractsAsync(IBehaviourContext context, ShipPilot pilot, CancellationToken cancellationToken)
    {
        foreach (var tracked in context.Agent.Contracts)
        {
            if (tracked.Value is not { Accepted: true, Fulfilled: false } contract)
            {
                continue;
            }

            foreach (var delivery in contract.Terms.Deliver ?? [])
            {
                var needed = delivery.UnitsRequired - delivery.UnitsFulfilled;
                var held = pilot.Ship.CargoUnitsOf(delivery.TradeSymbol);
                if (needed <= 0 || held <= 0)
                {
                    continue;
                }

                context.ReportActivity($"delivering {delivery.TradeSymbol} to {delivery.DestinationSymbol}");
                await pilot.NavigateAsync(delivery.DestinationSymbol, cancellationToken).ConfigureAwait(false);
                await pilot.DeliverContractAsync(contract.Id, delivery.TradeSymbol, needed, cancellationToken).ConfigureAwait(false);
            }

            if (context.Agent.TryGetContract(contract.Id, out var latest) && latest.Value is { Fulfilled: false } current
                && (current.Terms.Deliver ?? []).All(d => d.UnitsFulfilled >= d.UnitsRequired))
            {
                try
                {
                    await context.Client.Contracts.FulfillContractAsync(contract.Id, priority: EndpointPriorities.FulfillContract, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.ContractFulfilled)
                {
                    // Fulfilled by another ship meanwhile.
                }
            }
        }
    }

    /// <summary>Gets the goods open accepted contracts still need, which the hauler keeps rather than sells.</summary>
    internal static IReadOnlyCollection<TradeSymbol> ContractGoods(AgentState agent) =>
        [.. agent.Contracts
            .Select(c => c.Value)
            .Where(c => c is { Accepted: true, Fulfilled: false })
            .SelectMany(c => c!.Terms.Deliver ?? [])
            .Where(d => d.UnitsFulfilled < d.UnitsRequired)
            .Select(d => d.TradeSymbol)
            .Distinct()];
}
