using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Hosting;

// dotnet run --project src/SpaceTraders.Simulator -- --urls http://127.0.0.1:5800 --seed 42 [--time-scale 1]
//     [--rate-limit on|off] [--faults none|flaky|chaos|slow|drop-after|reorder] [--account-token <token>] [--luck shared|per-ship]
//     [--reset-every <time>] [--omit-field <Schema.property>]...   (--help lists them)
if (SimulatorCommandLine.Parse(args, Console.Out, Console.Error, out var start) is { } exitCode)
{
    return exitCode;
}

try
{
    var simulation = new Simulation(start!.Options);
    var server = await simulation.StartHttpServerAsync(start.Url, CancellationToken.None).ConfigureAwait(false);
    await using (server.ConfigureAwait(false))
    {
        Console.WriteLine(start.ListeningLine(server.BaseAddress));
        await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
    }

    Console.WriteLine($"Simulator stopped: {simulation.Stats}");
    return 0;
}
catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or IOException)
{
    // A URL Kestrel cannot bind, a port in use: say so without a stack trace.
    Console.Error.WriteLine(ex.Message);
    return SimulatorCommandLine.UsageError;
}
