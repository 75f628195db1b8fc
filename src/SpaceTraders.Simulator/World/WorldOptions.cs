namespace SpaceTraders.Simulator.World;

/// <summary>The size and shape of a generated galaxy.</summary>
internal sealed class WorldOptions
{
    /// <summary>Gets or sets the number of systems. The default value is 30 (at least one per recruiting faction, plus two).</summary>
    public int SystemCount { get; set; } = 30;

    /// <summary>Gets or sets how many systems start uncharted. The default value is 4.</summary>
    public int UnchartedSystemCount { get; set; } = 4;

    /// <summary>Gets or sets the number of asteroids around each starting system's belt. The default value is 10.</summary>
    public int StartingAsteroidCount { get; set; } = 10;

    /// <summary>Gets or sets the half-width of the square the systems are placed in. The default value is 1200.</summary>
    public int GalaxyRadius { get; set; } = 1200;

    /// <summary>
    /// Gets or sets a value indicating whether the starting systems' jump gates are under construction (as in the live
    /// game). The default value is <see langword="false"/>: starting gates work, and one frontier system's gate is the
    /// construction site instead.
    /// </summary>
    public bool StartingGatesUnderConstruction { get; set; }
}
