using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IContractsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
/// <remarks>The hand-written half: the constructor and what differs from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class ContractsClient : IContractsClient
{
    private readonly IContractsApi _api;
    private readonly AgentState? _state;
    private readonly ActionRunner? _actions;

    /// <summary>Initializes a new instance of the <see cref="ContractsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    /// <param name="actions">Sends actions so that an unknown outcome is reconciled, or <see langword="null"/> to send them straight.</param>
    public ContractsClient(IContractsApi api, AgentState? state = null, ActionRunner? actions = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
        _actions = actions;
    }

    private partial Func<ActionReadBacks, ReadBack<AcceptContractResult>> AcceptContractReadBack(string contractId)
        => reads => (context, ct) => reads.AcceptContractAsync(contractId, context, ct);

    private partial Func<ActionReadBacks, ReadBack<FulfillContractResult>> FulfillContractReadBack(string contractId)
        => reads => (context, ct) => reads.FulfillContractAsync(contractId, context, ct);

    private partial Func<ActionReadBacks, ReadBack<DeliverContractResult>> DeliverContractReadBack(string contractId, DeliverContractRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(request.ShipSymbol);
        var contractBefore = _actions?.ReadBacks.ContractBefore(contractId);
        return reads => (context, ct) => reads.DeliverContractAsync(contractId, request, before, contractBefore, context, ct);
    }
}
