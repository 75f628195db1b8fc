using System.Collections.Frozen;

namespace SpaceTraders.Simulator.World;

/// <summary>A symbol with its display name and description (waypoint traits, modifiers, faction traits).</summary>
/// <param name="Symbol">The enum symbol.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Display description.</param>
internal sealed record TraitInfo(string Symbol, string Name, string Description);

/// <summary>Display text for waypoint traits, waypoint modifiers and faction traits.</summary>
internal static class TraitCatalog
{
    private static readonly FrozenDictionary<string, string> WaypointDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UNCHARTED"] = "An unexplored region of space, full of potential discoveries and hidden dangers.",
        ["UNDER_CONSTRUCTION"] = "A location that is currently under construction. Supply materials to complete it.",
        ["MARKETPLACE"] = "A thriving center of commerce where traders from across the galaxy gather to buy, sell, and exchange goods.",
        ["SHIPYARD"] = "A bustling hub for the construction, repair, and sale of various spacecraft.",
        ["COMMON_METAL_DEPOSITS"] = "A waypoint rich in common metal ores like iron, copper, and aluminum.",
        ["PRECIOUS_METAL_DEPOSITS"] = "A waypoint rich in precious metal ores like silver, gold, and platinum.",
        ["RARE_METAL_DEPOSITS"] = "A rare and valuable location with deposits of uranite, meritium and diamonds.",
        ["MINERAL_DEPOSITS"] = "Extensive deposits of valuable minerals: quartz, silicon crystals, ices and precious stones.",
        ["ICE_CRYSTALS"] = "An area rich in ice crystals, a source of water and ammonia.",
        ["STRIPPED"] = "A location that has been extensively mined and is nearly depleted.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> ModifierDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["STRIPPED"] = "The resources at this waypoint have been stripped: yields are reduced.",
        ["UNSTABLE"] = "Heavy extraction has destabilized this waypoint. Extraction may fail or damage ships.",
        ["RADIATION_LEAK"] = "A radiation leak threatens ships and crews at this waypoint.",
        ["CRITICAL_LIMIT"] = "Extraction here is near the critical limit; continued extraction may destabilize the waypoint.",
        ["CIVIL_UNREST"] = "Civil unrest disrupts commerce and services at this waypoint.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the display text of a waypoint trait.</summary>
    public static TraitInfo Waypoint(string symbol)
    {
        var name = SymbolText.Title(symbol);
        var description = WaypointDescriptions.TryGetValue(symbol, out var known)
            ? known
            : $"This waypoint is known for its {name.ToLowerInvariant()}.";
        return new TraitInfo(symbol, name, description);
    }

    /// <summary>Gets the display text of a waypoint modifier.</summary>
    public static TraitInfo Modifier(string symbol) =>
        new(symbol, SymbolText.Title(symbol), ModifierDescriptions.TryGetValue(symbol, out var d) ? d : SymbolText.Title(symbol));

    /// <summary>Gets the display text of a faction trait.</summary>
    public static TraitInfo Faction(string symbol)
    {
        var name = SymbolText.Title(symbol);
        return new TraitInfo(symbol, name, $"The faction is {name.ToLowerInvariant()} in its dealings with others.");
    }
}
