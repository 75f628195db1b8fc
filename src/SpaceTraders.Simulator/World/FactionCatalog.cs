namespace SpaceTraders.Simulator.World;

/// <summary>A faction's fixed description (its headquarters is placed by the world generator).</summary>
/// <param name="Symbol">The FactionSymbol.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Display description.</param>
/// <param name="Traits">FactionTraitSymbols.</param>
/// <param name="IsRecruiting">Whether new agents may start in this faction.</param>
internal sealed record FactionInfo(string Symbol, string Name, string Description, string[] Traits, bool IsRecruiting);

/// <summary>The nineteen factions of the spec's FactionSymbol enum.</summary>
internal static class FactionCatalog
{
    /// <summary>Gets every faction, recruiting ones first.</summary>
    public static IReadOnlyList<FactionInfo> All { get; } =
    [
        new("COSMIC", "Cosmic Engineers", "A group of innovative and daring engineers and scientists who push the boundaries of known technology.", ["INNOVATIVE", "BOLD", "VISIONARY", "CURIOUS"], true),
        new("VOID", "Voidfarers", "A group of nomadic traders and adventurers who travel the galaxy in search of riches and adventure.", ["DARING", "EXPLORATORY", "RESOURCEFUL", "FLEXIBLE"], true),
        new("GALACTIC", "Galactic Alliance", "A coalition of planets and systems that have banded together for mutual protection and trade.", ["COOPERATIVE", "UNITED", "STRATEGIC", "PEACEFUL"], true),
        new("QUANTUM", "Quantum Federation", "A group of scientists and engineers who are dedicated to advancing the boundaries of quantum mechanics.", ["INTELLIGENT", "RESEARCH_FOCUSED", "COLLABORATIVE", "PROGRESSIVE"], true),
        new("DOMINION", "Stellar Dominion", "An expansionist empire that seeks to bring as many systems as possible under its control.", ["MILITARISTIC", "AGGRESSIVE", "IMPERIALISTIC", "STRATEGIC"], true),
        new("ASTRO", "Astro-Salvage Alliance", "A group of scavengers and salvagers who make a living by collecting and reselling salvage from derelict ships.", ["SCAVENGERS", "DEXTEROUS", "RESOURCEFUL", "FLEXIBLE"], false),
        new("CORSAIRS", "Seventh Space Corsairs", "A fierce and ruthless group of pirates and raiders.", ["PIRATES", "RAIDERS", "UNPREDICTABLE", "BRUTAL"], false),
        new("OBSIDIAN", "Obsidian Syndicate", "A secretive criminal organization that controls much of the black market trade.", ["SECRETIVE", "SMUGGLERS", "SELF_INTERESTED", "DISTRUSTFUL"], false),
        new("AEGIS", "Aegis Collective", "A group of defensive and protective factions that work together to maintain the peace.", ["DEFENSIVE", "COOPERATIVE", "UNITED", "PROUD"], false),
        new("UNITED", "United Independent Settlements", "A loose coalition of independent settlements and colonies.", ["INDEPENDENT", "DIVERSE", "FRAGMENTED", "WELCOMING"], false),
        new("SOLITARY", "Solitary Systems Alliance", "An alliance of isolated systems who prefer to remain independent.", ["ISOLATED", "SELF_SUFFICIENT", "DISTRUSTFUL", "PROUD"], false),
        new("COBALT", "Cobalt Traders Alliance", "A powerful trading alliance that controls many of the most lucrative trade routes.", ["COMMERCIAL", "FREE_MARKETS", "ENTREPRENEURIAL", "CAPITALISTIC"], false),
        new("OMEGA", "Omega Star Network", "A network of advanced technological systems that rule over a small but powerful empire.", ["TECHNOLOGICALLY_ADVANCED", "DOMINANT", "INNOVATIVE", "ESTABLISHED"], false),
        new("ECHO", "Echo Technological Conclave", "A group of tech-savvy individuals who specialize in research and development.", ["RESEARCH_FOCUSED", "INNOVATIVE", "INTELLIGENT", "COLLABORATIVE"], false),
        new("LORDS", "Lords of the Void", "A group of powerful and ancient beings who control the darkest corners of the galaxy.", ["INESCAPABLE", "DOMINANT", "SECRETIVE", "FORSAKEN"], false),
        new("CULT", "Cult of the Machine", "A fanatical group of machine worshippers who seek to merge with technology.", ["TECHNOLOGICALLY_ADVANCED", "UNPREDICTABLE", "FRINGE", "BOLD"], false),
        new("ANCIENTS", "Ancients of Zor", "An ancient and mysterious civilization that once ruled over much of the galaxy.", ["NOTABLE", "ESTABLISHED", "TREASURE_HUNTERS", "EXILES"], false),
        new("SHADOW", "Shadow Realm Syndicate", "A secretive criminal organization that operates in the shadows of the galaxy.", ["SECRETIVE", "REBELLIOUS", "CLAN", "FLEETING"], false),
        new("ETHEREAL", "Ethereal Enclave", "A group of mystical beings who are said to be connected to the fabric of the universe.", ["ADAPTABLE", "LOCALIZED", "GUILD", "CURIOUS"], false),
    ];

    /// <summary>Finds a faction by symbol (case-sensitive).</summary>
    public static FactionInfo? Find(string symbol)
    {
        foreach (var faction in All)
        {
            if (string.Equals(faction.Symbol, symbol, StringComparison.Ordinal))
            {
                return faction;
            }
        }

        return null;
    }
}
