using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Accounts area (the spec's <c>Accounts</c> tag), unwrapped by <see cref="Clients.AccountsClient"/>.</summary>
internal interface IAccountsApi
{
    /// <summary>Gets the account the agent belongs to (<c>get-my-account</c>).</summary>
    [Get("/my/account")]
    Task<DataEnvelope<GetMyAccountResult>> GetMyAccountAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Registers a new agent and returns its token, agent, faction, starting contract and ships (<c>register</c>).</summary>
    [Post("/register")]
    Task<DataEnvelope<RegisterResult>> RegisterAsync(
        [Body] RegisterRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
