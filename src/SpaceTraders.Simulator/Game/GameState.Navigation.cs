using System.Globalization;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>Orbit, dock, navigate, warp, jump, flight mode and refuelling.</summary>
internal sealed partial class GameState
{
    /// <summary>Puts a ship in orbit (no change when it already is).</summary>
    public void Orbit(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        ship.Status = NavStatus.InOrbit;
    }

    /// <summary>Docks a ship (no change when it already is).</summary>
    public void Dock(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        ship.Status = NavStatus.Docked;
    }

    /// <summary>Flies a ship to another waypoint of its system in its flight mode.</summary>
    /// <returns>The condition events of the flight.</returns>
    public IReadOnlyList<ConditionEvent> Navigate(Ship ship, string? waypointSymbol, DateTimeOffset now)
    {
        var destination = RequireDestination(waypointSymbol);
        EnsureInOrbit(ship, now);
        if (destination.System != ship.Location.System)
        {
            throw GameErrors.AtWaypoint(4202, ship, $"Navigation failed. Waypoint {destination.Symbol} is outside the ship's system {ship.Location.System.Symbol}; warp or jump instead.");
        }

        if (destination == ship.Location)
        {
            throw GameErrors.AtWaypoint(4204, ship, $"Navigation failed. Ship {ship.Symbol} is already at {destination.Symbol}.");
        }

        var distance = ship.Location.DistanceTo(destination);
        var fuel = ship.FuelCapacity == 0 ? 0 : TravelRules.FuelCost(distance, ship.FlightMode);
        if (fuel > ship.Fuel)
        {
            throw GameErrors.InsufficientFuel(ship, fuel);
        }

        Depart(ship, destination, TravelRules.NavigateSeconds(distance, ship.Engine.Speed, ship.FlightMode), fuel, now);
        return ConditionEvents.AfterFlight(ship, distance, LuckOf(ship));
    }

    /// <summary>Warps a ship to a waypoint of another system (needs a warp drive).</summary>
    /// <returns>The condition events of the flight.</returns>
    public IReadOnlyList<ConditionEvent> Warp(Ship ship, string? waypointSymbol, DateTimeOffset now)
    {
        var destination = RequireDestination(waypointSymbol);
        EnsureInOrbit(ship, now);
        if (!ship.HasModule("MODULE_WARP_DRIVE"))
        {
            throw GameErrors.ForShip(4241, ship, $"Ship {ship.Symbol} needs a warp drive module to warp.");
        }

        if (destination.System == ship.Location.System)
        {
            throw GameErrors.AtWaypoint(4235, ship, $"Warp failed. Waypoint {destination.Symbol} is in the ship's own system; navigate instead.");
        }

        var distance = ship.Location.System.DistanceTo(destination.System);
        var fuel = ship.FuelCapacity == 0 ? 0 : TravelRules.FuelCost(distance, ship.FlightMode);
        if (fuel > ship.Fuel)
        {
            throw GameErrors.InsufficientFuel(ship, fuel);
        }

        Depart(ship, destination, TravelRules.WarpSeconds(distance, ship.Engine.Speed, ship.FlightMode), fuel, now);
        return ConditionEvents.AfterFlight(ship, distance, LuckOf(ship));
    }

    /// <summary>Jumps a ship through its system's gate to a connected gate, paying one ANTIMATTER at the current price.</summary>
    /// <returns>The antimatter transaction.</returns>
    public TransactionRecord Jump(Ship ship, string? waypointSymbol, DateTimeOffset now)
    {
        var destination = RequireDestination(waypointSymbol);
        EnsureInOrbit(ship, now);
        EnsureNoCooldown(ship, now);
        var origin = ship.Location;
        if (origin.Type != "JUMP_GATE")
        {
            throw GameErrors.AtWaypoint(4254, ship, $"Jump failed. Ship {ship.Symbol} is not at a jump gate.");
        }

        if (destination.System == origin.System)
        {
            throw GameErrors.AtWaypoint(4208, ship, $"Jump failed. {destination.Symbol} is in the ship's own system.");
        }

        if (destination.Type != "JUMP_GATE" || !origin.Connections.Contains(destination.Symbol))
        {
            throw GameErrors.AtWaypoint(4255, ship, $"Jump failed. {destination.Symbol} is not a jump gate connected to {origin.Symbol}.");
        }

        if (origin.IsUnderConstruction)
        {
            throw GameErrors.AtWaypoint(4256, ship, $"Jump failed. The jump gate {origin.Symbol} is under construction.");
        }

        if (destination.IsUnderConstruction)
        {
            throw GameErrors.AtWaypoint(4262, ship, $"Jump failed. The destination jump gate {destination.Symbol} is under construction.");
        }

        var market = FindMarket(origin, now);
        var good = market?.Find("ANTIMATTER");
        var price = good?.PurchasePrice ?? TradeGoodCatalog.Get("ANTIMATTER").BasePrice;
        var agent = ship.Owner;
        if (agent.Credits < price)
        {
            throw GameErrors.MarketCredits(agent, "ANTIMATTER", 1, price);
        }

        agent.Credits -= price;
        var transaction = new TransactionRecord(origin.Symbol, ship.Symbol, "ANTIMATTER", "PURCHASE", 1, price, price, now);
        if (market is not null && good is not null)
        {
            good.RecordPurchase(1);
            market.Record(transaction);
            MarketTraded(now);
        }

        var distance = origin.System.DistanceTo(destination.System);
        ship.Origin = origin;
        ship.Location = destination;
        ship.DepartureTime = now;
        ship.Arrival = now;
        ship.Status = NavStatus.InOrbit;
        ship.StartCooldown(TravelRules.JumpCooldown(distance), now);
        return transaction;
    }

    /// <summary>Changes the flight mode; in transit only to a faster mode, which costs extra fuel and brings arrival forward.</summary>
    public void SetFlightMode(Ship ship, string? mode, DateTimeOffset now)
    {
        if (mode is null || !TravelRules.IsFlightMode(mode))
        {
            throw GameErrors.Invalid("flightMode", "flightMode must be one of DRIFT, STEALTH, CRUISE, BURN.");
        }

        if (ship.Status != NavStatus.InTransit || mode == ship.FlightMode)
        {
            ship.FlightMode = mode;
            return;
        }

        if (TravelRules.SpeedRank(mode) < TravelRules.SpeedRank(ship.FlightMode))
        {
            throw GameErrors.ForShip(4269, ship, $"Ship {ship.Symbol} cannot change to the slower flight mode {mode} while in transit.");
        }

        var total = (ship.Arrival - ship.DepartureTime).TotalSeconds;
        var fraction = total <= 0 ? 0 : Math.Clamp((ship.Arrival - now).TotalSeconds / total, 0, 1);
        var warp = ship.Origin.System != ship.Location.System;
        var distance = warp ? ship.Origin.System.DistanceTo(ship.Location.System) : ship.Origin.DistanceTo(ship.Location);
        var newTotal = warp
            ? TravelRules.WarpSeconds(distance, ship.Engine.Speed, mode)
            : TravelRules.NavigateSeconds(distance, ship.Engine.Speed, mode);
        var extraFuel = ship.FuelCapacity == 0
            ? 0
            : (int)Math.Ceiling(fraction * Math.Max(0, TravelRules.FuelCost(distance, mode) - TravelRules.FuelCost(distance, ship.FlightMode)));
        if (extraFuel > ship.Fuel)
        {
            throw GameErrors.InsufficientFuel(ship, extraFuel);
        }

        if (extraFuel > 0)
        {
            ship.Fuel -= extraFuel;
            ship.FuelConsumed = extraFuel;
            ship.FuelConsumedAt = now;
        }

        ship.FlightMode = mode;
        ship.Arrival = now.AddSeconds(TravelRules.Round(fraction * newTotal));
    }

    /// <summary>Refuels a docked ship from the market (1 FUEL unit = 100 fuel, rounded up) or from FUEL in its cargo.</summary>
    /// <returns>
    /// The transaction (0 units when the tank was full). Kept on purpose: no error code of the live lists means "tank
    /// full", the live spec caps a refuel at the capacity and lets a transaction's units be 0, and a public bot guards
    /// against the 0-unit fuel transactions it got (FACTS.md, "Simulator notes").
    /// </returns>
    public TransactionRecord Refuel(Ship ship, int? units, bool fromCargo, DateTimeOffset now)
    {
        if (units is < 1)
        {
            throw GameErrors.Invalid("units", "units must be at least 1.");
        }

        EnsureDocked(ship, now);
        var market = FindMarket(ship.Location, now);
        var good = market?.Find("FUEL");
        if (!fromCargo && good is null)
        {
            throw GameErrors.AtWaypoint(4226, ship, $"Refuel failed. {ship.Location.Symbol} does not sell fuel.");
        }

        var missing = ship.FuelCapacity - ship.Fuel;
        var added = Math.Min(units ?? missing, missing);
        var marketUnits = (added + 99) / 100;
        var agent = ship.Owner;
        if (fromCargo)
        {
            if (ship.Cargo.UnitsOf("FUEL") < marketUnits)
            {
                throw GameErrors.CargoMissing(ship, "FUEL", marketUnits);
            }

            ship.Cargo.Remove("FUEL", marketUnits);
            ship.Fuel += added;
            return new TransactionRecord(ship.Location.Symbol, ship.Symbol, "FUEL", "PURCHASE", marketUnits, 0, 0, now);
        }

        var price = good!.PurchasePrice;
        var total = (long)marketUnits * price;
        if (agent.Credits < total)
        {
            throw GameErrors.MarketCredits(agent, "FUEL", marketUnits, price);
        }

        var transaction = new TransactionRecord(ship.Location.Symbol, ship.Symbol, "FUEL", "PURCHASE", marketUnits, price, (int)total, now);
        ship.Fuel += added;
        if (marketUnits > 0)
        {
            agent.Credits -= total;
            good.RecordPurchase(marketUnits);
            market!.Record(transaction);
            MarketTraded(now);
        }

        return transaction;
    }

    private static void Depart(Ship ship, Waypoint destination, int seconds, int fuel, DateTimeOffset now)
    {
        ship.Origin = ship.Location;
        ship.Location = destination;
        ship.DepartureTime = now;
        ship.Arrival = now.AddSeconds(seconds);
        ship.Status = NavStatus.InTransit;
        if (fuel > 0)
        {
            ship.Fuel -= fuel;
            ship.FuelConsumed = fuel;
            ship.FuelConsumedAt = now;
        }
    }

    private static void EnsureNotInTransit(Ship ship, DateTimeOffset now)
    {
        ship.Refresh(now);
        if (ship.Status == NavStatus.InTransit)
        {
            throw GameErrors.InTransit(ship, now);
        }
    }

    private static void EnsureInOrbit(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        if (ship.Status != NavStatus.InOrbit)
        {
            throw GameErrors.NotInOrbit(ship);
        }
    }

    private static void EnsureDocked(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        if (ship.Status != NavStatus.Docked)
        {
            throw GameErrors.NotDocked(ship);
        }
    }

    private static void EnsureNoCooldown(Ship ship, DateTimeOffset now)
    {
        if (ship.CooldownRemaining(now) > 0)
        {
            throw GameErrors.Cooldown(ship, now);
        }
    }

    private Waypoint RequireDestination(string? waypointSymbol)
    {
        if (string.IsNullOrEmpty(waypointSymbol))
        {
            throw GameErrors.Invalid("waypointSymbol", "waypointSymbol is required.");
        }

        return Universe.FindWaypoint(waypointSymbol)
            ?? throw GameErrors.NotFound(string.Create(CultureInfo.InvariantCulture, $"Waypoint {waypointSymbol} not found."));
    }
}
