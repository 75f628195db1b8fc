using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.BotRunner.Tests.Reporting;

/// <summary>The report adds up the store's records of one run, by hand-computed figures.</summary>
[TestFixture]
public sealed class RunFiguresTests
{
    private const string Agent = "RUNNER";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Run = new("20000000-0000-0000-0000-000000000001");
    private static readonly Guid EarlierRun = new("20000000-0000-0000-0000-000000000002");
    private static readonly Guid OtherNodeRun = new("20000000-0000-0000-0000-000000000003");

    [Test]
    public async Task The_report_counts_this_runs_requests_credits_and_sessions_from_the_store()
    {
        await using var store = new InMemoryStore();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();

        // An earlier run of the same agent, at the same game times (a fresh simulator starts its clock at the same
        // moment), and another agent: neither counts.
        var old = Guid.NewGuid();
        store.Append(Session(old, "SHIP-1", "mine", "w0", T0, EarlierRun));
        store.Append(new SessionEndedRecord(old, SessionOutcome.Completed, null, T0.AddHours(1)));
        Requests(store, old, 7, T0.AddMinutes(10), run: EarlierRun);
        store.Append(Movement(old, "sell", 500, T0.AddMinutes(20), EarlierRun));
        store.Append(Movement(null, "ship-purchase", -9000, T0.AddMinutes(30), EarlierRun));
        var stranger = Guid.NewGuid();
        store.Append(new SessionStartedRecord(stranger, "OTHER", "OTHER-1", "SHIP_PROBE", "mine", "w1", null, "node", T0));
        store.Append(new CreditMovementRecord(stranger, "OTHER", "sell", 9999, 9999, "OTHER-1", null, null, T0.AddMinutes(5)) { Node = "node" });
        store.Append(new RequestRecordedRecord(stranger, "OTHER", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0) { Node = "node" });

        // Another runner on the same agent at the same time: its requests count for the agent, not for this node, and
        // its ledger's movements (the changes it saw, this node's earnings among them as syncs) and sessions not at all.
        var elsewhere = Guid.NewGuid();
        store.Append(new SessionStartedRecord(elsewhere, Agent, "SHIP-3", "SHIP_PROBE", "scout", "w1", null, "other-node", T0) { RunId = OtherNodeRun });
        Requests(store, elsewhere, 4, T0.AddMinutes(15), run: OtherNodeRun, node: "other-node");
        store.Append(new CreditMovementRecord(elsewhere, Agent, "sync", 1000, 0, null, null, null, T0.AddMinutes(21)) { RunId = OtherNodeRun, Node = "other-node" });

        // This run: two sessions of mine@w1 (one hour each, the second still running), one of scout@w1, and the conductor.
        store.Append(Session(a, "SHIP-1", "mine", "w1", T0));
        Requests(store, a, 10, T0.AddMinutes(10), rateLimited: 1, delayed: 3);
        store.Append(Movement(a, "sell", 1000, T0.AddMinutes(20)));
        store.Append(Movement(a, "refuel", -100, T0.AddMinutes(25)));
        store.Append(new SessionEndedRecord(a, SessionOutcome.Completed, null, T0.AddHours(1)));
        store.Append(Session(b, "SHIP-1", "mine", "w1", T0.AddHours(1)));
        Requests(store, b, 6, T0.AddMinutes(70), delayed: 1);
        store.Append(Movement(b, "sell", 400, T0.AddMinutes(80)));
        store.Append(Session(c, "SHIP-2", "scout", "w1", T0));
        Requests(store, c, 5, T0.AddMinutes(90));
        store.Append(new SessionEndedRecord(c, SessionOutcome.Completed, null, T0.AddHours(2)));
        Requests(store, null, 2, T0.AddMinutes(30));
        store.Append(Movement(null, "ship-purchase", -300, T0.AddMinutes(30)));

        // The host read the clock long after the stop (an abandoned behaviour moved it on): the runtime's stop counts.
        var report = await RunFigures.ReportAsync(Facts(creditsStart: 10_000, creditsEnd: 11_000) with { RunEnd = T0.AddHours(5904) }, store, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.SimulatedSeconds, Is.EqualTo(7200), "game time ends when the runtime stopped");
            Assert.That(report.Requests, Is.EqualTo(23), "this run's own");
            Assert.That(report.AgentRequests, Is.EqualTo(23 + 4 + 7), "the agent's across both nodes since the run's start (a time window: the earlier run at the same game times too)");
            Assert.That(report.Node, Is.EqualTo("node"));
            Assert.That(report.Attempts, Is.EqualTo(24), "one request was sent twice (its 429)");
            Assert.That(report.QueueWaitP50Ms, Is.EqualTo(0));
            Assert.That(report.QueueWaitP99Ms, Is.EqualTo(1500), "the delayed requests waited 1.5 s");
            Assert.That(report.RateLimited, Is.EqualTo(1));
            Assert.That(report.DelayedRequests, Is.EqualTo(4));
            Assert.That(report.CreditsStart, Is.EqualTo(10_000));
            Assert.That(report.CreditsEnd, Is.EqualTo(11_000));
            Assert.That(report.CreditsEarned, Is.EqualTo(1000 - 100 + 400), "operating: the ship purchase is capital");
            Assert.That(report.CapitalSpent, Is.EqualTo(300));
            Assert.That(report.CreditsNet, Is.EqualTo(1000));
            Assert.That(report.Cpr, Is.EqualTo(Math.Round(1300.0 / 23, 3)));
            Assert.That(report.Cph, Is.EqualTo(650));
            Assert.That(report.PaybackHours, Is.EqualTo(Math.Round(300.0 / 650, 3)));
            Assert.That(report.RunId, Is.EqualTo(Run));
            Assert.That(report.ShipsPeak, Is.EqualTo(2), "one ship at the start, one bought");
            Assert.That(report.Hourly, Is.EqualTo(new[]
            {
                new HourFigures { Hour = 1, Seconds = 3600, Credits = 10_000 + 1000 - 100 - 300, Earned = 900, Ships = 2, Requests = 10 + 2, RateLimited = 1, Delayed = 3 },
                new HourFigures { Hour = 2, Seconds = 3600, Credits = 11_000, Earned = 400, Ships = 2, Requests = 6 + 5, RateLimited = 0, Delayed = 1 },
            }));
            // Owned: 3.5 ship-hours (one ship from the start, one bought at 0:30); in sessions 4 h (the scout's session
            // starts before the purchase in this made-up history): capped at 1.
            Assert.That(report.Uptime, Is.EqualTo(1));
            Assert.That(report.Ships, Is.EqualTo(2));
            Assert.That(report.ShipsBought, Is.EqualTo(1));
            Assert.That(report.CreditsOutsideSessions, Is.EqualTo(-300));
            Assert.That(report.Behaviours.Select(x => (x.Id, x.Version, x.Sessions, x.Requests, x.CreditsEarned, x.Cpr, x.Cph)), Is.EqualTo(new[]
            {
                ("mine", "w1", 2, 16L, 1300L, 81.25, 650.0),
                ("scout", "w1", 1, 5L, 0L, 0.0, 0.0),
            }));
            Assert.That(report.Conductor, Is.EqualTo("week02@week02"));
            Assert.That(report.Store, Is.EqualTo("in-memory"));
            Assert.That(report.Ended, Is.EqualTo("duration"));
            Assert.That(report.PeakWorkingSetBytes, Is.GreaterThan(0));
            Assert.That(report.CpuSeconds, Is.GreaterThan(0).And.LessThanOrEqualTo(Environment.CpuUsage.TotalTime.TotalSeconds), "the process's CPU time so far");
            Assert.That(report.AllocatedBytes, Is.GreaterThan(0));
            Assert.That(report.StoreRows, Is.EqualTo(new Dictionary<string, long> { ["requests"] = 23, ["sessions"] = 7 }));
            Assert.That(report.StoreRows.Keys, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "tables in a stable order");
        });
    }

    [Test]
    public async Task Uptime_is_the_share_of_ship_time_spent_in_sessions()
    {
        await using var store = new InMemoryStore();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        store.Append(Session(a, "SHIP-1", "mine", "w1", T0));
        store.Append(new SessionEndedRecord(a, SessionOutcome.Completed, null, T0.AddHours(1)));
        store.Append(Session(b, "SHIP-2", "mine", "w1", T0.AddHours(1.5)));
        store.Append(Movement(null, "ship-purchase", -300, T0.AddHours(1), ship: "SHIP-2"));

        var report = await RunFigures.ReportAsync(Facts(creditsStart: 10_000, creditsEnd: 9_700), store, CancellationToken.None);

        // Owned: SHIP-1 2 h, SHIP-2 1 h (bought at 1:00) = 3 ship-hours; in sessions: 1 h + 0.5 h (still running at the end).
        Assert.That(report.Uptime, Is.EqualTo(Math.Round(1.5 / 3, 3)));
        Assert.That(report.Hourly.Select(h => h.Ships), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(report.ShipsPeak, Is.EqualTo(2));
    }

    private static RunFacts Facts(long creditsStart, long creditsEnd)
    {
        var end = T0.AddHours(2);
        FleetShip Ship(string symbol) => new(symbol, "SHIP_PROBE", "SATELLITE", null, FleetShipState.Running, null, null);
        var agent = new AgentSnapshot(
            Agent,
            new StrategyRef("week02", "week02"),
            "running",
            creditsStart,
            new FleetMetrics(0, 0, 0, TimeSpan.Zero, 0, creditsEnd, creditsEnd - creditsStart, 0, 0),
            new RequestTotals(23, 1, 4),
            [],
            [Ship("SHIP-1"), Ship("SHIP-2")]);
        var snapshot = new RuntimeSnapshot(
            end.AddHours(5902),
            "node",
            RuntimeStatus.Stopped,
            T0,
            [agent],
            new StoreStatus("in-memory", new StoreHealth(0, true, null, null)),
            new StoreStatistics(new Dictionary<string, long> { ["sessions"] = 7, ["requests"] = 23 }, 0, 0),
            [],
            new MemoryStatus(0, false, 0),
            [])
        {
            StoppedAt = end,
        };
        return new RunFacts(Agent, Run, T0, end, 1.5, snapshot, "week02@week02", "test game", 42, "duration");
    }

    private static SessionStartedRecord Session(Guid id, string ship, string behaviour, string version, DateTimeOffset at, Guid? run = null) =>
        new(id, Agent, ship, "SHIP_PROBE", behaviour, version, "week02@week02", "node", at) { RunId = run ?? Run };

    private static CreditMovementRecord Movement(Guid? session, string kind, long amount, DateTimeOffset at, Guid? run = null, string ship = "SHIP-1") =>
        new(session, Agent, kind, amount, 0, ship, null, null, at) { RunId = run ?? Run, Node = "node" };

    /// <summary>Appends requests; the delayed ones waited 1.5 s, the others not at all; a rate-limited one was sent twice.</summary>
    private static void Requests(InMemoryStore store, Guid? session, int count, DateTimeOffset at, int rateLimited = 0, int delayed = 0, Guid? run = null, string node = "node")
    {
        for (var i = 0; i < count; i++)
        {
            var wait = i < delayed ? TimeSpan.FromMilliseconds(1500) : TimeSpan.Zero;
            store.Append(new RequestRecordedRecord(session, Agent, "POST", "/my/ships/{shipSymbol}/extract", 200, "Critical", wait, wait + TimeSpan.FromMilliseconds(5), 1 + (i < rateLimited ? 1 : 0), i < rateLimited ? 1 : 0, i < delayed, at.AddSeconds(i)) { RunId = run ?? Run, Node = node });
        }
    }
}
