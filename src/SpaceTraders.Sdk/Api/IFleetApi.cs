using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Fleet area (the spec's <c>Fleet</c> tag), unwrapped by <see cref="Clients.FleetClient"/>.</summary>
internal interface IFleetApi
{
    /// <summary>Lists the agent's ships, one page at a time (<c>get-my-ships</c>).</summary>
    [Get("/my/ships")]
    Task<PagedEnvelope<Ship>> GetMyShipsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Buys a ship at a shipyard where one of the agent's ships is (<c>purchase-ship</c>).</summary>
    [Post("/my/ships")]
    Task<DataEnvelope<PurchaseShipResult>> PurchaseShipAsync(
        [Body] PurchaseShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets one of the agent's ships (<c>get-my-ship</c>).</summary>
    [Get("/my/ships/{shipSymbol}")]
    Task<DataEnvelope<Ship>> GetMyShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a ship's cargo (<c>get-my-ship-cargo</c>).</summary>
    [Get("/my/ships/{shipSymbol}/cargo")]
    Task<DataEnvelope<ShipCargo>> GetMyShipCargoAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Charts the uncharted waypoint where the ship is (<c>create-chart</c>).</summary>
    [Post("/my/ships/{shipSymbol}/chart")]
    Task<DataEnvelope<CreateChartResult>> CreateChartAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a ship's reactor cooldown, or <see langword="null"/> when it has none (<c>get-ship-cooldown</c>).</summary>
    [Get("/my/ships/{shipSymbol}/cooldown")]
    Task<DataEnvelope<Cooldown>?> GetShipCooldownAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Docks a ship at its current waypoint (<c>dock-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/dock")]
    Task<DataEnvelope<DockShipResult>> DockShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Extracts resources at the ship's waypoint; starts a cooldown (<c>extract-resources</c>).</summary>
    [Post("/my/ships/{shipSymbol}/extract")]
    Task<DataEnvelope<ExtractResourcesResult>> ExtractResourcesAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Extracts resources using a survey to target its deposits; starts a cooldown (<c>extract-resources-with-survey</c>).</summary>
    [Post("/my/ships/{shipSymbol}/extract/survey")]
    Task<DataEnvelope<ExtractResourcesWithSurveyResult>> ExtractResourcesWithSurveyAsync(
        string shipSymbol,
        [Body] Survey request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Jettisons cargo from a ship's hold (<c>jettison</c>).</summary>
    [Post("/my/ships/{shipSymbol}/jettison")]
    Task<DataEnvelope<JettisonCargoResult>> JettisonCargoAsync(
        string shipSymbol,
        [Body] JettisonCargoRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Jumps a ship through its jump gate to a connected gate, buying one antimatter; starts a cooldown (<c>jump-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/jump")]
    Task<DataEnvelope<JumpShipResult>> JumpShipAsync(
        string shipSymbol,
        [Body] JumpShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the modules installed on a ship (<c>get-ship-modules</c>).</summary>
    [Get("/my/ships/{shipSymbol}/modules")]
    Task<DataEnvelope<IReadOnlyList<ShipModule>>> GetShipModulesAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Installs a module from the ship's cargo (<c>install-ship-module</c>).</summary>
    [Post("/my/ships/{shipSymbol}/modules/install")]
    Task<DataEnvelope<InstallShipModuleResult>> InstallShipModuleAsync(
        string shipSymbol,
        [Body] InstallShipModuleRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Removes a module from a ship into its cargo (<c>remove-ship-module</c>).</summary>
    [Post("/my/ships/{shipSymbol}/modules/remove")]
    Task<DataEnvelope<RemoveShipModuleResult>> RemoveShipModuleAsync(
        string shipSymbol,
        [Body] RemoveShipModuleRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the mounts installed on a ship (<c>get-mounts</c>).</summary>
    [Get("/my/ships/{shipSymbol}/mounts")]
    Task<DataEnvelope<IReadOnlyList<ShipMount>>> GetMountsAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Installs a mount from the ship's cargo at a shipyard (<c>install-mount</c>).</summary>
    [Post("/my/ships/{shipSymbol}/mounts/install")]
    Task<DataEnvelope<InstallMountResult>> InstallMountAsync(
        string shipSymbol,
        [Body] InstallMountRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Removes a mount from a ship into its cargo at a shipyard (<c>remove-mount</c>).</summary>
    [Post("/my/ships/{shipSymbol}/mounts/remove")]
    Task<DataEnvelope<RemoveMountResult>> RemoveMountAsync(
        string shipSymbol,
        [Body] RemoveMountRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a ship's navigation state (<c>get-ship-nav</c>).</summary>
    [Get("/my/ships/{shipSymbol}/nav")]
    Task<DataEnvelope<ShipNav>> GetShipNavAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Changes a ship's flight mode, also while it is in transit (<c>patch-ship-nav</c>).</summary>
    [Patch("/my/ships/{shipSymbol}/nav")]
    Task<DataEnvelope<PatchShipNavResult>> PatchShipNavAsync(
        string shipSymbol,
        [Body] PatchShipNavRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Navigates a ship in orbit to a waypoint in the same system (<c>navigate-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/navigate")]
    Task<DataEnvelope<NavigateShipResult>> NavigateShipAsync(
        string shipSymbol,
        [Body] NavigateShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Negotiates a new contract with the faction at the ship's waypoint (<c>negotiate-contract</c>).</summary>
    [Post("/my/ships/{shipSymbol}/negotiate/contract")]
    Task<DataEnvelope<NegotiateContractResult>> NegotiateContractAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Moves a docked ship into orbit (<c>orbit-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/orbit")]
    Task<DataEnvelope<OrbitShipResult>> OrbitShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Buys a good from the market where the ship is docked (<c>purchase-cargo</c>).</summary>
    [Post("/my/ships/{shipSymbol}/purchase")]
    Task<DataEnvelope<PurchaseCargoResult>> PurchaseCargoAsync(
        string shipSymbol,
        [Body] PurchaseCargoRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Refines raw goods in a ship's cargo into a product; starts a cooldown (<c>ship-refine</c>).</summary>
    [Post("/my/ships/{shipSymbol}/refine")]
    Task<DataEnvelope<RefineShipResult>> RefineShipAsync(
        string shipSymbol,
        [Body] RefineShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Refuels a docked ship from the market, or from FUEL in its cargo (<c>refuel-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/refuel")]
    Task<DataEnvelope<RefuelShipResult>> RefuelShipAsync(
        string shipSymbol,
        [Body] RefuelShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets what repairing a ship would cost (<c>get-repair-ship</c>).</summary>
    [Get("/my/ships/{shipSymbol}/repair")]
    Task<DataEnvelope<GetRepairShipResult>> GetRepairShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Repairs a ship docked at a shipyard (<c>repair-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/repair")]
    Task<DataEnvelope<RepairShipResult>> RepairShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Scans for ships in range; starts a cooldown (<c>create-ship-ship-scan</c>).</summary>
    [Post("/my/ships/{shipSymbol}/scan/ships")]
    Task<DataEnvelope<CreateShipShipScanResult>> CreateShipShipScanAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Scans for systems in range; starts a cooldown (<c>create-ship-system-scan</c>).</summary>
    [Post("/my/ships/{shipSymbol}/scan/systems")]
    Task<DataEnvelope<CreateShipSystemScanResult>> CreateShipSystemScanAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Scans for waypoints in range, with their traits; starts a cooldown (<c>create-ship-waypoint-scan</c>).</summary>
    [Post("/my/ships/{shipSymbol}/scan/waypoints")]
    Task<DataEnvelope<CreateShipWaypointScanResult>> CreateShipWaypointScanAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets what scrapping a ship would pay (<c>get-scrap-ship</c>).</summary>
    [Get("/my/ships/{shipSymbol}/scrap")]
    Task<DataEnvelope<GetScrapShipResult>> GetScrapShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Scraps a ship docked at a shipyard for part of its value (<c>scrap-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/scrap")]
    Task<DataEnvelope<ScrapShipResult>> ScrapShipAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Sells a good from a ship's cargo to the market where it is docked (<c>sell-cargo</c>).</summary>
    [Post("/my/ships/{shipSymbol}/sell")]
    Task<DataEnvelope<SellCargoResult>> SellCargoAsync(
        string shipSymbol,
        [Body] SellCargoRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Siphons gas at the ship's waypoint; starts a cooldown (<c>siphon-resources</c>).</summary>
    [Post("/my/ships/{shipSymbol}/siphon")]
    Task<DataEnvelope<SiphonResourcesResult>> SiphonResourcesAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Surveys the ship's waypoint for deposits; starts a cooldown (<c>create-survey</c>).</summary>
    [Post("/my/ships/{shipSymbol}/survey")]
    Task<DataEnvelope<CreateSurveyResult>> CreateSurveyAsync(
        string shipSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Transfers cargo to another ship at the same waypoint (<c>transfer-cargo</c>).</summary>
    [Post("/my/ships/{shipSymbol}/transfer")]
    Task<DataEnvelope<TransferCargoResult>> TransferCargoAsync(
        string shipSymbol,
        [Body] TransferCargoRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Warps a ship in orbit to a waypoint in another system (<c>warp-ship</c>).</summary>
    [Post("/my/ships/{shipSymbol}/warp")]
    Task<DataEnvelope<WarpShipResult>> WarpShipAsync(
        string shipSymbol,
        [Body] WarpShipRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
