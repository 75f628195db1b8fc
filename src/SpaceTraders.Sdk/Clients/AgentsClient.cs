using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IAgentsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
/// <remarks>The hand-written half: the constructor and what differs from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class AgentsClient : IAgentsClient
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
}
