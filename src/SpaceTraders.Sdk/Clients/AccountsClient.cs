using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IAccountsClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
internal sealed class AccountsClient : IAccountsClient
{
    private readonly IAccountsApi _api;

    /// <summary>Initializes a new instance of the <see cref="AccountsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    public AccountsClient(IAccountsApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

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
        return response.Data;
    }

    /// <inheritdoc />
    public Task<RegisterResult> RegisterAsync(
        string symbol,
        FactionSymbol faction,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RegisterAsync(new RegisterRequest { Symbol = symbol, Faction = faction }, priority, cancellationToken);
}
