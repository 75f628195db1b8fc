using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

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
    public void CreateWorkFolder()
    {
        _work = Path.Combine(Path.GetTempPath(), "spacetraders-package-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void DeleteWorkFolder()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(_work, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Kept {_work} for inspection.");
        }
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task A_fresh_console_project_adds_the_package_from_a_folder_and_builds(CancellationToken cancellationToken)
    {
        var feed = Path.Combine(_work, "feed");
        var project = Path.Combine(RepositoryRoot(), "src", "SpaceTraders.Sdk");
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
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ArtifactsPath");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        // The consumer restores into a private folder, so a stale SpaceTraders.Sdk of the same version in
        // the machine's cache can never stand in for the package just built; the machine's cache is only a
        // fallback for the SDK's dependencies.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "packages");
        start.Environment["NUGET_FALLBACK_PACKAGES"] = MachinePackageFolder();

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        var text = output.ToString();
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{text}");
        return text;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string MachinePackageFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        // The tests may be built outside the repository (ArtifactsPath): look from the working directory,
        // then from where this file was compiled.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), Path.GetDirectoryName(SourcePath())! })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (the folder of Sdk.sln) was not found.");
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
