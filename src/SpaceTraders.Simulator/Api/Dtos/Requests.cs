namespace SpaceTraders.Simulator.Api.Dtos;

// Request bodies. Every property is optional here so that the handlers can say exactly what is missing.

/// <summary>register.</summary>
internal sealed class RegisterRequest
{
    public string? Symbol { get; set; }

    public string? Faction { get; set; }

    public string? Email { get; set; }
}

/// <summary>navigate-ship, warp-ship, jump-ship.</summary>
internal sealed class WaypointRequest
{
    public string? WaypointSymbol { get; set; }
}

/// <summary>patch-ship-nav.</summary>
internal sealed class PatchNavRequest
{
    public string? FlightMode { get; set; }
}

/// <summary>purchase-cargo, sell-cargo, jettison.</summary>
internal sealed class TradeRequest
{
    public string? Symbol { get; set; }

    public int? Units { get; set; }
}

/// <summary>refuel-ship.</summary>
internal sealed class RefuelRequest
{
    public int? Units { get; set; }

    public bool? FromCargo { get; set; }
}

/// <summary>transfer-cargo.</summary>
internal sealed class TransferRequest
{
    public string? TradeSymbol { get; set; }

    public int? Units { get; set; }

    public string? ShipSymbol { get; set; }
}

/// <summary>purchase-ship.</summary>
internal sealed class PurchaseShipRequest
{
    public string? ShipType { get; set; }

    public string? WaypointSymbol { get; set; }
}

/// <summary>install/remove mount and module.</summary>
internal sealed class SymbolRequest
{
    public string? Symbol { get; set; }
}

/// <summary>ship-refine.</summary>
internal sealed class RefineRequest
{
    public string? Produce { get; set; }
}

/// <summary>deliver-contract, supply-construction.</summary>
internal sealed class DeliverRequest
{
    public string? ShipSymbol { get; set; }

    public string? TradeSymbol { get; set; }

    public int? Units { get; set; }
}

/// <summary>extract-resources-with-survey (the Survey itself).</summary>
internal sealed class SurveyRequest
{
    public string? Signature { get; set; }

    public string? Symbol { get; set; }

    public List<SymbolDto>? Deposits { get; set; }

    public UtcTimestamp? Expiration { get; set; }

    public string? Size { get; set; }
}
