using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// Where a mining ship can extract, and what it may find there: the waypoint types that take mining lasers, and the
/// goods each deposit trait is known to yield.
/// </summary>
/// <remarks>
/// The trait-to-goods table is community knowledge of the live game (the offline simulator uses the same table): the
/// API publishes a waypoint's deposit traits, not its yields. A survey shows the real deposits of a waypoint.
/// Stateless; no request is made.
/// </remarks>
public static class MiningSites
{
    private static readonly (string Trait, string[] Goods)[] TraitYields =
    [
        ("COMMON_METAL_DEPOSITS", ["IRON_ORE", "COPPER_ORE", "ALUMINUM_ORE", "QUARTZ_SAND", "SILICON_CRYSTALS", "ICE_WATER"]),
        ("MINERAL_DEPOSITS", ["QUARTZ_SAND", "SILICON_CRYSTALS", "ICE_WATER", "AMMONIA_ICE", "PRECIOUS_STONES"]),
        ("PRECIOUS_METAL_DEPOSITS", ["SILVER_ORE", "GOLD_ORE", "PLATINUM_ORE", "QUARTZ_SAND"]),
        ("RARE_METAL_DEPOSITS", ["URANITE_ORE", "DIAMONDS", "MERITIUM_ORE"]),
        ("ICE_CRYSTALS", ["ICE_WATER", "AMMONIA_ICE"]),
    ];

    /// <summary>Gets a value indicating whether mining lasers can extract at a waypoint: an asteroid of any kind with a deposit trait.</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns><see langword="true"/> for a minable waypoint.</returns>
    public static bool IsMinable(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        return (waypoint.Type == WaypointType.Asteroid || waypoint.Type == WaypointType.EngineeredAsteroid || waypoint.Type == WaypointType.AsteroidField)
            && KnownYields(waypoint).Count > 0;
    }

    /// <summary>Gets a value indicating whether a waypoint showed the UNSTABLE modifier when last seen (yields are halved there).</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns><see langword="true"/> when unstable.</returns>
    public static bool IsUnstable(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        return waypoint.Modifiers?.Any(m => m.Symbol == WaypointModifierSymbol.Unstable) == true;
    }

    /// <summary>Gets the goods a waypoint's deposit traits are known to yield, in a stable order.</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns>The goods; empty when it has no deposit trait.</returns>
    public static IReadOnlyList<TradeSymbol> KnownYields(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        var goods = new List<TradeSymbol>();
        foreach (var trait in waypoint.Traits)
        {
            foreach (var (symbol, yields) in TraitYields)
            {
                if (trait.Symbol.Value == symbol)
                {
                    foreach (var good in yields)
                    {
                        var value = new TradeSymbol(good);
                        if (!goods.Contains(value))
                        {
                            goods.Add(value);
                        }
                    }
                }
            }
        }

        return goods;
    }

    /// <summary>Gets a value indicating whether a good can be mined at all (some deposit trait yields it).</summary>
    /// <param name="good">The good.</param>
    /// <returns><see langword="true"/> for a minable good.</returns>
    public static bool IsMinableGood(TradeSymbol good) => TraitYields.Any(t => t.Goods.Contains(good.Value, StringComparer.Ordinal));

    /// <summary>
    /// Ranks the minable waypoints among <paramref name="waypoints"/> by distance from <paramref name="from"/>, nearest
    /// first; unstable ones go last.
    /// </summary>
    /// <param name="waypoints">The candidates, typically a system's waypoints.</param>
    /// <param name="from">Where the ship is.</param>
    /// <param name="good">Only waypoints known to yield this good, or any when <see langword="null"/>. The default value is <see langword="null"/>.</param>
    /// <returns>The waypoints, best first.</returns>
    public static IReadOnlyList<Waypoint> Rank(IEnumerable<Waypoint> waypoints, WaypointPosition from, TradeSymbol? good = null)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        return [.. waypoints
            .Where(w => IsMinable(w) && (good is null || KnownYields(w).Contains(good.Value)))
            .OrderBy(IsUnstable)
            .ThenBy(w => FlightRules.Distance(from.X, from.Y, w.X, w.Y))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal)];
    }
}
