namespace SpaceTraders.Simulator.Api.Dtos;

/// <summary>System.</summary>
internal sealed record SystemDto(
    string Constellation,
    string Symbol,
    string SectorSymbol,
    string Type,
    int X,
    int Y,
    IReadOnlyList<SystemWaypointDto> Waypoints,
    IReadOnlyList<SymbolDto> Factions,
    string Name);

/// <summary>SystemWaypoint.</summary>
internal sealed record SystemWaypointDto(string Symbol, string Type, int X, int Y, IReadOnlyList<SymbolDto> Orbitals, string? Orbits);

/// <summary>Waypoint.</summary>
internal sealed record WaypointDto(
    string Symbol,
    string Type,
    string SystemSymbol,
    int X,
    int Y,
    IReadOnlyList<SymbolDto> Orbitals,
    string? Orbits,
    SymbolDto? Faction,
    IReadOnlyList<TraitDto> Traits,
    IReadOnlyList<TraitDto> Modifiers,
    ChartDto? Chart,
    bool IsUnderConstruction);

/// <summary>Chart.</summary>
internal sealed record ChartDto(string WaypointSymbol, string SubmittedBy, UtcTimestamp SubmittedOn);

/// <summary>Construction.</summary>
internal sealed record ConstructionDto(string Symbol, IReadOnlyList<ConstructionMaterialDto> Materials, bool IsComplete);

/// <summary>ConstructionMaterial.</summary>
internal sealed record ConstructionMaterialDto(string TradeSymbol, int Required, int Fulfilled);

/// <summary>JumpGate.</summary>
internal sealed record JumpGateDto(string Symbol, IReadOnlyList<string> Connections);

/// <summary>Market.</summary>
internal sealed record MarketDto(
    string Symbol,
    IReadOnlyList<TradeGoodDto> Exports,
    IReadOnlyList<TradeGoodDto> Imports,
    IReadOnlyList<TradeGoodDto> Exchange,
    IReadOnlyList<MarketTransactionDto>? Transactions,
    IReadOnlyList<MarketTradeGoodDto>? TradeGoods);

/// <summary>TradeGood.</summary>
internal sealed record TradeGoodDto(string Symbol, string Name, string Description);

/// <summary>MarketTransaction.</summary>
internal sealed record MarketTransactionDto(
    string WaypointSymbol,
    string ShipSymbol,
    string TradeSymbol,
    string Type,
    int Units,
    int PricePerUnit,
    int TotalPrice,
    UtcTimestamp Timestamp);

/// <summary>MarketTradeGood.</summary>
internal sealed record MarketTradeGoodDto(string Symbol, string Type, int TradeVolume, string Supply, string? Activity, int PurchasePrice, int SellPrice);

/// <summary>Shipyard.</summary>
internal sealed record ShipyardDto(
    string Symbol,
    IReadOnlyList<ShipTypeEntryDto> ShipTypes,
    IReadOnlyList<ShipyardTransactionDto>? Transactions,
    IReadOnlyList<ShipyardShipDto>? Ships,
    int ModificationsFee);

/// <summary>An entry of Shipyard.shipTypes.</summary>
internal sealed record ShipTypeEntryDto(string Type);

/// <summary>ShipyardTransaction.</summary>
internal sealed record ShipyardTransactionDto(string WaypointSymbol, string ShipSymbol, string ShipType, int Price, string AgentSymbol, UtcTimestamp Timestamp);

/// <summary>ShipyardShip.</summary>
internal sealed record ShipyardShipDto(
    string Type,
    string Name,
    string Description,
    string? Activity,
    string Supply,
    int PurchasePrice,
    FrameDto Frame,
    ReactorDto Reactor,
    EngineDto Engine,
    IReadOnlyList<ModuleDto> Modules,
    IReadOnlyList<MountDto> Mounts,
    ShipyardCrewDto Crew);

/// <summary>The crew of a ShipyardShip.</summary>
internal sealed record ShipyardCrewDto(int Required, int Capacity);

/// <summary>ScannedSystem.</summary>
internal sealed record ScannedSystemDto(string Symbol, string SectorSymbol, string Type, int X, int Y, int Distance);

/// <summary>ScannedWaypoint.</summary>
internal sealed record ScannedWaypointDto(
    string Symbol,
    string Type,
    string SystemSymbol,
    int X,
    int Y,
    IReadOnlyList<SymbolDto> Orbitals,
    SymbolDto? Faction,
    IReadOnlyList<TraitDto> Traits,
    ChartDto? Chart);
