namespace SpaceTraders.Simulator.World;

/// <summary>A waypoint. Traits, chart and construction state change during the game (charting, construction).</summary>
internal sealed class Waypoint(string symbol, StarSystem system, string type, int x, int y)
{
    /// <summary>Gets the waypoint symbol, e.g. "X1-KS52-A1".</summary>
    public string Symbol { get; } = symbol;

    /// <summary>Gets the system the waypoint is in.</summary>
    public StarSystem System { get; } = system;

    /// <summary>Gets the WaypointType.</summary>
    public string Type { get; } = type;

    /// <summary>Gets the x position in the system.</summary>
    public int X { get; } = x;

    /// <summary>Gets the y position in the system.</summary>
    public int Y { get; } = y;

    /// <summary>Gets the waypoints orbiting this one.</summary>
    public List<Waypoint> Orbitals { get; } = [];

    /// <summary>Gets or sets the waypoint this one orbits.</summary>
    public Waypoint? Orbits { get; set; }

    /// <summary>Gets or sets the controlling faction.</summary>
    public string? Faction { get; set; }

    /// <summary>Gets the real traits (shown once charted).</summary>
    public List<string> Traits { get; } = [];

    /// <summary>Gets the active modifiers.</summary>
    public List<string> Modifiers { get; } = [];

    /// <summary>Gets or sets a value indicating whether the waypoint is charted.</summary>
    public bool IsCharted { get; set; } = true;

    /// <summary>Gets or sets who charted the waypoint (an agent or faction symbol).</summary>
    public string? ChartedBy { get; set; }

    /// <summary>Gets or sets when the waypoint was charted.</summary>
    public DateTimeOffset ChartedOn { get; set; }

    /// <summary>Gets or sets a value indicating whether the waypoint is under construction.</summary>
    public bool IsUnderConstruction { get; set; }

    /// <summary>Gets or sets the market definition, when the waypoint has a marketplace.</summary>
    public MarketSpec? Market { get; set; }

    /// <summary>Gets or sets the shipyard definition, when the waypoint has a shipyard.</summary>
    public ShipyardSpec? Shipyard { get; set; }

    /// <summary>Gets or sets the minable deposits with weights (asteroids); empty elsewhere.</summary>
    public DepositTable Deposits { get; set; } = DepositTable.Empty;

    /// <summary>Gets the waypoint symbols of the jump gates this gate connects to (jump gates only).</summary>
    public List<string> Connections { get; } = [];

    /// <summary>Gets a value indicating whether a trait is present (charted or not).</summary>
    public bool HasTrait(string trait) => Traits.Contains(trait);

    /// <summary>Gets the straight-line distance to another waypoint of the same system.</summary>
    public double DistanceTo(Waypoint other)
    {
        double dx = X - other.X, dy = Y - other.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
