using System.Globalization;
using System.Runtime.InteropServices;
using SpaceTraders.Fixtures.NodeHost;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Sdk;

// Arguments: --url <simulator base address> --node <id> --lease <seconds> [--max-ships <n>] [--poll <seconds>].
// The agent token and the connection string come from the environment (NODEHOST_TOKEN, NODEHOST_POSTGRES): never
// on a command line other processes can read.
var settings = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    settings[args[i].TrimStart('-')] = args[i + 1];
}

string Required(string name) => settings.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
var token = Environment.GetEnvironmentVariable("NODEHOST_TOKEN") ?? throw new ArgumentException("NODEHOST_TOKEN is required.");
var postgres = Environment.GetEnvironmentVariable("NODEHOST_POSTGRES") ?? throw new ArgumentException("NODEHOST_POSTGRES is required.");

using var stop = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var store = new PostgresStore(new PostgresStoreOptions
{
    ConnectionString = postgres,
    RetryBaseDelay = TimeSpan.FromMilliseconds(50),
    RetryMaxDelay = TimeSpan.FromMilliseconds(500),
});
await store.InitializeAsync(stop.Token);

var options = new RuntimeOptions
{
    Clock = TimeProvider.System,
    NodeId = Required("node"),
    Store = store,
    LeaseDuration = TimeSpan.FromSeconds(double.Parse(Required("lease"), CultureInfo.InvariantCulture)),
    MaxShips = settings.TryGetValue("max-ships", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : int.MaxValue,
    Conductor = new StrategyRef(HostStrategies.Conductor),
    ConductorParameters = StrategyParameters.Parse("poll=" + (settings.TryGetValue("poll", out var poll) ? poll : "2")),
    FleetRefreshInterval = TimeSpan.Zero,
};
options.Plugins.Add(new HostStrategies());
options.Agents.Add(new SpaceTradersClientOptions { Token = token, BaseAddress = new Uri(Required("url")) });

await using var runtime = new FleetRuntime(options);
var run = runtime.RunAsync(stop.Token);
while (!run.IsCompleted && runtime.Status != RuntimeStatus.Running)
{
    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
}

// The test waits for this line before it looks at the database.
Console.WriteLine("RUNNING " + options.NodeId);
await run;
Console.WriteLine("STOPPED " + options.NodeId);
return 0;
