using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>A mount or module change.</summary>
internal sealed record ModificationRecord(string WaypointSymbol, string ShipSymbol, string TradeSymbol, int TotalPrice, DateTimeOffset Timestamp);

/// <summary>Market trades, ship purchases, mounts and modules, scrapping and repairs.</summary>
internal sealed partial class GameState
{
    /// <summary>Buys cargo at the ship's market (docked; at most the trade volume; the price moves once).</summary>
    public TransactionRecord PurchaseCargo(Ship ship, string? symbol, int? units, DateTimeOffset now)
    {
        var (goodSymbol, count) = RequireGoodAndUnits(symbol, units, "symbol");
        EnsureDocked(ship, now);
        var market = RequireMarketAt(ship, now);
        var good = market.Find(goodSymbol) ?? throw GameErrors.NotTraded(4601, market, goodSymbol);
        if (count > good.TradeVolume)
        {
            throw GameErrors.TradeVolume(market, good, count);
        }

        if (ship.CargoSpace < count)
        {
            throw GameErrors.CargoFull(ship, count);
        }

        var price = good.PurchasePrice;
        var total = (long)count * price;
        var agent = ship.Owner;
        if (agent.Credits < total)
        {
            throw GameErrors.MarketCredits(agent, goodSymbol, count, price);
        }

        agent.Credits -= total;
        ship.Cargo.Add(goodSymbol, count);
        good.RecordPurchase(count);
        var transaction = new TransactionRecord(market.Waypoint.Symbol, ship.Symbol, goodSymbol, "PURCHASE", count, price, (int)total, now);
        market.Record(transaction);
        MarketTraded(now);
        return transaction;
    }

    /// <summary>Sells cargo at the ship's market (docked; at most the trade volume; the price moves once).</summary>
    public TransactionRecord SellCargo(Ship ship, string? symbol, int? units, DateTimeOffset now)
    {
        var (goodSymbol, count) = RequireGoodAndUnits(symbol, units, "symbol");
        EnsureDocked(ship, now);
        var market = RequireMarketAt(ship, now);
        var good = market.Find(goodSymbol) ?? throw GameErrors.NotTraded(4602, market, goodSymbol);
        if (count > good.TradeVolume)
        {
            throw GameErrors.TradeVolume(market, good, count);
        }

        if (ship.Cargo.UnitsOf(goodSymbol) < count)
        {
            throw GameErrors.CargoMissing(ship, goodSymbol, count);
        }

        var price = good.SellPrice;
        var total = (long)count * price;
        ship.Owner.Credits += total;
        ship.Cargo.Remove(goodSymbol, count);
        good.RecordSale(count);
        var transaction = new TransactionRecord(market.Waypoint.Symbol, ship.Symbol, goodSymbol, "SELL", count, price, (int)total, now);
        market.Record(transaction);
        MarketTraded(now);
        return transaction;
    }

    /// <summary>Buys a ship at a shipyard where one of the agent's ships is present; the type's price then rises.</summary>
    public (Ship Ship, ShipyardTransactionRecord Transaction) PurchaseShip(Agent agent, string? shipType, string? waypointSymbol, DateTimeOffset now)
    {
        if (shipType is null || !ShipCatalog.TryGetType(shipType, out var spec))
        {
            throw GameErrors.Invalid("shipType", $"shipType must be a ship type; '{shipType}' is not one.");
        }

        if (string.IsNullOrEmpty(waypointSymbol))
        {
            throw GameErrors.Invalid("waypointSymbol", "waypointSymbol is required.");
        }

        var waypoint = Universe.FindWaypoint(waypointSymbol) ?? throw GameErrors.NotFound($"Waypoint {waypointSymbol} not found.");
        var shipyard = FindShipyard(waypoint, now) ?? throw GameErrors.NotFound($"There is no shipyard at {waypointSymbol}.");
        if (!HasShipAt(agent, waypoint, now))
        {
            throw GameErrors.Rule(4245, $"Failed to purchase ship. Agent {agent.Symbol} has no ship at {waypointSymbol}.");
        }

        var offer = shipyard.Find(spec.Type) ?? throw GameErrors.Rule(4605, $"Failed to purchase ship. {spec.Type} is not sold at {waypointSymbol}.");
        var price = offer.Price;
        if (agent.Credits < price)
        {
            throw GameErrors.Credits(4216, agent, price, $"a {spec.Type}");
        }

        agent.Credits -= price;
        var ship = AddShip(agent, spec, waypoint, now);
        offer.RecordPurchase();
        var transaction = new ShipyardTransactionRecord(waypoint.Symbol, ship.Symbol, spec.Type, price, agent.Symbol, now);
        shipyard.Record(transaction);
        agent.AddEvent("SHIP_PURCHASED", $"Purchased {spec.Type} {ship.Symbol} at {waypoint.Symbol} for {price} credits.", now, ship.Symbol);
        return (ship, transaction);
    }

    /// <summary>Installs a mount from the ship's cargo at a shipyard, for the shipyard's fee.</summary>
    public ModificationRecord InstallMount(Ship ship, string? symbol, DateTimeOffset now)
    {
        if (symbol is null || !ShipCatalog.TryGetMount(symbol, out var mount))
        {
            throw GameErrors.Invalid("symbol", $"symbol must be a mount symbol; '{symbol}' is not one.");
        }

        var shipyard = RequireShipyardForChange(ship, 4246, now);
        if (ship.Cargo.UnitsOf(symbol) < 1)
        {
            throw GameErrors.CargoMissing(ship, symbol, 1);
        }

        if (ship.Mounts.Count >= ship.Frame.MountingPoints)
        {
            throw GameErrors.ForShip(4250, ship, $"Ship {ship.Symbol} has no free mounting point.");
        }

        EnsurePower(ship, mount.Requirements.Power ?? 0);
        EnsureCrew(ship, mount.Requirements.Crew ?? 0, 0);
        ChargeFee(ship.Owner, shipyard.ModificationsFee, 4248);
        ship.Cargo.Remove(symbol, 1);
        ship.Mounts.Add(mount);
        AdjustCrew(ship, mount.Requirements.Crew ?? 0, 0);
        return new ModificationRecord(ship.Location.Symbol, ship.Symbol, symbol, shipyard.ModificationsFee, now);
    }

    /// <summary>Removes a mount into the ship's cargo at a shipyard, for the shipyard's fee.</summary>
    public ModificationRecord RemoveMount(Ship ship, string? symbol, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(symbol))
        {
            throw GameErrors.Invalid("symbol", "symbol is required.");
        }

        var mount = ship.Mounts.Find(m => m.Symbol == symbol)
            ?? throw GameErrors.ForShip(4247, ship, $"Ship {ship.Symbol} does not have mount {symbol} installed.");
        var shipyard = RequireShipyardForChange(ship, 4246, now);
        if (ship.CargoSpace < 1)
        {
            throw GameErrors.CargoFull(ship, 1);
        }

        ChargeFee(ship.Owner, shipyard.ModificationsFee, 4248);
        ship.Mounts.Remove(mount);
        ship.Cargo.Add(symbol, 1);
        AdjustCrew(ship, -(mount.Requirements.Crew ?? 0), 0);
        return new ModificationRecord(ship.Location.Symbol, ship.Symbol, symbol, shipyard.ModificationsFee, now);
    }

    /// <summary>Installs a module from the ship's cargo at a shipyard, for the shipyard's fee.</summary>
    public ModificationRecord InstallModule(Ship ship, string? symbol, DateTimeOffset now)
    {
        if (symbol is null || !ShipCatalog.TryGetModule(symbol, out var module))
        {
            throw GameErrors.Invalid("symbol", $"symbol must be a module symbol; '{symbol}' is not one.");
        }

        var shipyard = RequireShipyardForChange(ship, 4266, now);
        if (ship.Cargo.UnitsOf(symbol) < 1)
        {
            throw GameErrors.CargoMissing(ship, symbol, 1);
        }

        if (ship.SlotsUsed() + (module.Requirements.Slots ?? 0) > ship.Frame.ModuleSlots)
        {
            throw GameErrors.ForShip(4250, ship, $"Ship {ship.Symbol} does not have {module.Requirements.Slots} free module slot(s).");
        }

        EnsurePower(ship, module.Requirements.Power ?? 0);
        var quarters = CrewQuarters(module);
        EnsureCrew(ship, module.Requirements.Crew ?? 0, quarters);
        ChargeFee(ship.Owner, shipyard.ModificationsFee, 4268);
        ship.Cargo.Remove(symbol, 1);
        ship.Modules.Add(module);
        AdjustCrew(ship, module.Requirements.Crew ?? 0, quarters);
        return new ModificationRecord(ship.Location.Symbol, ship.Symbol, symbol, shipyard.ModificationsFee, now);
    }

    /// <summary>Removes a module into the ship's cargo at a shipyard, for the shipyard's fee.</summary>
    public ModificationRecord RemoveModule(Ship ship, string? symbol, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(symbol))
        {
            throw GameErrors.Invalid("symbol", "symbol is required.");
        }

        var module = ship.Modules.Find(m => m.Symbol == symbol)
            ?? throw GameErrors.ForShip(4267, ship, $"Ship {ship.Symbol} does not have module {symbol} installed.");
        var shipyard = RequireShipyardForChange(ship, 4266, now);
        var lostCapacity = module.Symbol.StartsWith("MODULE_CARGO_HOLD", StringComparison.Ordinal) ? module.Capacity ?? 0 : 0;
        if (ship.Cargo.Units + 1 > ship.CargoCapacity - lostCapacity)
        {
            throw GameErrors.ForShip(4217, ship, $"Ship {ship.Symbol} cannot hold its cargo and the removed module without {symbol}.");
        }

        var quarters = CrewQuarters(module);
        if (quarters > 0 && ship.CrewCapacity - quarters < ship.CrewRequired - (module.Requirements.Crew ?? 0))
        {
            throw GameErrors.ForShip(4252, ship, $"Ship {ship.Symbol} would not have room for its crew without {symbol}.");
        }

        ChargeFee(ship.Owner, shipyard.ModificationsFee, 4268);
        ship.Modules.Remove(module);
        ship.Cargo.Add(symbol, 1);
        AdjustCrew(ship, -(module.Requirements.Crew ?? 0), -quarters);
        return new ModificationRecord(ship.Location.Symbol, ship.Symbol, symbol, shipyard.ModificationsFee, now);
    }

    /// <summary>Gets what scrapping the ship at its shipyard pays: a quarter of its base price, scaled by its condition.</summary>
    public int ScrapValue(Ship ship, DateTimeOffset now)
    {
        RequireShipyardForChange(ship, 4263, now);
        var condition = (ship.FrameWear.Condition + ship.ReactorWear.Condition + ship.EngineWear.Condition) / 3;
        return TravelRules.Round(ship.Type.BasePrice * 0.25 * condition);
    }

    /// <summary>Scraps the ship at its shipyard.</summary>
    public int Scrap(Ship ship, DateTimeOffset now)
    {
        var value = ScrapValue(ship, now);
        ship.Owner.Credits += value;
        RemoveShip(ship);
        ship.Owner.AddEvent("SHIP_SCRAPPED", $"Scrapped {ship.Symbol} for {value} credits.", now, ship.Symbol);
        return value;
    }

    /// <summary>Gets what repairing the ship at its shipyard costs: a fifth of its base price times the mean wear.</summary>
    public int RepairCost(Ship ship, DateTimeOffset now)
    {
        RequireShipyardForChange(ship, 4264, now);
        var wear = 3 - (ship.FrameWear.Condition + ship.ReactorWear.Condition + ship.EngineWear.Condition);
        return TravelRules.Round(ship.Type.BasePrice * 0.2 * wear / 3);
    }

    /// <summary>Repairs the ship's frame, reactor and engine to full condition.</summary>
    public int Repair(Ship ship, DateTimeOffset now)
    {
        var cost = RepairCost(ship, now);
        if (ship.Owner.Credits < cost)
        {
            throw GameErrors.Credits(4265, ship.Owner, cost, "the repair");
        }

        ship.Owner.Credits -= cost;
        ship.FrameWear.Condition = 1;
        ship.ReactorWear.Condition = 1;
        ship.EngineWear.Condition = 1;
        return cost;
    }

    private static int CrewQuarters(ModuleSpec module) => module.Symbol == "MODULE_CREW_QUARTERS_I" ? module.Capacity ?? 0 : 0;

    private static void EnsurePower(Ship ship, int extra)
    {
        if (ship.PowerUsed() + extra > ship.Reactor.PowerOutput)
        {
            throw GameErrors.ForShip(4249, ship, $"Ship {ship.Symbol}'s reactor cannot power another {extra}.");
        }
    }

    private static void EnsureCrew(Ship ship, int extraRequired, int extraCapacity)
    {
        if (ship.CrewCapacity > 0 && ship.CrewRequired + extraRequired > ship.CrewCapacity + extraCapacity)
        {
            throw GameErrors.ForShip(4252, ship, $"Ship {ship.Symbol} does not have room for {extraRequired} more crew.");
        }
    }

    private static void AdjustCrew(Ship ship, int required, int capacity)
    {
        if (ship.CrewCapacity == 0 && capacity == 0)
        {
            return;
        }

        ship.CrewCapacity = Math.Max(0, ship.CrewCapacity + capacity);
        ship.CrewRequired = Math.Max(0, ship.CrewRequired + required);
        ship.CrewCurrent = Math.Min(ship.CrewCapacity, ship.CrewRequired);
    }

    private static void ChargeFee(Agent agent, int fee, int code)
    {
        if (agent.Credits < fee)
        {
            throw GameErrors.Credits(code, agent, fee, "the modification fee");
        }

        agent.Credits -= fee;
    }

    private Shipyard RequireShipyardForChange(Ship ship, int code, DateTimeOffset now)
    {
        EnsureDocked(ship, now);
        return FindShipyard(ship.Location, now)
            ?? throw GameErrors.AtWaypoint(code, ship, $"Waypoint {ship.Location.Symbol} has no shipyard.");
    }

    private Market RequireMarketAt(Ship ship, DateTimeOffset now) =>
        FindMarket(ship.Location, now) ?? throw GameErrors.AtWaypoint(4603, ship, $"There is no market at {ship.Location.Symbol}.");
}
