using System.Text;

namespace SpaceTraders.Simulator.World;

/// <summary>Turns game symbols into display text ("IRON_ORE" becomes "Iron Ore").</summary>
internal static class SymbolText
{
    /// <summary>Title-cases an upper-snake-case symbol.</summary>
    public static string Title(string symbol)
    {
        var builder = new StringBuilder(symbol.Length);
        var startOfWord = true;
        foreach (var c in symbol)
        {
            if (c == '_')
            {
                builder.Append(' ');
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? c : char.ToLowerInvariant(c));
            startOfWord = false;
        }

        return builder.ToString();
    }
}
