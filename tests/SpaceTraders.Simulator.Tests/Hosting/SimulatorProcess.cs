using System.Diagnostics;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>
/// The simulator's command-line program run as a child process: the built <c>SpaceTraders.Simulator.dll</c> next to the
/// tests, or the one <c>SPACETRADERS_SIMULATOR_DLL</c> names (to run the server tests against another build, for example
/// to show that an older one fails them).
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    /// <summary>The environment variable naming another build of the program to run.</summary>
    public const string ProgramVariable = "SPACETRADERS_SIMULATOR_DLL";

    private const string ListeningPrefix = "Simulator listening on ";

    private SimulatorProcess(Process process, string listeningLine)
    {
        Process = process;
        ListeningLine = listeningLine;
        BaseAddress = new Uri(listeningLine[ListeningPrefix.Length..].Split(' ')[0]);
    }

    public Process Process { get; }

    public string ListeningLine { get; }

    public Uri BaseAddress { get; }

    /// <summary>Gets the process's peak working set so far (Linux: <c>VmHWM</c>), in bytes.</summary>
    public long PeakWorkingSet
    {
        get
        {
            Process.Refresh();
            return Process.PeakWorkingSet64;
        }
    }

    /// <summary>Gets the process's working set now, in bytes.</summary>
    public long WorkingSet
    {
        get
        {
            Process.Refresh();
            return Process.WorkingSet64;
        }
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var program = Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } other
            ? other
            : Path.Combine(TestContext.CurrentContext.TestDirectory, "SpaceTraders.Simulator.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Starts the program on a free loopback port and waits until it listens.</summary>
    public static async Task<SimulatorProcess> StartAsync(params string[] args)
    {
        var process = Process.Start(StartInfo(["--urls", "http://127.0.0.1:0", .. args]))!;
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(startup.Token);
            }
            while (line is not null && !line.StartsWith(ListeningPrefix, StringComparison.Ordinal));

            if (line is null)
            {
                Assert.Fail("The program ended before listening: " + await process.StandardError.ReadToEndAsync());
            }

            return new SimulatorProcess(process, line!);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}
