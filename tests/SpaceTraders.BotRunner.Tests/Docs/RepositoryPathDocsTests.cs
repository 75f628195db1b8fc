using System.Text.RegularExpressions;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Docs;

/// <summary>
/// Every repository path the markdown names in code or in a link (<c>src/...</c>, <c>tests/...</c>, <c>plugins/...</c>,
/// <c>benchmarks/...</c>, <c>docs/...</c>, <c>eng/...</c>, <c>samples/...</c>, <c>.ci/...</c>) exists. A placeholder
/// (<c>&lt;Name&gt;</c>, <c>{symbol}</c>) or a wildcard (<c>*</c>) in a path must match something.
/// </summary>
[TestFixture]
public sealed partial class RepositoryPathDocsTests
{
    /// <summary>
    /// Paths named on purpose though they are not in the repository, each with why. Build outputs (artifacts/), packed
    /// packages (packages/) and a user's own files (out.json, pg.json) do not start with a repository folder, so they
    /// need no entry.
    /// </summary>
    private static readonly (string Prefix, string Why)[] Allowed =
    [
        ("src/SpaceTraders.Runtime.Sqlite/", "docs/architecture.md, \"Adding a store backend\": the project a contributor would create"),
        ("plugins/Frozen/SpaceTraders.Plugins.Piloting.V2", "docs/plugins.md: the copy to make when a frozen library needs a change"),
        ("docs/research/", "docs/api/FACTS.md cites files of another repository (github.com/bturney/spacetraders)"),
    ];

    [Test]
    public void Every_path_the_docs_name_exists()
    {
        var files = MarkdownDocs.Files();
        var missing = new List<string>();
        var seen = 0;
        foreach (var code in files.SelectMany(MarkdownDocs.Code))
        {
            foreach (var path in PathsIn(code))
            {
                seen++;
                if (!Exists(path) && !Allowed.Any(a => path.StartsWith(a.Prefix, StringComparison.Ordinal)))
                {
                    missing.Add($"{code.At}: '{path}' does not exist: correct the path (or, for a path named on purpose, add it to {nameof(RepositoryPathDocsTests)}.{nameof(Allowed)} with why)");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(f => f.Path), Does.Contain("README.md").And.Contain("docs/plugins.md").And.Contain("benchmarks/results/cpr.md"));
            Assert.That(seen, Is.GreaterThan(150), "the paths are found: over 200 when this test was written");
            Assert.That(missing, Is.Empty, () => string.Join(Environment.NewLine, missing));
        });
    }

    [Test]
    public void Every_allowed_path_is_still_named_and_still_missing()
    {
        var named = MarkdownDocs.Files().SelectMany(MarkdownDocs.Code).SelectMany(PathsIn).ToList();
        foreach (var (prefix, why) in Allowed)
        {
            Assert.That(named.Any(p => p.StartsWith(prefix, StringComparison.Ordinal)), Is.True, $"{prefix} ({why}) is no longer named: remove it from the list");
            Assert.That(Exists(prefix.TrimEnd('/')), Is.False, $"{prefix} ({why}) exists now: remove it from the list");
        }
    }

    [TestCase("see `src/SpaceTraders.Sdk/README.md`.", "src/SpaceTraders.Sdk/README.md", true)]
    [TestCase("`plugins/<Name>/`", "plugins/<Name>/", true)]
    [TestCase("`tests/Fixtures/Sample/*.cs`", "tests/Fixtures/Sample/*.cs", true)]
    [TestCase("`src/SpaceTraders.Sdk/Http/NoSuchHandler.cs`", "src/SpaceTraders.Sdk/Http/NoSuchHandler.cs", false)]
    [TestCase("`plugins/*/NoSuch.csproj`", "plugins/*/NoSuch.csproj", false)]
    public void A_path_is_found_in_code_and_checked(string markdown, string path, bool exists)
    {
        var file = new MarkdownFile("x.md", markdown);
        var found = MarkdownDocs.Code(file).SelectMany(PathsIn).ToList();

        Assert.That(found, Is.EqualTo(new[] { path }));
        Assert.That(Exists(path), Is.EqualTo(exists));
    }

    [Test]
    public void A_relative_link_is_read_from_the_file_s_folder()
    {
        var file = new MarkdownFile("src/SpaceTraders.Sdk/README.md", "[plugins](../../docs/plugins.md#releasing) [gone](../../docs/gone.md) [web](https://spacetraders.io) [here](#packages)");

        Assert.That(MarkdownDocs.Code(file).SelectMany(PathsIn), Is.EqualTo(new[] { "docs/plugins.md", "docs/gone.md" }));
    }

    /// <summary>The repository paths a piece of code names, or a link's target as a path from the root.</summary>
    private static IEnumerable<string> PathsIn(MarkdownCode code)
    {
        if (code.Kind == MarkdownCodeKind.Link)
        {
            var target = code.Text.Split('#')[0];
            if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                yield break;
            }

            var folder = Path.GetDirectoryName(code.File.Path) ?? string.Empty;
            yield return Path.GetRelativePath(MarkdownDocs.RepositoryRoot, Path.GetFullPath(Path.Combine(MarkdownDocs.RepositoryRoot, folder, Uri.UnescapeDataString(target)))).Replace('\\', '/');
            yield break;
        }

        foreach (Match match in RepositoryPath().Matches(code.Text))
        {
            yield return match.Value.TrimEnd('.');
        }
    }

    /// <summary>Whether the path exists; a segment with a placeholder or a wildcard must match an entry of its folder.</summary>
    private static bool Exists(string path)
    {
        var candidates = new List<string> { MarkdownDocs.RepositoryRoot };
        foreach (var segment in path.TrimEnd('/').Split('/'))
        {
            if (!Wildcard().IsMatch(segment))
            {
                candidates = [.. candidates.Select(c => Path.Combine(c, segment)).Where(c => File.Exists(c) || Directory.Exists(c))];
                continue;
            }

            var pattern = new Regex("^" + string.Concat(Wildcard().Split(segment).Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : ".+")) + "$");
            candidates = [.. candidates.Where(Directory.Exists).SelectMany(Directory.EnumerateFileSystemEntries).Where(e => pattern.IsMatch(Path.GetFileName(e)))];
        }

        return candidates.Count > 0;
    }

    [GeneratedRegex(@"(?<![\w./\-<>])(?:\.ci|src|tests|plugins|benchmarks|docs|eng|samples)/[^\s`'""(),;:\[\]|]*")]
    private static partial Regex RepositoryPath();

    /// <summary>A placeholder or a wildcard in a path's segment: <c>&lt;Name&gt;</c>, <c>{symbol}</c>, <c>*</c>.</summary>
    [GeneratedRegex(@"(<[^<>]+>|\{[^{}]+\}|\*)")]
    private static partial Regex Wildcard();
}
