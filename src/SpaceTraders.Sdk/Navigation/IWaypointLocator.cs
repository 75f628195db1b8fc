namespace SpaceTraders.Sdk.Navigation;

/// <summary>Tells where waypoints lie, for the distance-aware queries and the route planners.</summary>
/// <remarks>
/// Implemented by <see cref="Caches.StaticWorldCache"/> (from the systems and waypoints it has fetched) and by
/// <see cref="WaypointPositions"/> (a plain in-memory map). Implementations are thread-safe.
/// </remarks>
public interface IWaypointLocator
{
    /// <summary>Looks up a waypoint's position.</summary>
    /// <param name="waypointSymbol">The waypoint's symbol.</param>
    /// <param name="position">The position, when known.</param>
    /// <returns><see langword="true"/> if the position is known.</returns>
    bool TryGetPosition(string waypointSymbol, out WaypointPosition position);

    /// <summary>Gets every known waypoint of a system.</summary>
    /// <param name="systemSymbol">The system's symbol.</param>
    /// <returns>The waypoints, empty when none are known.</returns>
    IReadOnlyList<WaypointPosition> GetSystemWaypoints(string systemSymbol);
}
