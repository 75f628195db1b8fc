using System.IO.Compression;
using System.Text.RegularExpressions;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Testing;

namespace SpaceTraders.Sdk.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> produces a package with its README, XML docs and symbols, and a fresh console project
/// can add it from a local folder and build against <see cref="SpaceTradersClient"/>.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = ScratchFolder.Create("spacetraders-package-test-");

    [TearDown]
    public void DeleteWorkFolder() => ScratchFolder.Release(_work);

    [Test]
    [CancelAfter(300_000)]
    public async Task A_fresh_console_project_adds_the_package_from_a_folder_and_builds(CancellationToken cancellationToken)
    {
        var feed = Path.Combine(_work, "feed");
        var project = Path.Combine(RepositoryPaths.Root(), "src", "SpaceTraders.Sdk");
        var pack = await RunAsync(_work, cancellationToken, "pack", project, "-c", "Release", "-o", feed, "-p:ArtifactsPath=" + Path.Combine(_work, "artifacts"), "-nodeReuse:false");
        Assert.That(Regex.IsMatch(pack, @"\bwarning [A-Z]+[0-9]+"), Is.False, $"pack reported warnings (SourceLink, deterministic build, docs):\n{pack}");

        var package = Directory.GetFiles(feed, "SpaceTraders.Sdk.*.nupkg").Single();
        var symbols = Directory.GetFiles(feed, "SpaceTraders.Sdk.*.snupkg").Single();
        Assert.That(Path.GetFileName(symbols), Is.EqualTo(Path.GetFileNameWithoutExtension(package) + ".snupkg"));
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.That(entries, Does.Contain("README.md"));
            Assert.That(entries, Does.Contain("lib/net10.0/SpaceTraders.Sdk.dll"));
            Assert.That(entries, Does.Contain("lib/net10.0/SpaceTraders.Sdk.xml"));
            using var nuspec = new StreamReader(archive.GetEntry("SpaceTraders.Sdk.nuspec")!.Open());
            var manifest = await nuspec.ReadToEndAsync(cancellationToken);
            Assert.That(manifest, Does.Contain("<readme>README.md</readme>"));
        }

        using (var archive = ZipFile.OpenRead(symbols))
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/SpaceTraders.Sdk.pdb"));
        }

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        await RunAsync(consumer, cancellationToken, "new", "console", "--name", "Consumer", "--output", consumer, "--framework", "net10.0");
        await RunAsync(consumer, cancellationToken, "add", "package", "SpaceTraders.Sdk", "--source", feed);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using SpaceTraders.Sdk;
            using SpaceTraders.Sdk.Errors;
            using SpaceTraders.Sdk.Models;

            using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = "not-a-real-token" });
            Console.WriteLine($"{client.Options.BaseAddress} {TradeSymbol.IronOre} {ErrorCodes.CooldownConflict} {client.Fleet is not null}");
            """, cancellationToken);
        await RunAsync(consumer, cancellationToken, "build", "-nodeReuse:false");
        var output = await RunAsync(consumer, cancellationToken, "run", "--no-build");

        Assert.That(output, Does.Contain("https://api.spacetraders.io/v2/ IRON_ORE 4000 True"));
    }

    /// <summary>Runs the dotnet CLI isolated from this repository's build (its own package folder and output).</summary>
    private async Task<string> RunAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        // The consumer restores into a private folder, so a stale SpaceTraders.Sdk of the same version in
        // the machine's cache can never stand in for the package just built; the machine's cache is only a
        // fallback for the SDK's dependencies.
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["NUGET_FALLBACK_PACKAGES"] = MachinePackageFolder(),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        var (exitCode, text) = await DotnetCli.RunAsync(directory, arguments, environment, timeout.Token);
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{text}");
        return text;
    }

    private static string MachinePackageFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
