using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IContractsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class ContractsClient : IContractsClient
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

    /// <inheritdoc />
    public async Task<Page<Contract>> GetContractsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetContractsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        var result = response.ToPage();
        _state?.Apply(result.Items);
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Contract> EnumerateContractsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetContractsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<Contract> GetContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        var response = await _api.GetContractAsync(contractId, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<AcceptContractResult> AcceptContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        var result = await ActAsync(
            "accept-contract",
            async ct => (await _api.AcceptContractAsync(contractId, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.AcceptContractAsync(contractId, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<FulfillContractResult> FulfillContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        var result = await ActAsync(
            "fulfill-contract",
            async ct => (await _api.FulfillContractAsync(contractId, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.FulfillContractAsync(contractId, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<DeliverContractResult> DeliverContractAsync(
        string contractId,
        DeliverContractRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(request.ShipSymbol);
        var contractBefore = _actions?.ReadBacks.ContractBefore(contractId);
        var result = await ActAsync(
            "deliver-contract",
            async ct => (await _api.DeliverContractAsync(contractId, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.DeliverContractAsync(contractId, request, before, contractBefore, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(request.ShipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<DeliverContractResult> DeliverContractAsync(
        string contractId,
        string shipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => DeliverContractAsync(contractId, new DeliverContractRequest { ShipSymbol = shipSymbol, TradeSymbol = tradeSymbol, Units = units }, priority, cancellationToken);

    /// <summary>Sends an action through the client's action runner (an unknown outcome is reconciled by reading back), or straight when it has none.</summary>
    private Task<T> ActAsync<T>(string operationId, Func<CancellationToken, Task<T>> send, Func<ActionReadBacks, ReadBack<T>>? readBack, RequestPriority? priority, CancellationToken cancellationToken)
        => _actions is null ? send(cancellationToken) : _actions.RunAsync(operationId, send, readBack?.Invoke(_actions.ReadBacks), priority, cancellationToken);
}
