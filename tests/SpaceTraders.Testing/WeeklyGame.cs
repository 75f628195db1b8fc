using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Testing;

/// <summary>
/// The weekly strategies on the simulator in virtual time, run by the real <see cref="FleetRuntime"/>: a fresh agent is
/// registered, then a conductor plays it for a simulated duration.
/// </summary>
internal sealed class WeeklyGame : IDisposable
{
    private const string AccountToken = "weekly-tests-account";

    /// <summary>Initializes a new instance of the <see cref="WeeklyGame"/> class: a simulation of the seed's world in virtual time.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="configure">Changes the simulation's options before the world is built (working starting gates, a shipyard's extra ships), if given.</param>
    public WeeklyGame(int seed, Action<SimulationOptions>? configure = null)
    {
        Seed = seed;
        Clock = new VirtualClock();
        var options = new SimulationOptions { Seed = seed, Clock = Clock, AccountToken = AccountToken };
        configure?.Invoke(options);
        Simulation = new Simulation(options);
        Transport = Simulation.CreateTransport();
    }

    public int Seed { get; }

    public VirtualClock Clock { get; }

    public Simulation Simulation { get; }

    public HttpMessageHandler Transport { get; }

    /// <summary>Gets or sets where the runtime and the strategies log; <see langword="null"/> for nowhere.</summary>
    public ListLogger? Log { get; set; }

    /// <summary>Gets or sets the runtime's delay threshold (a request waiting longer counts as delayed); <see langword="null"/> for its default, 1 s.</summary>
    public TimeSpan? DelayedThreshold { get; set; }

    /// <summary>
    /// Gets or sets the server's fault profile while the runtime plays (see <see cref="FaultProfiles"/>); the registration
    /// and the reading of the server's credits after the run are fault-free. The default value is <c>none</c>.
    /// </summary>
    public string Faults { get; set; } = FaultProfiles.None;

    /// <summary>Throttling for the in-process simulator: the live limits, without the latency margin.</summary>
    public static ThrottlingOptions Throttling => new() { SafetyMargin = TimeSpan.Zero };

    /// <summary>Runs a weekly conductor on a fresh agent, with the <see cref="WeeklyPlugins.All"/> loaded.</summary>
    public Task<WeeklyRun> RunAsync(StrategyRef conductor, TimeSpan duration, StrategyParameters? parameters = null) =>
        RunAsync(conductor, duration, parameters, WeeklyPlugins.All);

    /// <summary>Runs a scenario script (as the conductor) on a fresh agent, with the <see cref="WeeklyPlugins.All"/> loaded.</summary>
    public Task<WeeklyRun> RunScriptAsync(Func<IConductorContext, CancellationToken, Task> script, TimeSpan duration) =>
        RunAsync(ScriptPlugin.Conductor, duration, null, [.. WeeklyPlugins.All, new ScriptPlugin(script)]);

    public void Dispose()
    {
        Transport.Dispose();
        Clock.Dispose();
    }

    /// <summary>Runs <paramref name="conductor"/> on a fresh agent with exactly <paramref name="plugins"/> loaded.</summary>
    public async Task<WeeklyRun> RunAsync(StrategyRef conductor, TimeSpan duration, StrategyParameters? parameters, IEnumerable<IStrategyPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var (agent, creditsBefore) = await RegisterAsync("WEEKLY");
        var options = new RuntimeOptions
        {
            Clock = Clock,
            NodeId = "weekly-tests",
            Store = new InMemoryStore(),
            Throttling = Throttling,
            Conductor = conductor,
            ConductorParameters = parameters ?? StrategyParameters.Empty,
            StopAfter = duration,
            LoggerFactory = Log,
        };
        if (DelayedThreshold is { } threshold)
        {
            options.DelayedThreshold = threshold;
        }

        foreach (var plugin in plugins)
        {
            options.Plugins.Add(plugin);
        }

        options.Agents.Add(agent);
        await using var runtime = new FleetRuntime(options);
        Simulation.Faults.UseProfile(Faults);
        try
        {
            await runtime.RunAsync(CancellationToken.None);
        }
        finally
        {
            Simulation.Faults.Clear();
        }

        var creditsAfter = await CreditsAsync(agent);
        var snapshot = runtime.GetSnapshot();
        var fleet = snapshot.Agents.Single();
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var behaviours = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, snapshot.At, CancellationToken.None);
        var movements = await runtime.Store.GetCreditMovementsAsync(fleet.Symbol, CancellationToken.None);
        return new WeeklyRun(conductor, Seed, duration, snapshot, fleet, sessions, behaviours, movements)
        {
            ServerChange = creditsAfter - creditsBefore,
            Statistics = runtime.Store.GetStatistics(),
            Timeline = runtime.GetTimeline(fleet.Symbol),
        };
    }

    /// <summary>Registers an agent; returns the options the runtime plays it with and its starting credits on the server.</summary>
    private async Task<(SpaceTradersClientOptions Options, long Credits)> RegisterAsync(string symbol)
    {
        string? token = null;
        long credits = 0;
        await Clock.RunActorAsync("register " + symbol, async ct =>
        {
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = Clock, Transport = Transport, Throttling = Throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, symbol, FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                credits = registration.Agent.Credits;
            }
        }, CancellationToken.None);

        // The retries' jitter is drawn from the world's seed, so that a run under faults is the same every time.
        var options = new SpaceTradersClientOptions { Token = token, TimeProvider = Clock, Transport = Transport, Throttling = Throttling, Retry = new RetryOptions { JitterSeed = Seed } };
        return (options, credits);
    }

    /// <summary>Reads the agent's credits straight from the server, outside the runtime.</summary>
    private async Task<long> CreditsAsync(SpaceTradersClientOptions agent)
    {
        long credits = 0;
        await Clock.RunActorAsync("read credits", async ct =>
        {
            using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = agent.Token, TimeProvider = Clock, Transport = Transport, Throttling = Throttling });
            credits = (await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits;
        }, CancellationToken.None);
        return credits;
    }
}
