using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The contract endpoints: list, accept, deliver to and fulfill contracts.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IContractsClient
{
    /// <summary>Lists the agent's contracts, one page at a time (<c>GET /my/contracts</c>).</summary>
    /// <remarks>Return a paginated list of all your contracts.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="Contract"/> items and where it sits in the whole list.</returns>
    Task<Page<Contract>> GetContractsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every contract of the agent, fetching page after page of 20 (<c>GET /my/contracts</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<Contract> EnumerateContractsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one of the agent's contracts (<c>GET /my/contracts/{contractId}</c>).</summary>
    /// <remarks>Get the details of a specific contract.</remarks>
    /// <param name="contractId">The contract's ID.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Contract"/> the server returned.</returns>
    Task<Contract> GetContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Accepts a contract offered to the agent and receives its advance payment (<c>POST /my/contracts/{contractId}/accept</c>).</summary>
    /// <remarks>Accept a contract by ID. You can only accept contracts that were offered to you, were not accepted yet, and whose deadlines has not passed yet.</remarks>
    /// <param name="contractId">The contract's ID.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="AcceptContractResult"/> the server returned.</returns>
    Task<AcceptContractResult> AcceptContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Fulfills a contract whose deliveries are complete and receives its payment (<c>POST /my/contracts/{contractId}/fulfill</c>).</summary>
    /// <remarks>Fulfill a contract. Can only be used on contracts that have all of their delivery terms fulfilled.</remarks>
    /// <param name="contractId">The contract's ID.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="FulfillContractResult"/> the server returned.</returns>
    Task<FulfillContractResult> FulfillContractAsync(
        string contractId,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Delivers cargo from a ship at the delivery waypoint to a contract (<c>POST /my/contracts/{contractId}/deliver</c>).</summary>
    /// <remarks>Deliver cargo to a contract. In order to use this API, a ship must be at the delivery location (denoted in the delivery terms as <c>destinationSymbol</c> of a contract) and must have a number of units of a good required by this contract in its cargo. Cargo that was delivered will be removed from the ship's cargo.</remarks>
    /// <param name="contractId">The contract's ID.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="DeliverContractResult"/> the server returned.</returns>
    Task<DeliverContractResult> DeliverContractAsync(
        string contractId,
        DeliverContractRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Delivers cargo from a ship at the delivery waypoint to a contract (<c>POST /my/contracts/{contractId}/deliver</c>).</summary>
    /// <param name="contractId">The contract's ID.</param>
    /// <param name="shipSymbol">The ship carrying the good, at the delivery waypoint.</param>
    /// <param name="tradeSymbol">The good to deliver.</param>
    /// <param name="units">The number of units to deliver.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="DeliverContractResult"/> the server returned.</returns>
    Task<DeliverContractResult> DeliverContractAsync(
        string contractId,
        string shipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
