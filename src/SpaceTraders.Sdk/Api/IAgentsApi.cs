using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Agents area (the spec's <c>Agents</c> tag), unwrapped by <see cref="Clients.AgentsClient"/>.</summary>
internal interface IAgentsApi
{
    /// <summary>Lists the public details of all agents, one page at a time (<c>get-agents</c>).</summary>
    [Get("/agents")]
    Task<PagedEnvelope<PublicAgent>> GetAgentsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the public details of an agent (<c>get-agent</c>).</summary>
    [Get("/agents/{agentSymbol}")]
    Task<DataEnvelope<PublicAgent>> GetAgentAsync(
        string agentSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the agent's own details, including its credits (<c>get-my-agent</c>).</summary>
    [Get("/my/agent")]
    Task<DataEnvelope<Agent>> GetMyAgentAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the agent's recent events (<c>get-my-agent-events</c>).</summary>
    [Get("/my/agent/events")]
    Task<DataEnvelope<IReadOnlyList<AgentEvent>>> GetMyAgentEventsAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
