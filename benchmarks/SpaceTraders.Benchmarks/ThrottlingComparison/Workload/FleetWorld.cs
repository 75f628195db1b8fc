using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>A trade route a hauler runs: buy <see cref="Good"/> where it is exported, sell it where it is imported.</summary>
/// <param name="From">The exporting market.</param>
/// <param name="To">The importing market.</param>
/// <param name="Good">The good.</param>
/// <param name="Distance">The distance between them.</param>
public sealed record TradeRoute(string From, string To, TradeSymbol Good, double Distance);

/// <summary>What the setup phase learned about the starting system, through the API, and the workload's places in it.</summary>
public sealed class FleetWorld
{
    /// <summary>The longest flight between a hauler's exporter and importer.</summary>
    public const double MaxRouteDistance = 120;

    /// <summary>Gets the starting system.</summary>
    public required string System { get; init; }

    /// <summary>Gets every waypoint's position.</summary>
    public required IReadOnlyDictionary<string, WaypointPosition> Positions { get; init; }

    /// <summary>Gets where light haulers are sold (the headquarters' shipyard).</summary>
    public required string HaulerYard { get; init; }

    /// <summary>Gets where mining drones are sold.</summary>
    public required string MinerYard { get; init; }

    /// <summary>Gets where siphon drones are sold (the gas giant's station).</summary>
    public required string SiphonYard { get; init; }

    /// <summary>Gets where the miners mine (the engineered asteroid).</summary>
    public required string Mine { get; init; }

    /// <summary>Gets where the siphon drones siphon (the gas giant).</summary>
    public required string GasGiant { get; init; }

    /// <summary>Gets the hauler routes, nearest first.</summary>
    public required IReadOnlyList<TradeRoute> Routes { get; init; }

    /// <summary>Gets every marketplace of the system (the background refreshers' markets).</summary>
    public required IReadOnlyList<string> Marketplaces { get; init; }

    /// <summary>Gets every waypoint of the system (the background refreshers' waypoints).</summary>
    public required IReadOnlyList<string> Waypoints { get; init; }

    /// <summary>Gets the goods each marketplace trades (imports, exports and exchange).</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<TradeSymbol>> Traded { get; init; }

    /// <summary>Gets the goods each marketplace buys from ships at a good price (imports and exchange).</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<TradeSymbol>> Buys { get; init; }

    /// <summary>Gets the route planner of the system (every market sells fuel).</summary>
    public required SystemRoutePlanner Planner { get; init; }

    /// <summary>The distance between two waypoints of the system.</summary>
    /// <param name="from">One waypoint.</param>
    /// <param name="to">The other.</param>
    /// <returns>The Euclidean distance.</returns>
    public double Distance(string from, string to) => Positions[from].DistanceTo(Positions[to]);

    /// <summary>
    /// The market nearest to <paramref name="site"/> that imports or exchanges <paramref name="good"/>, within
    /// <paramref name="range"/> (a drone's tank: it must get there and back without a detour), ties by symbol.
    /// </summary>
    /// <param name="good">The good to sell.</param>
    /// <param name="site">Where the ship works.</param>
    /// <param name="range">The longest one-way flight.</param>
    /// <returns>The market, or <see langword="null"/> when none is in range (the ship jettisons the good).</returns>
    public string? NearestBuyer(TradeSymbol good, string site, double range)
        => Buys.Where(m => m.Value.Contains(good) && Distance(site, m.Key) <= range)
            .OrderBy(m => Distance(site, m.Key))
            .ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key)
            .FirstOrDefault();
}
