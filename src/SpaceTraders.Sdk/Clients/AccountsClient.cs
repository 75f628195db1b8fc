using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IAccountsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class AccountsClient : IAccountsClient
{
    private readonly IAccountsApi _api;
    private readonly AgentState? _state;

    /// <summary>Initializes a new instance of the <see cref="AccountsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    public AccountsClient(IAccountsApi api, AgentState? state = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
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
        var response = await _api.RegisterAsync(request, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
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
}
