using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace MyStrategy.Tests;

/// <summary>
/// The conductor on the in-process simulator, in virtual time: a fresh agent is registered and the runtime plays it for
/// a few simulated hours in a second or two of real time. A run is the same every time for a seed, so its figures can be
/// asserted; change the seed to try another world.
/// </summary>
[TestFixture]
public sealed class FleetConductorTests
{
    private const string AccountToken = "test-account";

    [Test]
    [CancelAfter(120_000)]
    public async Task Three_simulated_hours_mine_and_sell_for_credits(CancellationToken cancellationToken)
    {
        var run = await PlayAsync(seed: 1, TimeSpan.FromHours(3), cancellationToken);

        var mining = run.Sessions.Where(s => s.BehaviourId == MineAndSell.Id).ToList();
        var requests = mining.Sum(s => s.Requests);
        var credits = mining.Sum(s => s.CreditsEarned);
        TestContext.Out.WriteLine($"{mining.Count} mining sessions, {requests} requests, {credits} credits earned ({(double)credits / Math.Max(requests, 1):F0} a request)");
        Assert.Multiple(() =>
        {
            Assert.That(mining.Count(s => s.Outcome == SessionOutcome.Completed), Is.GreaterThanOrEqualTo(2), "holds mined and sold");
            Assert.That(requests, Is.GreaterThan(0), "requests made");
            Assert.That(credits, Is.GreaterThan(0), "credits earned by selling");
            Assert.That(run.Sessions.Where(s => s.Outcome == SessionOutcome.Failed), Is.Empty, "no session failed");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_run_is_the_same_every_time_for_a_seed(CancellationToken cancellationToken)
    {
        var first = await PlayAsync(seed: 2, TimeSpan.FromHours(1), cancellationToken);
        var second = await PlayAsync(seed: 2, TimeSpan.FromHours(1), cancellationToken);

        Assert.That(
            second.Sessions.Select(s => (s.ShipSymbol, s.Outcome, s.Requests, s.CreditsEarned)),
            Is.EqualTo(first.Sessions.Select(s => (s.ShipSymbol, s.Outcome, s.Requests, s.CreditsEarned))));
    }

    /// <summary>Registers a fresh agent on a new simulated world of <paramref name="seed"/> and runs the conductor on it for <paramref name="duration"/>.</summary>
    private static async Task<Run> PlayAsync(int seed, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Virtual time: the clock jumps ahead whenever every actor (the runtime, each behaviour) waits on it.
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, AccountToken = AccountToken });
        using var transport = simulation.CreateTransport();

        // The live server's rate limits, without the margin kept for network latency (there is none in process).
        var throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero };

        // Register the agent: every request waits on the clock, so it runs as an actor of the virtual clock.
        string? token = null;
        await clock.RunActorAsync("register", async ct =>
        {
            var registering = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = transport, Throttling = throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(registering, "TESTER", FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
            }
        }, cancellationToken);

        // The runtime, as the bot runner sets it up: this plugin, its conductor, the store in memory (the default).
        var options = new RuntimeOptions
        {
            Clock = clock,
            Throttling = throttling,
            Conductor = new StrategyRef(FleetConductor.Id),
            ConductorParameters = new StrategyParameters(new Dictionary<string, string> { ["cycles"] = "1" }),
            StopAfter = duration,
        };
        options.Plugins.Add(new StrategyPlugin());
        options.Agents.Add(new SpaceTradersClientOptions { Token = token, TimeProvider = clock, Transport = transport, Throttling = throttling });
        await using var runtime = new FleetRuntime(options);
        await runtime.RunAsync(cancellationToken);

        // Every session with its requests, credits and how it ended, from the runtime's store.
        var end = runtime.GetSnapshot().StoppedAt!.Value;
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, end, cancellationToken);
        return new Run([.. sessions.OrderBy(s => s.StartedAt).ThenBy(s => s.ShipSymbol, StringComparer.Ordinal)]);
    }

    private sealed record Run(IReadOnlyList<SessionReport> Sessions);
}
