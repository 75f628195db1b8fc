using System.Collections.Frozen;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// The game's error codes (the <c>code</c> of an error response), as the SpaceTraders documentation and the
/// server's <c>GET /error-codes</c> list name them. <see cref="SpaceTradersApiException.ErrorCode"/> holds
/// the code of a failed call.
/// </summary>
/// <remarks>
/// The list is not exhaustive and the server adds codes over time: load <c>GET /error-codes</c>
/// (<c>client.Global.GetErrorCodesAsync()</c>) for the live list. Rate limiting (429) and maintenance (503)
/// use the HTTP status as their code.
/// </remarks>
public static class ErrorCodes
{
    /// <summary>Too many requests: the game's rate limiter answered 429 (the code is the HTTP status).</summary>
    public const int RateLimited = 429;

    /// <summary>The server is down for maintenance (the code is the HTTP status).</summary>
    public const int Maintenance = 503;

    /// <summary><c>responseSerializationError</c>.</summary>
    public const int ResponseSerialization = 3000;

    /// <summary><c>unprocessableInputError</c>.</summary>
    public const int UnprocessableInput = 3001;

    /// <summary><c>allErrorHandlersFailedError</c>.</summary>
    public const int AllErrorHandlersFailed = 3002;

    /// <summary><c>systemStatusMaintenanceError</c>.</summary>
    public const int SystemStatusMaintenance = 3100;

    /// <summary><c>resetError</c>.</summary>
    public const int Reset = 3200;

    /// <summary><c>cooldownConflictError</c>: the ship is still on cooldown. <see cref="SpaceTradersApiException.Cooldown"/> gives the cooldown with its remaining seconds and expiration.</summary>
    public const int CooldownConflict = 4000;

    /// <summary><c>waypointNoAccessError</c>.</summary>
    public const int WaypointNoAccess = 4001;

    /// <summary><c>tokenEmptyError</c>.</summary>
    public const int TokenEmpty = 4100;

    /// <summary><c>tokenMissingSubjectError</c>.</summary>
    public const int TokenMissingSubject = 4101;

    /// <summary><c>tokenInvalidSubjectError</c>.</summary>
    public const int TokenInvalidSubject = 4102;

    /// <summary><c>missingTokenRequestError</c>.</summary>
    public const int MissingTokenRequest = 4103;

    /// <summary><c>invalidTokenRequestError</c>.</summary>
    public const int InvalidTokenRequest = 4104;

    /// <summary><c>invalidTokenSubjectError</c>.</summary>
    public const int InvalidTokenSubject = 4105;

    /// <summary><c>accountNotExistsError</c>.</summary>
    public const int AccountNotExists = 4106;

    /// <summary><c>agentNotExistsError</c>.</summary>
    public const int AgentNotExists = 4107;

    /// <summary><c>accountHasNoAgentError</c>.</summary>
    public const int AccountHasNoAgent = 4108;

    /// <summary>
    /// <c>registerAgentExistsError</c>: meaning changed over time: the docs list <c>registerAgentExistsError</c>, the
    /// newer list <c>tokenInvalidVersionError</c>. The client reads it so on <c>POST /register</c> only.
    /// </summary>
    public const int RegisterAgentExists = 4109;

    /// <summary>
    /// <c>tokenInvalidVersionError</c>: meaning changed over time: the docs list <c>registerAgentExistsError</c>, the
    /// newer list <c>tokenInvalidVersionError</c>. The client takes it as a server reset
    /// (<see cref="ServerResetException"/>) on any call but <c>POST /register</c>.
    /// </summary>
    public const int TokenInvalidVersion = 4109;

    /// <summary><c>registerAgentSymbolReservedError</c>.</summary>
    public const int RegisterAgentSymbolReserved = 4110;

    /// <summary><c>registerAgentConflictSymbolError</c>.</summary>
    public const int RegisterAgentConflictSymbol = 4111;

    /// <summary><c>registerAgentNoStartingLocationsError</c>.</summary>
    public const int RegisterAgentNoStartingLocations = 4112;

    /// <summary><c>tokenResetDateMismatchError</c>.</summary>
    public const int TokenResetDateMismatch = 4113;

    /// <summary><c>invalidAccountRoleError</c>.</summary>
    public const int InvalidAccountRole = 4114;

    /// <summary><c>invalidTokenError</c>.</summary>
    public const int InvalidToken = 4115;

    /// <summary><c>missingAccountTokenRequest</c>.</summary>
    public const int MissingAccountTokenRequest = 4116;

    /// <summary><c>navigateInTransitError</c>: the ship is already in transit (navigate). <see cref="SpaceTradersApiException.Transit"/> gives the arrival.</summary>
    public const int NavigateInTransit = 4200;

    /// <summary><c>navigateInvalidDestinationError</c>.</summary>
    public const int NavigateInvalidDestination = 4201;

    /// <summary><c>navigateOutsideSystemError</c>.</summary>
    public const int NavigateOutsideSystem = 4202;

    /// <summary><c>navigateInsufficientFuelError</c>: not enough fuel for the flight. <see cref="SpaceTradersApiException.InsufficientFuel"/> gives the fuel required and available.</summary>
    public const int NavigateInsufficientFuel = 4203;

    /// <summary><c>navigateSameDestinationError</c>.</summary>
    public const int NavigateSameDestination = 4204;

    /// <summary><c>shipExtractInvalidWaypointError</c>.</summary>
    public const int ShipExtractInvalidWaypoint = 4205;

    /// <summary><c>shipExtractPermissionError</c>.</summary>
    public const int ShipExtractPermission = 4206;

    /// <summary><c>shipJumpNoSystemError</c>.</summary>
    public const int ShipJumpNoSystem = 4207;

    /// <summary><c>shipJumpSameSystemError</c>.</summary>
    public const int ShipJumpSameSystem = 4208;

    /// <summary><c>shipJumpMissingModuleError</c>.</summary>
    public const int ShipJumpMissingModule = 4210;

    /// <summary><c>shipJumpNoValidWaypointError</c>.</summary>
    public const int ShipJumpNoValidWaypoint = 4211;

    /// <summary><c>shipJumpMissingAntimatterError</c>.</summary>
    public const int ShipJumpMissingAntimatter = 4212;

    /// <summary><c>shipInTransitError</c>: the ship is in transit. <see cref="SpaceTradersApiException.Transit"/> gives the arrival and the seconds until it.</summary>
    public const int ShipInTransit = 4214;

    /// <summary><c>shipMissingSensorArraysError</c>.</summary>
    public const int ShipMissingSensorArrays = 4215;

    /// <summary><c>purchaseShipCreditsError</c>: not enough credits to buy the ship. <see cref="SpaceTradersApiException.InsufficientCredits"/> gives the credits available and needed.</summary>
    public const int PurchaseShipCredits = 4216;

    /// <summary><c>shipCargoExceedsLimitError</c>.</summary>
    public const int ShipCargoExceedsLimit = 4217;

    /// <summary><c>shipCargoMissingError</c>.</summary>
    public const int ShipCargoMissing = 4218;

    /// <summary><c>shipCargoUnitCountError</c>.</summary>
    public const int ShipCargoUnitCount = 4219;

    /// <summary><c>shipSurveyVerificationError</c>: the survey's signature does not verify: send the survey whole and unmodified.</summary>
    public const int ShipSurveyVerification = 4220;

    /// <summary><c>shipSurveyExpirationError</c>: the survey has expired: discard it.</summary>
    public const int ShipSurveyExpiration = 4221;

    /// <summary><c>shipSurveyWaypointTypeError</c>.</summary>
    public const int ShipSurveyWaypointType = 4222;

    /// <summary><c>shipSurveyOrbitError</c>.</summary>
    public const int ShipSurveyOrbit = 4223;

    /// <summary><c>shipSurveyExhaustedError</c>: the survey has been exhausted: discard it.</summary>
    public const int ShipSurveyExhausted = 4224;

    /// <summary><c>shipRefuelDockedError</c>.</summary>
    public const int ShipRefuelDocked = 4225;

    /// <summary><c>shipRefuelInvalidWaypointError</c>.</summary>
    public const int ShipRefuelInvalidWaypoint = 4226;

    /// <summary><c>shipMissingMountsError</c>: listed in the docs only, as a duplicate of <see cref="ShipMissingMounts"/> (4251).</summary>
    public const int ShipMissingMountsLegacy = 4227;

    /// <summary><c>shipCargoFullError</c>: the ship's cargo hold is full.</summary>
    public const int ShipCargoFull = 4228;

    /// <summary><c>shipJumpFromGateToGateError</c>.</summary>
    public const int ShipJumpFromGateToGate = 4229;

    /// <summary><c>waypointChartedError</c>.</summary>
    public const int WaypointCharted = 4230;

    /// <summary><c>shipTransferShipNotFound</c>.</summary>
    public const int ShipTransferShipNotFound = 4231;

    /// <summary><c>shipTransferAgentConflict</c>.</summary>
    public const int ShipTransferAgentConflict = 4232;

    /// <summary><c>shipTransferSameShipConflict</c>.</summary>
    public const int ShipTransferSameShipConflict = 4233;

    /// <summary><c>shipTransferLocationConflict</c>.</summary>
    public const int ShipTransferLocationConflict = 4234;

    /// <summary><c>warpInsideSystemError</c>.</summary>
    public const int WarpInsideSystem = 4235;

    /// <summary><c>shipNotInOrbitError</c>: the ship must be in orbit for this action.</summary>
    public const int ShipNotInOrbit = 4236;

    /// <summary><c>shipInvalidRefineryGoodError</c>.</summary>
    public const int ShipInvalidRefineryGood = 4237;

    /// <summary><c>shipInvalidRefineryTypeError</c>.</summary>
    public const int ShipInvalidRefineryType = 4238;

    /// <summary><c>shipMissingRefineryError</c>.</summary>
    public const int ShipMissingRefinery = 4239;

    /// <summary><c>shipMissingSurveyorError</c>.</summary>
    public const int ShipMissingSurveyor = 4240;

    /// <summary><c>shipMissingWarpDriveError</c>.</summary>
    public const int ShipMissingWarpDrive = 4241;

    /// <summary><c>shipMissingMineralProcessorError</c>.</summary>
    public const int ShipMissingMineralProcessor = 4242;

    /// <summary><c>shipMissingMiningLasersError</c>.</summary>
    public const int ShipMissingMiningLasers = 4243;

    /// <summary><c>shipNotDockedError</c>: the ship must be docked for this action.</summary>
    public const int ShipNotDocked = 4244;

    /// <summary><c>purchaseShipNotPresentError</c>.</summary>
    public const int PurchaseShipNotPresent = 4245;

    /// <summary><c>shipMountNoShipyardError</c>.</summary>
    public const int ShipMountNoShipyard = 4246;

    /// <summary><c>shipMissingMountError</c>.</summary>
    public const int ShipMissingMount = 4247;

    /// <summary><c>shipMountInsufficientCreditsError</c>.</summary>
    public const int ShipMountInsufficientCredits = 4248;

    /// <summary><c>shipMissingPowerError</c>.</summary>
    public const int ShipMissingPower = 4249;

    /// <summary><c>shipMissingSlotsError</c>.</summary>
    public const int ShipMissingSlots = 4250;

    /// <summary><c>shipMissingMountsError</c>.</summary>
    public const int ShipMissingMounts = 4251;

    /// <summary><c>shipMissingCrewError</c>.</summary>
    public const int ShipMissingCrew = 4252;

    /// <summary><c>shipExtractDestabilizedError</c>.</summary>
    public const int ShipExtractDestabilized = 4253;

    /// <summary><c>shipJumpInvalidOriginError</c>.</summary>
    public const int ShipJumpInvalidOrigin = 4254;

    /// <summary><c>shipJumpInvalidWaypointError</c>.</summary>
    public const int ShipJumpInvalidWaypoint = 4255;

    /// <summary><c>shipJumpOriginUnderConstructionError</c>.</summary>
    public const int ShipJumpOriginUnderConstruction = 4256;

    /// <summary><c>shipMissingGasProcessorError</c>.</summary>
    public const int ShipMissingGasProcessor = 4257;

    /// <summary><c>shipMissingGasSiphonsError</c>.</summary>
    public const int ShipMissingGasSiphons = 4258;

    /// <summary><c>shipSiphonInvalidWaypointError</c>.</summary>
    public const int ShipSiphonInvalidWaypoint = 4259;

    /// <summary><c>shipSiphonPermissionError</c>.</summary>
    public const int ShipSiphonPermission = 4260;

    /// <summary><c>waypointNoYieldError</c>.</summary>
    public const int WaypointNoYield = 4261;

    /// <summary><c>shipJumpDestinationUnderConstructionError</c>.</summary>
    public const int ShipJumpDestinationUnderConstruction = 4262;

    /// <summary><c>shipScrapInvalidTraitError</c>.</summary>
    public const int ShipScrapInvalidTrait = 4263;

    /// <summary><c>shipRepairInvalidTraitError</c>.</summary>
    public const int ShipRepairInvalidTrait = 4264;

    /// <summary><c>agentInsufficientCreditsError</c>: the agent does not have enough credits.</summary>
    public const int AgentInsufficientCredits = 4265;

    /// <summary><c>shipModuleNoShipyard</c>.</summary>
    public const int ShipModuleNoShipyard = 4266;

    /// <summary><c>shipModuleNotInstalled</c>.</summary>
    public const int ShipModuleNotInstalled = 4267;

    /// <summary><c>shipModuleInsufficientCredits</c>.</summary>
    public const int ShipModuleInsufficientCredits = 4268;

    /// <summary><c>cantSlowDownWhileInTransitError</c>.</summary>
    public const int CantSlowDownWhileInTransit = 4269;

    /// <summary><c>shipExtractInvalidSurveyLocationError</c>.</summary>
    public const int ShipExtractInvalidSurveyLocation = 4270;

    /// <summary><c>shipTransferDockedOrbitConflict</c>.</summary>
    public const int ShipTransferDockedOrbitConflict = 4271;

    /// <summary><c>acceptContractNotAuthorizedError</c>.</summary>
    public const int AcceptContractNotAuthorized = 4500;

    /// <summary><c>acceptContractConflictError</c>.</summary>
    public const int AcceptContractConflict = 4501;

    /// <summary><c>fulfillContractDeliveryError</c>.</summary>
    public const int FulfillContractDelivery = 4502;

    /// <summary><c>contractDeadlineError</c>.</summary>
    public const int ContractDeadline = 4503;

    /// <summary><c>contractFulfilledError</c>.</summary>
    public const int ContractFulfilled = 4504;

    /// <summary><c>contractNotAcceptedError</c>.</summary>
    public const int ContractNotAccepted = 4505;

    /// <summary><c>contractNotAuthorizedError</c>.</summary>
    public const int ContractNotAuthorized = 4506;

    /// <summary><c>shipDeliverTermsError</c>.</summary>
    public const int ShipDeliverTerms = 4508;

    /// <summary><c>shipDeliverFulfilledError</c>.</summary>
    public const int ShipDeliverFulfilled = 4509;

    /// <summary><c>shipDeliverInvalidLocationError</c>.</summary>
    public const int ShipDeliverInvalidLocation = 4510;

    /// <summary><c>existingContractError</c>.</summary>
    public const int ExistingContract = 4511;

    /// <summary><c>marketTradeInsufficientCreditsError</c>: not enough credits for the market purchase. <see cref="SpaceTradersApiException.InsufficientCredits"/> gives the credits available and the total price.</summary>
    public const int MarketTradeInsufficientCredits = 4600;

    /// <summary><c>marketTradeNoPurchaseError</c>.</summary>
    public const int MarketTradeNoPurchase = 4601;

    /// <summary><c>marketTradeNotSoldError</c>.</summary>
    public const int MarketTradeNotSold = 4602;

    /// <summary><c>marketNotFoundError</c>.</summary>
    public const int MarketNotFound = 4603;

    /// <summary><c>marketTradeUnitLimitError</c>: more units than the good's trade volume in one transaction.</summary>
    public const int MarketTradeUnitLimit = 4604;

    /// <summary><c>shipNotAvailableForPurchaseError</c>.</summary>
    public const int ShipNotAvailableForPurchase = 4605;

    /// <summary><c>waypointNoFactionError</c>.</summary>
    public const int WaypointNoFaction = 4700;

    /// <summary><c>constructionMaterialNotRequired</c>.</summary>
    public const int ConstructionMaterialNotRequired = 4800;

    /// <summary><c>constructionMaterialFulfilled</c>.</summary>
    public const int ConstructionMaterialFulfilled = 4801;

    /// <summary><c>shipConstructionInvalidLocationError</c>.</summary>
    public const int ShipConstructionInvalidLocation = 4802;

    /// <summary><c>unsupportedMediaTypeError</c>.</summary>
    public const int UnsupportedMediaType = 5000;

    private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>
    {
        [RateLimited] = "rateLimitError",
        [Maintenance] = "maintenanceError",
        [ResponseSerialization] = "responseSerializationError",
        [UnprocessableInput] = "unprocessableInputError",
        [AllErrorHandlersFailed] = "allErrorHandlersFailedError",
        [SystemStatusMaintenance] = "systemStatusMaintenanceError",
        [Reset] = "resetError",
        [CooldownConflict] = "cooldownConflictError",
        [WaypointNoAccess] = "waypointNoAccessError",
        [TokenEmpty] = "tokenEmptyError",
        [TokenMissingSubject] = "tokenMissingSubjectError",
        [TokenInvalidSubject] = "tokenInvalidSubjectError",
        [MissingTokenRequest] = "missingTokenRequestError",
        [InvalidTokenRequest] = "invalidTokenRequestError",
        [InvalidTokenSubject] = "invalidTokenSubjectError",
        [AccountNotExists] = "accountNotExistsError",
        [AgentNotExists] = "agentNotExistsError",
        [AccountHasNoAgent] = "accountHasNoAgentError",
        [TokenInvalidVersion] = "tokenInvalidVersionError",
        [RegisterAgentSymbolReserved] = "registerAgentSymbolReservedError",
        [RegisterAgentConflictSymbol] = "registerAgentConflictSymbolError",
        [RegisterAgentNoStartingLocations] = "registerAgentNoStartingLocationsError",
        [TokenResetDateMismatch] = "tokenResetDateMismatchError",
        [InvalidAccountRole] = "invalidAccountRoleError",
        [InvalidToken] = "invalidTokenError",
        [MissingAccountTokenRequest] = "missingAccountTokenRequest",
        [NavigateInTransit] = "navigateInTransitError",
        [NavigateInvalidDestination] = "navigateInvalidDestinationError",
        [NavigateOutsideSystem] = "navigateOutsideSystemError",
        [NavigateInsufficientFuel] = "navigateInsufficientFuelError",
        [NavigateSameDestination] = "navigateSameDestinationError",
        [ShipExtractInvalidWaypoint] = "shipExtractInvalidWaypointError",
        [ShipExtractPermission] = "shipExtractPermissionError",
        [ShipJumpNoSystem] = "shipJumpNoSystemError",
        [ShipJumpSameSystem] = "shipJumpSameSystemError",
        [ShipJumpMissingModule] = "shipJumpMissingModuleError",
        [ShipJumpNoValidWaypoint] = "shipJumpNoValidWaypointError",
        [ShipJumpMissingAntimatter] = "shipJumpMissingAntimatterError",
        [ShipInTransit] = "shipInTransitError",
        [ShipMissingSensorArrays] = "shipMissingSensorArraysError",
        [PurchaseShipCredits] = "purchaseShipCreditsError",
        [ShipCargoExceedsLimit] = "shipCargoExceedsLimitError",
        [ShipCargoMissing] = "shipCargoMissingError",
        [ShipCargoUnitCount] = "shipCargoUnitCountError",
        [ShipSurveyVerification] = "shipSurveyVerificationError",
        [ShipSurveyExpiration] = "shipSurveyExpirationError",
        [ShipSurveyWaypointType] = "shipSurveyWaypointTypeError",
        [ShipSurveyOrbit] = "shipSurveyOrbitError",
        [ShipSurveyExhausted] = "shipSurveyExhaustedError",
        [ShipRefuelDocked] = "shipRefuelDockedError",
        [ShipRefuelInvalidWaypoint] = "shipRefuelInvalidWaypointError",
        [ShipMissingMountsLegacy] = "shipMissingMountsError",
        [ShipCargoFull] = "shipCargoFullError",
        [ShipJumpFromGateToGate] = "shipJumpFromGateToGateError",
        [WaypointCharted] = "waypointChartedError",
        [ShipTransferShipNotFound] = "shipTransferShipNotFound",
        [ShipTransferAgentConflict] = "shipTransferAgentConflict",
        [ShipTransferSameShipConflict] = "shipTransferSameShipConflict",
        [ShipTransferLocationConflict] = "shipTransferLocationConflict",
        [WarpInsideSystem] = "warpInsideSystemError",
        [ShipNotInOrbit] = "shipNotInOrbitError",
        [ShipInvalidRefineryGood] = "shipInvalidRefineryGoodError",
        [ShipInvalidRefineryType] = "shipInvalidRefineryTypeError",
        [ShipMissingRefinery] = "shipMissingRefineryError",
        [ShipMissingSurveyor] = "shipMissingSurveyorError",
        [ShipMissingWarpDrive] = "shipMissingWarpDriveError",
        [ShipMissingMineralProcessor] = "shipMissingMineralProcessorError",
        [ShipMissingMiningLasers] = "shipMissingMiningLasersError",
        [ShipNotDocked] = "shipNotDockedError",
        [PurchaseShipNotPresent] = "purchaseShipNotPresentError",
        [ShipMountNoShipyard] = "shipMountNoShipyardError",
        [ShipMissingMount] = "shipMissingMountError",
        [ShipMountInsufficientCredits] = "shipMountInsufficientCreditsError",
        [ShipMissingPower] = "shipMissingPowerError",
        [ShipMissingSlots] = "shipMissingSlotsError",
        [ShipMissingMounts] = "shipMissingMountsError",
        [ShipMissingCrew] = "shipMissingCrewError",
        [ShipExtractDestabilized] = "shipExtractDestabilizedError",
        [ShipJumpInvalidOrigin] = "shipJumpInvalidOriginError",
        [ShipJumpInvalidWaypoint] = "shipJumpInvalidWaypointError",
        [ShipJumpOriginUnderConstruction] = "shipJumpOriginUnderConstructionError",
        [ShipMissingGasProcessor] = "shipMissingGasProcessorError",
        [ShipMissingGasSiphons] = "shipMissingGasSiphonsError",
        [ShipSiphonInvalidWaypoint] = "shipSiphonInvalidWaypointError",
        [ShipSiphonPermission] = "shipSiphonPermissionError",
        [WaypointNoYield] = "waypointNoYieldError",
        [ShipJumpDestinationUnderConstruction] = "shipJumpDestinationUnderConstructionError",
        [ShipScrapInvalidTrait] = "shipScrapInvalidTraitError",
        [ShipRepairInvalidTrait] = "shipRepairInvalidTraitError",
        [AgentInsufficientCredits] = "agentInsufficientCreditsError",
        [ShipModuleNoShipyard] = "shipModuleNoShipyard",
        [ShipModuleNotInstalled] = "shipModuleNotInstalled",
        [ShipModuleInsufficientCredits] = "shipModuleInsufficientCredits",
        [CantSlowDownWhileInTransit] = "cantSlowDownWhileInTransitError",
        [ShipExtractInvalidSurveyLocation] = "shipExtractInvalidSurveyLocationError",
        [ShipTransferDockedOrbitConflict] = "shipTransferDockedOrbitConflict",
        [AcceptContractNotAuthorized] = "acceptContractNotAuthorizedError",
        [AcceptContractConflict] = "acceptContractConflictError",
        [FulfillContractDelivery] = "fulfillContractDeliveryError",
        [ContractDeadline] = "contractDeadlineError",
        [ContractFulfilled] = "contractFulfilledError",
        [ContractNotAccepted] = "contractNotAcceptedError",
        [ContractNotAuthorized] = "contractNotAuthorizedError",
        [ShipDeliverTerms] = "shipDeliverTermsError",
        [ShipDeliverFulfilled] = "shipDeliverFulfilledError",
        [ShipDeliverInvalidLocation] = "shipDeliverInvalidLocationError",
        [ExistingContract] = "existingContractError",
        [MarketTradeInsufficientCredits] = "marketTradeInsufficientCreditsError",
        [MarketTradeNoPurchase] = "marketTradeNoPurchaseError",
        [MarketTradeNotSold] = "marketTradeNotSoldError",
        [MarketNotFound] = "marketNotFoundError",
        [MarketTradeUnitLimit] = "marketTradeUnitLimitError",
        [ShipNotAvailableForPurchase] = "shipNotAvailableForPurchaseError",
        [WaypointNoFaction] = "waypointNoFactionError",
        [ConstructionMaterialNotRequired] = "constructionMaterialNotRequired",
        [ConstructionMaterialFulfilled] = "constructionMaterialFulfilled",
        [ShipConstructionInvalidLocation] = "shipConstructionInvalidLocationError",
        [UnsupportedMediaType] = "unsupportedMediaTypeError",
    }.ToFrozenDictionary();

    /// <summary>Gets the server's name of an error code, for example <c>cooldownConflictError</c> for 4000.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>The name, or <see langword="null"/> for a code this list does not know.</returns>
    public static string? GetName(int code) => Names.GetValueOrDefault(code);
}
