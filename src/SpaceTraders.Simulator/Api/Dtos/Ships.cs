namespace SpaceTraders.Simulator.Api.Dtos;

/// <summary>Ship.</summary>
internal sealed record ShipDto(
    string Symbol,
    RegistrationDto Registration,
    NavDto Nav,
    CrewDto Crew,
    FrameDto Frame,
    ReactorDto Reactor,
    EngineDto Engine,
    IReadOnlyList<ModuleDto> Modules,
    IReadOnlyList<MountDto> Mounts,
    CargoDto Cargo,
    FuelDto Fuel,
    CooldownDto Cooldown);

/// <summary>ShipRegistration.</summary>
internal sealed record RegistrationDto(string Name, string FactionSymbol, string Role);

/// <summary>ShipNav.</summary>
internal sealed record NavDto(string SystemSymbol, string WaypointSymbol, RouteDto Route, string Status, string FlightMode);

/// <summary>ShipNavRoute.</summary>
internal sealed record RouteDto(RouteWaypointDto Destination, RouteWaypointDto Origin, UtcTimestamp DepartureTime, UtcTimestamp Arrival);

/// <summary>ShipNavRouteWaypoint.</summary>
internal sealed record RouteWaypointDto(string Symbol, string Type, string SystemSymbol, int X, int Y);

/// <summary>ShipCrew.</summary>
internal sealed record CrewDto(int Current, int Required, int Capacity, string Rotation, int Morale, int Wages);

/// <summary>ShipRequirements.</summary>
internal sealed record RequirementsDto(int? Power, int? Crew, int? Slots);

/// <summary>ShipFrame.</summary>
internal sealed record FrameDto(
    string Symbol,
    string Name,
    double Condition,
    double Integrity,
    string Description,
    int ModuleSlots,
    int MountingPoints,
    int FuelCapacity,
    RequirementsDto Requirements,
    int Quality);

/// <summary>ShipReactor.</summary>
internal sealed record ReactorDto(string Symbol, string Name, double Condition, double Integrity, string Description, int PowerOutput, RequirementsDto Requirements, int Quality);

/// <summary>ShipEngine.</summary>
internal sealed record EngineDto(string Symbol, string Name, double Condition, double Integrity, string Description, int Speed, RequirementsDto Requirements, int Quality);

/// <summary>ShipModule.</summary>
internal sealed record ModuleDto(string Symbol, string Name, string Description, int? Capacity, int? Range, RequirementsDto Requirements);

/// <summary>ShipMount.</summary>
internal sealed record MountDto(string Symbol, string Name, string Description, int? Strength, IReadOnlyList<string>? Deposits, RequirementsDto Requirements);

/// <summary>ShipCargo.</summary>
internal sealed record CargoDto(int Capacity, int Units, IReadOnlyList<CargoItemDto> Inventory);

/// <summary>ShipCargoItem.</summary>
internal sealed record CargoItemDto(string Symbol, string Name, string Description, int Units);

/// <summary>ShipFuel.</summary>
internal sealed record FuelDto(int Current, int Capacity, FuelConsumedDto? Consumed);

/// <summary>ShipFuel.consumed.</summary>
internal sealed record FuelConsumedDto(int Amount, UtcTimestamp Timestamp);

/// <summary>Cooldown.</summary>
internal sealed record CooldownDto(string ShipSymbol, int TotalSeconds, int RemainingSeconds, UtcTimestamp? Expiration);

/// <summary>ShipConditionEvent.</summary>
internal sealed record ShipConditionEventDto(string Symbol, string Component, string Name, string Description);

/// <summary>Survey.</summary>
internal sealed record SurveyDto(string Signature, string Symbol, IReadOnlyList<SymbolDto> Deposits, UtcTimestamp Expiration, string Size);

/// <summary>Extraction.</summary>
internal sealed record ExtractionDto(string ShipSymbol, YieldDto Yield);

/// <summary>ExtractionYield / SiphonYield.</summary>
internal sealed record YieldDto(string Symbol, int Units);

/// <summary>ScannedShip.</summary>
internal sealed record ScannedShipDto(
    string Symbol,
    RegistrationDto Registration,
    NavDto Nav,
    SymbolDto? Frame,
    SymbolDto? Reactor,
    SymbolDto Engine,
    IReadOnlyList<SymbolDto>? Mounts);

/// <summary>ScrapTransaction, RepairTransaction and ChartTransaction share this shape.</summary>
internal sealed record PriceTransactionDto(string WaypointSymbol, string ShipSymbol, int TotalPrice, UtcTimestamp Timestamp);

/// <summary>ShipModificationTransaction.</summary>
internal sealed record ModificationTransactionDto(string WaypointSymbol, string ShipSymbol, string TradeSymbol, int TotalPrice, UtcTimestamp Timestamp);

/// <summary>Contract.</summary>
internal sealed record ContractDto(
    string Id,
    string FactionSymbol,
    string Type,
    ContractTermsDto Terms,
    bool Accepted,
    bool Fulfilled,
    UtcTimestamp Expiration,
    UtcTimestamp DeadlineToAccept);

/// <summary>ContractTerms.</summary>
internal sealed record ContractTermsDto(UtcTimestamp Deadline, ContractPaymentDto Payment, IReadOnlyList<ContractDeliverGoodDto> Deliver);

/// <summary>ContractPayment.</summary>
internal sealed record ContractPaymentDto(long OnAccepted, long OnFulfilled);

/// <summary>ContractDeliverGood.</summary>
internal sealed record ContractDeliverGoodDto(string TradeSymbol, string DestinationSymbol, int UnitsRequired, int UnitsFulfilled);
