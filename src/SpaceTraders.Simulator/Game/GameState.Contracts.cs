using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>
/// Contracts, construction sites, charting and scans.
/// </summary>
/// <remarks>
/// Contracts are procurement contracts for a good some market of the system imports, delivered to that market.
/// A negotiated contract asks for <c>clamp(round(24000 / base price), 10, 120)</c> units and pays a quarter of their
/// base value on acceptance and one and a quarter on fulfilment; the starting contract asks for an ore the
/// system's asteroids yield and pays 2,000 + half its value on acceptance and 10,000 + twice its value on
/// fulfilment. Contracts must be accepted within a day (six for the starting one) and fulfilled within seven days.
/// </remarks>
internal sealed partial class GameState
{
    /// <summary>Offers the agent a new procurement contract (from a ship docked at a faction waypoint).</summary>
    public Contract Negotiate(Ship ship, DateTimeOffset now)
    {
        EnsureDocked(ship, now);
        if (ship.Location.Faction is null)
        {
            throw GameErrors.AtWaypoint(4700, ship, $"Waypoint {ship.Location.Symbol} has no faction to negotiate with.");
        }

        foreach (var existing in ship.Owner.Contracts)
        {
            if (existing.IsActive(now))
            {
                throw GameErrors.ForContract(4511, existing, $"Agent {ship.Owner.Symbol} already has an active contract {existing.Id}.");
            }
        }

        return CreateContract(ship.Owner, ship.Location, now, starting: false);
    }

    /// <summary>Accepts a contract and pays its acceptance payment.</summary>
    public void Accept(Contract contract, DateTimeOffset now)
    {
        if (contract.Accepted)
        {
            throw GameErrors.ForContract(4501, contract, $"Contract {contract.Id} has already been accepted.");
        }

        if (contract.DeadlineToAccept <= now)
        {
            throw GameErrors.ForContract(4503, contract, $"Contract {contract.Id} can no longer be accepted; its deadline to accept has passed.");
        }

        contract.Accepted = true;
        contract.Agent.Credits += contract.OnAccepted;
        contract.Agent.AddEvent("CONTRACT_ACCEPTED", $"Accepted contract {contract.Id}.", now, contract.Id);
    }

    /// <summary>Delivers cargo from a ship docked at the contract's destination.</summary>
    /// <returns>The delivering ship.</returns>
    public Ship Deliver(Contract contract, string? shipSymbol, string? tradeSymbol, int? units, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(shipSymbol))
        {
            throw GameErrors.Invalid("shipSymbol", "shipSymbol is required.");
        }

        var (good, count) = RequireGoodAndUnits(tradeSymbol, units, "tradeSymbol");
        var ship = RequireShip(contract.Agent, shipSymbol, now);
        EnsureOpen(contract, now);
        var delivery = contract.Deliveries.Find(d => d.TradeSymbol == good)
            ?? throw GameErrors.ForContract(4508, contract, $"Contract {contract.Id} does not require {good}.");
        EnsureDocked(ship, now);
        if (ship.Location.Symbol != delivery.Destination)
        {
            throw GameErrors.ForContract(4510, contract, $"Deliver failed. {good} must be delivered to {delivery.Destination}; ship {ship.Symbol} is at {ship.Location.Symbol}.");
        }

        if (delivery.UnitsFulfilled + count > delivery.UnitsRequired)
        {
            throw GameErrors.ForContract(4509, contract, $"Deliver failed. Contract {contract.Id} needs only {delivery.UnitsRequired - delivery.UnitsFulfilled} more {good}.");
        }

        if (ship.Cargo.UnitsOf(good) < count)
        {
            throw GameErrors.CargoMissing(ship, good, count);
        }

        ship.Cargo.Remove(good, count);
        delivery.UnitsFulfilled += count;
        return ship;
    }

    /// <summary>Fulfils a contract whose deliveries are complete and pays the fulfilment payment.</summary>
    public void Fulfill(Contract contract, DateTimeOffset now)
    {
        EnsureOpen(contract, now);
        foreach (var delivery in contract.Deliveries)
        {
            if (delivery.UnitsFulfilled < delivery.UnitsRequired)
            {
                throw GameErrors.ForContract(4502, contract, $"Contract {contract.Id} is missing {delivery.UnitsRequired - delivery.UnitsFulfilled} {delivery.TradeSymbol}.");
            }
        }

        contract.Fulfilled = true;
        contract.Agent.Credits += contract.OnFulfilled;
        contract.Agent.Reputation[contract.Faction] = contract.Agent.Reputation.GetValueOrDefault(contract.Faction) + 1;
        contract.Agent.AddEvent("CONTRACT_FULFILLED", $"Fulfilled contract {contract.Id}.", now, contract.Id);
    }

    /// <summary>Supplies construction materials from a ship docked at the site.</summary>
    /// <returns>The construction and the supplying ship.</returns>
    public (Construction Construction, Ship Ship) SupplyConstruction(Agent agent, Waypoint waypoint, string? shipSymbol, string? tradeSymbol, int? units, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(shipSymbol))
        {
            throw GameErrors.Invalid("shipSymbol", "shipSymbol is required.");
        }

        var (good, count) = RequireGoodAndUnits(tradeSymbol, units, "tradeSymbol");
        var construction = FindConstruction(waypoint) ?? throw GameErrors.NotFound($"Waypoint {waypoint.Symbol} is not a construction site.");
        var ship = RequireShip(agent, shipSymbol, now);
        EnsureDocked(ship, now);
        if (ship.Location != waypoint)
        {
            throw GameErrors.AtWaypoint(4802, ship, $"Ship {ship.Symbol} must be docked at {waypoint.Symbol} to supply its construction.");
        }

        var material = construction.Materials.Find(m => m.TradeSymbol == good)
            ?? throw GameErrors.Rule(4800, $"Construction at {waypoint.Symbol} does not require {good}.");
        if (material.Fulfilled >= material.Required)
        {
            throw GameErrors.Rule(4801, $"Construction at {waypoint.Symbol} already has all the {good} it requires.");
        }

        if (ship.Cargo.UnitsOf(good) < count)
        {
            throw GameErrors.CargoMissing(ship, good, count);
        }

        var supplied = Math.Min(count, material.Required - material.Fulfilled);
        ship.Cargo.Remove(good, supplied);
        material.Fulfilled += supplied;
        if (construction.IsComplete && waypoint.IsUnderConstruction)
        {
            waypoint.IsUnderConstruction = false;
            waypoint.Traits.Remove("UNDER_CONSTRUCTION");
            agent.AddEvent("CONSTRUCTION_COMPLETED", $"Construction at {waypoint.Symbol} is complete.", now, waypoint.Symbol);
        }

        return (construction, ship);
    }

    /// <summary>Charts the ship's waypoint.</summary>
    public void Chart(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        var waypoint = ship.Location;
        if (waypoint.IsCharted)
        {
            throw GameErrors.AtWaypoint(4230, ship, $"Waypoint {waypoint.Symbol} has already been charted.");
        }

        waypoint.IsCharted = true;
        waypoint.ChartedBy = ship.Owner.Symbol;
        waypoint.ChartedOn = now;
        ship.Owner.ChartCount++;
        ship.Owner.AddEvent("WAYPOINT_CHARTED", $"Charted {waypoint.Symbol}.", now, waypoint.Symbol);
    }

    /// <summary>Scans for systems within <c>300 × sensor strength</c> of the ship's system (nearest first, at most 20).</summary>
    public IReadOnlyList<(StarSystem System, double Distance)> ScanSystems(Ship ship, DateTimeOffset now)
    {
        var range = StartScan(ship, now) * 300;
        var origin = ship.Location.System;
        return [.. Universe.Systems
            .Where(s => s != origin)
            .Select(s => (System: s, Distance: origin.DistanceTo(s)))
            .Where(s => s.Distance <= range)
            .OrderBy(static s => s.Distance)
            .ThenBy(static s => s.System.Symbol, StringComparer.Ordinal)
            .Take(20)];
    }

    /// <summary>Scans for waypoints of the ship's system within <c>100 × sensor strength</c> (nearest first, at most 20).</summary>
    public IReadOnlyList<Waypoint> ScanWaypoints(Ship ship, DateTimeOffset now)
    {
        var range = StartScan(ship, now) * 100;
        var here = ship.Location;
        return [.. here.System.Waypoints
            .Where(w => here.DistanceTo(w) <= range)
            .OrderBy(w => here.DistanceTo(w))
            .ThenBy(static w => w.Symbol, StringComparer.Ordinal)
            .Take(20)];
    }

    /// <summary>Scans for other ships in the ship's system (at the same waypoint first, at most 20).</summary>
    public IReadOnlyList<Ship> ScanShips(Ship ship, DateTimeOffset now)
    {
        StartScan(ship, now);
        var system = ship.Location.System;
        var found = new List<Ship>();
        foreach (var other in _ships.Values)
        {
            other.Refresh(now);
            if (other != ship && other.Location.System == system)
            {
                found.Add(other);
            }
        }

        return [.. found
            .OrderBy(o => o.Location == ship.Location ? 0 : 1)
            .ThenBy(static o => o.Symbol, StringComparer.Ordinal)
            .Take(20)];
    }

    private int StartScan(Ship ship, DateTimeOffset now)
    {
        EnsureNotInTransit(ship, now);
        EnsureNoCooldown(ship, now);
        if (!ship.HasMount("MOUNT_SENSOR_ARRAY"))
        {
            throw GameErrors.ForShip(4215, ship, $"Ship {ship.Symbol} does not have a sensor array mount.");
        }

        ship.StartCooldown(TravelRules.ActionCooldown(ship.MountPower("MOUNT_SENSOR_ARRAY")), now);
        return Math.Max(1, ship.MountStrength("MOUNT_SENSOR_ARRAY"));
    }

    private static void EnsureOpen(Contract contract, DateTimeOffset now)
    {
        if (!contract.Accepted)
        {
            throw GameErrors.ForContract(4505, contract, $"Contract {contract.Id} has not been accepted.");
        }

        if (contract.Fulfilled)
        {
            throw GameErrors.ForContract(4504, contract, $"Contract {contract.Id} has already been fulfilled.");
        }

        if (contract.Deadline <= now)
        {
            throw GameErrors.ForContract(4503, contract, $"Contract {contract.Id} has passed its deadline.");
        }
    }

    private Contract CreateContract(Agent agent, Waypoint near, DateTimeOffset now, bool starting)
    {
        var system = near.System;
        var candidates = new List<(string Good, Waypoint Destination)>();
        foreach (var waypoint in system.Waypoints)
        {
            if (waypoint.Market is not { } market)
            {
                continue;
            }

            foreach (var good in market.Imports)
            {
                var minable = system.Waypoints.Exists(w => w.Type != "GAS_GIANT" && w.Deposits.Contains(good));
                if (good != "FUEL" && (!starting || minable))
                {
                    candidates.Add((good, waypoint));
                }
            }
        }

        if (candidates.Count == 0)
        {
            candidates.Add(("IRON_ORE", near));
        }

        var (tradeSymbol, destination) = candidates[Random.Next(candidates.Count)];
        var basePrice = TradeGoodCatalog.Get(tradeSymbol).BasePrice;
        int units;
        long onAccepted, onFulfilled;
        if (starting)
        {
            units = 40 + (5 * Random.Next(9));
            var value = (long)units * basePrice;
            onAccepted = 2000 + (value / 2);
            onFulfilled = 10000 + (value * 2);
        }
        else
        {
            units = Math.Clamp(TravelRules.Round(24000.0 / basePrice), 10, 120);
            var value = (long)units * basePrice;
            onAccepted = value / 4;
            onFulfilled = value * 5 / 4;
        }

        var contract = new Contract(NewId("cm", 23), agent, near.Faction ?? agent.StartingFaction, now.AddDays(starting ? 6 : 1), now.AddDays(7), onAccepted, onFulfilled);
        contract.Deliveries.Add(new ContractDelivery(tradeSymbol, destination.Symbol, units));
        agent.Contracts.Add(contract);
        _contracts.Add(contract.Id, contract);
        return contract;
    }
}
