using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>How a leg of a resumed game ends.</summary>
internal enum LegEnd
{
    /// <summary>The runtime's own stop after the leg's duration: behaviours cancelled and waited for, sessions closed.</summary>
    Graceful,

    /// <summary>
    /// As close to a crash as the runtime allows from outside: its token is cancelled at the leg's end and every
    /// behaviour is abandoned at once (no game time granted to end). The server keeps whatever state the ships were in.
    /// </summary>
    Abrupt,
}

/// <summary>What one leg of a resumed game left: the run's figures, the ships and the gate at its end.</summary>
/// <param name="Run">The leg's run, as a weekly run.</param>
/// <param name="Ships">Every ship's state at the leg's end.</param>
/// <param name="Gate">The starting gate's construction site at the leg's end (null when it has none).</param>
/// <param name="Credits">The agent's credits on the server at the leg's end.</param>
internal sealed record ResumedLeg(WeeklyRun Run, IReadOnlyList<ShipSnapshot> Ships, Construction? Gate, long Credits)
{
    /// <summary>Gets the units the gate has received so far.</summary>
    public int GateFulfilled => Gate?.Materials.Sum(m => m.Fulfilled) ?? 0;
}

/// <summary>
/// One agent on the simulator played by several runtimes one after the other (a runner restarted mid-game): each leg
/// is a NEW <see cref="FleetRuntime"/> with a fresh store and a new conductor on the same simulator and agent token,
/// which continues from the agent's current state as <c>--token</c> does.
/// </summary>
internal sealed class ResumedGame : IDisposable
{
    private const string AccountToken = "weekly-tests-account";
    private SpaceTradersClientOptions? _agent;

    /// <summary>Initializes a new instance of the <see cref="ResumedGame"/> class.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="configure">Changes the simulation's options, if given.</param>
    public ResumedGame(int seed, Action<SpaceTraders.Simulator.SimulationOptions>? configure = null) => Game = new WeeklyGame(seed, configure);

    /// <summary>Gets the simulation and its clock.</summary>
    public WeeklyGame Game { get; }

    /// <summary>Gets the agent's credits on the server at registration.</summary>
    public long StartingCredits { get; private set; }

    /// <summary>Gets or sets where the runtimes and the strategies log; <see langword="null"/> for nowhere.</summary>
    public ListLogger? Log { get; set; }

    /// <summary>Plays one leg: a new runtime on the agent (registered on the first leg) for <paramref name="duration"/>.</summary>
    /// <param name="conductor">The conductor.</param>
    /// <param name="duration">The leg's game time.</param>
    /// <param name="end">How the runtime stops at the leg's end.</param>
    /// <param name="parameters">The conductor's parameters.</param>
    /// <param name="plugins">The plugins loaded.</param>
    /// <returns>What the leg left.</returns>
    public async Task<ResumedLeg> PlayAsync(StrategyRef conductor, TimeSpan duration, LegEnd end, StrategyParameters? parameters, IEnumerable<IStrategyPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        _agent ??= await RegisterAsync("RESUMED");
        var clock = Game.Clock;
        var options = new RuntimeOptions
        {
            Clock = clock,
            NodeId = "resume-tests",
            Store = new InMemoryStore(),
            Throttling = WeeklyGame.Throttling,
            Conductor = conductor,
            ConductorParameters = parameters ?? StrategyParameters.Empty,
            LoggerFactory = Log,
        };
        if (end == LegEnd.Graceful)
        {
            options.StopAfter = duration;
        }
        else
        {
            options.AbandonTimeout = TimeSpan.Zero;
            options.AbandonWallTimeout = TimeSpan.Zero;
        }

        foreach (var plugin in plugins)
        {
            options.Plugins.Add(plugin);
        }

        options.Agents.Add(_agent);
        await using var runtime = new FleetRuntime(options);
        using (var crash = end == LegEnd.Abrupt ? new CancellationTokenSource(duration, clock) : new CancellationTokenSource())
        {
            await runtime.RunAsync(crash.Token);
        }

        var snapshot = runtime.GetSnapshot();
        var fleet = snapshot.Agents.Single();
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var behaviours = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, snapshot.At, CancellationToken.None);
        var movements = await runtime.Store.GetCreditMovementsAsync(fleet.Symbol, CancellationToken.None);
        var ships = runtime.GetShipStates();
        var (credits, gate) = await ReadServerAsync();
        var run = new WeeklyRun(conductor, Game.Seed, duration, snapshot, fleet, sessions, behaviours, movements) { ServerChange = credits - StartingCredits };
        return new ResumedLeg(run, ships, gate, credits);
    }

    public void Dispose() => Game.Dispose();

    private async Task<SpaceTradersClientOptions> RegisterAsync(string symbol)
    {
        string? token = null;
        await Game.Clock.RunActorAsync("register " + symbol, async ct =>
        {
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = Game.Clock, Transport = Game.Transport, Throttling = WeeklyGame.Throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, symbol, FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                StartingCredits = registration.Agent.Credits;
            }
        }, CancellationToken.None);
        return new SpaceTradersClientOptions { Token = token, TimeProvider = Game.Clock, Transport = Game.Transport, Throttling = WeeklyGame.Throttling, Retry = new RetryOptions { JitterSeed = Game.Seed } };
    }

    /// <summary>Reads the agent's credits and the home gate's construction site straight from the server, outside the runtimes.</summary>
    private async Task<(long Credits, Construction? Gate)> ReadServerAsync()
    {
        long credits = 0;
        Construction? gate = null;
        await Game.Clock.RunActorAsync("read the server", async ct =>
        {
            using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = _agent!.Token, TimeProvider = Game.Clock, Transport = Game.Transport, Throttling = WeeklyGame.Throttling });
            var agent = await client.Agents.GetMyAgentAsync(cancellationToken: ct);
            credits = agent.Credits;
            var waypoints = await client.World.GetWaypointsAsync(ShipPilot.SystemOf(agent.Headquarters), ct);
            if (waypoints.FirstOrDefault(w => w.Type == WaypointType.JumpGate) is { } site)
            {
                try
                {
                    gate = await client.Systems.GetConstructionAsync(site.Symbol, cancellationToken: ct);
                }
                catch (SpaceTraders.Sdk.Errors.SpaceTradersApiException)
                {
                    // A gate that was never under construction has no site.
                }
            }
        }, CancellationToken.None);
        return (credits, gate);
    }
}
