namespace SpaceTraders.Simulator.World;

/// <summary>The size and shape of a generated galaxy.</summary>
internal sealed class WorldOptions
{
    /// <summary>Gets or sets the number of systems. The default value is 30 (at least one per recruiting faction, plus two).</summary>
    public int SystemCount { get; set; } = 30;

    /// <summary>Gets or sets how many systems start uncharted. The default value is 4.</summary>
    public int UnchartedSystemCount { get; set; } = 4;

    /// <summary>
    /// Gets or sets the number of asteroids in each starting system, split between its inner and outer belt as in the
    /// live capture (32 : 22). The default value is <see langword="null"/>: the live count, 54.
    /// </summary>
    public int? StartingAsteroidCount { get; set; }

    /// <summary>Gets or sets the half-width of the square the systems are placed in. The default value is 1200.</summary>
    public int GalaxyRadius { get; set; } = 1200;

    /// <summary>
    /// Gets or sets a value indicating whether the starting systems' jump gates are under construction, as in the live
    /// game. The default value is <see langword="true"/>; with <see langword="false"/> the starting gates work and one
    /// frontier system's gate is the construction site instead.
    /// </summary>
    public bool StartingGatesUnderConstruction { get; set; } = true;

    /// <summary>
    /// Gets or sets the ship types the headquarters' shipyard of every starting system sells besides the live ones (see
    /// <c>SimulationOptions.ExtraStartingShipTypes</c>). The default value is empty.
    /// </summary>
    public IReadOnlyList<string> ExtraStartingShipTypes { get; set; } = [];
}
