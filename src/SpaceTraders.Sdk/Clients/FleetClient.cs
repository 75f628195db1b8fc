using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IFleetClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
internal sealed class FleetClient : IFleetClient
{
    private readonly IFleetApi _api;
    private readonly AgentState? _state;
    private readonly ActionRunner? _actions;

    /// <summary>Initializes a new instance of the <see cref="FleetClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="state">The agent's tracked state every response is merged into, or <see langword="null"/> not to track.</param>
    /// <param name="actions">Sends actions so that an unknown outcome is reconciled, or <see langword="null"/> to send them straight.</param>
    public FleetClient(IFleetApi api, AgentState? state = null, ActionRunner? actions = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _state = state;
        _actions = actions;
    }

    /// <inheritdoc />
    public async Task<Page<Ship>> GetMyShipsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var versions = _state?.ShipVersions();
        var response = await _api.GetMyShipsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        var result = response.ToPage();
        _state?.Apply(result.Items, versions!);
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Ship> EnumerateMyShipsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetMyShipsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<PurchaseShipResult> PurchaseShipAsync(
        PurchaseShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agentBefore = _actions?.ReadBacks.AgentBefore();
        var shipsBefore = _actions?.ReadBacks.ShipsBefore();
        var result = await ActAsync(
            "purchase-ship",
            async ct => (await _api.PurchaseShipAsync(request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.PurchaseShipAsync(request, agentBefore, shipsBefore!, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public Task<PurchaseShipResult> PurchaseShipAsync(
        ShipType shipType,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => PurchaseShipAsync(new PurchaseShipRequest { ShipType = shipType, WaypointSymbol = waypointSymbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<Ship> GetMyShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetMyShipAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<ShipCargo> GetMyShipCargoAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetMyShipCargoAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<CreateChartResult> CreateChartAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "create-chart",
            async ct => (await _api.CreateChartAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.CreateChartAsync(shipSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(result);
        return result;
    }

    /// <inheritdoc />
    public async Task<Cooldown?> GetShipCooldownAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetShipCooldownAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var cooldown = response?.Data;
        _state?.Apply(shipSymbol, cooldown);
        return cooldown;
    }

    /// <inheritdoc />
    public async Task<DockShipResult> DockShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.DockShipAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<ExtractResourcesResult> ExtractResourcesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "extract-resources",
            async ct => (await _api.ExtractResourcesAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ExtractResourcesAsync(shipSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<ExtractResourcesWithSurveyResult> ExtractResourcesWithSurveyAsync(
        string shipSymbol,
        Survey survey,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(survey);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        ExtractResourcesWithSurveyResult result;
        try
        {
            result = await ActAsync(
                "extract-resources-with-survey",
                async ct => (await _api.ExtractResourcesWithSurveyAsync(shipSymbol, survey, priority, ct).ConfigureAwait(false)).Data,
                reads => (context, ct) => reads.ExtractResourcesWithSurveyAsync(shipSymbol, before, context, ct),
                priority,
                cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.IsSurveyExhausted || error.IsSurveyExpired)
        {
            // Retire the survey for every ship sharing the cache, then let the caller decide what to do.
            _state?.SurveyCache?.TryReport(error, survey);
            throw;
        }

        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<JettisonCargoResult> JettisonCargoAsync(
        string shipSymbol,
        JettisonCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "jettison",
            async ct => (await _api.JettisonCargoAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.JettisonCargoAsync(shipSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<JettisonCargoResult> JettisonCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => JettisonCargoAsync(shipSymbol, new JettisonCargoRequest { Symbol = symbol, Units = units }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<JumpShipResult> JumpShipAsync(
        string shipSymbol,
        JumpShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "jump-ship",
            async ct => (await _api.JumpShipAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.JumpShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<JumpShipResult> JumpShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => JumpShipAsync(shipSymbol, new JumpShipRequest { WaypointSymbol = waypointSymbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipModule>> GetShipModulesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetShipModulesAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<InstallShipModuleResult> InstallShipModuleAsync(
        string shipSymbol,
        InstallShipModuleRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "install-ship-module",
            async ct => (await _api.InstallShipModuleAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ModificationAsync<InstallShipModuleResult>(shipSymbol, request.Symbol.Value, mount: false, change: 1, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<InstallShipModuleResult> InstallShipModuleAsync(
        string shipSymbol,
        ShipModuleSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => InstallShipModuleAsync(shipSymbol, new InstallShipModuleRequest { Symbol = symbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<RemoveShipModuleResult> RemoveShipModuleAsync(
        string shipSymbol,
        RemoveShipModuleRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "remove-ship-module",
            async ct => (await _api.RemoveShipModuleAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ModificationAsync<RemoveShipModuleResult>(shipSymbol, request.Symbol.Value, mount: false, change: -1, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<RemoveShipModuleResult> RemoveShipModuleAsync(
        string shipSymbol,
        ShipModuleSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RemoveShipModuleAsync(shipSymbol, new RemoveShipModuleRequest { Symbol = symbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipMount>> GetMountsAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetMountsAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<InstallMountResult> InstallMountAsync(
        string shipSymbol,
        InstallMountRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "install-mount",
            async ct => (await _api.InstallMountAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ModificationAsync<InstallMountResult>(shipSymbol, request.Symbol.Value, mount: true, change: 1, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<InstallMountResult> InstallMountAsync(
        string shipSymbol,
        ShipMountSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => InstallMountAsync(shipSymbol, new InstallMountRequest { Symbol = symbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<RemoveMountResult> RemoveMountAsync(
        string shipSymbol,
        RemoveMountRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "remove-mount",
            async ct => (await _api.RemoveMountAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ModificationAsync<RemoveMountResult>(shipSymbol, request.Symbol.Value, mount: true, change: -1, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<RemoveMountResult> RemoveMountAsync(
        string shipSymbol,
        ShipMountSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RemoveMountAsync(shipSymbol, new RemoveMountRequest { Symbol = symbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<ShipNav> GetShipNavAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetShipNavAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<PatchShipNavResult> PatchShipNavAsync(
        string shipSymbol,
        PatchShipNavRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var response = await _api.PatchShipNavAsync(shipSymbol, request, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<PatchShipNavResult> PatchShipNavAsync(
        string shipSymbol,
        ShipNavFlightMode flightMode,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => PatchShipNavAsync(shipSymbol, new PatchShipNavRequest { FlightMode = flightMode }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<NavigateShipResult> NavigateShipAsync(
        string shipSymbol,
        NavigateShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "navigate-ship",
            async ct => (await _api.NavigateShipAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.NavigateShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<NavigateShipResult> NavigateShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => NavigateShipAsync(shipSymbol, new NavigateShipRequest { WaypointSymbol = waypointSymbol }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<NegotiateContractResult> NegotiateContractAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var contractsBefore = _actions?.ReadBacks.ContractsBefore();
        var result = await ActAsync(
            "negotiate-contract",
            async ct => (await _api.NegotiateContractAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.NegotiateContractAsync(contractsBefore!, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<OrbitShipResult> OrbitShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.OrbitShipAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        var result = response.Data;
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<PurchaseCargoResult> PurchaseCargoAsync(
        string shipSymbol,
        PurchaseCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "purchase-cargo",
            async ct => (await _api.PurchaseCargoAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.PurchaseCargoAsync(shipSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        _actions?.ReadBacks.Answered(shipSymbol, result.Transaction);
        return result;
    }

    /// <inheritdoc />
    public Task<PurchaseCargoResult> PurchaseCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => PurchaseCargoAsync(shipSymbol, new PurchaseCargoRequest { Symbol = symbol, Units = units }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<RefineShipResult> RefineShipAsync(
        string shipSymbol,
        RefineShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "ship-refine",
            async ct => (await _api.RefineShipAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.RefineShipAsync(shipSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<RefineShipResult> RefineShipAsync(
        string shipSymbol,
        TradeSymbol produce,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RefineShipAsync(shipSymbol, new RefineShipRequest { Produce = produce }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<RefuelShipResult> RefuelShipAsync(
        string shipSymbol,
        RefuelShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "refuel-ship",
            async ct => (await _api.RefuelShipAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.RefuelShipAsync(shipSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        _actions?.ReadBacks.Answered(shipSymbol, result.Transaction);
        return result;
    }

    /// <inheritdoc />
    public Task<RefuelShipResult> RefuelShipAsync(
        string shipSymbol,
        int? units = null,
        bool? fromCargo = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => RefuelShipAsync(shipSymbol, new RefuelShipRequest { Units = units, FromCargo = fromCargo }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<GetRepairShipResult> GetRepairShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetRepairShipAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public async Task<RepairShipResult> RepairShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var result = await ActAsync(
            "repair-ship",
            async ct => (await _api.RepairShipAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.RepairShipAsync(shipSymbol, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<CreateShipShipScanResult> CreateShipShipScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "create-ship-ship-scan",
            async ct => (await _api.CreateShipShipScanAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipShipScanResult>(shipSymbol, "ship scan", before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<CreateShipSystemScanResult> CreateShipSystemScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "create-ship-system-scan",
            async ct => (await _api.CreateShipSystemScanAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipSystemScanResult>(shipSymbol, "system scan", before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<CreateShipWaypointScanResult> CreateShipWaypointScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "create-ship-waypoint-scan",
            async ct => (await _api.CreateShipWaypointScanAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipWaypointScanResult>(shipSymbol, "waypoint scan", before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<GetScrapShipResult> GetScrapShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var response = await _api.GetScrapShipAsync(shipSymbol, priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public async Task<ScrapShipResult> ScrapShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var result = await ActAsync(
            "scrap-ship",
            async ct => (await _api.ScrapShipAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.ScrapShipAsync(shipSymbol, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<SellCargoResult> SellCargoAsync(
        string shipSymbol,
        SellCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "sell-cargo",
            async ct => (await _api.SellCargoAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.SellCargoAsync(shipSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        _actions?.ReadBacks.Answered(shipSymbol, result.Transaction);
        return result;
    }

    /// <inheritdoc />
    public Task<SellCargoResult> SellCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => SellCargoAsync(shipSymbol, new SellCargoRequest { Symbol = symbol, Units = units }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<SiphonResourcesResult> SiphonResourcesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "siphon-resources",
            async ct => (await _api.SiphonResourcesAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.SiphonResourcesAsync(shipSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<CreateSurveyResult> CreateSurveyAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "create-survey",
            async ct => (await _api.CreateSurveyAsync(shipSymbol, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.CooldownOnlyAsync<CreateSurveyResult>(shipSymbol, "survey", before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<TransferCargoResult> TransferCargoAsync(
        string shipSymbol,
        TransferCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "transfer-cargo",
            async ct => (await _api.TransferCargoAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.TransferCargoAsync(shipSymbol, request, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, request.ShipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<TransferCargoResult> TransferCargoAsync(
        string shipSymbol,
        string targetShipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => TransferCargoAsync(shipSymbol, new TransferCargoRequest { ShipSymbol = targetShipSymbol, TradeSymbol = tradeSymbol, Units = units }, priority, cancellationToken);

    /// <inheritdoc />
    public async Task<WarpShipResult> WarpShipAsync(
        string shipSymbol,
        WarpShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ArgumentNullException.ThrowIfNull(request);
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        var result = await ActAsync(
            "warp-ship",
            async ct => (await _api.WarpShipAsync(shipSymbol, request, priority, ct).ConfigureAwait(false)).Data,
            reads => (context, ct) => reads.WarpShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct),
            priority,
            cancellationToken).ConfigureAwait(false);
        _state?.Apply(shipSymbol, result);
        return result;
    }

    /// <inheritdoc />
    public Task<WarpShipResult> WarpShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
        => WarpShipAsync(shipSymbol, new WarpShipRequest { WaypointSymbol = waypointSymbol }, priority, cancellationToken);

    /// <summary>Sends an action through the client's action runner (an unknown outcome is reconciled by reading back), or straight when it has none.</summary>
    private Task<T> ActAsync<T>(string operationId, Func<CancellationToken, Task<T>> send, Func<ActionReadBacks, ReadBack<T>>? readBack, RequestPriority? priority, CancellationToken cancellationToken)
        => _actions is null ? send(cancellationToken) : _actions.RunAsync(operationId, send, readBack?.Invoke(_actions.ReadBacks), priority, cancellationToken);
}
