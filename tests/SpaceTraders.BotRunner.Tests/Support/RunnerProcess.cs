using System.Diagnostics;

namespace SpaceTraders.BotRunner.Tests.Support;

/// <summary>The built runner as a process of its own (signals, exit codes, the OTLP export).</summary>
internal static class RunnerProcess
{
    /// <summary>
    /// How to start the runner with <paramref name="arguments"/> in <paramref name="folder"/>: through the dotnet host that
    /// runs the tests, output and error redirected, and none of this shell's <c>SPACETRADERS_*</c> or <c>OTEL_*</c>
    /// variables (its settings come from the command line and what the caller adds).
    /// </summary>
    /// <param name="folder">The working directory.</param>
    /// <param name="arguments">The runner's arguments.</param>
    /// <returns>The start information.</returns>
    public static ProcessStartInfo StartInfo(string folder, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(RunnerRuns.RunnerOutput, "SpaceTraders.BotRunner.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SPACETRADERS_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        return start;
    }
}
