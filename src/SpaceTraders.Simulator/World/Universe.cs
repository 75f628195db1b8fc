namespace SpaceTraders.Simulator.World;

/// <summary>The generated galaxy: systems, waypoints, faction headquarters and construction sites.</summary>
internal sealed class Universe
{
    private readonly Dictionary<string, StarSystem> _systemsBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Waypoint> _waypointsBySymbol = new(StringComparer.Ordinal);

    /// <summary>Gets the systems in generation order.</summary>
    public List<StarSystem> Systems { get; } = [];

    /// <summary>Gets every waypoint, system by system in generation order.</summary>
    public List<Waypoint> Waypoints { get; } = [];

    /// <summary>Gets the headquarters waypoint of each faction that has one.</summary>
    public Dictionary<string, Waypoint> Headquarters { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the waypoints generated under construction.</summary>
    public List<Waypoint> ConstructionSites { get; } = [];

    /// <summary>Adds a system.</summary>
    public void Add(StarSystem system)
    {
        Systems.Add(system);
        _systemsBySymbol.Add(system.Symbol, system);
    }

    /// <summary>Adds a waypoint to its system and the index.</summary>
    public void Add(Waypoint waypoint)
    {
        waypoint.System.Waypoints.Add(waypoint);
        Waypoints.Add(waypoint);
        _waypointsBySymbol.Add(waypoint.Symbol, waypoint);
    }

    /// <summary>Finds a system.</summary>
    public StarSystem? FindSystem(string symbol) => _systemsBySymbol.GetValueOrDefault(symbol);

    /// <summary>Finds a waypoint.</summary>
    public Waypoint? FindWaypoint(string symbol) => _waypointsBySymbol.GetValueOrDefault(symbol);
}
