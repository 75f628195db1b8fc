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

    [Test]
    public void Every_path_a_project_readme_names_from_its_own_folder_exists()
    {
        var readmes = MarkdownDocs.Files().Where(IsProjectReadme).ToList();

        var named = readmes.SelectMany(f => MarkdownDocs.Code(f)).Count(IsRelativePath);
        var missing = readmes.SelectMany(MissingRelativePaths).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(readmes.Select(f => f.Path), Does.Contain("src/SpaceTraders.Simulator/Hosting/README.md").And.Contain("eng/codegen/README.md"));
            Assert.That(named, Is.GreaterThan(20), "the relative paths are found: 29 when this test was written");
            Assert.That(missing, Is.Empty, () => string.Join(Environment.NewLine, missing));
        });
    }

    [Test]
    public void A_project_readme_s_relative_path_is_read_from_its_folder_its_project_s_folder_or_a_folder_it_names()
    {
        var file = new MarkdownFile(
            "src/SpaceTraders.Simulator/Hosting/README.md",
            "`Faults/FaultInjector` `Api/ApiRoutes.MapAll` `World/` `Faults/NoSuchInjector` `Http/SpaceTradersPipeline` `dist/x.js` `GET /`\n"
            + "In `src/SpaceTraders.Sdk`: `Http/SpaceTradersPipeline`.");

        var missing = MissingRelativePaths(file).ToList();
        var withoutTheSdk = MissingRelativePaths(file with { Text = file.Text.Split('\n')[0] }).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(missing, Has.Count.EqualTo(1));
            Assert.That(missing[0], Does.StartWith("src/SpaceTraders.Simulator/Hosting/README.md:1: 'Faults/NoSuchInjector'"));
            Assert.That(withoutTheSdk, Has.Count.EqualTo(2), "the Sdk's folder, no longer named, is no longer a base");
        });
    }

    [Test]
    public void Every_path_the_architecture_and_the_benchmark_results_name_from_a_project_exists()
    {
        var documents = MarkdownDocs.Files().Where(IsProjectLayoutDocument).ToList();
        var projects = MarkdownDocs.ProjectFolders();

        var named = documents.SelectMany(f => MarkdownDocs.Code(f)).Count(IsRelativePath);
        var refused = documents.SelectMany(f => UnresolvedProjectPaths(f, projects)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(documents.Select(f => f.Path), Does.Contain("docs/architecture.md").And.Contain("benchmarks/results/week12-gate.md"));
            Assert.That(named, Is.GreaterThan(50), "the relative paths are found: 61 when this test was written");
            Assert.That(refused, Is.Empty, () => string.Join(Environment.NewLine, refused));
        });
    }

    [Test]
    public void A_layout_document_s_relative_path_is_read_from_a_project_it_names_or_the_one_project_that_has_it()
    {
        var projects = MarkdownDocs.ProjectFolders();
        var file = new MarkdownFile(
            "docs/architecture.md",
            "## SDK layout (`src/SpaceTraders.Sdk`)\n`Http/RetryHandler` `Timing/` `Models/*.g.cs`\n"
            + "`ThrottlingComparison/Workload/WorkloadWorld.cs` `Http/NoSuchHandler`\n"
            + "See `tests/SpaceTraders.Runtime.Tests/Stores/StoreContractTests.cs` and `Postgres/PostgresStoreTests`.");
        var unnamed = new MarkdownFile("benchmarks/results/x.md", "`Sdk/SdkOverheadBenchmarks` `Timing/` `Http/RetryHandler`");

        var refused = UnresolvedProjectPaths(file, projects).ToList();
        var refusedUnnamed = UnresolvedProjectPaths(unnamed, projects).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(refused, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, refused));
            Assert.That(refused[0], Does.StartWith("docs/architecture.md:3: 'Http/NoSuchHandler' is missing"));
            Assert.That(refusedUnnamed, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, refusedUnnamed));
            Assert.That(refusedUnnamed[0], Does.StartWith("benchmarks/results/x.md:1: 'Timing/' is ambiguous").And.Contain("src/SpaceTraders.Sdk").And.Contain("src/SpaceTraders.Simulator"));
        });
    }

    /// <summary>Whether a file is docs/architecture.md or a benchmark result, which name paths from the projects they describe.</summary>
    private static bool IsProjectLayoutDocument(MarkdownFile file) =>
        file.Path == "docs/architecture.md" || (file.Path.StartsWith("benchmarks/results/", StringComparison.Ordinal) && file.Path.EndsWith(".md", StringComparison.Ordinal));

    /// <summary>
    /// The relative paths a layout document names that resolve nowhere or in more than one place. A path resolves under
    /// a base the document names from the root: a folder it names (<c>src/SpaceTraders.Sdk</c>), or the project folder
    /// of any path it names (<c>tests/SpaceTraders.Runtime.Tests/Stores/StoreContractTests.cs</c> names
    /// <c>tests/SpaceTraders.Runtime.Tests</c>). Failing those, it must be under exactly one of the repository's project
    /// folders (<c>Sdk/SdkOverheadBenchmarks</c>); under none it is missing, under several it is ambiguous.
    /// </summary>
    private static IEnumerable<string> UnresolvedProjectPaths(MarkdownFile file, IReadOnlyList<string> projects)
    {
        var bases = new List<string>();
        foreach (var path in MarkdownDocs.Code(file).Where(c => c.Kind != MarkdownCodeKind.Link).SelectMany(PathsIn).Select(p => p.TrimEnd('/')).Where(p => !Wildcard().IsMatch(p)))
        {
            var full = Path.Combine(MarkdownDocs.RepositoryRoot, path);
            if (Directory.Exists(full))
            {
                bases.Add(path);
            }

            if (Directory.Exists(full) || File.Exists(full))
            {
                bases.AddRange(projects.Where(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal)));
            }
        }

        bases = [.. bases.Distinct()];
        foreach (var code in MarkdownDocs.Code(file).Where(IsRelativePath))
        {
            if (bases.Any(b => NamesFileOrType(b + "/" + code.Text)))
            {
                continue;
            }

            var holders = projects.Where(p => NamesFileOrType(p + "/" + code.Text)).ToList();
            if (holders.Count == 0)
            {
                yield return $"{code.At}: '{code.Text}' is missing: under none of the folders the document names ({string.Join(", ", bases)}) nor any project folder: correct it, or name it from the repository's root";
            }
            else if (holders.Count > 1)
            {
                yield return $"{code.At}: '{code.Text}' is ambiguous: under no folder the document names, and under {string.Join(", ", holders)}: name its project in the document, or name it from the repository's root";
            }
        }
    }

    /// <summary>Whether a file is a README below the root, whose code may name paths from its own folder.</summary>
    private static bool IsProjectReadme(MarkdownFile file) => file.Path.Contains('/', StringComparison.Ordinal) && file.Path.EndsWith("/README.md", StringComparison.Ordinal);

    /// <summary>Whether a piece of code is a path from a project's folder: <c>Faults/FaultInjector</c>, <c>World/</c>.</summary>
    private static bool IsRelativePath(MarkdownCode code) => code.Kind == MarkdownCodeKind.Inline && RelativePath().IsMatch(code.Text);

    /// <summary>
    /// The relative paths a README names that are under none of its bases: its folder, the folders up to its project's
    /// (the nearest one with a <c>.csproj</c>), and every folder it names from the root (<c>src/SpaceTraders.Sdk</c>).
    /// A path may name a source file without <c>.cs</c> (<c>Faults/FaultInjector</c>) or a member of its type
    /// (<c>Api/ApiRoutes.MapAll</c>).
    /// </summary>
    private static IEnumerable<string> MissingRelativePaths(MarkdownFile file)
    {
        var folder = Path.GetDirectoryName(file.Path)!.Replace('\\', '/');
        var bases = new List<string> { folder };
        var ancestors = new List<string>();
        for (var up = folder; !IsProjectFolder(up) && up.Contains('/', StringComparison.Ordinal);)
        {
            up = up[..up.LastIndexOf('/')];
            ancestors.Add(up);
            if (IsProjectFolder(up))
            {
                bases.AddRange(ancestors);
            }
        }

        bases.AddRange(MarkdownDocs.Code(file).Where(c => c.Kind != MarkdownCodeKind.Link).SelectMany(PathsIn)
            .Select(p => p.TrimEnd('/'))
            .Where(p => !Wildcard().IsMatch(p) && Directory.Exists(Path.Combine(MarkdownDocs.RepositoryRoot, p))));
        foreach (var code in MarkdownDocs.Code(file).Where(IsRelativePath))
        {
            if (!bases.Distinct().Any(b => NamesFileOrType(b + "/" + code.Text)))
            {
                yield return $"{code.At}: '{code.Text}' is under none of {string.Join(", ", bases.Distinct())}: correct it, or name it from the repository's root";
            }
        }
    }

    private static bool IsProjectFolder(string folder) => Directory.EnumerateFiles(Path.Combine(MarkdownDocs.RepositoryRoot, folder), "*.csproj").Any();

    /// <summary>Whether a path exists as it is, as a source file without its <c>.cs</c>, or as a type's file with a member after a dot.</summary>
    private static bool NamesFileOrType(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        var name = path[(slash + 1)..];
        return Exists(path) || Exists(path + ".cs") || (name.Contains('.', StringComparison.Ordinal) && Exists(path[..(slash + 1)] + name[..name.IndexOf('.', StringComparison.Ordinal)] + ".cs"));
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

    /// <summary>A whole code span that is a path from a project's folder: capitalised folders, no spaces (<c>Faults/FaultInjector</c>).</summary>
    [GeneratedRegex(@"^(?:[A-Z][A-Za-z0-9]*/)+[\w.<>{}*\-]*$")]
    private static partial Regex RelativePath();

    /// <summary>A placeholder or a wildcard in a path's segment: <c>&lt;Name&gt;</c>, <c>{symbol}</c>, <c>*</c>.</summary>
    [GeneratedRegex(@"(<[^<>]+>|\{[^{}]+\}|\*)")]
    private static partial Regex Wildcard();
}
