using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.EndToEnd;

/// <summary>The figures a run ends with: its game time, and whose requests are whose when several nodes play one agent.</summary>
[TestFixture]
public sealed class RunFiguresTests
{
    [Test]
    public async Task A_behaviour_abandoned_at_the_stop_does_not_stretch_the_runs_game_time()
    {
        using var game = new SimulatedGame();
        var tests = new TestStrategies();
        var options = game.RuntimeOptions(await game.RegisterAsync("STUBBORN"));
        options.Plugins.Add(tests);
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=stubborn");
        options.StopAfter = TimeSpan.FromHours(6);
        options.AbandonTimeout = TimeSpan.FromSeconds(30);
        await using var runtime = new FleetRuntime(options);

        await runtime.RunAsync(CancellationToken.None);

        // The abandoned behaviour lives on and keeps the virtual clock moving: read the snapshot once it has moved
        // far past the stop (the runner reads it after its report's queries, much later than the stop).
        await tests.StubbornSignal.Task.WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System);
        var snapshot = runtime.GetSnapshot();
        var expectedEnd = snapshot.StartedAt!.Value + TimeSpan.FromHours(6) + TimeSpan.FromSeconds(30);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.At - snapshot.StartedAt!.Value, Is.GreaterThan(TimeSpan.FromHours(99)), "the clock ran on after the stop");
            Assert.That(snapshot.StoppedAt, Is.EqualTo(expectedEnd), "stopped after six hours and the 30 s abandon timeout");
            Assert.That(snapshot.Uptime, Is.EqualTo(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(30)), "the run's game time ends at the stop");
            Assert.That(snapshot.Problems.Select(p => p.Message), Has.One.Contains("did not end within 00:00:30"));
        });
        var session = (await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.StoppedAt!.Value, CancellationToken.None)).Single();
        Assert.That((session.Outcome, session.EndedAt), Is.EqualTo((SessionOutcome.Abandoned, (DateTimeOffset?)expectedEnd)));
    }

    [Test]
    public async Task Each_node_counts_its_own_requests_and_the_agent_adds_up_every_nodes()
    {
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("NODES", probes: 2);
        var store = new RecordingStore();
        var a = game.RuntimeOptions(agent, store, "node-a");
        var b = game.RuntimeOptions(agent, store, "node-b");
        foreach (var options in new[] { a, b })
        {
            options.Plugins.Add(new TestStrategies());
            options.Conductor = new StrategyRef("saturation");
            options.ConductorParameters = StrategyParameters.Parse("credits=1|2|3|4;interval=20;decisionInterval=600");
            options.StopAfter = TimeSpan.FromMinutes(30);
        }

        a.MaxShips = 1;
        await using var nodeA = new FleetRuntime(a);
        await using var nodeB = new FleetRuntime(b);

        await Runtimes.RunTogetherAsync(game.Clock, nodeA, nodeB);

        var symbol = nodeA.GetSnapshot().Agents.Single().Symbol;
        var onA = await store.GetRequestFiguresAsync(new RequestQuery(symbol, "node-a"), CancellationToken.None);
        var onB = await store.GetRequestFiguresAsync(new RequestQuery(symbol, "node-b"), CancellationToken.None);
        var acrossNodes = await store.GetRequestFiguresAsync(new RequestQuery(symbol), CancellationToken.None);
        var recorded = store.Records.OfType<RequestRecordedRecord>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(onA.Requests, Is.EqualTo(nodeA.GetSnapshot().Agents.Single().Totals.Requests), "node-a's figures are its own live totals");
            Assert.That(onB.Requests, Is.EqualTo(nodeB.GetSnapshot().Agents.Single().Totals.Requests), "node-b's likewise");
            Assert.That(onA.Requests, Is.GreaterThan(0).And.LessThan(onB.Requests), "node-a runs one ship, node-b three");
            Assert.That(acrossNodes.Requests, Is.EqualTo(onA.Requests + onB.Requests), "the agent's figures add up every node's");
            Assert.That(recorded.Select(r => r.Node).Distinct(), Is.EquivalentTo(new[] { "node-a", "node-b" }), "every record names its node");
            Assert.That(store.Records.OfType<CreditMovementRecord>().Select(m => m.Node), Is.All.Not.Null);
        });
    }
}
