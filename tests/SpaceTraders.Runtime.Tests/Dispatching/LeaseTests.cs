using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>Ship leases between dispatchers sharing one in-memory store, in virtual time.</summary>
[TestFixture]
public sealed class LeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Two_dispatchers_never_run_the_same_ship_and_a_killed_ones_ships_are_picked_up_after_lease_expiry()
    {
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("LEASES", probes: 2);
        var store = new RecordingStore();
        var a = game.RuntimeOptions(agent, store, "node-a");
        var b = game.RuntimeOptions(agent, store, "node-b");
        foreach (var options in new[] { a, b })
        {
            options.Plugins.Add(new TestStrategies());
            options.Conductor = new StrategyRef("script");
            options.ConductorParameters = StrategyParameters.Parse("behaviours=idle-loop|idle-loop|idle-loop|idle-loop");
            options.LeaseDuration = Lease;
        }

        a.MaxShips = 2;
        a.StopAfter = TimeSpan.FromHours(1);
        b.StopAfter = TimeSpan.FromMinutes(30);
        await using var nodeA = new FleetRuntime(a);
        await using var nodeB = new FleetRuntime(b);
        var killAt = game.Start + TimeSpan.FromMinutes(10);
        using var killer = game.Clock.CreateTimer(_ => nodeA.Kill(), null, killAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await Runtimes.RunTogetherAsync(game.Clock, nodeA, nodeB);

        var starts = store.Starts;
        var ends = store.Ends.ToDictionary(e => e.SessionId);
        var sessions = (await store.GetSessionReportsAsync(SessionQuery.All, game.Clock.GetUtcNow(), CancellationToken.None)).ToDictionary(s => s.SessionId);
        var endOfRun = starts.Max(s => s.At) + TimeSpan.FromHours(1);
        var intervals = starts
            .Select(s => (s.ShipSymbol, s.Node, From: s.At, To: sessions[s.SessionId].EndedAt ?? endOfRun))
            .ToList();
        var ships = intervals.Select(i => i.ShipSymbol).Distinct().Order(StringComparer.Ordinal).ToList();
        var onA = intervals.Where(i => i.Node == "node-a").Select(i => i.ShipSymbol).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ships, Has.Count.EqualTo(4));
            Assert.That(onA, Has.Count.EqualTo(2), "node-a runs at most its two ships");
            Assert.That(intervals.Where(i => i.Node == "node-b" && i.From < killAt).Select(i => i.ShipSymbol), Is.EquivalentTo(ships.Except(onA)), "node-b runs the other two until the kill");
            Assert.That(starts.Where(s => s.Node == "node-a").Select(s => ends.ContainsKey(s.SessionId)), Is.All.False, "a killed node closes nothing itself");
            var killed = starts.Where(s => s.Node == "node-a").Select(s => sessions[s.SessionId]).Where(s => s.StartedAt < killAt && (s.EndedAt is null || s.EndedAt > killAt)).ToList();
            Assert.That(killed, Has.Count.EqualTo(2), "node-a's two sessions were open at the kill");
            Assert.That(killed.Select(s => s.Outcome), Is.All.EqualTo(SessionOutcome.Abandoned), "node-b closed them when it took the ships over");
            foreach (var session in killed)
            {
                var takeover = intervals.Where(i => i.ShipSymbol == session.ShipSymbol && i.Node == "node-b").Select(i => i.From).Min();
                Assert.That(session.EndedAt, Is.EqualTo(takeover), $"{session.ShipSymbol}: closed at the lease's expiry, the moment node-b took it");
                Assert.That(session.Reason, Does.StartWith("node-a stopped renewing"));
            }

            foreach (var ship in ships)
            {
                var runs = intervals.Where(i => i.ShipSymbol == ship).OrderBy(i => i.From).ToList();
                for (var i = 1; i < runs.Count; i++)
                {
                    Assert.That(runs[i].From, Is.GreaterThanOrEqualTo(runs[i - 1].To), $"{ship}: a session on {runs[i].Node} started while one on {runs[i - 1].Node} ran");
                }
            }

            foreach (var ship in onA)
            {
                var takeover = intervals.Where(i => i.ShipSymbol == ship && i.Node == "node-b").Select(i => i.From).Min();
                Assert.That(takeover, Is.GreaterThan(killAt).And.LessThanOrEqualTo(killAt + Lease), $"{ship} is picked up once node-a's lease lapses");
            }
        });
    }

    [Test]
    public async Task A_ship_whose_lease_another_owner_took_is_stopped_and_resumes_when_the_lease_is_free_again()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("INTRUDED"), store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=idle-loop");
        options.LeaseDuration = Lease;
        options.StopAfter = TimeSpan.FromMinutes(10);
        await using var runtime = new FleetRuntime(options);
        var stealAt = game.Start + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5);
        string? ship = null;
        using var intruder = game.Clock.CreateTimer(_ =>
        {
            // Another node takes the lease by force (as if node-a's lease had lapsed and been taken): node-a must notice on its next renewal.
            ship = store.Starts[0].ShipSymbol;
            store.ReleaseLeaseAsync(ship, "node-a", CancellationToken.None).GetAwaiter().GetResult();
            store.TryAcquireLeaseAsync(ship, "INTRUDED", "intruder", TimeSpan.FromMinutes(2), stealAt, CancellationToken.None).GetAwaiter().GetResult();
        }, null, stealAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await runtime.RunAsync(CancellationToken.None);

        var sessions = await store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship), game.Clock.GetUtcNow(), CancellationToken.None);
        Assert.That(sessions, Has.Count.EqualTo(2));
        Assert.That(sessions[0].Outcome, Is.EqualTo(SessionOutcome.LeaseLost));
        Assert.That(sessions[0].EndedAt, Is.GreaterThan(stealAt).And.LessThanOrEqualTo(stealAt + Lease / 3), "noticed at the next renewal (every 20 s)");
        Assert.That(sessions[1].StartedAt, Is.EqualTo(stealAt + TimeSpan.FromMinutes(2)), "taken back the moment the intruder's lease lapsed");
        Assert.That(sessions[1].Outcome, Is.EqualTo(SessionOutcome.Cancelled));
    }

    [Test]
    public async Task Graceful_shutdown_on_cancellation_closes_sessions_releases_leases_and_flushes()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("GRACEFUL"), store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=idle-loop|idle-loop");
        await using var runtime = new FleetRuntime(options);
        using var stop = new CancellationTokenSource();
        var stopAt = game.Start + TimeSpan.FromMinutes(7);
        using var ctrlC = game.Clock.CreateTimer(_ => stop.Cancel(), null, stopAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await runtime.RunAsync(stop.Token);

        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, stopAt, CancellationToken.None);
        Assert.That(runtime.Status, Is.EqualTo(RuntimeStatus.Stopped));
        Assert.That(sessions.Select(s => (s.Outcome, s.EndedAt)), Is.All.EqualTo((SessionOutcome.Cancelled, (DateTimeOffset?)stopAt)));
        foreach (var session in sessions)
        {
            var lease = await store.TryAcquireLeaseAsync(session.ShipSymbol, "GRACEFUL", "next-node", Lease, stopAt, CancellationToken.None);
            Assert.That(lease.Acquired, Is.True, $"{session.ShipSymbol}'s lease was released at once");
        }

        Assert.That(runtime.GetSnapshot().Agents.Single().Ships.Select(s => s.State), Is.All.EqualTo(FleetShipState.Waiting), "nothing runs after the stop");
        Assert.That(store.Health.Pending, Is.Zero);
        Assert.That(store.GetStatistics().RowsWritten[StoreTables.ShipParts], Is.GreaterThan(0), "the ships' parts were written");
    }
}
