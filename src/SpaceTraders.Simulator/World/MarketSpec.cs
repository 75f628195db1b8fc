namespace SpaceTraders.Simulator.World;

/// <summary>Which goods a market trades and how (the world's fixed part; prices live in the game state).</summary>
internal sealed class MarketSpec
{
    /// <summary>Gets the goods the market produces.</summary>
    public List<string> Exports { get; } = [];

    /// <summary>Gets the goods the market consumes.</summary>
    public List<string> Imports { get; } = [];

    /// <summary>Gets the goods the market only exchanges.</summary>
    public List<string> Exchange { get; } = [];

    /// <summary>Gets a value indicating whether the market lists a good at all.</summary>
    public bool Trades(string good) => Exports.Contains(good) || Imports.Contains(good) || Exchange.Contains(good);

    /// <summary>Adds a good to a list unless it is already listed anywhere.</summary>
    public void Add(List<string> list, string good)
    {
        if (!Trades(good))
        {
            list.Add(good);
        }
    }
}

/// <summary>Which ship types a shipyard sells and its modification fee.</summary>
/// <param name="ShipTypes">ShipTypes sold.</param>
/// <param name="ModificationsFee">Flat fee per mount or module change.</param>
internal sealed record ShipyardSpec(IReadOnlyList<string> ShipTypes, int ModificationsFee);
