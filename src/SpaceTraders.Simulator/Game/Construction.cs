using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>A construction site (a jump gate being built) and the materials it still needs.</summary>
internal sealed class Construction(Waypoint waypoint)
{
    /// <summary>Gets the waypoint under construction.</summary>
    public Waypoint Waypoint { get; } = waypoint;

    /// <summary>
    /// Gets the materials: FAB_MATS 1600, ADVANCED_CIRCUITRY 400, QUANTUM_STABILIZERS 1, the last already supplied (as
    /// in the live game: <c>docs/api/captures/live-start-X1-AD75/snapshot_construction.json</c>).
    /// </summary>
    public List<ConstructionMaterial> Materials { get; } =
    [
        new("FAB_MATS", 1600),
        new("ADVANCED_CIRCUITRY", 400),
        new("QUANTUM_STABILIZERS", 1) { Fulfilled = 1 },
    ];

    /// <summary>Gets a value indicating whether every material is supplied.</summary>
    public bool IsComplete
    {
        get
        {
            foreach (var material in Materials)
            {
                if (material.Fulfilled < material.Required)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>One material of a construction site.</summary>
internal sealed class ConstructionMaterial(string tradeSymbol, int required)
{
    /// <summary>Gets the good.</summary>
    public string TradeSymbol { get; } = tradeSymbol;

    /// <summary>Gets the units required.</summary>
    public int Required { get; } = required;

    /// <summary>Gets or sets the units supplied.</summary>
    public int Fulfilled { get; set; }
}
