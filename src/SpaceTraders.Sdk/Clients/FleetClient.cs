using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IFleetClient"/> over the Refit interface: call, unwrap <c>data</c>, merge into the tracked state, return.</summary>
/// <remarks>The hand-written half: the constructor, the read-backs that reconcile an action whose answer was lost, and the methods that differ from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class FleetClient : IFleetClient
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
        Pagination.Check(page, limit);
        var versions = _state?.ShipVersions();
        var response = await _api.GetMyShipsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        var result = response.ToPage();
        _state?.Apply(result.Items, versions!);
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
        catch (SpaceTradersApiException error) when (error.IsSurveyExhausted || error.IsSurveyExpired || error.IsSurveyInvalid)
        {
            // Retire the survey for every ship sharing the cache, then let the caller decide what to do.
            _state?.SurveyCache?.TryReport(error, survey);
            throw;
        }

        _state?.Apply(shipSymbol, result);
        return result;
    }

    // ----- Read-backs: what each action would have changed, read again when its answer was lost -----

    private partial Func<ActionReadBacks, ReadBack<PurchaseShipResult>> PurchaseShipReadBack(PurchaseShipRequest request)
    {
        var agentBefore = _actions?.ReadBacks.AgentBefore();
        var shipsBefore = _actions?.ReadBacks.ShipsBefore();
        return reads => (context, ct) => reads.PurchaseShipAsync(request, agentBefore, shipsBefore!, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<NegotiateContractResult>> NegotiateContractReadBack(string shipSymbol)
    {
        var contractsBefore = _actions?.ReadBacks.ContractsBefore();
        return reads => (context, ct) => reads.NegotiateContractAsync(contractsBefore!, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<RepairShipResult>> RepairShipReadBack(string shipSymbol)
        => reads => (context, ct) => reads.RepairShipAsync(shipSymbol, context, ct);

    private partial Func<ActionReadBacks, ReadBack<ScrapShipResult>> ScrapShipReadBack(string shipSymbol)
        => reads => (context, ct) => reads.ScrapShipAsync(shipSymbol, context, ct);

    private partial Func<ActionReadBacks, ReadBack<CreateChartResult>> CreateChartReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.CreateChartAsync(shipSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<ExtractResourcesResult>> ExtractResourcesReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.ExtractResourcesAsync(shipSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<SiphonResourcesResult>> SiphonResourcesReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.SiphonResourcesAsync(shipSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<RefineShipResult>> RefineShipReadBack(string shipSymbol, RefineShipRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.RefineShipAsync(shipSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<CreateSurveyResult>> CreateSurveyReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.CooldownOnlyAsync<CreateSurveyResult>(shipSymbol, "survey", before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<CreateShipShipScanResult>> CreateShipShipScanReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipShipScanResult>(shipSymbol, "ship scan", before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<CreateShipSystemScanResult>> CreateShipSystemScanReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipSystemScanResult>(shipSymbol, "system scan", before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<CreateShipWaypointScanResult>> CreateShipWaypointScanReadBack(string shipSymbol)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.CooldownOnlyAsync<CreateShipWaypointScanResult>(shipSymbol, "waypoint scan", before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<NavigateShipResult>> NavigateShipReadBack(string shipSymbol, NavigateShipRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.NavigateShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<WarpShipResult>> WarpShipReadBack(string shipSymbol, WarpShipRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.WarpShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<JumpShipResult>> JumpShipReadBack(string shipSymbol, JumpShipRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.JumpShipAsync(shipSymbol, request.WaypointSymbol, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<PurchaseCargoResult>> PurchaseCargoReadBack(string shipSymbol, PurchaseCargoRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.PurchaseCargoAsync(shipSymbol, request, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<SellCargoResult>> SellCargoReadBack(string shipSymbol, SellCargoRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.SellCargoAsync(shipSymbol, request, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<RefuelShipResult>> RefuelShipReadBack(string shipSymbol, RefuelShipRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.RefuelShipAsync(shipSymbol, request, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<JettisonCargoResult>> JettisonCargoReadBack(string shipSymbol, JettisonCargoRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.JettisonCargoAsync(shipSymbol, request, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<TransferCargoResult>> TransferCargoReadBack(string shipSymbol, TransferCargoRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.TransferCargoAsync(shipSymbol, request, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<InstallShipModuleResult>> InstallShipModuleReadBack(string shipSymbol, InstallShipModuleRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.ModificationAsync<InstallShipModuleResult>(shipSymbol, request.Symbol.Value, mount: false, change: 1, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<RemoveShipModuleResult>> RemoveShipModuleReadBack(string shipSymbol, RemoveShipModuleRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.ModificationAsync<RemoveShipModuleResult>(shipSymbol, request.Symbol.Value, mount: false, change: -1, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<InstallMountResult>> InstallMountReadBack(string shipSymbol, InstallMountRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.ModificationAsync<InstallMountResult>(shipSymbol, request.Symbol.Value, mount: true, change: 1, before, context, ct);
    }

    private partial Func<ActionReadBacks, ReadBack<RemoveMountResult>> RemoveMountReadBack(string shipSymbol, RemoveMountRequest request)
    {
        var before = _actions?.ReadBacks.ShipBefore(shipSymbol);
        return reads => (context, ct) => reads.ModificationAsync<RemoveMountResult>(shipSymbol, request.Symbol.Value, mount: true, change: -1, before, context, ct);
    }
}
