using System.Collections.Concurrent;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>A thread-safe in-memory <see cref="IWaypointLocator"/>: add positions, look them up.</summary>
/// <remarks>Use it when the positions come from somewhere other than <see cref="Caches.StaticWorldCache"/> (a database, a test).</remarks>
public sealed class WaypointPositions : IWaypointLocator
{
    private readonly ConcurrentDictionary<string, WaypointPosition> _bySymbol = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, WaypointPosition>> _bySystem = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="WaypointPositions"/> class, empty.</summary>
    public WaypointPositions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WaypointPositions"/> class with some positions.</summary>
    /// <param name="positions">The positions to add.</param>
    public WaypointPositions(IEnumerable<WaypointPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        foreach (var position in positions)
        {
            Add(position);
        }
    }

    /// <summary>Gets the number of waypoints known.</summary>
    public int Count => _bySymbol.Count;

    /// <summary>Adds or replaces a waypoint's position.</summary>
    /// <param name="position">The position.</param>
    public void Add(WaypointPosition position)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(position.Symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(position.SystemSymbol);
        _bySymbol[position.Symbol] = position;
        _bySystem.GetOrAdd(position.SystemSymbol, static _ => new(StringComparer.Ordinal))[position.Symbol] = position;
    }

    /// <summary>Adds or replaces the positions of waypoints.</summary>
    /// <param name="waypoints">The waypoints.</param>
    public void Add(IEnumerable<Waypoint> waypoints)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        foreach (var waypoint in waypoints)
        {
            Add(WaypointPosition.From(waypoint));
        }
    }

    /// <summary>Adds or replaces the positions of every waypoint a system lists.</summary>
    /// <param name="system">The system.</param>
    public void Add(StarSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        foreach (var waypoint in system.Waypoints)
        {
            Add(WaypointPosition.From(waypoint, system.Symbol));
        }
    }

    /// <summary>Forgets every position (after a server reset: the galaxy is generated again).</summary>
    public void Clear()
    {
        _bySymbol.Clear();
        _bySystem.Clear();
    }

    /// <inheritdoc />
    public bool TryGetPosition(string waypointSymbol, out WaypointPosition position)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return _bySymbol.TryGetValue(waypointSymbol, out position);
    }

    /// <inheritdoc />
    public IReadOnlyList<WaypointPosition> GetSystemWaypoints(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        return _bySystem.TryGetValue(systemSymbol, out var waypoints)
            ? waypoints.Values.OrderBy(p => p.Symbol, StringComparer.Ordinal).ToArray()
            : [];
    }
}
