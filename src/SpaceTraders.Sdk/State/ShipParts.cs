namespace SpaceTraders.Sdk.State;

/// <summary>The parts of a ship that are tracked, and marked dirty, separately.</summary>
[Flags]
public enum ShipParts
{
    /// <summary>No part.</summary>
    None = 0,

    /// <summary>The registration: name, faction and role.</summary>
    Registration = 1 << 0,

    /// <summary>The navigation state: location, route, status and flight mode.</summary>
    Nav = 1 << 1,

    /// <summary>The crew.</summary>
    Crew = 1 << 2,

    /// <summary>The frame, with its condition and integrity.</summary>
    Frame = 1 << 3,

    /// <summary>The reactor, with its condition and integrity.</summary>
    Reactor = 1 << 4,

    /// <summary>The engine, with its condition and integrity.</summary>
    Engine = 1 << 5,

    /// <summary>The installed modules.</summary>
    Modules = 1 << 6,

    /// <summary>The installed mounts.</summary>
    Mounts = 1 << 7,

    /// <summary>The cargo hold.</summary>
    Cargo = 1 << 8,

    /// <summary>The fuel tank.</summary>
    Fuel = 1 << 9,

    /// <summary>The reactor cooldown.</summary>
    Cooldown = 1 << 10,

    /// <summary>Every part.</summary>
    All = (1 << 11) - 1,
}
