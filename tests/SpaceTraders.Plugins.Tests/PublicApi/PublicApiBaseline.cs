using System.Security.Cryptography;
using System.Text;

namespace SpaceTraders.Plugins.Tests.PublicApi;

/// <summary>
/// Reads a project's public API baselines (<c>PublicAPI.Shipped.txt</c>, <c>PublicAPI.Unshipped.txt</c>) as the set
/// of API they declare, and hashes such sets. The set ignores order, blank lines, line endings and which file a line
/// is in: shipping (moving Unshipped into Shipped) keeps the hash; declaring, changing or removing API changes it.
/// </summary>
internal static class PublicApiBaseline
{
    private const string RemovedPrefix = "*REMOVED*";

    /// <summary>The API a project declares: its shipped lines minus those unshipped marks removed, plus unshipped's additions.</summary>
    public static SortedSet<string> Declared(IEnumerable<string> shipped, IEnumerable<string> unshipped)
    {
        var declared = new SortedSet<string>(ApiLines(shipped), StringComparer.Ordinal);
        foreach (var line in ApiLines(unshipped))
        {
            if (line.StartsWith(RemovedPrefix, StringComparison.Ordinal))
            {
                declared.Remove(line[RemovedPrefix.Length..]);
            }
            else
            {
                declared.Add(line);
            }
        }

        return declared;
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the projects' declared API, each under its name, in the order given.</summary>
    public static string Hash(IEnumerable<(string Project, SortedSet<string> Api)> projects)
    {
        var text = new StringBuilder();
        foreach (var (project, api) in projects)
        {
            text.Append('[').Append(project).Append("]\n");
            foreach (var line in api)
            {
                text.Append(line).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    // The '#nullable enable' header is not API; it only says that the lines carry nullability.
    private static IEnumerable<string> ApiLines(IEnumerable<string> lines)
        => lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
