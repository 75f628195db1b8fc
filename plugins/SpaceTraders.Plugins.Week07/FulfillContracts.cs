using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// <c>fulfill-contracts@week07</c>: works the agent's procurement contracts one after the other with one ship: takes the
/// active contract, or the offered one (accepting it only when its goods can be sourced and it pays), buys each good at the
/// best known market that exports or exchanges it, or mines it (with surveys for that good) when no market sells it and
/// the ship has a laser, or siphons it at the nearest gas giant when it is a gas and the ship has a siphon, or, as a last
/// resort, buys it at a market that imports it when the payment leaves room for its price rising; delivers in hold-sized
/// loads, fulfils, and negotiates the next contract.
/// </summary>
/// <remarks>
/// An importing market's price is read once per offered contract (the ship flies there; remembered on the fleet board
/// as <c>contract-import-read/&lt;contract&gt;</c>) when no other source is known. A contract whose goods still have no
/// source is left unaccepted and the behaviour ends
/// <see cref="BehaviourOutcome.Idle"/> with the reason, so the conductor can put the ship on other work (a new
/// contract cannot be negotiated while one is offered or active). Goods the ship mined but the contract does not need
/// are sold on the way. 4600 (credits) shrinks a purchase to what the credits cover.
/// </remarks>
internal sealed class FulfillContracts : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "fulfill-contracts";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Accept, source (buy or mine), deliver and fulfil procurement contracts, then negotiate the next.",
        [
            new("contracts", ParameterType.Integer, "Contracts to fulfil before completing; 0 runs until cancelled.", "0"),
            new("minMargin", ParameterType.Number, "Accept only when the payment exceeds the estimated cost by this share of it (negative accepts a small loss to keep contracts coming).", "-0.1"),
            new("creditsPerDistance", ParameterType.Number, "What a unit of distance costs when choosing markets.", "5"),
            new("refuelBelow", ParameterType.Number, "Refuel before a flight when the tank is below this fraction.", "0.5"),
            new("mine", ParameterType.Boolean, "Mine goods no market sells when the ship has a laser (siphon gases when it has a siphon).", "true"),
            new("importHeadroom", ParameterType.Number, "Buy a good no market exports at a market that imports it only when the contract pays this multiple of its price there (room for the price rising as it is bought).", "1.1"),
            new("minSiphonPayment", ParameterType.Integer, "Siphon a contract's gas only when the contract pays at least this much in all.", "20000"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var work = new ContractWork(context, parameters);
        await work.StartAsync(cancellationToken).ConfigureAwait(false);
        var target = parameters.GetInt32("contracts", 0);
        var fulfilled = 0;
        try
        {
            while (target == 0 || fulfilled < target)
            {
                var contract = await work.CurrentContractAsync(cancellationToken).ConfigureAwait(false);
                if (contract is null)
                {
                    return Idle(context, "No contract could be negotiated.");
                }

                var plan = work.Plan(contract);
                if (plan.Missing is not null && plan.MissingGood is { } good && await work.ReadImportPriceAsync(contract, good, cancellationToken).ConfigureAwait(false))
                {
                    plan = work.Plan(contract);
                }

                if (plan.Missing is { } missing)
                {
                    return Idle(context, $"Contract {contract.Id}: no known source for {missing}.");
                }

                if (!contract.Accepted)
                {
                    if (!plan.Pays(parameters.GetDouble("minMargin", -0.1)))
                    {
                        return Idle(context, $"Contract {contract.Id} pays {plan.Payment} for goods estimated at {plan.EstimatedCost}.");
                    }

                    context.Logger.LogAccepting(context.Ship.Symbol, contract.Id, string.Join(", ", (contract.Terms.Deliver ?? []).Select(d => $"{d.UnitsRequired} {d.TradeSymbol} to {d.DestinationSymbol}")), plan.Payment, plan.EstimatedCost);
                    await context.Client.Contracts.AcceptContractAsync(contract.Id, priority: EndpointPriorities.AcceptContract, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                if (await work.FulfillAsync(contract.Id, plan, cancellationToken).ConfigureAwait(false))
                {
                    fulfilled++;
                }
                else
                {
                    return Idle(context, $"Contract {contract.Id} could not be completed by {context.Ship.Symbol}.");
                }
            }
        }
        catch (RouteNotFoundException error)
        {
            return Idle(context, error.Message);
        }

        return BehaviourResult.Completed;
    }

    private static BehaviourResult Idle(IBehaviourContext context, string reason)
    {
        context.Logger.LogIdle(context.Ship.Symbol, Id, reason);
        return BehaviourResult.Idle(reason);
    }
}

/// <summary>How one delivery of a contract is sourced.</summary>
/// <param name="Good">The good.</param>
/// <param name="Destination">Where it goes.</param>
/// <param name="Market">The market to buy it at, or <see langword="null"/> to mine it.</param>
/// <param name="Asteroid">The asteroid to mine it at (or the gas giant to siphon it at), when it is extracted.</param>
/// <param name="UnitPrice">The purchase price seen, if any.</param>
internal sealed record DeliverySource(TradeSymbol Good, string Destination, string? Market, string? Asteroid, int? UnitPrice)
{
    /// <summary>Gets a value indicating whether the good is siphoned at a gas giant (<see cref="Asteroid"/>) rather than mined.</summary>
    public bool Siphon { get; init; }
}

/// <summary>A contract's sourcing plan.</summary>
internal sealed record ContractPlan(IReadOnlyList<DeliverySource> Sources, string? Missing, long Payment, long EstimatedCost)
{
    /// <summary>Gets the good without a source, when there is one.</summary>
    public TradeSymbol? MissingGood { get; init; }

    /// <summary>Whether the payment beats the estimated cost by the margin (a share of the cost).</summary>
    public bool Pays(double minMargin) => Payment >= EstimatedCost * (1 + minMargin);
}
