using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Packaging;

/// <summary>
/// The toolkit is usable from a bot's own repository: <c>dotnet pack</c> makes a package of every library a user
/// references (with its README, XML docs and the right dependencies: the abstractions on the SDK package, the dashboard
/// on no database driver), and a plugin project outside this repository, referencing the abstractions package with
/// <c>ExcludeAssets="runtime"</c> as <c>docs/plugins.md</c> prescribes, restores and builds from them and loads in the
/// runtime's plugin loader; a host program outside it, referencing the runtime and simulator packages, plays that plugin
/// for a virtual hour. The packages are packed from this build's output (no second build), twice: as released
/// (the manifests are checked there; a stable package depending on a prerelease fails the pack) and with a prerelease
/// suffix of their own for the plugin, which restores into a private package folder (the machine's is only a fallback
/// for third-party packages), so no stale package of the same version can stand in for the ones just packed. The
/// <c>dotnet new</c> templates package is packed with them (PackageTests.Templates.cs).
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed partial class PackageTests
{
    private const string VersionSuffix = "packagetest";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Every package and the packages of this repository it must depend on, no more, no fewer.</summary>
    private static readonly Dictionary<string, string[]> Packages = new(StringComparer.Ordinal)
    {
        ["SpaceTraders.Sdk"] = [],
        ["SpaceTraders.Runtime.Abstractions"] = ["SpaceTraders.Sdk"],
        ["SpaceTraders.Runtime"] = ["SpaceTraders.Sdk", "SpaceTraders.Runtime.Abstractions"],
        ["SpaceTraders.Runtime.PostgreSql"] = ["SpaceTraders.Runtime"],
        ["SpaceTraders.Dashboard"] = ["SpaceTraders.Runtime"],
        ["SpaceTraders.Simulator"] = ["SpaceTraders.Sdk"],
    };

    private string _work = null!;
    private string _feed = null!;
    private string _testFeed = null!;
    private Task<string>? _plugins;

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        _work = ScratchFolder.Create("spacetraders-packages-test-");
        var root = Metadata("RepositoryRoot");
        File.Copy(Path.Combine(root, "nuget.config"), Path.Combine(_work, "nuget.config"));
        File.Copy(Path.Combine(root, "global.json"), Path.Combine(_work, "global.json"));
        _feed = await PackAsync("feed", null);
        _testFeed = await PackAsync("test-feed", VersionSuffix);
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder() => ScratchFolder.Release(_work);

    [Test]
    public void Every_library_is_a_package_with_its_readme_docs_and_symbols()
    {
        Assert.Multiple(() =>
        {
            foreach (var id in Packages.Keys)
            {
                var package = Path.Combine(_feed, $"{id}.{Version(_feed, id)}.nupkg");
                Assert.That(File.Exists(Path.ChangeExtension(package, ".snupkg")), Is.True, $"{id} has no symbol package");

                using var archive = ZipFile.OpenRead(package);
                var entries = archive.Entries.Select(e => e.FullName).ToList();
                Assert.That(entries, Does.Contain("README.md"), id);
                Assert.That(entries, Does.Contain($"lib/net10.0/{id}.dll"), id);
                Assert.That(entries, Does.Contain($"lib/net10.0/{id}.xml"), id);
                var metadata = Nuspec(id).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
                Assert.That(Value(metadata, "id"), Is.EqualTo(id));
                Assert.That(Value(metadata, "readme"), Is.EqualTo("README.md"), id);
                Assert.That(Value(metadata, "description"), Is.Not.Empty, id);
                Assert.That(Value(metadata, "tags"), Does.Contain("spacetraders"), id);
            }
        });
    }

    [Test]
    public void Each_package_depends_on_the_packages_of_this_repository_it_needs_at_the_same_version()
    {
        Assert.Multiple(() =>
        {
            foreach (var (id, expected) in Packages)
            {
                var ours = Dependencies(id).Where(d => d.Id.StartsWith("SpaceTraders.", StringComparison.Ordinal)).ToList();
                Assert.That(ours.Select(d => d.Id), Is.EquivalentTo(expected), $"{id}'s dependencies on this repository's packages");
                Assert.That(ours.Where(d => d.Version != Version(_feed, d.Id)), Is.Empty, $"{id} depends on another version of a package packed with it");
            }

            Assert.That(Dependencies("SpaceTraders.Runtime.PostgreSql").Select(d => d.Id), Does.Contain("Npgsql"));
        });
    }

    [Test]
    public void The_dashboard_package_brings_no_database_driver()
    {
        // The dashboard and every package of this repository it pulls in, transitively.
        var closure = new List<string>();
        var pending = new Queue<string>(["SpaceTraders.Dashboard"]);
        while (pending.TryDequeue(out var id))
        {
            if (closure.Contains(id))
            {
                continue;
            }

            closure.Add(id);
            foreach (var dependency in Dependencies(id).Where(d => Packages.ContainsKey(d.Id)))
            {
                pending.Enqueue(dependency.Id);
            }
        }

        var dependencies = closure.SelectMany(id => Dependencies(id).Select(d => (Package: id, d.Id))).ToList();
        Assert.That(closure, Does.Not.Contain("SpaceTraders.Runtime.PostgreSql"));
        Assert.That(dependencies.Where(d => d.Id.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase)), Is.Empty, "a package the dashboard brings depends on Npgsql");
    }

    [Test]
    [CancelAfter(360_000)]
    public async Task A_plugin_built_outside_the_repository_from_the_packages_loads_in_the_runtime()
    {
        var plugins = await PluginsAsync();

        using var catalog = PluginCatalog.Load([plugins], [], NullLogger.Instance);
        var result = catalog.Results.Single();
        Assert.That(result.Loaded, Is.True, result.Message);
        var behaviour = catalog.ResolveBehaviour(StrategyRef.Parse("wait@outside1"));
        var conductor = catalog.ResolveConductor(StrategyRef.Parse("everyone-waits"));
        Assert.Multiple(() =>
        {
            Assert.That(result.PluginId, Is.EqualTo("outside.strategies"));
            Assert.That(behaviour.Plugin.CreateBehaviour("wait"), Is.InstanceOf<IBehaviour>());
            Assert.That(conductor.Reference, Is.EqualTo(new StrategyRef("everyone-waits", "outside1")));
            Assert.That(conductor.Plugin.CreateConductor("everyone-waits"), Is.InstanceOf<IConductor>());
            Assert.That(behaviour.Plugin.GetType().Assembly.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("SpaceTraders.Runtime.Abstractions").And.Contain("SpaceTraders.Sdk"));
        });
    }

    [Test]
    [CancelAfter(360_000)]
    public async Task A_host_built_outside_the_repository_from_the_packages_plays_the_plugin_on_the_simulator(CancellationToken cancellationToken)
    {
        var plugins = await PluginsAsync();
        var project = Path.Combine(_work, "Outside.Host");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "Outside.Host.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpaceTraders.Runtime" Version="{Version(_testFeed, "SpaceTraders.Runtime")}" />
                <PackageReference Include="SpaceTraders.Simulator" Version="{Version(_testFeed, "SpaceTraders.Simulator")}" />
              </ItemGroup>
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using SpaceTraders.Runtime;
            using SpaceTraders.Runtime.Abstractions;
            using SpaceTraders.Runtime.Stores;
            using SpaceTraders.Sdk;
            using SpaceTraders.Sdk.Models;
            using SpaceTraders.Sdk.Timing;
            using SpaceTraders.Simulator;
            using SpaceTraders.Simulator.Timing;

            // One virtual hour of the outside plugin's conductor on an in-process simulator, its plugin loaded from args[0].
            using var clock = new VirtualClock();
            var simulation = new Simulation(new SimulationOptions { Seed = 1, Clock = clock, AccountToken = "account" });
            using var transport = simulation.CreateTransport();
            string? token = null;
            await clock.RunActorAsync("register", async ct =>
            {
                var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(
                    new SpaceTradersClientOptions { AccountToken = "account", TimeProvider = clock, Transport = transport }, "OUTSIDE", FactionSymbol.Cosmic, ct);
                using (client)
                {
                    token = registration.Token;
                }
            }, CancellationToken.None);

            var options = new RuntimeOptions { Clock = clock, Conductor = StrategyRef.Parse("everyone-waits"), StopAfter = TimeSpan.FromHours(1) };
            options.PluginDirectories.Add(args[0]);
            options.Agents.Add(new SpaceTradersClientOptions { Token = token, TimeProvider = clock, Transport = transport });
            await using var runtime = new FleetRuntime(options);
            await runtime.RunAsync(CancellationToken.None);
            foreach (var plugin in runtime.Plugins)
            {
                Console.WriteLine($"plugin {plugin.PluginId}@{plugin.Version} loaded {plugin.Loaded}");
            }

            var end = runtime.GetSnapshot().StoppedAt!.Value;
            foreach (var group in await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, end, CancellationToken.None))
            {
                Console.WriteLine($"behaviour {group.Key} sessions {group.Sessions}");
            }
            """, cancellationToken);

        var output = Path.Combine(project, "out");
        await RunAsync(project, cancellationToken, Path.Combine(_work, "packages"), "build", "-c", "Release", "-o", output, "-p:RestoreAdditionalProjectSources=" + _testFeed, "--disable-build-servers", "-nodeReuse:false");
        var played = await RunAsync(project, cancellationToken, null, Path.Combine(output, "Outside.Host.dll"), plugins);

        Assert.That(played, Does.Contain("plugin outside.strategies@outside1 loaded True"));
        Assert.That(played, Does.Match(@"behaviour wait@outside1 sessions [1-9]"));
    }

    /// <summary>
    /// Builds the outside plugin once: a project in a user's repository (this repository's nuget.config, which names no
    /// sources, so the machine's configured feeds apply; its global.json; none of its build settings) referencing the
    /// abstractions package with <c>ExcludeAssets="runtime"</c>; one behaviour, one conductor.
    /// </summary>
    /// <returns>The plugin directory holding its output folder.</returns>
    private Task<string> PluginsAsync() => _plugins ??= BuildPluginAsync();

    private async Task<string> BuildPluginAsync()
    {
        var abstractions = Version(_testFeed, "SpaceTraders.Runtime.Abstractions");
        Assert.That(abstractions, Does.EndWith("-" + VersionSuffix));
        var project = Path.Combine(_work, "Outside.Strategies");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "Outside.Strategies.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpaceTraders.Runtime.Abstractions" Version="{abstractions}" ExcludeAssets="runtime" />
              </ItemGroup>
            </Project>
            """, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(project, "OutsidePlugin.cs"), """
            using SpaceTraders.Runtime.Abstractions;
            using SpaceTraders.Sdk.Timing;

            namespace Outside.Strategies;

            public sealed class OutsidePlugin : IStrategyPlugin
            {
                public PluginManifest Manifest { get; } = new(
                    "outside.strategies",
                    "outside1",
                    PluginContract.Version,
                    [new StrategyDescriptor(Wait.Id, "Waits a minute on the clock, then reports idle.")],
                    [new StrategyDescriptor(EveryoneWaits.Id, "Assigns wait to every unassigned ship.")]);

                public IBehaviour CreateBehaviour(string behaviourId) =>
                    behaviourId == Wait.Id ? new Wait() : throw new ArgumentException($"No behaviour '{behaviourId}'.", nameof(behaviourId));

                public IConductor CreateConductor(string conductorId) =>
                    conductorId == EveryoneWaits.Id ? new EveryoneWaits() : throw new ArgumentException($"No conductor '{conductorId}'.", nameof(conductorId));
            }

            internal sealed class Wait : IBehaviour
            {
                public const string Id = "wait";

                public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
                {
                    await context.Clock.DelayAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
                    return BehaviourResult.Idle("waited for " + context.Ship.Symbol);
                }
            }

            internal sealed class EveryoneWaits : IConductor
            {
                public const string Id = "everyone-waits";

                public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        foreach (var ship in context.Ships.Where(s => s.State == FleetShipState.Unassigned))
                        {
                            context.Assign(ship.Symbol, new StrategyRef(Wait.Id));
                        }

                        await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            """, CancellationToken.None);

        var plugins = Path.Combine(_work, "plugins");
        var folder = Path.Combine(plugins, "Outside.Strategies");
        var packages = Path.Combine(_work, "packages");
        await RunAsync(project, CancellationToken.None, packages, "build", "-c", "Release", "-o", folder, "-p:RestoreAdditionalProjectSources=" + _testFeed, "--disable-build-servers", "-nodeReuse:false");

        Assert.That(Directory.Exists(Path.Combine(packages, "spacetraders.runtime.abstractions", abstractions)), Is.True, "the abstractions were not restored from the packages just packed");
        Assert.That(Directory.GetFiles(folder, "SpaceTraders.*.dll").Select(Path.GetFileName), Is.Empty, "the contract and the SDK come from the host: never next to the plugin");
        return plugins;
    }

    /// <summary>Packs every packable project from the output this test run was built with: one pack over a solution filter.</summary>
    private async Task<string> PackAsync(string name, string? versionSuffix)
    {
        var feed = Path.Combine(_work, name);
        var filter = Path.Combine(_work, name + ".slnf");
        var projects = string.Join(",\n", Packages.Keys.Select(id => $"src/{id}/{id}.csproj").Append(TemplatesProject).Select(path => $"      \"{path}\""));
        await File.WriteAllTextAsync(filter, $$"""
            {
              "solution": {
                "path": "{{Path.Combine(Metadata("RepositoryRoot"), "Sdk.sln").Replace("\\", "\\\\", StringComparison.Ordinal)}}",
                "projects": [
            {{projects}}
                ]
              }
            }
            """);
        string[] arguments = ["pack", filter, "--no-build", "-c", Metadata("Configuration"), "-p:ArtifactsPath=" + Metadata("ArtifactsPath"), "-p:PackageOutputPath=" + feed, "-nodeReuse:false"];
        var output = await RunAsync(_work, CancellationToken.None, null, versionSuffix is null ? arguments : [.. arguments, "-p:VersionSuffix=" + versionSuffix]);
        Assert.That(Regex.IsMatch(output, @"\b(warning|error) [A-Z]+[0-9]+"), Is.False, $"pack reported warnings or errors:\n{output}");
        return feed;
    }

    /// <summary>The version of the one package <paramref name="id"/> in <paramref name="feed"/>.</summary>
    private static string Version(string feed, string id)
    {
        var versions = Directory.GetFiles(feed, id + ".*.nupkg")
            .Select(f => Regex.Match(Path.GetFileName(f), "^" + Regex.Escape(id) + @"\.([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)\.nupkg$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.That(versions, Has.Count.EqualTo(1), $"{id} is not packed (IsPackable, eng/Packaging.props), or packed twice, in {feed}");
        return versions[0];
    }

    private static string Metadata(string key) =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private XDocument Nuspec(string id)
    {
        var package = Path.Combine(_feed, $"{id}.{Version(_feed, id)}.nupkg");
        using var archive = ZipFile.OpenRead(package);
        using var stream = archive.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private List<(string Id, string Version)> Dependencies(string id) =>
        [.. Nuspec(id).Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .Distinct()];

    /// <summary>Runs the dotnet CLI; with <paramref name="packages"/>, restoring into that private package folder with the machine's as a fallback.</summary>
    private static async Task<string> RunAsync(string directory, CancellationToken cancellationToken, string? packages, params string[] arguments)
    {
        var environment = packages is null
            ? null
            : new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = packages,
                ["NUGET_FALLBACK_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        var (exitCode, text) = await DotnetCli.RunAsync(directory, arguments, environment, timeout.Token);
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{text}");
        return text;
    }
}
