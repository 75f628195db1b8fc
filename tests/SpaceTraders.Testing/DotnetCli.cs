using System.Diagnostics;
using System.Text;

namespace SpaceTraders.Testing;

/// <summary>Runs the dotnet CLI from a test, outside this repository's build settings.</summary>
internal static class DotnetCli
{
    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>: no telemetry or first-run
    /// text, no MSBuild node reuse, and without this test run's <c>ArtifactsPath</c>; the process tree is killed when
    /// <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="arguments">The command line after <c>dotnet</c>.</param>
    /// <param name="environment">More environment variables, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the wait and kills the process.</param>
    /// <returns>The exit code, and standard output and error interleaved by line.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string directory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
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
}
