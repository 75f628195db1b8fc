using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>What a route planner needs to know about a ship: its engine speed and its fuel.</summary>
/// <param name="EngineSpeed">The ship's <see cref="ShipEngine.Speed"/>; at least 1.</param>
/// <param name="FuelCapacity">The ship's <see cref="ShipFuel.Capacity"/>; 0 for a probe, which uses no fuel.</param>
/// <param name="CurrentFuel">The fuel in the tank now; clamped to the capacity.</param>
public readonly record struct RouteShip(int EngineSpeed, int FuelCapacity, int CurrentFuel)
{
    /// <summary>Gets the figures of a ship.</summary>
    /// <param name="ship">The ship.</param>
    /// <returns>Its engine speed and fuel.</returns>
    public static RouteShip From(Ship ship)
    {
        ArgumentNullException.ThrowIfNull(ship);
        return new(ship.Engine.Speed, ship.Fuel.Capacity, ship.Fuel.Current);
    }

    /// <summary>Gets the figures of a ship's engine and fuel.</summary>
    /// <param name="engine">The ship's engine.</param>
    /// <param name="fuel">The ship's fuel.</param>
    /// <returns>Its engine speed and fuel.</returns>
    public static RouteShip From(ShipEngine engine, ShipFuel fuel)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(fuel);
        return new(engine.Speed, fuel.Capacity, fuel.Current);
    }
}
