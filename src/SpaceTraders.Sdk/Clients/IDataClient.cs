using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The game data endpoints: the market supply chain.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IDataClient
{
    /// <summary>Gets the supply chain: which imports each export needs (<c>GET /market/supply-chain</c>).</summary>
    /// <remarks>Describes which import and exports map to each other.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetSupplyChainResult"/> the server returned.</returns>
    Task<GetSupplyChainResult> GetSupplyChainAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
