namespace SpaceTraders.Simulator.Api.Dtos;

// The data payloads of action responses, named after the operation.

/// <summary>register.</summary>
internal sealed record RegisterResult(string Token, AgentDto Agent, FactionDto Faction, ContractDto Contract, IReadOnlyList<ShipDto> Ships);

/// <summary>orbit-ship, dock-ship.</summary>
internal sealed record NavResult(NavDto Nav);

/// <summary>navigate-ship, warp-ship, patch-ship-nav.</summary>
internal sealed record NavigateResult(NavDto Nav, FuelDto Fuel, IReadOnlyList<ShipConditionEventDto> Events);

/// <summary>jump-ship.</summary>
internal sealed record JumpResult(NavDto Nav, CooldownDto Cooldown, MarketTransactionDto Transaction, AgentDto Agent);

/// <summary>extract-resources, extract-resources-with-survey.</summary>
internal sealed record ExtractResult(ExtractionDto Extraction, CooldownDto Cooldown, CargoDto Cargo, IReadOnlyList<TraitDto> Modifiers, IReadOnlyList<ShipConditionEventDto> Events);

/// <summary>siphon-resources.</summary>
internal sealed record SiphonResult(ExtractionDto Siphon, CooldownDto Cooldown, CargoDto Cargo, IReadOnlyList<ShipConditionEventDto> Events);

/// <summary>create-survey.</summary>
internal sealed record SurveyResult(CooldownDto Cooldown, IReadOnlyList<SurveyDto> Surveys);

/// <summary>ship-refine.</summary>
internal sealed record RefineResult(CargoDto Cargo, CooldownDto Cooldown, IReadOnlyList<RefineUnitsDto> Produced, IReadOnlyList<RefineUnitsDto> Consumed);

/// <summary>A produced or consumed line of ship-refine.</summary>
internal sealed record RefineUnitsDto(string TradeSymbol, int Units);

/// <summary>purchase-cargo, sell-cargo.</summary>
internal sealed record TradeResult(CargoDto Cargo, MarketTransactionDto Transaction, AgentDto Agent);

/// <summary>refuel-ship.</summary>
internal sealed record RefuelResult(AgentDto Agent, FuelDto Fuel, CargoDto? Cargo, MarketTransactionDto Transaction);

/// <summary>jettison.</summary>
internal sealed record CargoResult(CargoDto Cargo);

/// <summary>transfer-cargo.</summary>
internal sealed record TransferResult(CargoDto Cargo, CargoDto TargetCargo);

/// <summary>purchase-ship.</summary>
internal sealed record PurchaseShipResult(ShipDto Ship, AgentDto Agent, ShipyardTransactionDto Transaction);

/// <summary>create-chart.</summary>
internal sealed record ChartResult(ChartDto Chart, WaypointDto Waypoint, PriceTransactionDto Transaction, AgentDto Agent);

/// <summary>negotiate-contract.</summary>
internal sealed record ContractResult(ContractDto Contract);

/// <summary>accept-contract, fulfill-contract.</summary>
internal sealed record ContractAgentResult(ContractDto Contract, AgentDto Agent);

/// <summary>deliver-contract.</summary>
internal sealed record ContractCargoResult(ContractDto Contract, CargoDto Cargo);

/// <summary>supply-construction.</summary>
internal sealed record SupplyConstructionResult(ConstructionDto Construction, CargoDto Cargo);

/// <summary>scrap-ship.</summary>
internal sealed record ScrapResult(AgentDto Agent, PriceTransactionDto Transaction);

/// <summary>get-scrap-ship, get-repair-ship.</summary>
internal sealed record QuoteResult(PriceTransactionDto Transaction);

/// <summary>repair-ship.</summary>
internal sealed record RepairResult(AgentDto Agent, ShipDto Ship, PriceTransactionDto Transaction);

/// <summary>install-mount, remove-mount.</summary>
internal sealed record MountsResult(AgentDto Agent, IReadOnlyList<MountDto> Mounts, CargoDto Cargo, ModificationTransactionDto Transaction);

/// <summary>install-ship-module, remove-ship-module.</summary>
internal sealed record ModulesResult(AgentDto Agent, IReadOnlyList<ModuleDto> Modules, CargoDto Cargo, ModificationTransactionDto Transaction);

/// <summary>create-ship-system-scan.</summary>
internal sealed record ScanSystemsResult(CooldownDto Cooldown, IReadOnlyList<ScannedSystemDto> Systems);

/// <summary>create-ship-waypoint-scan.</summary>
internal sealed record ScanWaypointsResult(CooldownDto Cooldown, IReadOnlyList<ScannedWaypointDto> Waypoints);

/// <summary>create-ship-ship-scan.</summary>
internal sealed record ScanShipsResult(CooldownDto Cooldown, IReadOnlyList<ScannedShipDto> Ships);
