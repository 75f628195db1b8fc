using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;

namespace SpaceTraders.Runtime.Tests.Packaging;

/// <summary>
/// The <c>dotnet new</c> templates (<c>templates/</c>), packed with the other packages: installed into a private template
/// hive (never the machine's), each template is instantiated in the scratch folder and built from the packages just
/// packed; the plugin loads in the runtime's plugin loader and its generated tests pass.
/// </summary>
public sealed partial class PackageTests
{
    private const string TemplatesId = "SpaceTraders.Templates";
    private const string TemplatesProject = "templates/SpaceTraders.Templates.csproj";

    private Task<string>? _hive;

    [Test]
    public void The_templates_package_holds_both_templates_referencing_the_packages_of_its_version()
    {
        var version = Version(_feed, TemplatesId);
        var package = Path.Combine(_feed, $"{TemplatesId}.{version}.nupkg");
        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        var metadata = Nuspec(TemplatesId).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var projects = entries.Where(e => e.EndsWith(".csproj", StringComparison.Ordinal)).ToDictionary(e => e, e => Read(archive, e));

        Assert.Multiple(() =>
        {
            Assert.That(version, Is.EqualTo(Version(_feed, "SpaceTraders.Sdk")), "the templates share the packages' version");
            Assert.That(metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")), Is.EqualTo(new[] { "Template" }));
            Assert.That(Value(metadata, "readme"), Is.EqualTo("README.md"));
            Assert.That(entries, Does.Contain("README.md"));
            Assert.That(entries, Does.Contain("content/spacetraders-plugin/.template.config/template.json"));
            Assert.That(entries, Does.Contain("content/spacetraders-bot/.template.config/template.json"));
            Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) || e.Contains("Directory.", StringComparison.Ordinal) || e.Contains("/obj/", StringComparison.Ordinal)), Is.Empty, "no code, stop file or build output of this repository is packed");
            Assert.That(projects.Keys, Is.EquivalentTo(new[]
            {
                "content/spacetraders-plugin/MyStrategy/MyStrategy.csproj",
                "content/spacetraders-plugin/MyStrategy.Tests/MyStrategy.Tests.csproj",
                "content/spacetraders-bot/MyBot.csproj",
            }));
            foreach (var (path, text) in projects)
            {
                Assert.That(text, Does.Match($"Include=\"SpaceTraders\\.[A-Za-z.]+\" Version=\"{version.Replace(".", "\\.", StringComparison.Ordinal)}\""), path);
                Assert.That(text, Does.Not.Contain("_VERSION"), $"{path} keeps a version token the pack did not stamp");
            }
        });
    }

    [Test]
    [CancelAfter(360_000)]
    public async Task The_plugin_template_builds_from_the_packages_loads_in_the_runtime_and_its_tests_pass(CancellationToken cancellationToken)
    {
        var hive = await HiveAsync();
        var root = Path.Combine(_work, "Templated.Week");
        await RunAsync(_work, cancellationToken, null, "new", "spacetraders-plugin", "-n", "Templated.Week", "-o", root, "--debug:custom-hive", hive);
        Assert.That(Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EquivalentTo(new[] { "Templated.Week.csproj", "Templated.Week.Tests.csproj" }));

        var packages = Path.Combine(_work, "packages");
        var plugins = Path.Combine(_work, "templated-plugins");
        var built = await RunAsync(root, cancellationToken, packages, "build", "Templated.Week", "-c", "Release", "-o", Path.Combine(plugins, "Templated.Week"), "-p:RestoreAdditionalProjectSources=" + _testFeed, "--disable-build-servers", "-nodeReuse:false");
        Assert.That(CodeWarnings(built), Is.Empty, "the plugin a user starts from builds without a warning");
        Assert.That(Directory.GetFiles(Path.Combine(plugins, "Templated.Week"), "SpaceTraders.*.dll"), Is.Empty, "the contract and the SDK come from the host: never next to the plugin");

        using (var catalog = PluginCatalog.Load([plugins], [], NullLogger.Instance))
        {
            var result = catalog.Results.Single();
            Assert.That(result.Loaded, Is.True, result.Message);
            var conductor = catalog.ResolveConductor(StrategyRef.Parse("templated-week"));
            var behaviour = catalog.ResolveBehaviour(StrategyRef.Parse("templated-week-mine-and-sell"));
            Assert.Multiple(() =>
            {
                Assert.That(result.PluginId, Is.EqualTo("templated-week"));
                Assert.That(conductor.Reference, Is.EqualTo(new StrategyRef("templated-week", "v1")));
                Assert.That(conductor.Descriptor.Parameters.Select(p => (p.Name, p.DefaultValue)), Is.EqualTo(new[] { ("cycles", "1"), ("refuelBelow", "0.5") }));
                Assert.That(behaviour.Plugin.CreateBehaviour("templated-week-mine-and-sell"), Is.InstanceOf<IBehaviour>());
            });
        }

        var tested = await RunAsync(root, cancellationToken, packages, "test", "Templated.Week.Tests", "-c", "Release", "-p:RestoreAdditionalProjectSources=" + _testFeed, "-nodeReuse:false");
        Assert.That(tested, Does.Match(@"Failed:\s*0, Passed:\s*2\b"), "the generated tests ran and passed");
        Assert.That(CodeWarnings(tested), Is.Empty, "the generated tests build without a warning");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_plugin_template_leaves_the_tests_out_when_asked(CancellationToken cancellationToken)
    {
        var hive = await HiveAsync();
        var root = Path.Combine(_work, "Untested.Week");
        await RunAsync(_work, cancellationToken, null, "new", "spacetraders-plugin", "-n", "Untested.Week", "--no-tests", "-o", root, "--debug:custom-hive", hive);

        Assert.That(Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')), Is.EquivalentTo(new[]
        {
            "Untested.Week/Untested.Week.csproj",
            "Untested.Week/StrategyPlugin.cs",
            "Untested.Week/MineAndSell.cs",
            "Untested.Week/FleetConductor.cs",
        }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(root, "Untested.Week", "Untested.Week.csproj"), cancellationToken), Does.Not.Contain("InternalsVisibleTo"));
    }

    [Test]
    [CancelAfter(360_000)]
    public async Task The_bot_template_builds_from_the_sdk_package_and_leaves_out_nothing_of_the_quick_start(CancellationToken cancellationToken)
    {
        var hive = await HiveAsync();
        var root = Path.Combine(_work, "Templated.Bot");
        await RunAsync(_work, cancellationToken, null, "new", "spacetraders-bot", "-n", "Templated.Bot", "-o", root, "--debug:custom-hive", hive);
        var program = await File.ReadAllTextAsync(Path.Combine(root, "Program.cs"), cancellationToken);
        var template = await File.ReadAllTextAsync(Path.Combine(Metadata("RepositoryRoot"), "templates", "content", "spacetraders-bot", "Program.cs"), cancellationToken);
        Assert.That(program, Is.EqualTo(template));

        var output = Path.Combine(root, "out");
        var built = await RunAsync(root, cancellationToken, Path.Combine(_work, "packages"), "build", "-c", "Release", "-o", output, "-p:RestoreAdditionalProjectSources=" + _testFeed, "--disable-build-servers", "-nodeReuse:false");
        Assert.That(CodeWarnings(built), Is.Empty, "the bot a user starts from builds without a warning");
        Assert.That(File.Exists(Path.Combine(output, "Templated.Bot.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(output, "SpaceTraders.Sdk.dll")), Is.True, "the bot carries the SDK");
    }

    /// <summary>Installs the templates package of the test feed once, into a template hive of this test run's own.</summary>
    /// <returns>The hive's folder, for <c>--debug:custom-hive</c>.</returns>
    private Task<string> HiveAsync() => _hive ??= InstallTemplatesAsync();

    private async Task<string> InstallTemplatesAsync()
    {
        var hive = Path.Combine(_work, "template-hive");
        var package = Path.Combine(_testFeed, $"{TemplatesId}.{Version(_testFeed, TemplatesId)}.nupkg");
        var installed = await RunAsync(_work, CancellationToken.None, null, "new", "install", package, "--debug:custom-hive", hive);
        Assert.That(installed, Does.Contain("spacetraders-plugin").And.Contain("spacetraders-bot"));
        return hive;
    }

    /// <summary>The compiler's and the analyzers' warnings in a build's output (restore's, such as a vulnerability audit without network, are not the template's).</summary>
    private static List<string> CodeWarnings(string output) =>
        [.. output.Split('\n').Where(line => Regex.IsMatch(line, @"\bwarning (CS|CA|IDE|NUnit)[0-9]+"))];

    private static string Read(ZipArchive archive, string entry)
    {
        using var reader = new StreamReader(archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
