using System.Diagnostics.CodeAnalysis;

namespace SpaceTraders.Runtime.Abstractions;

/// <summary>Names a behaviour or conductor and, optionally, the plugin version that provides it: <c>extract-and-sell@week04</c>.</summary>
/// <param name="Id">The strategy id.</param>
/// <param name="Version">The plugin version; <see langword="null"/> means the newest loaded version that offers the id.</param>
public readonly record struct StrategyRef(string Id, string? Version = null)
{
    /// <summary>Parses <c>id</c> or <c>id@version</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="FormatException">The text is empty or malformed.</exception>
    public static StrategyRef Parse(string text)
        => TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a strategy reference; expected 'id' or 'id@version'.");

    /// <summary>Parses <c>id</c> or <c>id@version</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The reference, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out StrategyRef value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            value = new StrategyRef(text.Trim());
            return true;
        }

        var id = text[..at].Trim();
        var version = text[(at + 1)..].Trim();
        if (id.Length == 0 || version.Length == 0 || version.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        value = new StrategyRef(id, version);
        return true;
    }

    /// <summary>Returns <c>id@version</c>, or <c>id</c> without a version.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Version is null ? Id : Id + "@" + Version;
}
