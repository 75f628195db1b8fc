using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="ISystemsClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class SystemsClient : ISystemsClient
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
    public async Task<Page<StarSystem>> GetSystemsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetSystemsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        return response.ToPage();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StarSystem> EnumerateSystemsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetSystemsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<StarSystem> GetSystemAsync(
        string systemSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        var response = await _api.GetSystemAsync(systemSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _world?.Record(result);
        return result;
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

    /// <inheritdoc />
    public async Task<Waypoint> GetWaypointAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var response = await _api.GetWaypointAsync(systemSymbol, waypointSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _world?.Record(result);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public Task<Waypoint> GetWaypointAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => GetWaypointAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<Construction> GetConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var response = await _api.GetConstructionAsync(systemSymbol, waypointSymbol, priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public Task<Construction> GetConstructionAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => GetConstructionAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<SupplyConstructionResult> SupplyConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        SupplyConstructionRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(request.ShipSymbol);
        var result = await ActAsync(
            "supply-construction",
            async ct => (await _api.SupplyConstructionAsync(systemSymbol, waypointSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.SupplyConstructionAsync(systemSymbol, waypointSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(request.ShipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<SupplyConstructionResult> SupplyConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        string shipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => SupplyConstructionAsync(systemSymbol, waypointSymbol, new SupplyConstructionRequest { ShipSymbol = shipSymbol, TradeSymbol = tradeSymbol, Units = units }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<Market> GetMarketAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var response = await _api.GetMarketAsync(systemSymbol, waypointSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public Task<Market> GetMarketAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => GetMarketAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<JumpGate> GetJumpGateAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var response = await _api.GetJumpGateAsync(systemSymbol, waypointSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _world?.Record(result);
        return result;
    }

    /// <inheritdoc />
    public Task<JumpGate> GetJumpGateAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => GetJumpGateAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<Shipyard> GetShipyardAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var response = await _api.GetShipyardAsync(systemSymbol, waypointSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _world?.Record(result);
        return result;
    }

    /// <inheritdoc />
    public Task<Shipyard> GetShipyardAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => GetShipyardAsync(Symbols.SystemOf(waypointSymbol), waypointSymbol, priority, cancellationToken);

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

    /// <summary>Sends an action through the client's action runner (an unknown outcome is reconciled by reading back), or straight when it has none.</summary>
    private Task<T> ActAsync<T>(string operationId, Func<CancellationToken, Task<T>> send, Func<ActionReadBacks, ReadBack<T>>? readBack, RequestPriority? priority, CancellationToken cancellationToken)
        => _actions is null ? send(cancellationToken) : _actions.RunAsync(operationId, send, readBack?.Invoke(_actions.ReadBacks), priority, cancellationToken);
}
