using System.Reflection;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Reporting;

namespace SpaceTraders.BotRunner.Tests.Support;

/// <summary>Runs the runner's host code in the test process from command-line arguments, as the program would.</summary>
internal static class RunnerRuns
{
    /// <summary>Gets the folder of fixture plugins copied next to the tests (the runner's default plugin folder here).</summary>
    public static string FixturePlugins => Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>Gets the runner's own build output folder (with its plugins/ folder), in the same configuration as the tests.</summary>
    public static string RunnerOutput => Path.Combine(Metadata("ArtifactsPath"), "bin", "SpaceTraders.BotRunner", Path.GetFileName(TestContext.CurrentContext.TestDirectory.TrimEnd(Path.DirectorySeparatorChar)));

    /// <summary>Parses <paramref name="args"/> (no environment variables) and runs them quietly with a report in a temporary file.</summary>
    /// <param name="args">The arguments, without <c>--report</c> and <c>--quiet</c>.</param>
    /// <param name="cancellationToken">Stops the run as Ctrl+C would.</param>
    /// <param name="view">The view; <see cref="QuietView"/> when <see langword="null"/>.</param>
    /// <returns>The outcome, the report read back from its file, and everything written to the console.</returns>
    public static async Task<(RunOutcome Outcome, RunReport? Report, string ReportJson, string Output)> RunAsync(string[] args, CancellationToken cancellationToken = default, RunView? view = null)
    {
        var folder = Directory.CreateTempSubdirectory("runner-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "out.json");
            var parsed = RunnerCommandLine.Parse([.. args, "--quiet", "--report", path], _ => null);
            Assert.That(parsed.Error, Is.Null);
            using var output = new StringWriter();
            var outcome = await new BotRun(parsed.Options!, output, view ?? new QuietView()).RunAsync(cancellationToken);
            var json = File.Exists(path) ? await File.ReadAllTextAsync(path, CancellationToken.None) : string.Empty;
            return (outcome, json.Length > 0 ? RunReport.FromJson(json) : null, json, output.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Metadata(string key) =>
        typeof(RunnerRuns).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}
