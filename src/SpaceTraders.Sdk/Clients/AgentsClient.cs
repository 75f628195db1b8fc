using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IAgentsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class AgentsClient : IAgentsClient
{
    private readonly IAgentsApi _api;
    private readonly AgentState? _state;

    /// <summary>Initializes a new instance of the <see cref="AgentsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    public AgentsClient(IAgentsApi api, AgentState? state = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
    }

    /// <inheritdoc />
    public async Task<Page<PublicAgent>> GetAgentsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetAgentsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        return response.ToPage();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PublicAgent> EnumerateAgentsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetAgentsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<PublicAgent> GetAgentAsync(
        string agentSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentSymbol);
        var response = await _api.GetAgentAsync(agentSymbol, priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public async Task<Agent> GetMyAgentAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetMyAgentAsync(priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentEvent>> GetMyAgentEventsAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetMyAgentEventsAsync(priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }
}
