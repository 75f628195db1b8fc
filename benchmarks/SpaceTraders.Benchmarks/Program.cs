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

    return await command(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkCommands).Assembly).Run(args);
return 0;
