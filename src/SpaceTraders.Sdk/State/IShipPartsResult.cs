using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// An action's result that carries parts of the ship that acted (nav, fuel, cargo, cooldown, mounts, modules,
/// condition events): every such <c>*Result</c> model implements it (the model generator adds it), so that
/// <see cref="AgentState"/> merges them all through one path. A part the result does not carry is <see langword="null"/>.
/// </summary>
internal interface IShipPartsResult
{
    /// <summary>Gets the ship's nav, or <see langword="null"/>.</summary>
    ShipNav? Nav { get; }

    /// <summary>Gets the ship's fuel, or <see langword="null"/>.</summary>
    ShipFuel? Fuel { get; }

    /// <summary>Gets the ship's cargo, or <see langword="null"/>.</summary>
    ShipCargo? Cargo { get; }

    /// <summary>Gets the ship's reactor cooldown, or <see langword="null"/>.</summary>
    Cooldown? Cooldown { get; }

    /// <summary>Gets the ship's mounts, or <see langword="null"/>.</summary>
    IReadOnlyList<ShipMount>? Mounts { get; }

    /// <summary>Gets the ship's modules, or <see langword="null"/>.</summary>
    IReadOnlyList<ShipModule>? Modules { get; }

    /// <summary>Gets the condition events the action caused, or <see langword="null"/>.</summary>
    IReadOnlyList<ShipConditionEvent>? Events { get; }
}
