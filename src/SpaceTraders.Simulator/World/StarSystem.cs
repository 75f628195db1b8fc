namespace SpaceTraders.Simulator.World;

/// <summary>A star system: position in the sector, waypoints, controlling factions.</summary>
internal sealed class StarSystem(string symbol, string sectorSymbol, string type, int x, int y, string name, string constellation)
{
    /// <summary>Gets the system symbol, e.g. "X1-KS52".</summary>
    public string Symbol { get; } = symbol;

    /// <summary>Gets the sector symbol, e.g. "X1".</summary>
    public string SectorSymbol { get; } = sectorSymbol;

    /// <summary>Gets the SystemType.</summary>
    public string Type { get; } = type;

    /// <summary>Gets the x position in the sector.</summary>
    public int X { get; } = x;

    /// <summary>Gets the y position in the sector.</summary>
    public int Y { get; } = y;

    /// <summary>Gets the display name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the constellation name.</summary>
    public string Constellation { get; } = constellation;

    /// <summary>Gets the waypoints, in generation order.</summary>
    public List<Waypoint> Waypoints { get; } = [];

    /// <summary>Gets the factions that control the system.</summary>
    public List<string> Factions { get; } = [];

    /// <summary>Gets or sets the system's jump gate, if any.</summary>
    public Waypoint? JumpGate { get; set; }

    /// <summary>Gets or sets a value indicating whether the system was generated uncharted.</summary>
    public bool IsUncharted { get; set; }

    /// <summary>Gets or sets the faction whose headquarters is here, if any.</summary>
    public string? HeadquartersOf { get; set; }

    /// <summary>Gets the straight-line distance to another system.</summary>
    public double DistanceTo(StarSystem other)
    {
        double dx = X - other.X, dy = Y - other.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
