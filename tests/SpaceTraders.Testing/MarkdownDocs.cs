using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace SpaceTraders.Testing;

/// <summary>A markdown file of the repository, read whole.</summary>
/// <param name="Path">The path from the repository's root, with '/' separators (<c>docs/plugins.md</c>).</param>
/// <param name="Text">The text, line endings normalised to '\n'.</param>
internal sealed record MarkdownFile(string Path, string Text)
{
    /// <summary>Gets the 1-based line of a character offset.</summary>
    /// <param name="offset">The offset in <see cref="Text"/>.</param>
    /// <returns>The line number.</returns>
    public int LineOf(int offset) => Text.AsSpan(0, Math.Min(offset, Text.Length)).Count('\n') + 1;

    /// <summary>Gets "path:line", the place a failure message names.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The place.</returns>
    public string At(int line) => $"{Path}:{line}";
}

/// <summary>What a piece of markdown code is.</summary>
internal enum MarkdownCodeKind
{
    /// <summary>An inline code span (<c>`...`</c>), possibly over several lines.</summary>
    Inline,

    /// <summary>One line of a fenced code block.</summary>
    FencedLine,

    /// <summary>A link's target (<c>[text](target)</c>).</summary>
    Link,
}

/// <summary>A piece of code or a link target in a markdown file, with the line it starts on.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line it starts on.</param>
/// <param name="Text">The code (an inline span's line breaks are spaces) or the link's target.</param>
/// <param name="Kind">What it is.</param>
/// <param name="FenceInfo">For a fenced line, the fence's info string (<c>csharp</c>, <c>json</c>, empty).</param>
internal sealed record MarkdownCode(MarkdownFile File, int Line, string Text, MarkdownCodeKind Kind, string FenceInfo = "")
{
    /// <summary>Gets "path:line".</summary>
    public string At => File.At(Line);
}

/// <summary>
/// The repository's markdown (README.md, docs/, the projects' READMEs, benchmarks/results/): the files, their code spans,
/// fenced code blocks and links, for the tests that hold the documentation to the code.
/// </summary>
internal static partial class MarkdownDocs
{
    /// <summary>Folders never searched for markdown: build output, packages, test results, hidden folders (.git).</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "artifacts", "bin", "obj", "packages", "TestResults", "node_modules" };

    /// <summary>Gets the repository's root folder (where <c>Sdk.sln</c> is), as the build saw it.</summary>
    public static string RepositoryRoot { get; } =
        typeof(MarkdownDocs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Reads every markdown file of the repository, sorted by path.</summary>
    /// <returns>The files.</returns>
    public static IReadOnlyList<MarkdownFile> Files()
    {
        return [.. Folders(RepositoryRoot).SelectMany(f => Directory.EnumerateFiles(f, "*.md")).Select(p => Read(FromRoot(p))).OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Lists the repository's project folders (those holding a <c>.csproj</c>), sorted, searched as <see cref="Files"/> is.</summary>
    /// <returns>The folders, as paths from the repository's root with '/' separators (<c>src/SpaceTraders.Sdk</c>).</returns>
    public static IReadOnlyList<string> ProjectFolders()
    {
        return [.. Folders(RepositoryRoot).Where(f => Directory.EnumerateFiles(f, "*.csproj").Any()).Select(FromRoot).OrderBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>Reads one markdown file.</summary>
    /// <param name="path">Its path from the repository's root.</param>
    /// <returns>The file.</returns>
    public static MarkdownFile Read(string path) =>
        new(path, File.ReadAllText(Path.Combine(RepositoryRoot, path)).ReplaceLineEndings("\n"));

    /// <summary>Lists a file's code: every fenced block's lines, every inline code span, every link target.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The code, in the file's order within each kind.</returns>
    public static IEnumerable<MarkdownCode> Code(MarkdownFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var lines = file.Text.Split('\n');
        var prose = new System.Text.StringBuilder(file.Text.Length);
        string? fence = null;
        var info = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                info = trimmed[3..].Trim();
                prose.Append('\n');
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim('`', '~').Length == 0)
                {
                    fence = null;
                }
                else
                {
                    yield return new MarkdownCode(file, i + 1, lines[i], MarkdownCodeKind.FencedLine, info);
                }

                prose.Append('\n');
                continue;
            }

            prose.Append(lines[i]).Append('\n');
        }

        // The prose keeps the file's lines (fenced lines blanked), so its offsets give the lines.
        var text = new MarkdownFile(file.Path, prose.ToString());
        foreach (Match span in InlineCode().Matches(text.Text))
        {
            yield return new MarkdownCode(file, text.LineOf(span.Index), span.Groups["code"].Value.Replace('\n', ' '), MarkdownCodeKind.Inline);
        }

        foreach (Match link in LinkTarget().Matches(InlineCode().Replace(text.Text, m => new string(' ', m.Length))))
        {
            yield return new MarkdownCode(file, text.LineOf(link.Index), link.Groups["target"].Value, MarkdownCodeKind.Link);
        }
    }

    /// <summary>Gets the fenced block's text that follows a heading line, for the documents that quote a program's output.</summary>
    /// <param name="file">The file.</param>
    /// <param name="after">Text on a line before the block (the first line holding it is taken).</param>
    /// <returns>The block's lines and the line the block starts on.</returns>
    public static (IReadOnlyList<string> Lines, int Line) BlockAfter(MarkdownFile file, string after)
    {
        ArgumentNullException.ThrowIfNull(file);
        var start = file.Text.IndexOf(after, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"{file.Path} no longer says '{after}': update the test that reads the block after it");
        var line = file.LineOf(start);
        var block = Code(file).Where(c => c.Kind == MarkdownCodeKind.FencedLine && c.Line > line).ToList();
        Assert.That(block, Is.Not.Empty, $"{file.At(line)}: no code block after '{after}'");
        var first = block[0].Line;
        var lines = block.TakeWhile((c, i) => c.Line == first + i).Select(c => c.Text).ToList();
        return (lines, first);
    }

    /// <summary>The repository's folders, from its root down, leaving out <see cref="SkippedFolders"/> and hidden ones.</summary>
    private static IEnumerable<string> Folders(string folder)
    {
        yield return folder;
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(child);
            if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
            {
                foreach (var below in Folders(child))
                {
                    yield return below;
                }
            }
        }
    }

    private static string FromRoot(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    [GeneratedRegex("(?<!`)`(?<code>[^`]+)`(?!`)")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();
}
