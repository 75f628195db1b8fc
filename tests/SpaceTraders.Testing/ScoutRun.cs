using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.MarketScout;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Testing;

/// <summary>
/// One market-scout run on the simulator in virtual time with the real runtime (<see cref="FleetRuntime"/>): a fresh
/// agent, the <c>market-scout</c> conductor with the given parameters, every market read with prices noted on the
/// virtual clock. Shared with the market scout benchmark.
/// </summary>
internal static class ScoutRun
{
    private const string AccountToken = "market-scout-account";

    /// <summary>Runs the conductor for <paramref name="duration"/> and returns what was read.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="parameters">The conductor's parameters, for example <c>scouts=3;strategy=kmeans</c>.</param>
    /// <param name="duration">Simulated time.</param>
    /// <param name="pluginDirectory">Load the plugin from this build output through the plugin loader; <see langword="null"/> to use the compiled-in plugin.</param>
    /// <param name="log">Receives the runtime's and the strategies' log lines, if given.</param>
    /// <param name="faults">The server's fault profile while the runtime plays (the registration is fault-free). The default value is <c>none</c>.</param>
    public static async Task<ScoutRunResult> RunAsync(int seed, string parameters, TimeSpan duration, string? pluginDirectory = null, Action<string>? log = null, string faults = "none")
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, AccountToken = AccountToken, StartingCredits = 2_000_000 });
        using var reads = new MarketReadLog(clock, simulation.CreateTransport());
        var throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero };
        string token = string.Empty;
        IReadOnlyList<WaypointPosition> markets = [];
        WaypointPosition shipyard = default;
        await clock.RunActorAsync("register", async ct =>
        {
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = reads, Throttling = throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "SCOUT" + seed, FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                var waypoints = await client.World.GetWaypointsAsync(registration.Ships[0].Nav.SystemSymbol, ct);
                markets = [.. waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).Select(WaypointPosition.From)];
                shipyard = WaypointPosition.From(waypoints.First(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)));
            }
        }, CancellationToken.None);

        var start = clock.GetUtcNow();
        var runtimeOptions = new RuntimeOptions
        {
            Clock = clock,
            NodeId = "market-scout",
            Store = new InMemoryStore(),
            Throttling = throttling,
            FleetRefreshInterval = TimeSpan.Zero,
            StopAfter = duration,
            Conductor = new StrategyRef(MarketScoutPlugin.ConductorId),
            ConductorParameters = StrategyParameters.Parse(parameters),
            LoggerFactory = log is null ? null : new LineLoggerFactory(log),
        };
        if (pluginDirectory is null)
        {
            runtimeOptions.Plugins.Add(new MarketScoutPlugin());
        }
        else
        {
            runtimeOptions.PluginDirectories.Add(pluginDirectory);
        }

        runtimeOptions.Agents.Add(new SpaceTradersClientOptions { Token = token, TimeProvider = clock, Transport = reads, Throttling = throttling });
        await using var runtime = new FleetRuntime(runtimeOptions);
        simulation.Faults.UseProfile(faults);
        await runtime.RunAsync(CancellationToken.None);
        var snapshot = runtime.GetSnapshot();
        return new ScoutRunResult(reads, markets, shipyard, start, start + duration, snapshot, runtime.Plugins, simulation.Stats.RateLimited);
    }

    /// <summary>A logger factory that writes every line to a callback.</summary>
    private sealed class LineLoggerFactory(Action<string> write) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, write);

        public void Dispose()
        {
        }

        private sealed class LineLogger(string category, Action<string> write) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    write($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
                }
            }
        }
    }
}

/// <summary>What a <see cref="ScoutRun"/> produced.</summary>
internal sealed record ScoutRunResult(
    MarketReadLog Reads,
    IReadOnlyList<WaypointPosition> Markets,
    WaypointPosition Shipyard,
    DateTimeOffset Start,
    DateTimeOffset End,
    RuntimeSnapshot Snapshot,
    IReadOnlyList<SpaceTraders.Runtime.Plugins.PluginLoadResult> Plugins,
    long RateLimited)
{
    /// <summary>Measures staleness from <paramref name="warmUp"/> after the start to the end.</summary>
    public Staleness Measure(TimeSpan warmUp) => Reads.Measure(Markets.Select(m => m.Symbol), Start, Start + warmUp, End);
}
