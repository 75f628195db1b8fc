using BenchmarkDotNet.Running;
using SpaceTraders.Benchmarks.CommandLine;

// Custom runs (virtual-time workloads that report game figures) are named commands, parsed by System.CommandLine
// (`-- --help` lists them); anything else goes to BenchmarkDotNet's switcher, e.g. `-- --filter *Limiter*`.
if (BenchmarkCli.Takes(args))
{
    return await BenchmarkCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkCli).Assembly).Run(args);
return 0;
