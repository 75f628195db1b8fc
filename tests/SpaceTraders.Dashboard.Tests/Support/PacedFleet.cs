using System.Threading.Channels;
using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Dashboard.Tests.Support;

/// <summary>
/// A real fleet (the week-10 conductor and the weekly plugins, a registered agent) on the in-process simulator in virtual
/// time, moved forward in steps: between steps the game stands still, so a test can look at the dashboard at an exact
/// game moment and the figures it shows are deterministic for the seed.
/// </summary>
/// <remarks>
/// A pacer actor holds the virtual clock: while it waits for the next step (on a channel, not a clock wait) it counts as
/// running, and a virtual clock runs one actor at a time and moves time only when every actor is parked, so the whole
/// game is frozen. <see cref="AdvanceAsync"/> lets it park until the target time; the game runs until then and freezes
/// again. The dashboard reads the runtime from outside the clock (as a view does), which never holds the game up.
/// </remarks>
internal sealed class PacedFleet : IAsyncDisposable
{
    private const string AccountToken = "dashboard-tests-account";

    private readonly Channel<(DateTimeOffset Until, TaskCompletionSource Reached)> _steps = Channel.CreateUnbounded<(DateTimeOffset, TaskCompletionSource)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpMessageHandler _transport;
    private Task? _pacer;
    private Task? _run;

    private PacedFleet(VirtualClock clock, Simulation simulation, HttpMessageHandler transport)
    {
        Clock = clock;
        Simulation = simulation;
        _transport = transport;
    }

    public VirtualClock Clock { get; }

    public Simulation Simulation { get; }

    public FleetRuntime Runtime { get; private set; } = null!;

    public string Agent { get; private set; } = string.Empty;

    /// <summary>Registers an agent and creates (not yet starts) a runtime playing it with the week-10 conductor.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="store">The store; an in-memory one when <see langword="null"/>.</param>
    /// <param name="agent">The agent to register.</param>
    /// <param name="probes">Probes to buy before the run (the week-10 conductor sends probes to keep market prices fresh).</param>
    public static async Task<PacedFleet> CreateAsync(int seed = 42, IStore? store = null, string agent = "DASHBOARD", int probes = 3, bool conductor = true)
    {
        // The pacer holds the clock while a test looks at the pages: give it all the real time it needs.
        var clock = new VirtualClock(VirtualClock.DefaultStart, new VirtualClockOptions { NoProgressTimeout = TimeSpan.FromMinutes(30) });
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, AccountToken = AccountToken });
        var transport = simulation.CreateTransport();
        var fleet = new PacedFleet(clock, simulation, transport);
        var throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero };
        string? token = null;
        await clock.RunActorAsync("register " + agent, async ct =>
        {
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = transport, Throttling = throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, agent, FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                await BuyProbesAsync(client, registration, probes, ct);
            }
        }, CancellationToken.None);

        var runtimeOptions = new RuntimeOptions
        {
            Clock = clock,
            NodeId = "dashboard-tests",
            Store = store ?? new InMemoryStore(),
            Throttling = throttling,
            Conductor = conductor ? new StrategyRef("week10") : null,
            FleetRefreshInterval = TimeSpan.Zero,
            JanitorInterval = TimeSpan.FromMinutes(10),
            MarketHistory = new MarketHistoryOptions { RawWindow = TimeSpan.FromMinutes(30) },
        };
        foreach (var plugin in new IStrategyPlugin[] { new Week02Plugin(), new Week04Plugin(), new Week07Plugin(), new Week10Plugin() })
        {
            runtimeOptions.Plugins.Add(plugin);
        }

        runtimeOptions.Agents.Add(new SpaceTradersClientOptions { Token = token, TimeProvider = clock, Transport = transport, Throttling = throttling });
        fleet.Runtime = new FleetRuntime(runtimeOptions);
        fleet.Agent = agent;
        return fleet;
    }

    /// <summary>Starts the pacer (holding the clock) and the runtime (which waits for the first step).</summary>
    public void Start()
    {
        _pacer = Clock.RunActorAsync("dashboard test pacer", PaceAsync, CancellationToken.None);
        _run = Runtime.RunAsync(_stop.Token);
    }

    /// <summary>Lets the game run for <paramref name="step"/> of game time, then freezes it again.</summary>
    public async Task AdvanceAsync(TimeSpan step)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _steps.Writer.WriteAsync((Clock.GetUtcNow() + step, reached));
        await Task.WhenAny(reached.Task, _run!);
        if (_run!.IsFaulted)
        {
            await _run;
        }
    }

    /// <summary>Stops the runtime gracefully (sessions closed, store flushed) and lets the clock run to the end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _steps.Writer.TryComplete();
        if (_run is not null)
        {
            await _run;
        }

        if (_pacer is not null)
        {
            await _pacer;
        }

        await Runtime.DisposeAsync();
        _transport.Dispose();
        Clock.Dispose();
        _stop.Dispose();
    }

    private static async Task BuyProbesAsync(SpaceTradersClient client, RegisterResult registration, int probes, CancellationToken ct)
    {
        if (probes <= 0)
        {
            return;
        }

        var probe = registration.Ships.First(s => s.Registration.Role == ShipRole.Satellite);
        string? yard = null;
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(probe.Nav.SystemSymbol, traits: [WaypointTraitSymbol.Shipyard], cancellationToken: ct))
        {
            var shipyard = await client.Systems.GetShipyardAsync(probe.Nav.SystemSymbol, waypoint.Symbol, cancellationToken: ct);
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

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        while (await _steps.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var (until, reached) = await _steps.Reader.ReadAsync(CancellationToken.None);
            await Clock.DelayUntilAsync(until, CancellationToken.None);
            reached.TrySetResult();
        }
    }
}
