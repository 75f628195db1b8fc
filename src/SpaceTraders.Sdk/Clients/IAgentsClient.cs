using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The agent endpoints: your agent, its recent events, and other agents' public details.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IAgentsClient
{
    /// <summary>Lists the public details of all agents, one page at a time (<c>GET /agents</c>).</summary>
    /// <remarks>List all public agent details.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="PublicAgent"/> items and where it sits in the whole list.</returns>
    Task<Page<PublicAgent>> GetAgentsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every agent, fetching page after page of 20 (<c>GET /agents</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<PublicAgent> EnumerateAgentsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the public details of an agent (<c>GET /agents/{agentSymbol}</c>).</summary>
    /// <remarks>Get public details for a specific agent.</remarks>
    /// <param name="agentSymbol">The agent's symbol, for example <c>BADGER</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PublicAgent"/> the server returned.</returns>
    Task<PublicAgent> GetAgentAsync(
        string agentSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the agent's own details, including its credits (<c>GET /my/agent</c>).</summary>
    /// <remarks>Fetch your agent's details.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Agent"/> the server returned.</returns>
    Task<Agent> GetMyAgentAsync(RequestPriority? priority = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the agent's recent events (<c>GET /my/agent/events</c>).</summary>
    /// <remarks>Get recent events for your agent.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="AgentEvent"/> items the server returned.</returns>
    Task<IReadOnlyList<AgentEvent>> GetMyAgentEventsAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
