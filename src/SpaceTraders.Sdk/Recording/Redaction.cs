using System.Text.RegularExpressions;

namespace SpaceTraders.Sdk.Recording;

/// <summary>Blanks secrets out of recorded text: given strings, JWT-shaped strings, and the values of <c>"token"</c> properties.</summary>
internal static partial class Redaction
{
    /// <summary>Blanks out every secret in <paramref name="text"/>.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <param name="secrets">Strings to blank out wherever they appear.</param>
    /// <returns>The text without secrets.</returns>
    public static string? Apply(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, TrafficRecorderOptions.Redacted, StringComparison.Ordinal);
            }
        }

        text = Jwt().Replace(text, TrafficRecorderOptions.Redacted);
        return TokenProperty().Replace(text, "\"token\":\"" + TrafficRecorderOptions.Redacted + "\"");
    }

    /// <summary>A JSON Web Token: three base64url parts, the first an encoded JSON object (<c>eyJ</c>).</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    /// <summary>A JSON property named <c>token</c> with a string value (a registration's new agent token).</summary>
    [GeneratedRegex(@"""token""\s*:\s*""(?:[^""\\]|\\.)*""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TokenProperty();
}
