using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>Navigation status values (ShipNavStatus).</summary>
internal static class NavStatus
{
    /// <summary>Travelling between waypoints.</summary>
    public const string InTransit = "IN_TRANSIT";

    /// <summary>In orbit of a waypoint.</summary>
    public const string InOrbit = "IN_ORBIT";

    /// <summary>Docked at a waypoint.</summary>
    public const string Docked = "DOCKED";
}

/// <summary>Wear of one ship component (frame, reactor, engine), both in 0..1.</summary>
internal sealed class ComponentWear
{
    /// <summary>Gets or sets the repairable condition.</summary>
    public double Condition { get; set; } = 1;

    /// <summary>Gets or sets the integrity (falls slowly and permanently).</summary>
    public double Integrity { get; set; } = 1;

    /// <summary>Wears the component down.</summary>
    public void Wear(double amount)
    {
        Condition = Math.Max(0, Condition - amount);
        Integrity = Math.Max(0, Integrity - (amount / 10));
    }
}

/// <summary>
/// A ship. Arrival is lazy: <see cref="Refresh"/> turns a ship in transit whose arrival has passed into a ship in
/// orbit at its destination; every read and action calls it first.
/// </summary>
internal sealed class Ship
{
    /// <summary>Initializes a new instance of the <see cref="Ship"/> class, docked at <paramref name="location"/> with full fuel.</summary>
    public Ship(string symbol, Agent owner, ShipTypeSpec type, Waypoint location, DateTimeOffset now)
    {
        Symbol = symbol;
        Owner = owner;
        Type = type;
        Role = type.Role;
        Frame = type.Frame;
        Reactor = type.Reactor;
        Engine = type.Engine;
        Modules = [.. type.Modules];
        Mounts = [.. type.Mounts];
        CrewRequired = type.CrewRequired;
        CrewCapacity = type.CrewCapacity;
        CrewCurrent = type.CrewRequired;
        Location = location;
        Origin = location;
        DepartureTime = now;
        Arrival = now;
        Fuel = Frame.FuelCapacity;
        CooldownExpiration = now;
    }

    /// <summary>Gets the ship symbol, e.g. "AGENT-1".</summary>
    public string Symbol { get; }

    /// <summary>Gets the owning agent.</summary>
    public Agent Owner { get; }

    /// <summary>Gets the ship type it was built as.</summary>
    public ShipTypeSpec Type { get; }

    /// <summary>Gets the ShipRole.</summary>
    public string Role { get; }

    /// <summary>Gets the frame.</summary>
    public FrameSpec Frame { get; }

    /// <summary>Gets the reactor.</summary>
    public ReactorSpec Reactor { get; }

    /// <summary>Gets the engine.</summary>
    public EngineSpec Engine { get; }

    /// <summary>Gets the installed modules.</summary>
    public List<ModuleSpec> Modules { get; }

    /// <summary>Gets the installed mounts.</summary>
    public List<MountSpec> Mounts { get; }

    /// <summary>Gets the frame's wear.</summary>
    public ComponentWear FrameWear { get; } = new();

    /// <summary>Gets the reactor's wear.</summary>
    public ComponentWear ReactorWear { get; } = new();

    /// <summary>Gets the engine's wear.</summary>
    public ComponentWear EngineWear { get; } = new();

    /// <summary>Gets or sets the crew on board.</summary>
    public int CrewCurrent { get; set; }

    /// <summary>Gets or sets the crew the ship needs.</summary>
    public int CrewRequired { get; set; }

    /// <summary>Gets or sets the crew the ship can hold.</summary>
    public int CrewCapacity { get; set; }

    /// <summary>Gets or sets the navigation status (<see cref="NavStatus"/>).</summary>
    public string Status { get; set; } = NavStatus.Docked;

    /// <summary>Gets or sets the flight mode. The default value is CRUISE.</summary>
    public string FlightMode { get; set; } = "CRUISE";

    /// <summary>Gets or sets where the ship is, or where it is heading while in transit.</summary>
    public Waypoint Location { get; set; }

    /// <summary>Gets or sets where the last flight started.</summary>
    public Waypoint Origin { get; set; }

    /// <summary>Gets or sets when the last flight started.</summary>
    public DateTimeOffset DepartureTime { get; set; }

    /// <summary>Gets or sets when the last flight ends.</summary>
    public DateTimeOffset Arrival { get; set; }

    /// <summary>Gets or sets the fuel in the tanks.</summary>
    public int Fuel { get; set; }

    /// <summary>Gets the fuel capacity (the frame's).</summary>
    public int FuelCapacity => Frame.FuelCapacity;

    /// <summary>Gets or sets the fuel the last fuel-consuming action used, if any.</summary>
    public int? FuelConsumed { get; set; }

    /// <summary>Gets or sets when the last fuel-consuming action happened.</summary>
    public DateTimeOffset FuelConsumedAt { get; set; }

    /// <summary>Gets the cargo.</summary>
    public CargoHold Cargo { get; } = new();

    /// <summary>Gets or sets when the reactor cooldown ends.</summary>
    public DateTimeOffset CooldownExpiration { get; set; }

    /// <summary>Gets or sets the length of the last cooldown in seconds.</summary>
    public int CooldownTotalSeconds { get; set; }

    /// <summary>Gets the cargo capacity (the sum of the cargo holds).</summary>
    public int CargoCapacity
    {
        get
        {
            var capacity = 0;
            foreach (var module in Modules)
            {
                if (module.Symbol.StartsWith("MODULE_CARGO_HOLD", StringComparison.Ordinal))
                {
                    capacity += module.Capacity ?? 0;
                }
            }

            return capacity;
        }
    }

    /// <summary>Gets the free cargo space.</summary>
    public int CargoSpace => Math.Max(0, CargoCapacity - Cargo.Units);

    /// <summary>Completes an arrival that is due.</summary>
    public void Refresh(DateTimeOffset now)
    {
        if (Status == NavStatus.InTransit && Arrival <= now)
        {
            Status = NavStatus.InOrbit;
        }
    }

    /// <summary>Gets the remaining cooldown in whole seconds (rounded up), 0 when none.</summary>
    public int CooldownRemaining(DateTimeOffset now)
    {
        var remaining = CooldownExpiration - now;
        return remaining <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(remaining.TotalSeconds);
    }

    /// <summary>Starts a reactor cooldown.</summary>
    public void StartCooldown(int seconds, DateTimeOffset now)
    {
        CooldownTotalSeconds = seconds;
        CooldownExpiration = now.AddSeconds(seconds);
    }

    /// <summary>Gets a value indicating whether a mount whose symbol starts with <paramref name="prefix"/> is installed.</summary>
    public bool HasMount(string prefix)
    {
        foreach (var mount in Mounts)
        {
            if (mount.Symbol.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether a module whose symbol starts with <paramref name="prefix"/> is installed.</summary>
    public bool HasModule(string prefix)
    {
        foreach (var module in Modules)
        {
            if (module.Symbol.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sums the power of the mounts whose symbol starts with <paramref name="prefix"/>.</summary>
    public int MountPower(string prefix)
    {
        var power = 0;
        foreach (var mount in Mounts)
        {
            if (mount.Symbol.StartsWith(prefix, StringComparison.Ordinal))
            {
                power += mount.Requirements.Power ?? 0;
            }
        }

        return power;
    }

    /// <summary>Sums the strength of the mounts whose symbol starts with <paramref name="prefix"/>.</summary>
    public int MountStrength(string prefix)
    {
        var strength = 0;
        foreach (var mount in Mounts)
        {
            if (mount.Symbol.StartsWith(prefix, StringComparison.Ordinal))
            {
                strength += mount.Strength ?? 0;
            }
        }

        return strength;
    }

    /// <summary>Gets the power all components draw.</summary>
    public int PowerUsed()
    {
        var power = (Frame.Requirements.Power ?? 0) + (Engine.Requirements.Power ?? 0);
        foreach (var module in Modules)
        {
            power += module.Requirements.Power ?? 0;
        }

        foreach (var mount in Mounts)
        {
            power += mount.Requirements.Power ?? 0;
        }

        return power;
    }

    /// <summary>Gets the module slots in use.</summary>
    public int SlotsUsed()
    {
        var slots = 0;
        foreach (var module in Modules)
        {
            slots += module.Requirements.Slots ?? 0;
        }

        return slots;
    }
}
