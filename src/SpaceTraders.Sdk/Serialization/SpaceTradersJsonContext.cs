using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The SDK's one System.Text.Json context: source-generated metadata for every model, request body, response
/// envelope and error shape, with the API's conventions (camelCase names, absent optional values left out,
/// dates in the server's ISO 8601 form). Every serializer in the SDK uses it; <see cref="SpaceTradersJson"/>
/// exposes its options.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(IsoDateTimeOffsetConverter)])]

// Responses, as the Api interfaces return them.
[JsonSerializable(typeof(GetStatusResult))]
[JsonSerializable(typeof(GetErrorCodesResult))]
[JsonSerializable(typeof(DataEnvelope<GetMyAccountResult>))]
[JsonSerializable(typeof(DataEnvelope<RegisterResult>))]
[JsonSerializable(typeof(PagedEnvelope<PublicAgent>))]
[JsonSerializable(typeof(DataEnvelope<PublicAgent>))]
[JsonSerializable(typeof(DataEnvelope<Agent>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<AgentEvent>>))]
[JsonSerializable(typeof(PagedEnvelope<Faction>))]
[JsonSerializable(typeof(DataEnvelope<Faction>))]
[JsonSerializable(typeof(PagedEnvelope<FactionReputation>))]
[JsonSerializable(typeof(PagedEnvelope<StarSystem>))]
[JsonSerializable(typeof(DataEnvelope<StarSystem>))]
[JsonSerializable(typeof(PagedEnvelope<Waypoint>))]
[JsonSerializable(typeof(DataEnvelope<Waypoint>))]
[JsonSerializable(typeof(DataEnvelope<Construction>))]
[JsonSerializable(typeof(DataEnvelope<SupplyConstructionResult>))]
[JsonSerializable(typeof(DataEnvelope<Market>))]
[JsonSerializable(typeof(DataEnvelope<JumpGate>))]
[JsonSerializable(typeof(DataEnvelope<Shipyard>))]
[JsonSerializable(typeof(PagedEnvelope<Contract>))]
[JsonSerializable(typeof(DataEnvelope<Contract>))]
[JsonSerializable(typeof(DataEnvelope<AcceptContractResult>))]
[JsonSerializable(typeof(DataEnvelope<FulfillContractResult>))]
[JsonSerializable(typeof(DataEnvelope<DeliverContractResult>))]
[JsonSerializable(typeof(DataEnvelope<GetSupplyChainResult>))]
[JsonSerializable(typeof(PagedEnvelope<Ship>))]
[JsonSerializable(typeof(DataEnvelope<PurchaseShipResult>))]
[JsonSerializable(typeof(DataEnvelope<Ship>))]
[JsonSerializable(typeof(DataEnvelope<ShipCargo>))]
[JsonSerializable(typeof(DataEnvelope<CreateChartResult>))]
[JsonSerializable(typeof(DataEnvelope<Cooldown>))]
[JsonSerializable(typeof(DataEnvelope<DockShipResult>))]
[JsonSerializable(typeof(DataEnvelope<ExtractResourcesResult>))]
[JsonSerializable(typeof(DataEnvelope<ExtractResourcesWithSurveyResult>))]
[JsonSerializable(typeof(DataEnvelope<JettisonCargoResult>))]
[JsonSerializable(typeof(DataEnvelope<JumpShipResult>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<ShipModule>>))]
[JsonSerializable(typeof(DataEnvelope<InstallShipModuleResult>))]
[JsonSerializable(typeof(DataEnvelope<RemoveShipModuleResult>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<ShipMount>>))]
[JsonSerializable(typeof(DataEnvelope<InstallMountResult>))]
[JsonSerializable(typeof(DataEnvelope<RemoveMountResult>))]
[JsonSerializable(typeof(DataEnvelope<ShipNav>))]
[JsonSerializable(typeof(DataEnvelope<PatchShipNavResult>))]
[JsonSerializable(typeof(DataEnvelope<NavigateShipResult>))]
[JsonSerializable(typeof(DataEnvelope<NegotiateContractResult>))]
[JsonSerializable(typeof(DataEnvelope<OrbitShipResult>))]
[JsonSerializable(typeof(DataEnvelope<PurchaseCargoResult>))]
[JsonSerializable(typeof(DataEnvelope<RefineShipResult>))]
[JsonSerializable(typeof(DataEnvelope<RefuelShipResult>))]
[JsonSerializable(typeof(DataEnvelope<GetRepairShipResult>))]
[JsonSerializable(typeof(DataEnvelope<RepairShipResult>))]
[JsonSerializable(typeof(DataEnvelope<CreateShipShipScanResult>))]
[JsonSerializable(typeof(DataEnvelope<CreateShipSystemScanResult>))]
[JsonSerializable(typeof(DataEnvelope<CreateShipWaypointScanResult>))]
[JsonSerializable(typeof(DataEnvelope<GetScrapShipResult>))]
[JsonSerializable(typeof(DataEnvelope<ScrapShipResult>))]
[JsonSerializable(typeof(DataEnvelope<SellCargoResult>))]
[JsonSerializable(typeof(DataEnvelope<SiphonResourcesResult>))]
[JsonSerializable(typeof(DataEnvelope<CreateSurveyResult>))]
[JsonSerializable(typeof(DataEnvelope<TransferCargoResult>))]
[JsonSerializable(typeof(DataEnvelope<WarpShipResult>))]

// Request bodies.
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(SupplyConstructionRequest))]
[JsonSerializable(typeof(DeliverContractRequest))]
[JsonSerializable(typeof(PurchaseShipRequest))]
[JsonSerializable(typeof(Survey))]
[JsonSerializable(typeof(JettisonCargoRequest))]
[JsonSerializable(typeof(JumpShipRequest))]
[JsonSerializable(typeof(InstallShipModuleRequest))]
[JsonSerializable(typeof(RemoveShipModuleRequest))]
[JsonSerializable(typeof(InstallMountRequest))]
[JsonSerializable(typeof(RemoveMountRequest))]
[JsonSerializable(typeof(PatchShipNavRequest))]
[JsonSerializable(typeof(NavigateShipRequest))]
[JsonSerializable(typeof(PurchaseCargoRequest))]
[JsonSerializable(typeof(RefineShipRequest))]
[JsonSerializable(typeof(RefuelShipRequest))]
[JsonSerializable(typeof(SellCargoRequest))]
[JsonSerializable(typeof(TransferCargoRequest))]
[JsonSerializable(typeof(WarpShipRequest))]

// Errors.
[JsonSerializable(typeof(ApiErrorEnvelope))]
[JsonSerializable(typeof(CooldownErrorData))]
[JsonSerializable(typeof(ShipInTransitError))]
[JsonSerializable(typeof(InsufficientFuelError))]
[JsonSerializable(typeof(RateLimitError))]
internal sealed partial class SpaceTradersJsonContext : JsonSerializerContext;
