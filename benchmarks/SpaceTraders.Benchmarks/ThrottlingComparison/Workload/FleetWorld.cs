using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>A trade route a hauler runs: buy <see cref="Good"/> where it is exported, sell it where it is imported.</summary>
/// <param name="From">The exporting market.</param>
/// <param name="To">The importing market.</param>
/// <param name="Good">The good.</param>
/// <param name="Distance">The distance between them.</param>
public sealed record TradeRoute(string From, string To, TradeSymbol Good, double Distance);

/// <summary>What the setup phase learned about the starting system, through the API.</summary>
public sealed class FleetWorld
{
    /// <summary>Gets the starting system.</summary>
    public required string System { get; init; }

    /// <summary>Gets the shipyard the fleet was bought at (where every bought ship starts).</summary>
    public required string Shipyard { get; init; }

    /// <summary>Gets where the miners mine (the engineered asteroid).</summary>
    public required string Mine { get; init; }

    /// <summary>Gets where the miners sell (the asteroid base, which buys the system's ores).</summary>
    public required string OreMarket { get; init; }

    /// <summary>Gets the hauler routes, nearest first.</summary>
    public required IReadOnlyList<TradeRoute> Routes { get; init; }

    /// <summary>Gets every marketplace of the system (the background refreshers' markets).</summary>
    public required IReadOnlyList<string> Marketplaces { get; init; }

    /// <summary>Gets every waypoint of the system (the background refreshers' waypoints).</summary>
    public required IReadOnlyList<string> Waypoints { get; init; }

    /// <summary>Gets the goods each marketplace trades (imports, exports and exchange).</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<TradeSymbol>> Traded { get; init; }
}
