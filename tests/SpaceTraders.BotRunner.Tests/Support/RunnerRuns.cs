using System.Reflection;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.Simulator;

namespace SpaceTraders.BotRunner.Tests.Support;

/// <summary>What one run of the runner did.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Report">The report read back from its file, when one was written.</param>
/// <param name="ReportJson">The report's text, or empty.</param>
/// <param name="Output">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
internal sealed record RunnerResult(int ExitCode, RunReport? Report, string ReportJson, string Output, string Error)
{
    /// <summary>Gets standard output and error together, for assertion messages.</summary>
    public string All => Output + Error;
}

/// <summary>Runs the runner's program (command line, settings, checks, Generic Host) in the test process, as the executable would.</summary>
internal static class RunnerRuns
{
    /// <summary>Gets the folder of fixture plugins copied next to the tests (the runner's default plugin folder here).</summary>
    public static string FixturePlugins => Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>Gets the runner's own build output folder (with its plugins/ folder), in the same configuration as the tests.</summary>
    public static string RunnerOutput => Path.Combine(Metadata("ArtifactsPath"), "bin", "SpaceTraders.BotRunner", Path.GetFileName(TestContext.CurrentContext.TestDirectory.TrimEnd(Path.DirectorySeparatorChar)));

    /// <summary>Gets the strategy plugins built with the runner (week02 ... week10, market-scout).</summary>
    public static string RunnerPlugins => Path.Combine(RunnerOutput, "plugins");

    /// <summary>Runs <paramref name="args"/> quietly with a report in a temporary file, in a temporary current folder.</summary>
    /// <param name="args">The arguments, without <c>--report</c> and <c>--quiet</c>.</param>
    /// <param name="cancellationToken">Stops the run as Ctrl+C would.</param>
    /// <param name="view">The view; <see cref="QuietView"/> when <see langword="null"/>.</param>
    /// <param name="environment">The environment variables; none when <see langword="null"/>.</param>
    /// <param name="settingsJson">The text of an appsettings.json put in the current folder, if any.</param>
    /// <param name="configureSimulation">A change to the built-in simulator's options (fields omitted, say), if any.</param>
    /// <param name="wallClock">The real clock that bounds the stop; the system's when <see langword="null"/>.</param>
    /// <returns>What the run did.</returns>
    public static async Task<RunnerResult> RunAsync(string[] args, CancellationToken cancellationToken = default, RunView? view = null, IReadOnlyDictionary<string, string>? environment = null, string? settingsJson = null, Action<SimulationOptions>? configureSimulation = null, TimeProvider? wallClock = null)
    {
        var folder = Directory.CreateTempSubdirectory("runner-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "out.json");
            if (settingsJson is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), settingsJson, CancellationToken.None);
            }

            var result = await ExecuteAsync([.. args, "--quiet", "--report", path], folder, cancellationToken, view, environment, configureSimulation, wallClock: wallClock);
            var json = File.Exists(path) ? await File.ReadAllTextAsync(path, CancellationToken.None) : string.Empty;
            return result with { Report = json.Length > 0 ? RunReport.FromJson(json) : null, ReportJson = json };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the program with exactly these arguments in <paramref name="currentDirectory"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="currentDirectory">The current folder (where appsettings.json is looked for).</param>
    /// <param name="cancellationToken">Stops the run as Ctrl+C would.</param>
    /// <param name="view">The view; <see cref="QuietView"/> when <see langword="null"/>.</param>
    /// <param name="environment">
    /// The environment variables; none when <see langword="null"/>. Unless they say something of the dashboard,
    /// <c>SPACETRADERS_NO_DASHBOARD=true</c> is added: a test that wants the dashboard asks for it (on a free port), and no
    /// test takes the default port 5080 (another test, or a runner of the machine's, may hold it).
    /// </param>
    /// <param name="configureSimulation">A change to the built-in simulator's options, if any.</param>
    /// <param name="output">Standard output, to watch it while the runner runs; a new one when <see langword="null"/>.</param>
    /// <param name="wallClock">The real clock that bounds the stop; the system's when <see langword="null"/>.</param>
    /// <returns>The exit code and the console's text (no report read).</returns>
    public static async Task<RunnerResult> ExecuteAsync(string[] args, string currentDirectory, CancellationToken cancellationToken = default, RunView? view = null, IReadOnlyDictionary<string, string>? environment = null, Action<SimulationOptions>? configureSimulation = null, ConsoleCapture? output = null, TimeProvider? wallClock = null)
    {
        output ??= new ConsoleCapture();
        using var error = new ConsoleCapture();
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (!variables.Keys.Any(k => k.StartsWith("SPACETRADERS_DASHBOARD", StringComparison.OrdinalIgnoreCase) || k.Equals(NoDashboardVariable, StringComparison.OrdinalIgnoreCase)))
        {
            variables[NoDashboardVariable] = "true";
        }

        var runner = new RunnerEnvironment(args, variables, TestContext.CurrentContext.TestDirectory, currentDirectory, output, error)
        {
            ViewOverride = _ => view ?? new QuietView(),
            ConfigureSimulation = configureSimulation,
            WallClock = wallClock,
        };
        var code = await RunnerProgram.RunAsync(runner, cancellationToken);
        return new RunnerResult(code, null, string.Empty, output.ToString(), error.ToString());
    }

    /// <summary>The variable that turns the dashboard off.</summary>
    public const string NoDashboardVariable = "SPACETRADERS_NO_DASHBOARD";

    /// <summary>Gets a loopback port that was free a moment ago.</summary>
    /// <returns>The port.</returns>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Metadata(string key) =>
        typeof(RunnerRuns).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}
