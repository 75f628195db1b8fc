using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Runtime.Tests.Support;

/// <summary>
/// The offline game for runtime tests: a virtual clock, the simulator with a fixed seed, its in-process transport, and
/// agents registered in it (optionally with extra probes bought at the nearest shipyard).
/// </summary>
internal sealed class SimulatedGame : IDisposable
{
    private const string AccountToken = "runtime-tests-account";

    private string _faults = FaultProfiles.None;

    public SimulatedGame(int seed = 7, VirtualClockOptions? clockOptions = null)
    {
        Clock = new VirtualClock(VirtualClock.DefaultStart, clockOptions);
        Simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = Clock, AccountToken = AccountToken });
        Transport = Simulation.CreateTransport();
        Start = Clock.GetUtcNow();
    }

    public VirtualClock Clock { get; }

    public Simulation Simulation { get; }

    public HttpMessageHandler Transport { get; }

    public DateTimeOffset Start { get; }

    /// <summary>Gets the path of the fixture plugins copied next to the tests.</summary>
    public static string PluginDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");

    /// <summary>Throttling for the in-process simulator: the live limits, without the latency margin.</summary>
    public static ThrottlingOptions Throttling => new() { SafetyMargin = TimeSpan.Zero };

    /// <summary>Registers an agent and buys <paramref name="probes"/> more probes; returns the options a runtime plays it with.</summary>
    public async Task<SpaceTradersClientOptions> RegisterAsync(string symbol, int probes = 0)
    {
        string? token = null;
        Simulation.Faults.UseProfile(FaultProfiles.None);
        await Clock.RunActorAsync("register " + symbol, async ct =>
        {
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = Clock, Transport = Transport, Throttling = Throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, symbol, FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                if (probes > 0)
                {
                    await BuyProbesAsync(client, registration, probes, ct);
                }
            }
        }, CancellationToken.None);
        Simulation.Faults.UseProfile(Faults);
        return ClientOptions(token!);
    }

    public SpaceTradersClientOptions ClientOptions(string token) => new() { Token = token, TimeProvider = Clock, Transport = Transport, Throttling = Throttling };

    /// <summary>Gets or sets the server's fault profile (registration and <see cref="CreditsAsync"/> run without faults).</summary>
    public string Faults
    {
        get => _faults;
        set
        {
            _faults = value;
            Simulation.Faults.UseProfile(value);
        }
    }

    /// <summary>Reads an agent's credits straight from the server, outside any runtime and without faults.</summary>
    public async Task<long> CreditsAsync(SpaceTradersClientOptions options)
    {
        long credits = 0;
        Simulation.Faults.UseProfile(FaultProfiles.None);
        try
        {
            await Clock.RunActorAsync("read credits", async ct =>
            {
                using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = options.Token, TimeProvider = Clock, Transport = Transport, Throttling = Throttling });
                credits = (await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits;
            }, CancellationToken.None);
        }
        finally
        {
            Simulation.Faults.UseProfile(Faults);
        }

        return credits;
    }

    /// <summary>A runtime's options for this game: the clock, the fixture plugins, an agent.</summary>
    public RuntimeOptions RuntimeOptions(SpaceTradersClientOptions agent, IStore? store = null, string node = "node-a")
    {
        var options = new RuntimeOptions
        {
            Clock = Clock,
            NodeId = node,
            Store = store ?? new InMemoryStore(),
            Throttling = Throttling,
            FleetRefreshInterval = TimeSpan.Zero,
        };
        options.PluginDirectories.Add(PluginDirectory);
        options.Agents.Add(agent);
        return options;
    }

    /// <summary>Runs a runtime to its end and returns what a test looks at afterwards.</summary>
    public static async Task<RuntimeSnapshot> RunAsync(FleetRuntime runtime, CancellationToken cancellationToken = default)
    {
        await runtime.RunAsync(cancellationToken);
        return runtime.GetSnapshot();
    }

    public void Dispose()
    {
        Transport.Dispose();
        Clock.Dispose();
    }

    private static async Task BuyProbesAsync(SpaceTradersClient client, RegisterResult registration, int probes, CancellationToken ct)
    {
        var probe = registration.Ships.First(s => s.Registration.Role == ShipRole.Satellite);
        var system = probe.Nav.SystemSymbol;
        string? yard = null;
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Shipyard], cancellationToken: ct))
        {
            var shipyard = await client.Systems.GetShipyardAsync(system, waypoint.Symbol, cancellationToken: ct);
            if (shipyard.ShipTypes.Any(t => t.Type == ShipType.ShipProbe))
            {
                yard = waypoint.Symbol;
                break;
            }
        }

        if (probe.Nav.WaypointSymbol != yard)
        {
            await client.Fleet.OrbitShipAsync(probe.Symbol, cancellationToken: ct);
            var flight = await client.Fleet.NavigateShipAsync(probe.Symbol, yard!, cancellationToken: ct);
            await client.Options.TimeProvider.DelayUntilAsync(flight.Nav.Route.Arrival, ct);
        }

        for (var i = 0; i < probes; i++)
        {
            await client.Fleet.PurchaseShipAsync(ShipType.ShipProbe, yard!, cancellationToken: ct);
        }
    }
}

/// <summary>Runs several runtimes on one virtual clock, their root actors started together from one actor.</summary>
internal static class Runtimes
{
    public static async Task RunTogetherAsync(TimeProvider clock, params FleetRuntime[] runtimes)
    {
        var runs = new Task[runtimes.Length];
        await clock.RunActorAsync("start runtimes", _ =>
        {
            for (var i = 0; i < runtimes.Length; i++)
            {
                runs[i] = runtimes[i].RunAsync(CancellationToken.None);
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(runs);
    }
}
