namespace SpaceTraders.Simulator.Api.Dtos;

/// <summary>Data of 4000 (cooldown conflict).</summary>
internal sealed record CooldownErrorData(CooldownDto Cooldown);

/// <summary>Data of 4214 (ship in transit).</summary>
internal sealed record TransitErrorData(string DepartureSymbol, string DestinationSymbol, UtcTimestamp Arrival, UtcTimestamp DepartureTime, int SecondsToArrival);

/// <summary>Data of 4203 (insufficient fuel).</summary>
internal sealed record FuelErrorData(string ShipSymbol, int FuelRequired, int FuelAvailable);

/// <summary>Data of 4600 (insufficient credits for a market purchase).</summary>
internal sealed record MarketCreditsErrorData(long AgentCredits, long TotalPrice, string TradeSymbol, int Units, int PurchasePrice);

/// <summary>Data of 4216, 4248, 4265, 4268 (insufficient credits).</summary>
internal sealed record CreditsErrorData(long CreditsAvailable, long CreditsNeeded);

/// <summary>Data of 4604 (units over the trade volume).</summary>
internal sealed record TradeVolumeErrorData(string WaypointSymbol, string TradeSymbol, int Units, int TradeVolume);

/// <summary>Data of 4217 and 4228 (cargo space).</summary>
internal sealed record CargoSpaceErrorData(string ShipSymbol, int CargoCapacity, int CargoUnits, int UnitsToAdd);

/// <summary>Data of 4218 and 4219 (cargo missing or too few units).</summary>
internal sealed record CargoUnitsErrorData(string ShipSymbol, string TradeSymbol, int CargoUnits, int UnitsToRemove);

/// <summary>Data of survey errors (4220, 4221, 4224, 4270).</summary>
internal sealed record SurveyErrorData(string Signature, string WaypointSymbol);

/// <summary>Data that names a ship and a waypoint (location errors).</summary>
internal sealed record ShipWaypointErrorData(string ShipSymbol, string WaypointSymbol);

/// <summary>Data that names a ship only.</summary>
internal sealed record ShipErrorData(string ShipSymbol);

/// <summary>Data of market errors that name a good (4601, 4602).</summary>
internal sealed record MarketGoodErrorData(string WaypointSymbol, string TradeSymbol);

/// <summary>Data that names a contract.</summary>
internal sealed record ContractErrorData(string ContractId);
