using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Testing;

namespace SpaceTraders.Sdk.Tests.PublicApi;

/// <summary>
/// The build fails on an undeclared public API change. A tiny library built with this repository's own
/// <c>Directory.Build.props</c> and <c>Directory.Packages.props</c> (TreatWarningsAsErrors, the pinned
/// PublicApiAnalyzers), wired like the SDK and the abstractions, gets a member its baseline lacks and loses one its
/// baseline lists: <c>dotnet build</c> must fail with RS0016 and RS0017 and nothing else. The packages come from the
/// machine's NuGet cache the solution's restore filled, so the build needs no network.
/// </summary>
[TestFixture]
[Category("PublicApi")]
[NonParallelizable]
public sealed class PublicApiEnforcementTests
{
    private const string Analyzer = "Microsoft.CodeAnalysis.PublicApiAnalyzers";
    private static readonly string[] TrackedProjects = ["src/SpaceTraders.Sdk", "src/SpaceTraders.Runtime.Abstractions"];

    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = ScratchFolder.Create("spacetraders-public-api-test-");

    [TearDown]
    public void DeleteWorkFolder() => ScratchFolder.Release(_work);

    [Test]
    public void The_SDK_and_the_abstractions_reference_the_analyzer_and_have_both_baselines()
    {
        var root = RepositoryPaths.Root();
        Assert.Multiple(() =>
        {
            foreach (var project in TrackedProjects)
            {
                var directory = Path.Combine(root, project);
                var csproj = XDocument.Load(Directory.GetFiles(directory, "*.csproj").Single());
                var references = csproj.Descendants("PackageReference").Select(r => (string?)r.Attribute("Include"));
                Assert.That(references, Does.Contain(Analyzer), $"{project} must reference {Analyzer} (docs/public-api.md)");
                foreach (var baseline in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
                {
                    var path = Path.Combine(directory, baseline);
                    Assert.That(File.Exists(path), Is.True, $"{path} is missing");
                    if (File.Exists(path))
                    {
                        Assert.That(File.ReadLines(path).FirstOrDefault(), Is.EqualTo("#nullable enable"), $"{path} must start with '#nullable enable' so that nullability is tracked");
                    }
                }
            }
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Building_a_library_whose_public_API_differs_from_its_baseline_fails_with_RS0016_and_RS0017(CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.Root();
        var project = Path.Combine(_work, "Probe");
        Directory.CreateDirectory(project);

        // The repository's settings apply as they do to src/: imported, with the output kept in the work folder.
        await File.WriteAllTextAsync(Path.Combine(_work, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <ArtifactsPath>{Path.Combine(_work, "artifacts")}</ArtifactsPath>
              </PropertyGroup>
              <Import Project="{Path.Combine(root, "Directory.Build.props")}" />
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_work, "Directory.Packages.props"), $"""
            <Project>
              <Import Project="{Path.Combine(root, "Directory.Packages.props")}" />
            </Project>
            """, cancellationToken);
        File.Copy(Path.Combine(root, "global.json"), Path.Combine(_work, "global.json"));
        File.Copy(Path.Combine(root, "nuget.config"), Path.Combine(_work, "nuget.config"));

        await File.WriteAllTextAsync(Path.Combine(project, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="{Analyzer}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "Cargo.cs"), """
            namespace Probe;

            /// <summary>A ship's hold.</summary>
            public sealed class Cargo
            {
                /// <summary>Gets or sets the units held.</summary>
                public int Units { get; set; }

                /// <summary>Gets or sets the hold's capacity: public, and missing from the baseline.</summary>
                public int Capacity { get; set; }
            }
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "PublicAPI.Shipped.txt"), """
            #nullable enable
            Probe.Cargo
            Probe.Cargo.Cargo() -> void
            Probe.Cargo.Units.get -> int
            Probe.Cargo.Units.set -> void
            Probe.Cargo.Jettison() -> void

            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "PublicAPI.Unshipped.txt"), "#nullable enable\n", cancellationToken);

        var (exitCode, output) = await BuildAsync(project, cancellationToken);

        var errors = Regex.Matches(output, @"error (?<code>[A-Z]+[0-9]+): (?<message>[^\r\n]*)")
            .Select(m => (Code: m.Groups["code"].Value, Message: m.Groups["message"].Value))
            .Distinct()
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero, $"the build passed with public API missing from its baseline:\n{output}");
            Assert.That(errors.Select(e => e.Code).Distinct(), Is.EquivalentTo(new[] { "RS0016", "RS0017" }), $"expected RS0016 and RS0017 only:\n{output}");
            Assert.That(errors.Where(e => e.Code == "RS0016").Select(e => e.Message), Has.Some.Contains("Capacity"), output);
            Assert.That(errors.Where(e => e.Code == "RS0017").Select(e => e.Message), Has.Some.Contains("Probe.Cargo.Jettison() -> void"), output);
            Assert.That(errors.Where(e => e.Code == "RS0016").Select(e => e.Message), Has.None.Contains("Units"), "a declared member was reported");
        });
    }

    // No build servers (MSBuild nodes, the compiler server) outlive the test.
    private static Task<(int ExitCode, string Output)> BuildAsync(string directory, CancellationToken cancellationToken)
        => DotnetCli.RunAsync(directory, ["build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false", "-clp:NoSummary"], null, cancellationToken);
}
