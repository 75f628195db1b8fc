using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SpaceTraders.Plugins.Tests.Frozen;

/// <summary>
/// A frozen library (<c>plugins/Frozen/*</c>) never changes, and the released weeks use it rather than the SDK's live
/// piloting: the hash of each library's source files is pinned here, and the weeks' sources are checked for what they
/// use from outside themselves.
/// </summary>
[TestFixture]
public sealed partial class FrozenLibraryTests
{
    /// <summary>
    /// The SHA-256 of every frozen library's source files (see <see cref="SourceHash"/>). A new version adds its line; a
    /// line never changes.
    /// </summary>
    private static readonly Dictionary<string, string> PinnedHashes = new(StringComparer.Ordinal)
    {
        ["SpaceTraders.Plugins.Piloting.V1"] = "bf74d1d16d239e149f424920df4365dcf58744b4d7925f5df54f87ce93bcf9fe",
    };

    /// <summary>The released weeks and the frozen library each one flies with.</summary>
    private static readonly Dictionary<string, string> ReleasedWeeks = new(StringComparer.Ordinal)
    {
        ["SpaceTraders.Plugins.Week02"] = "SpaceTraders.Plugins.Piloting.V1",
        ["SpaceTraders.Plugins.Week04"] = "SpaceTraders.Plugins.Piloting.V1",
        ["SpaceTraders.Plugins.Week07"] = "SpaceTraders.Plugins.Piloting.V1",
        ["SpaceTraders.Plugins.Week10"] = "SpaceTraders.Plugins.Piloting.V1",
    };

    private static string RepositoryRoot =>
        typeof(FrozenLibraryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static string FrozenFolder => Path.Combine(RepositoryRoot, "plugins", "Frozen");

    private static IEnumerable<string> Libraries => PinnedHashes.Keys;

    private static IEnumerable<string> Weeks => ReleasedWeeks.Keys;

    [Test]
    public void Every_frozen_library_is_pinned()
    {
        var folders = Directory.GetDirectories(FrozenFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.That(folders, Is.EquivalentTo(PinnedHashes.Keys), $"Each folder under {FrozenFolder} is a frozen library whose hash is pinned in {nameof(PinnedHashes)}.");
    }

    [TestCaseSource(nameof(Libraries))]
    public void A_frozen_library_never_changes(string library)
    {
        var hash = SourceHash(Path.Combine(FrozenFolder, library));

        Assert.That(hash, Is.EqualTo(PinnedHashes[library]),
            $"{library} changed. A frozen library never changes: copy it to the next version (V2, namespace included), change the copy, "
            + $"and move the weeks you mean to change to it (docs/plugins.md, section 6). Its hash now: {hash}");
    }

    [TestCaseSource(nameof(Weeks))]
    public void A_released_week_flies_with_its_frozen_library_not_the_sdk_pilot(string week)
    {
        var folder = Path.Combine(RepositoryRoot, "plugins", week);
        var project = File.ReadAllText(Path.Combine(folder, week + ".csproj"));
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);

        Assert.Multiple(() =>
        {
            Assert.That(project, Does.Contain($@"..\Frozen\{ReleasedWeeks[week]}\{ReleasedWeeks[week]}.csproj"), $"{week} references its frozen library.");
            foreach (var (file, text) in sources)
            {
                Assert.That(text, Does.Not.Contain("SpaceTraders.Sdk.Piloting"), $"{week}/{file} uses the SDK's live piloting; a released week uses its frozen library.");
                foreach (Match call in ClientCall().Matches(text))
                {
                    Assert.That(call.Value, Does.Contain("EndpointPriorities."),
                        $"{week}/{file}: a direct client call without an explicit priority follows the SDK's defaults: {call.Value}");
                }
            }
        });
    }

    /// <summary>
    /// The hash of a library's source files: every <c>*.cs</c> and <c>*.csproj</c> under its folder (READMEs may be
    /// corrected), in ordinal order of their relative paths, each as its path, a line feed, its text with line feeds only,
    /// and a line feed.
    /// </summary>
    private static string SourceHash(string folder)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var (path, full) in files)
        {
            text.Append(path).Append('\n').Append(File.ReadAllText(full).Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A call of the client's API areas, up to the end of its argument list's line.</summary>
    [GeneratedRegex(@"\.Client\.(?:Fleet|Systems|Contracts|Agents|Factions|Accounts|Data|Global)\.\w+Async\([^\n]*")]
    private static partial Regex ClientCall();
}
