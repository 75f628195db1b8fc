using BenchmarkDotNet.Running;
using SpaceTraders.Benchmarks;

// Custom runs (virtual-time workloads that report game figures) are named commands; anything else goes to
// BenchmarkDotNet's switcher, e.g. `-- --filter *Limiter*`.
if (args.Length > 0 && BenchmarkCommands.TryGet(args[0], out var command))
{
    if (BenchmarkCommands.Check(args) is { } error)
    {
        await Console.Error.WriteLineAsync(error);
        return 2;
    }

    // A command with no help of its own would run (for minutes) on --help: print the options it declares instead.
    if (args.Skip(1).Any(static a => a is "--help" or "-h" or "-?") && !BenchmarkCommands.HasOwnHelp(args[0]))
    {
        Console.WriteLine($"Usage: {args[0].ToLowerInvariant()} [options]: {BenchmarkCommands.Usage(args[0])}");
        return 0;
    }

    return await command(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkCommands).Assembly).Run(args);
return 0;
