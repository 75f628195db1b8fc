using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Contracts area (the spec's <c>Contracts</c> tag), unwrapped by <see cref="Clients.ContractsClient"/>.</summary>
internal interface IContractsApi
{
    /// <summary>Lists the agent's contracts, one page at a time (<c>get-contracts</c>).</summary>
    [Get("/my/contracts")]
    Task<PagedEnvelope<Contract>> GetContractsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets one of the agent's contracts (<c>get-contract</c>).</summary>
    [Get("/my/contracts/{contractId}")]
    Task<DataEnvelope<Contract>> GetContractAsync(
        string contractId,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Accepts a contract offered to the agent and receives its advance payment (<c>accept-contract</c>).</summary>
    [Post("/my/contracts/{contractId}/accept")]
    Task<DataEnvelope<AcceptContractResult>> AcceptContractAsync(
        string contractId,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Fulfills a contract whose deliveries are complete and receives its payment (<c>fulfill-contract</c>).</summary>
    [Post("/my/contracts/{contractId}/fulfill")]
    Task<DataEnvelope<FulfillContractResult>> FulfillContractAsync(
        string contractId,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Delivers cargo from a ship at the delivery waypoint to a contract (<c>deliver-contract</c>).</summary>
    [Post("/my/contracts/{contractId}/deliver")]
    Task<DataEnvelope<DeliverContractResult>> DeliverContractAsync(
        string contractId,
        [Body] DeliverContractRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
