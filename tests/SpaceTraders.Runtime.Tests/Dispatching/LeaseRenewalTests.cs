using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>The node renews the leases it holds together, one store call per renewal interval, in virtual time.</summary>
[TestFixture]
public sealed class LeaseRenewalTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = Lease / 3;

    [Test]
    public async Task The_node_renews_all_its_leases_in_one_store_call_per_interval()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = ScriptOptions(game, store, await game.RegisterAsync("BATCHED", probes: 3), "idle-loop|idle-loop|idle-loop|idle-loop");
        options.StopAfter = TimeSpan.FromMinutes(10);
        await using var runtime = new FleetRuntime(options);

        await runtime.RunAsync(CancellationToken.None);

        var ships = store.Starts.Select(s => s.ShipSymbol).Distinct().Order(StringComparer.Ordinal).ToArray();
        var renewals = store.Renewals.ToList();
        var perInstant = renewals.GroupBy(r => r.Now).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ships, Has.Length.EqualTo(4), "four ships ran");
            Assert.That(renewals.Where(r => !r.Batch), Is.Empty, "no ship renews its own lease");
            Assert.That(perInstant.Select(g => g.Count()), Is.All.EqualTo(1), "one store call per renewal");
            Assert.That(renewals.Where(r => r.Ships.Length > 0).Select(r => r.Ships), Is.All.EqualTo(ships), "each call renews every lease the node holds");
            Assert.That(renewals, Has.Count.InRange(28, 30), "one call every 20 s for 10 minutes, not one per ship");
            Assert.That(renewals.Zip(renewals.Skip(1), (a, b) => b.Now - a.Now), Is.All.EqualTo(Interval), "on the runtime's clock, every interval");
        });
    }

    [TestCase(false, TestName = "A session started on a lease the node renewed within the interval makes no lease call")]
    [TestCase(true, TestName = "A session started while the store is away tries to renew its lease and starts on it")]
    public async Task A_session_start_renews_only_a_lease_the_node_could_not_renew(bool storeAway)
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = ScriptOptions(game, store, await game.RegisterAsync("RESTART", probes: 1), "idle-loop|idle-loop;reassignAfter=190");
        options.StopAfter = TimeSpan.FromMinutes(5);
        await using var runtime = new FleetRuntime(options);
        var awayAt = game.Clock.GetUtcNow() + TimeSpan.FromSeconds(145);
        using var away = game.Clock.CreateTimer(_ => store.LeasesAway = storeAway, null, awayAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await runtime.RunAsync(CancellationToken.None);

        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, game.Clock.GetUtcNow(), CancellationToken.None);
        var reassigned = sessions.GroupBy(s => s.ShipSymbol).Single(g => g.Count() > 1).ToList();
        var restartedAt = reassigned[1].StartedAt;
        Assert.Multiple(() =>
        {
            Assert.That(reassigned.Select(s => s.Outcome), Is.EqualTo(new[] { SessionOutcome.Cancelled, SessionOutcome.Cancelled }), "reassigned, then stopped");
            Assert.That(restartedAt, Is.EqualTo(reassigned[0].EndedAt), "the next session started at once, on the lease held");
            Assert.That(store.Renewals.Where(r => !r.Batch), Is.Empty, "no call of the ship's own reached the store");
            Assert.That(store.Renewals.Select(r => r.Now), storeAway ? Has.None.GreaterThan(awayAt) : Has.Some.GreaterThan(restartedAt));
            Assert.That(
                store.RefusedRenewals.Where(r => !r.Batch).Select(r => (r.Now, r.Ships.Single())),
                storeAway ? Is.EqualTo(new[] { (restartedAt, reassigned[0].ShipSymbol) }) : Is.Empty,
                "only a lease the node's renewal missed (the store was away) is renewed by the ship, once, at its session's start");
        });
    }

    [Test]
    public async Task A_lease_another_node_takes_mid_session_ends_that_ships_session_at_the_next_renewal_and_no_other()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = ScriptOptions(game, store, await game.RegisterAsync("TAKEN", probes: 1), "idle-loop|idle-loop");
        options.StopAfter = TimeSpan.FromMinutes(5);
        await using var runtime = new FleetRuntime(options);
        var stealAt = game.Clock.GetUtcNow() + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5);
        string? stolen = null;
        using var intruder = game.Clock.CreateTimer(_ =>
        {
            // Another node takes one lease by force (as if node-a's had lapsed and been taken).
            stolen = store.Starts.OrderBy(s => s.ShipSymbol, StringComparer.Ordinal).First().ShipSymbol;
            store.ReleaseLeaseAsync(stolen, "node-a", CancellationToken.None).GetAwaiter().GetResult();
            store.TryAcquireLeaseAsync(stolen, "TAKEN", "node-b", TimeSpan.FromHours(1), stealAt, CancellationToken.None).GetAwaiter().GetResult();
        }, null, stealAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await runtime.RunAsync(CancellationToken.None);

        var nextRenewal = store.Renewals.Select(r => r.Now).Where(t => t > stealAt).Min();
        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, game.Clock.GetUtcNow(), CancellationToken.None);
        var lost = sessions.Where(s => s.ShipSymbol == stolen).ToList();
        var other = sessions.Where(s => s.ShipSymbol != stolen).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(nextRenewal - stealAt, Is.LessThanOrEqualTo(Interval));
            Assert.That(lost.Select(s => s.Outcome), Is.EqualTo(new[] { SessionOutcome.LeaseLost }), "stopped, not started again: node-b holds it for an hour");
            Assert.That(lost[0].EndedAt, Is.EqualTo(nextRenewal), "stopped the instant the node's renewal found another owner");
            Assert.That(other.Select(s => s.Outcome), Is.EqualTo(new[] { SessionOutcome.Cancelled }), "the other ship ran on to the stop");
            Assert.That(store.Renewals.Where(r => r.Now > nextRenewal).Select(r => r.Ships), Is.All.EqualTo(new[] { other[0].ShipSymbol }), "the lost lease is renewed no more");
            Assert.That(store.Renewals.Where(r => !r.Batch), Is.Empty, "the ship was told by the node's renewal: no call of its own");
        });
    }

    [Test]
    public async Task After_an_outage_the_keeper_renews_every_lease_in_one_call_first_and_stops_a_ship_taken_meanwhile()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = ScriptOptions(game, store, await game.RegisterAsync("OUTAGE", probes: 2), "idle-loop|idle-loop|idle-loop");
        options.StopAfter = TimeSpan.FromMinutes(10);
        await using var runtime = new FleetRuntime(options);
        var awayAt = game.Clock.GetUtcNow() + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5);
        var backAt = awayAt + TimeSpan.FromMinutes(3);
        string? taken = null;
        LeaseResult? afterKeeper = null;
        var renewalsBeforeBack = 0;
        using var away = game.Clock.CreateTimer(_ => store.LeasesAway = true, null, awayAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);
        using var back = game.Clock.CreateTimer(_ =>
        {
            // The database answers again: every lease of node-a lapsed meanwhile, and node-b took one of them first.
            store.LeasesAway = false;
            taken = store.Starts.OrderBy(s => s.ShipSymbol, StringComparer.Ordinal).First().ShipSymbol;
            store.TryAcquireLeaseAsync(taken, "OUTAGE", "node-b", TimeSpan.FromHours(1), backAt, CancellationToken.None).GetAwaiter().GetResult();
            renewalsBeforeBack = store.Renewals.Count;
            store.RunLeaseKeepersAsync(CancellationToken.None).GetAwaiter().GetResult();
            var other = store.Starts.Select(s => s.ShipSymbol).First(s => s != taken);
            afterKeeper = store.TryAcquireLeaseAsync(other, "OUTAGE", "node-b", Lease, backAt, CancellationToken.None).GetAwaiter().GetResult();
        }, null, backAt - game.Clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

        await runtime.RunAsync(CancellationToken.None);

        var keeperCall = store.Renewals.Skip(renewalsBeforeBack).First();
        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, game.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(store.Renewals.Select(r => r.Now), Has.None.InRange(awayAt + TimeSpan.FromTicks(1), backAt - TimeSpan.FromTicks(1)), "no renewal reached the store while it was away");
            Assert.That(keeperCall.Now, Is.EqualTo(backAt), "the keeper renewed at once");
            Assert.That(keeperCall.Batch, Is.True);
            Assert.That(keeperCall.Ships, Has.Length.EqualTo(3), "every lease held, in one call");
            Assert.That(afterKeeper!.Acquired, Is.False, "a lease the keeper renewed cannot be taken");
            Assert.That(sessions.Where(s => s.ShipSymbol == taken).Select(s => (s.Outcome, s.EndedAt)), Is.EqualTo(new[] { (SessionOutcome.LeaseLost, (DateTimeOffset?)backAt) }), "the ship taken meanwhile stopped at once");
            Assert.That(sessions.Where(s => s.ShipSymbol != taken).Select(s => s.Outcome), Is.EqualTo(new[] { SessionOutcome.Cancelled, SessionOutcome.Cancelled }), "the others played on through the outage to the stop");
        });
    }

    private static RuntimeOptions ScriptOptions(SimulatedGame game, RecordingStore store, SpaceTraders.Sdk.SpaceTradersClientOptions agent, string behaviours)
    {
        var options = game.RuntimeOptions(agent, store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=" + behaviours);
        options.LeaseDuration = Lease;
        return options;
    }
}
