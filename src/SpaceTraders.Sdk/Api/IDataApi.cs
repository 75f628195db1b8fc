using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Data area (the spec's <c>Data</c> tag), unwrapped by <see cref="Clients.DataClient"/>.</summary>
internal interface IDataApi
{
    /// <summary>Gets the supply chain: which imports each export needs (<c>get-supply-chain</c>).</summary>
    [Get("/market/supply-chain")]
    Task<DataEnvelope<GetSupplyChainResult>> GetSupplyChainAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
