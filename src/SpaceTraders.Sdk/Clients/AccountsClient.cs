using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IAccountsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class AccountsClient : IAccountsClient
{
    private readonly IAccountsApi _api;
    private readonly AgentState? _state;
    private readonly ActionRunner? _actions;

    /// <summary>Initializes a new instance of the <see cref="AccountsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    /// <param name="actions">Sends actions so that an unknown outcome is reconciled, or <see langword="null"/> to send them straight.</param>
    public AccountsClient(IAccountsApi api, AgentState? state = null, ActionRunner? actions = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
        _actions = actions;
    }

    /// <inheritdoc />
    public async Task<GetMyAccountResult> GetMyAccountAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetMyAccountAsync(priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public async Task<RegisterResult> RegisterAsync(
        RegisterRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // No sound read-back: the lost answer held the only copy of the new agent's token.
        var result = await ActAsync(
            "register",
            async ct => (await _api.RegisterAsync(request, priority, ct).ConfigureAwait(false)).Data,
            readBack: null,
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public Task<RegisterResult> RegisterAsync(
        string symbol,
        FactionSymbol faction,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RegisterAsync(new RegisterRequest { Symbol = symbol, Faction = faction }, priority, cancellationToken);

    /// <summary>Sends an action through the client's action runner (an unknown outcome is reconciled by reading back), or straight when it has none.</summary>
    private Task<T> ActAsync<T>(string operationId, Func<CancellationToken, Task<T>> send, Func<ActionReadBacks, ReadBack<T>>? readBack, RequestPriority? priority, CancellationToken cancellationToken)
        => _actions is null ? send(cancellationToken) : _actions.RunAsync(operationId, send, readBack?.Invoke(_actions.ReadBacks), priority, cancellationToken);
}
