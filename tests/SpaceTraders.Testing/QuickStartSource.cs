using System.Text.RegularExpressions;

namespace SpaceTraders.Testing;

/// <summary>
/// The SDK quick start's copies, read for the tests that keep them the same: the README's block (section "SDK quick
/// start"), the code <c>QuickStartTests</c> runs (<c>tests/SpaceTraders.BotRunner.Tests/QuickStart/QuickStart.cs</c>)
/// and, through <c>TemplateContentTests</c>, the bot template's <c>Program.cs</c>. Every text is normalised (line endings
/// to '\n', trimmed).
/// </summary>
internal static partial class QuickStartSource
{
    /// <summary>Gets the README's SDK quick start code block (empty when the README has none).</summary>
    /// <returns>The block's text, normalised.</returns>
    public static string ReadmeBlock() =>
        Normalise(ReadmeQuickStart().Match(File.ReadAllText(Path.Combine(MarkdownDocs.RepositoryRoot, "README.md"))).Groups["code"].Value);

    /// <summary>Gets the tested quick start from its <c>QuickStart</c> class on (the part the README shows after its own lines).</summary>
    /// <returns>The code, normalised.</returns>
    public static string TestedBody()
    {
        var code = File.ReadAllText(Path.Combine(MarkdownDocs.RepositoryRoot, "tests", "SpaceTraders.BotRunner.Tests", "QuickStart", "QuickStart.cs"));
        return Normalise(code[code.IndexOf("public static class QuickStart", StringComparison.Ordinal)..]);
    }

    /// <summary>Normalises a text as the copies are compared: line endings to '\n', trimmed.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The normalised text.</returns>
    public static string Normalise(string text) => text.ReplaceLineEndings("\n").Trim();

    [GeneratedRegex("## SDK quick start.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeQuickStart();
}
