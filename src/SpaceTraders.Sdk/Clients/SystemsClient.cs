using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="ISystemsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
/// <remarks>The hand-written half: the constructor and what differs from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class SystemsClient : ISystemsClient
{
    private readonly ISystemsApi _api;
    private readonly AgentState? _state;
    private readonly ActionRunner? _actions;
    private readonly StaticWorldCache? _world;

    /// <summary>Initializes a new instance of the <see cref="SystemsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    /// <param name="world">The static world cache systems, waypoints, jump gates and shipyards are recorded into, or <see langword="null"/>.</param>
    /// <param name="actions">Sends actions so that an unknown outcome is reconciled, or <see langword="null"/> to send them straight.</param>
    public SystemsClient(ISystemsApi api, AgentState? state = null, StaticWorldCache? world = null, ActionRunner? actions = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
        _world = world;
        _actions = actions;
    }

    /// <inheritdoc />
    public async Task<Page<Waypoint>> GetSystemWaypointsAsync(
        string systemSymbol,
        int? page = null,
        int? limit = null,
        WaypointType? type = null,
        IReadOnlyCollection<WaypointTraitSymbol>? traits = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        Pagination.Check(page, limit);
        var response = await _api.GetSystemWaypointsAsync(systemSymbol, page, limit, type?.Value, traits?.Select(trait => trait.Value), priority, cancellationToken).ConfigureAwait(false);
        var result = response.ToPage();
        RecordWaypoints(result.Items);
        _state?.Apply(result.Items);
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Waypoint> EnumerateSystemWaypointsAsync(
        string systemSymbol,
        WaypointType? type = null,
        IReadOnlyCollection<WaypointTraitSymbol>? traits = null,
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetSystemWaypointsAsync(systemSymbol, page, Pagination.MaxLimit, type, traits, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private partial Func<ActionReadBacks, ReadBack<SupplyConstructionResult>> SupplyConstructionReadBack(string systemSymbol, string waypointSymbol, SupplyConstructionRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(request.ShipSymbol);
        return reads => (context, ct) => reads.SupplyConstructionAsync(systemSymbol, waypointSymbol, request, before, context, ct);
    }

    private void RecordWaypoints(IReadOnlyList<Waypoint> waypoints)
    {
        if (_world is null)
        {
            return;
        }

        foreach (var waypoint in waypoints)
        {
            _world.Record(waypoint);
        }
    }
}
