using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>Where a waypoint lies: its symbol, its system and its coordinates within the system.</summary>
/// <param name="Symbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
/// <param name="SystemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
/// <param name="X">The x coordinate within the system.</param>
/// <param name="Y">The y coordinate within the system.</param>
public readonly record struct WaypointPosition(string Symbol, string SystemSymbol, int X, int Y)
{
    /// <summary>Gets the position of a waypoint.</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns>Its position.</returns>
    public static WaypointPosition From(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        return new(waypoint.Symbol, waypoint.SystemSymbol, waypoint.X, waypoint.Y);
    }

    /// <summary>Gets the position of a waypoint listed in a system.</summary>
    /// <param name="waypoint">The waypoint as <see cref="StarSystem.Waypoints"/> lists it.</param>
    /// <param name="systemSymbol">The system's symbol.</param>
    /// <returns>Its position.</returns>
    public static WaypointPosition From(SystemWaypoint waypoint, string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        return new(waypoint.Symbol, systemSymbol, waypoint.X, waypoint.Y);
    }

    /// <summary>Gets the position of a route end (a ship's origin or destination).</summary>
    /// <param name="waypoint">The route end from <see cref="ShipNavRoute"/>.</param>
    /// <returns>Its position.</returns>
    public static WaypointPosition From(ShipNavRouteWaypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        return new(waypoint.Symbol, waypoint.SystemSymbol, waypoint.X, waypoint.Y);
    }

    /// <summary>Gets the Euclidean distance to another waypoint of the same system.</summary>
    /// <param name="other">The other waypoint.</param>
    /// <returns>The distance, unrounded.</returns>
    public double DistanceTo(WaypointPosition other) => FlightRules.Distance(X, Y, other.X, other.Y);
}
