using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>
/// What every <see cref="IStore"/> must do, run against each implementation: derive a fixture and return a
/// fresh, empty store from <see cref="CreateStoreAsync"/> (the base initializes it, and disposes it after the test).
/// </summary>
/// <remarks>
/// <para>
/// The analytics cases run on a small recorded history whose figures are worked out by hand in the comments.
/// Times are whole seconds and group keys sort the same under ordinal and linguistic collations, so a
/// database store can pass them unchanged. Queries are made after <see cref="IRecordSink.FlushAsync"/>.
/// </para>
/// </remarks>
public abstract class StoreContractTests
{
    /// <summary>The start of the recorded history.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static readonly Guid S1 = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid S2 = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid S3 = new("00000000-0000-0000-0000-000000000003");
    private static readonly Guid S4 = new("00000000-0000-0000-0000-000000000004");

    /// <summary>Gets the store under test.</summary>
    protected IStore Store { get; private set; } = null!;

    /// <summary>Gets a token for store calls.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>Creates a fresh, empty store (not yet initialized).</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IStore> CreateStoreAsync();

    [SetUp]
    public async Task CreateAndInitializeStoreAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(Ct);
    }

    [TearDown]
    public async Task DisposeStoreAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }

    // ----- Leases -----

    [Test]
    public async Task A_free_lease_is_acquired_and_another_owner_is_refused_until_it_expires()
    {
        var first = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        var refused = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(59), Ct);
        var afterExpiry = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(60), Ct);

        Assert.That(first, Is.EqualTo(new LeaseResult(true, "node-a", T0.AddSeconds(60))));
        Assert.That(refused, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddSeconds(60))), "held by node-a until it expires");
        Assert.That(afterExpiry, Is.EqualTo(new LeaseResult(true, "node-b", T0.AddSeconds(120))), "an expired lease is free");
    }

    [Test]
    public async Task The_holder_acquires_its_own_lease_again_and_extends_it()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);

        var again = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0.AddSeconds(30), Ct);
        var other = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(80), Ct);

        Assert.That(again, Is.EqualTo(new LeaseResult(true, "node-a", T0.AddSeconds(90))));
        Assert.That(other.Acquired, Is.False, "the extended lease still holds at +80 s");
    }

    [Test]
    public async Task Renewal_extends_the_holders_lease_and_fails_for_another_owner()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);

        var renewed = await Store.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(50), Ct);
        var byOther = await Store.RenewLeaseAsync("ALPHA-1", "node-b", Lease, T0.AddSeconds(51), Ct);
        var stillHeld = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(100), Ct);

        Assert.That(renewed, Is.True);
        Assert.That(byOther, Is.False);
        Assert.That(stillHeld, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddSeconds(110))), "renewed to +50 s + 60 s");
    }

    [Test]
    public async Task Renewal_fails_once_another_owner_took_the_expired_lease_and_succeeds_if_nobody_did()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(70), Ct);

        var taken = await Store.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(75), Ct);
        var lapsedButFree = await Store.RenewLeaseAsync("ALPHA-2", "node-a", Lease, T0.AddSeconds(75), Ct);
        var neverLeased = await Store.RenewLeaseAsync("ALPHA-9", "node-a", Lease, T0.AddSeconds(75), Ct);

        Assert.That(taken, Is.False, "node-b holds ALPHA-1 now: node-a must stop the ship");
        Assert.That(lapsedButFree, Is.True, "nobody else holds ALPHA-2");
        Assert.That(neverLeased, Is.False, "a ship never leased has no lease to renew");
        var check = await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-b", Lease, T0.AddSeconds(76), Ct);
        Assert.That(check, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddSeconds(135))));
    }

    [Test]
    public async Task Renewal_never_takes_a_lease_another_owner_held_last_even_once_it_expired()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(60), Ct);

        var afterTheirExpiry = await Store.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(200), Ct);
        await Store.ReleaseLeaseAsync("ALPHA-1", "node-b", Ct);
        var afterRelease = await Store.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(201), Ct);

        Assert.That(afterTheirExpiry, Is.False, "node-b may have run the ship: that is a takeover, not a renewal");
        Assert.That(afterRelease, Is.False, "node-b released it, but node-b ran the ship last: node-a's renewal must find it lost, not take it back");
        var taken = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0.AddSeconds(202), Ct);
        Assert.That(taken, Is.EqualTo(new LeaseResult(true, "node-a", T0.AddSeconds(262))), "a released lease is free to acquire");
    }

    [Test]
    public async Task Renewal_takes_back_a_lease_its_owner_released_and_a_take_of_a_released_lease_closes_nothing()
    {
        var open = Guid.NewGuid();
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.ReleaseLeaseAsync("ALPHA-1", "node-a", Ct);

        // A release whose answer was lost leaves the node holding the lease in its book: its renewal takes it back.
        var renewed = await Store.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(10), Ct);
        var refused = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(20), Ct);

        // node-a's session ended before the release (its end may still be on its way to the store): taking the released
        // lease is no takeover, and closes nothing.
        Store.Append(new SessionStartedRecord(open, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0.AddSeconds(30)));
        await Store.FlushAsync(Ct);
        await Store.ReleaseLeaseAsync("ALPHA-1", "node-a", Ct);
        var taken = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(40), Ct);
        var session = (await Store.GetSessionReportsAsync(SessionQuery.All, T0.AddMinutes(5), Ct)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(renewed, Is.True, "the owner's renewal takes back the lease it released");
            Assert.That(refused, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddSeconds(70))));
            Assert.That(taken, Is.EqualTo(new LeaseResult(true, "node-b", T0.AddSeconds(100))));
            Assert.That((session.Outcome, session.EndedAt), Is.EqualTo(((SessionOutcome?)null, (DateTimeOffset?)null)), "a released lease is handed over, not taken over");
        });
    }

    [Test]
    public async Task Renewing_several_leases_renews_the_owners_and_no_others()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-3", "ALPHA", "node-b", Lease, T0, Ct);

        // An outage: node-a's leases lapsed meanwhile, nobody took them.
        var renewed = await Store.RenewLeasesAsync(["ALPHA-3", "ALPHA-2", "ALPHA-1", "ALPHA-9", "ALPHA-1"], "node-a", Lease, T0.AddMinutes(5), Ct);
        var none = await Store.RenewLeasesAsync([], "node-a", Lease, T0.AddMinutes(5), Ct);
        var check = await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-b", Lease, T0.AddMinutes(5).AddSeconds(59), Ct);

        Assert.That(renewed, Is.EqualTo(new[] { "ALPHA-1", "ALPHA-2" }), "node-a's own, in order; node-b's and an unknown ship are not renewed");
        Assert.That(none, Is.Empty);
        Assert.That(check, Is.EqualTo(new LeaseResult(false, "node-a", T0.AddMinutes(6))));
    }

    [Test]
    public async Task Taking_over_an_expired_lease_closes_the_previous_owners_open_sessions_of_that_ship_at_the_expiry()
    {
        var open = Guid.NewGuid();
        var ended = Guid.NewGuid();
        var otherShip = Guid.NewGuid();
        var lateStart = Guid.NewGuid();
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-a", Lease, T0, Ct);
        Store.Append(new SessionStartedRecord(ended, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0));
        Store.Append(new SessionEndedRecord(ended, SessionOutcome.Completed, null, T0.AddSeconds(10)));
        Store.Append(new SessionStartedRecord(open, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0.AddSeconds(10)));
        Store.Append(new SessionStartedRecord(otherShip, "ALPHA", "ALPHA-2", null, "mine", "v1", null, "node-a", T0.AddSeconds(10)));
        await Store.FlushAsync(Ct);

        // node-a is killed: its leases lapse at +60 s. node-b is refused before, and takes ALPHA-1 after.
        var early = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(59), Ct);
        var sessionsAfterRefusal = await Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: "ALPHA-1"), T0.AddMinutes(5), Ct);
        var taken = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(75), Ct);
        var sessions = await Store.GetSessionReportsAsync(SessionQuery.All, T0.AddMinutes(5), Ct);

        Assert.That(early.Acquired, Is.False);
        Assert.That(sessionsAfterRefusal.Single(s => s.SessionId == open).EndedAt, Is.Null, "a refused take closes nothing");
        Assert.That(taken.Acquired, Is.True);
        var closed = sessions.Single(s => s.SessionId == open);
        Assert.Multiple(() =>
        {
            Assert.That((closed.Outcome, closed.EndedAt), Is.EqualTo((SessionOutcome.Abandoned, (DateTimeOffset?)T0.AddSeconds(60))), "ended when node-a's lease lapsed, not when node-b came");
            Assert.That(closed.Reason, Does.Contain("node-a").And.Contain("node-b"));
            Assert.That(sessions.Single(s => s.SessionId == ended).Outcome, Is.EqualTo(SessionOutcome.Completed), "an ended session keeps its outcome");
            Assert.That(sessions.Single(s => s.SessionId == otherShip).EndedAt, Is.Null, "another ship's lease was not taken");
        });

        // Another node takes ALPHA-2 over the same way; a session that started after the lapse ends at its start.
        Store.Append(new SessionStartedRecord(lateStart, "ALPHA", "ALPHA-2", null, "mine", "v1", null, "node-a", T0.AddSeconds(90)));
        await Store.FlushAsync(Ct);
        var claimed = await Store.TryAcquireLeaseAsync("ALPHA-2", "ALPHA", "node-c", Lease, T0.AddSeconds(100), Ct);
        var afterClaim = await Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: "ALPHA-2"), T0.AddMinutes(5), Ct);

        Assert.That(claimed.Acquired, Is.True);
        Assert.That(afterClaim.Select(s => (s.SessionId, s.Outcome, s.EndedAt)), Is.EquivalentTo(new[]
        {
            (otherShip, (SessionOutcome?)SessionOutcome.Abandoned, (DateTimeOffset?)T0.AddSeconds(60)),
            (lateStart, (SessionOutcome?)SessionOutcome.Abandoned, (DateTimeOffset?)T0.AddSeconds(90)),
        }));
    }

    [Test]
    public async Task The_owner_taking_its_own_expired_lease_again_closes_nothing()
    {
        var open = Guid.NewGuid();
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);
        Store.Append(new SessionStartedRecord(open, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0));
        await Store.FlushAsync(Ct);

        var again = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0.AddMinutes(10), Ct);
        var session = (await Store.GetSessionReportsAsync(SessionQuery.All, T0.AddMinutes(20), Ct)).Single();

        Assert.That(again.Acquired, Is.True);
        Assert.That(session.EndedAt, Is.Null);
    }

    [Test]
    public async Task Release_frees_the_lease_only_for_its_holder()
    {
        await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-a", Lease, T0, Ct);

        await Store.ReleaseLeaseAsync("ALPHA-1", "node-b", Ct);
        var afterForeignRelease = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(1), Ct);
        await Store.ReleaseLeaseAsync("ALPHA-1", "node-a", Ct);
        var afterRelease = await Store.TryAcquireLeaseAsync("ALPHA-1", "ALPHA", "node-b", Lease, T0.AddSeconds(2), Ct);

        Assert.That(afterForeignRelease.Acquired, Is.False);
        Assert.That(afterRelease, Is.EqualTo(new LeaseResult(true, "node-b", T0.AddSeconds(62))));
    }

    // ----- Sessions and analytics on a recorded history -----

    [Test]
    public async Task Session_reports_give_hand_computed_cpr_and_pro_rata_cph()
    {
        await RecordHistoryAsync();

        var reports = await Store.GetSessionReportsAsync(SessionQuery.All, T0.AddHours(3), Ct);

        Assert.That(reports.Select(r => r.SessionId), Is.EqualTo(new[] { S1, S3, S4, S2 }), "oldest first");
        var s1 = reports[0];
        Assert.Multiple(() =>
        {
            // S1: 10 requests; +3000 -500 +2500 = 5000 credits over 2 h: CPR 500, CPH 2500.
            Assert.That(s1, Is.EqualTo(new SessionReport(S1, "ALPHA", "ALPHA-1", "SHIP_MINING_DRONE", "mine", "v1", "fleet@v1", T0, T0.AddHours(2), SessionOutcome.Completed, 10, 5000, 2) { Node = "node-a" }));
            Assert.That(s1.CreditsPerRequest, Is.EqualTo(500));
            Assert.That(s1.CreditsPerHour, Is.EqualTo(2500));

            // S3: 5 requests, one refuel of -100 over 1 h: CPR -20, CPH -100.
            var s3 = reports[1];
            Assert.That((s3.Outcome, s3.Reason, s3.Node), Is.EqualTo((SessionOutcome.Failed, "boom", "node-a")));
            Assert.That((s3.Requests, s3.CreditsEarned, s3.Hours), Is.EqualTo((5L, -100L, 1.0)));
            Assert.That(s3.CreditsPerRequest, Is.EqualTo(-20));
            Assert.That(s3.CreditsPerHour, Is.EqualTo(-100));

            // S4: 6 requests, +900 over 45 min: CPR 150, CPH 1200.
            var s4 = reports[2];
            Assert.That((s4.Requests, s4.CreditsEarned), Is.EqualTo((6L, 900L)));
            Assert.That(s4.Hours, Is.EqualTo(0.75).Within(1e-9));
            Assert.That(s4.CreditsPerRequest, Is.EqualTo(150));
            Assert.That(s4.CreditsPerHour, Is.EqualTo(1200).Within(1e-6));

            // S2 still runs: measured to +3 h, so 1 h; 4 requests, +1200: CPR 300, CPH 1200.
            var s2 = reports[3];
            Assert.That(s2.EndedAt, Is.Null);
            Assert.That(s2.Outcome, Is.Null);
            Assert.That((s2.Requests, s2.CreditsEarned, s2.Hours), Is.EqualTo((4L, 1200L, 1.0)));
            Assert.That(s2.CreditsPerRequest, Is.EqualTo(300));
            Assert.That(s2.CreditsPerHour, Is.EqualTo(1200));
        });

        var later = await Store.GetSessionReportsAsync(new SessionQuery(SessionId: S2), T0.AddHours(4), Ct);
        Assert.That(later.Single().Hours, Is.EqualTo(2.0), "a running session is measured to the report's time");
        Assert.That(later.Single().CreditsPerHour, Is.EqualTo(600));
    }

    [Test]
    public async Task Session_reports_filter_by_agent_ship_and_session()
    {
        await RecordHistoryAsync();

        var alpha = await Store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: "ALPHA"), T0.AddHours(3), Ct);
        var ship = await Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: "ALPHA-1"), T0.AddHours(3), Ct);
        var one = await Store.GetSessionReportsAsync(new SessionQuery(SessionId: S4), T0.AddHours(3), Ct);
        var none = await Store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: "CHARLIE"), T0.AddHours(3), Ct);

        Assert.That(alpha.Select(r => r.SessionId), Is.EqualTo(new[] { S1, S3, S2 }));
        Assert.That(ship.Select(r => r.SessionId), Is.EqualTo(new[] { S1, S2 }));
        Assert.That(one.Select(r => r.SessionId), Is.EqualTo(new[] { S4 }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task Group_reports_sum_sessions_per_ship_ship_type_behaviour_version_and_agent()
    {
        await RecordHistoryAsync();
        var asOf = T0.AddHours(3);

        var perShip = await Store.GetGroupReportsAsync(ReportGrouping.Ship, asOf, Ct);
        var perType = await Store.GetGroupReportsAsync(ReportGrouping.ShipType, asOf, Ct);
        var perBehaviour = await Store.GetGroupReportsAsync(ReportGrouping.Behaviour, asOf, Ct);
        var perAgent = await Store.GetGroupReportsAsync(ReportGrouping.Agent, asOf, Ct);

        Assert.Multiple(() =>
        {
            // ALPHA-1: S1 + S2 = 14 requests, 6200 credits, 3 h.
            AssertGroups(perShip, ("ALPHA-1", 2, 14, 6200, 3), ("ALPHA-2", 1, 5, -100, 1), ("BRAVO-1", 1, 6, 900, 0.75));

            // Drones: S1 + S2 + S4 = 20 requests, 7100 credits, 3.75 h.
            AssertGroups(perType, ("SHIP_MINING_DRONE", 3, 20, 7100, 3.75), ("SHIP_PROBE", 1, 5, -100, 1));

            // mine@v1: S1 + S4 = 16 requests, 5900 credits, 2.75 h.
            AssertGroups(perBehaviour, ("mine@v1", 2, 16, 5900, 2.75), ("mine@v2", 1, 4, 1200, 1), ("scout@v1", 1, 5, -100, 1));

            // ALPHA: S1 + S2 + S3 = 19 requests, 6100 credits (the conductor's ship purchase has no session), 4 h.
            AssertGroups(perAgent, ("ALPHA", 3, 19, 6100, 4), ("BRAVO", 1, 6, 900, 0.75));
        });

        var mineV1 = perBehaviour[0];
        Assert.That(mineV1.CreditsPerRequest, Is.EqualTo(5900.0 / 16).Within(1e-9));
        Assert.That(mineV1.CreditsPerHour, Is.EqualTo(5900 / 2.75).Within(1e-6));
    }

    [Test]
    public async Task Credit_movements_and_balances_come_back_in_time_order_and_sum_to_the_change()
    {
        await RecordHistoryAsync();

        var movements = await Store.GetCreditMovementsAsync("ALPHA", Ct);
        var points = await Store.GetCreditsOverTimeAsync("ALPHA", Ct);
        var bravo = await Store.GetCreditsOverTimeAsync("BRAVO", Ct);
        var nobody = await Store.GetCreditsOverTimeAsync("CHARLIE", Ct);

        Assert.That(movements.Select(m => m.Kind), Is.EqualTo(new[] { "sell", "refuel", "refuel", "sell", "ship-purchase", "sell" }));
        Assert.That(movements.Sum(m => m.Amount), Is.EqualTo(86_100 - 100_000), "movements sum to the agent's change");
        Assert.That(movements[4], Is.EqualTo(new CreditMovementRecord(null, "ALPHA", "ship-purchase", -20_000, 84_900, "ALPHA-3", null, null, T0.AddMinutes(125))));
        Assert.That(movements[0], Is.EqualTo(new CreditMovementRecord(S1, "ALPHA", "sell", 3000, 103_000, "ALPHA-1", "IRON_ORE", 30, T0.AddMinutes(10))));
        Assert.That(points, Is.EqualTo(new[]
        {
            new CreditPoint(T0.AddMinutes(10), 103_000),
            new CreditPoint(T0.AddMinutes(40), 102_900),
            new CreditPoint(T0.AddMinutes(50), 102_400),
            new CreditPoint(T0.AddMinutes(110), 104_900),
            new CreditPoint(T0.AddMinutes(125), 84_900),
            new CreditPoint(T0.AddMinutes(150), 86_100),
        }));
        Assert.That(bravo, Is.EqualTo(new[] { new CreditPoint(T0.AddMinutes(90), 50_900) }));
        Assert.That(nobody, Is.Empty);
    }

    [Test]
    public async Task Request_figures_count_per_node_and_per_agent_with_queue_wait_percentiles()
    {
        // node-a makes 100 ALPHA requests waiting 0..99 ms (every tenth sent twice, the last ten delayed);
        // node-b makes 3 ALPHA requests waiting 5 s (delayed, one 429); a BRAVO request and one without a node.
        for (var i = 0; i < 100; i++)
        {
            Store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.FromMilliseconds(99 - i), TimeSpan.FromMilliseconds(150), i % 10 == 0 ? 2 : 1, 0, i < 10, T0.AddSeconds(i)) { Node = "node-a" });
        }

        for (var i = 0; i < 3; i++)
        {
            Store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6), 1 + (i == 0 ? 1 : 0), i == 0 ? 1 : 0, true, T0.AddMinutes(1).AddSeconds(i)) { Node = "node-b" });
        }

        Store.Append(new RequestRecordedRecord(null, "BRAVO", "GET", "/my/agent", 200, "Normal", TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(9), 1, 0, true, T0) { Node = "node-a" });
        Store.Append(new RequestRecordedRecord(null, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0));
        await Store.FlushAsync(Ct);

        var nodeA = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", "node-a"), Ct);
        var nodeB = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", "node-b"), Ct);
        var agent = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA"), Ct);
        var window = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", "node-a", From: T0.AddSeconds(50), To: T0.AddSeconds(60)), Ct);
        var everything = await Store.GetRequestFiguresAsync(RequestQuery.All, Ct);
        var nothing = await Store.GetRequestFiguresAsync(new RequestQuery("CHARLIE"), Ct);

        Assert.Multiple(() =>
        {
            // 0..99 ms: the 50th smallest is 49 ms, the 99th 98 ms; the mean 49.5 ms.
            Assert.That(nodeA, Is.EqualTo(new RequestFigures(100, 110, 0, 10, TimeSpan.FromMilliseconds(49.5), TimeSpan.FromMilliseconds(49), TimeSpan.FromMilliseconds(98))));
            Assert.That(nodeB, Is.EqualTo(new RequestFigures(3, 4, 1, 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5))));

            // The agent across nodes: 104 requests; ranks 52 and 103 of 0..99 ms, 0 ms and three 5 s waits.
            Assert.That((agent.Requests, agent.Attempts, agent.RateLimited, agent.Delayed), Is.EqualTo((104L, 115L, 1L, 13L)));
            Assert.That((agent.QueueWaitP50, agent.QueueWaitP99), Is.EqualTo((TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5))));
            Assert.That(agent.MeanQueueWait, Is.EqualTo(TimeSpan.FromTicks((49_500_000 + 150_000_000) / 104)));

            // Started in [+50 s, +60 s): waits 49..40 ms.
            Assert.That((window.Requests, window.QueueWaitP50, window.QueueWaitP99), Is.EqualTo((10L, TimeSpan.FromMilliseconds(44), TimeSpan.FromMilliseconds(49))));
            Assert.That(everything.Requests, Is.EqualTo(105));
            Assert.That(nothing, Is.EqualTo(RequestFigures.None));
        });
    }

    [Test]
    public async Task Saturation_reports_requests_429s_delays_and_mean_queue_wait_per_minute()
    {
        await RecordHistoryAsync();

        var firstTen = await Store.GetSaturationAsync(T0, T0.AddMinutes(10), Ct);
        var all = await Store.GetSaturationAsync(T0, T0.AddHours(4), Ct);

        Assert.That(firstTen, Is.EqualTo(new[]
        {
            // Minute 0: waits 0, 2 and 4 s (mean 2 s), two delayed, one 429.
            new MinuteReport(T0, 3, 1, 2, TimeSpan.FromSeconds(2)),
            new MinuteReport(T0.AddMinutes(1), 1, 0, 1, TimeSpan.FromSeconds(1)),
            new MinuteReport(T0.AddMinutes(5), 2, 0, 0, TimeSpan.Zero),
        }));
        Assert.That(all.Sum(m => m.Requests), Is.EqualTo(6 + 25), "the conductor's six and the sessions' 25");
        Assert.That(all.Select(m => m.Minute), Is.Ordered);
    }

    [Test]
    public async Task Flush_makes_ship_parts_durable_and_calls_back_once_per_record()
    {
        var durable = 0;
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 3, """{"status":"IN_ORBIT"}"""), new ShipPartValue("fuel", 3, """{"current":100}""")], T0)
        {
            OnDurable = () => Interlocked.Increment(ref durable),
        });

        await Store.FlushAsync(Ct);

        Assert.That(Volatile.Read(ref durable), Is.EqualTo(1));
        Assert.That(Store.Health.Pending, Is.Zero);
        Assert.That(Store.Health.Connected, Is.True);
    }

    [Test]
    public async Task Statistics_count_rows_written_by_table()
    {
        Store.Append(new SessionStartedRecord(S1, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0));
        Store.Append(Request(S1, T0.AddSeconds(1)));
        Store.Append(Request(S1, T0.AddSeconds(2)));
        Store.Append(new CreditMovementRecord(S1, "ALPHA", "sell", 10, 110, "ALPHA-1", "IRON_ORE", 1, T0.AddSeconds(3)));
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("nav", 1, "{}"), new ShipPartValue("cargo", 1, "{}"), new ShipPartValue("fuel", 1, "{}")], T0.AddSeconds(3)));
        Store.Append(new ShipPartsRecord("ALPHA", "ALPHA-1", [new ShipPartValue("cargo", 2, "{}")], T0.AddSeconds(4)));
        Store.Append(new AgentSnapshotRecord("ALPHA", 110, """{"symbol":"ALPHA"}""", T0.AddSeconds(3)));
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddSeconds(5), 10, 9));
        Store.Append(new SessionEndedRecord(S1, SessionOutcome.Completed, null, T0.AddSeconds(6)));
        await Store.FlushAsync(Ct);

        var statistics = Store.GetStatistics();

        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.Sessions), Is.EqualTo(2), "the start and the end");
        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.Requests), Is.EqualTo(2));
        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.CreditMovements), Is.EqualTo(1));
        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.ShipParts), Is.EqualTo(4), "one row per part written");
        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.Agents), Is.EqualTo(1));
        Assert.That(statistics.RowsWritten.GetValueOrDefault(StoreTables.MarketObservations), Is.EqualTo(1));
        Assert.That(statistics.TotalRows, Is.EqualTo(11));
    }

    // ----- Runs -----

    [Test]
    public async Task Records_of_two_runs_at_the_same_times_are_told_apart_by_their_run()
    {
        // Two runs of one agent whose clocks started at the same moment (a fresh simulator each time): same times, same ships.
        var first = new Guid("10000000-0000-0000-0000-000000000001");
        var second = new Guid("10000000-0000-0000-0000-000000000002");
        var sessions = new[] { (Run: first, Session: S1), (Run: second, Session: S2) };
        foreach (var (run, session) in sessions)
        {
            Store.Append(new SessionStartedRecord(session, "ALPHA", "ALPHA-1", "SHIP_MINING_DRONE", "mine", "v1", null, "node-a", T0) { RunId = run });
            Store.Append(Request(session, T0.AddSeconds(5)) with { RunId = run, Node = "node-a" });
            Store.Append(Request(null, T0.AddSeconds(65), delayed: true, rateLimited: run == second ? 1 : 0) with { RunId = run, Node = "node-a" });
            Store.Append(new CreditMovementRecord(session, "ALPHA", "sell", 100, 100_100, "ALPHA-1", "IRON_ORE", 1, T0.AddSeconds(30)) { RunId = run, Node = "node-a" });
        }

        Store.Append(Request(null, T0.AddSeconds(10)));
        Store.Append(new CreditMovementRecord(null, "ALPHA", "ship-purchase", -500, 99_600, "ALPHA-2", null, null, T0.AddSeconds(40)) { RunId = second });
        await Store.FlushAsync(Ct);

        var firstSessions = await Store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: "ALPHA", RunId: first), T0.AddHours(1), Ct);
        var secondMinutes = await Store.GetRunSaturationAsync(second, Ct);
        var movements = await Store.GetCreditMovementsAsync("ALPHA", Ct);
        var secondFigures = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", RunId: second), Ct);
        var nodeFigures = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", "node-a"), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(firstSessions.Select(s => s.SessionId), Is.EqualTo(new[] { S1 }));
            Assert.That((secondFigures.Requests, secondFigures.RateLimited, secondFigures.Delayed), Is.EqualTo((2L, 1L, 1L)), "one run's request figures, though both runs ran on node-a at the same times");
            Assert.That(nodeFigures.Requests, Is.EqualTo(4), "the node's figures hold both runs");
            Assert.That(movements.Where(m => m.RunId == first).Select(m => m.Node), Is.EqualTo(new[] { "node-a" }), "movements read back with their node too");
            Assert.That(firstSessions.Single().Requests, Is.EqualTo(1));
            Assert.That(secondMinutes, Is.EqualTo(new[]
            {
                new MinuteReport(T0, 1, 0, 0, TimeSpan.Zero),
                new MinuteReport(T0.AddMinutes(1), 1, 1, 1, TimeSpan.Zero),
            }), "the run's own requests, not the other run's nor the one without a run");
            Assert.That(movements.Where(m => m.RunId == second).Sum(m => m.Amount), Is.EqualTo(100 - 500));
            Assert.That(movements.Count(m => m.RunId == first), Is.EqualTo(1), "movements read back with their run");
        });
        Assert.That(await Store.GetRunSaturationAsync(Guid.NewGuid(), Ct), Is.Empty);
        Assert.That((await Store.GetSaturationAsync(T0, T0.AddMinutes(2), Ct)).Sum(m => m.Requests), Is.EqualTo(5), "all runs together");
    }

    // ----- Market history -----

    [Test]
    public async Task The_janitor_rolls_observations_past_the_raw_window_into_hourly_summaries()
    {
        await RecordMarketsAsync();

        var report = await Store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);
        var iron = await Store.GetMarketHistoryAsync("X1-A1", "IRON_ORE", Ct);
        var market = await Store.GetMarketHistoryAsync("X1-A1", null, Ct);

        // Raw window 2 h at +5 h: everything before +3 h is rolled up (6 observations into 4 hour summaries); +3:30 stays raw.
        Assert.That(report, Is.EqualTo(new JanitorReport(4, 6, 0)));
        Assert.That(iron, Has.Count.EqualTo(2));
        var hour0 = iron[0];
        Assert.Multiple(() =>
        {
            // Hour 0: purchases 100, 110, 90 (mean 100, last 90 at 0:50); sales 90, 95, 80 (mean 88.33, last 80).
            Assert.That(hour0 with { MeanPurchasePrice = 0, MeanSellPrice = 0 }, Is.EqualTo(new MarketHourSummary("X1-A1", "IRON_ORE", T0, 3, 90, 110, 0, 90, 80, 95, 0, 80, 40, "ABUNDANT")));
            Assert.That(hour0.MeanPurchasePrice, Is.EqualTo(100).Within(1e-9));
            Assert.That(hour0.MeanSellPrice, Is.EqualTo(265 / 3.0).Within(1e-9));
            Assert.That(iron[1], Is.EqualTo(new MarketHourSummary("X1-A1", "IRON_ORE", T0.AddHours(1), 1, 120, 120, 120, 120, 100, 100, 100, 100, 60, "LIMITED")));
        });
        Assert.That(market.Select(s => (s.Hour, s.TradeSymbol)), Is.EqualTo(new[] { (T0, "COPPER_ORE"), (T0, "IRON_ORE"), (T0.AddHours(1), "IRON_ORE") }), "oldest first, then by good");
        Assert.That(await Store.GetMarketHistoryAsync("X1-B2", null, Ct), Has.Count.EqualTo(1));
        Assert.That(Store.GetStatistics().RowsWritten.GetValueOrDefault(StoreTables.MarketHours), Is.EqualTo(4));
    }

    [Test]
    public async Task A_second_run_changes_nothing_and_a_late_observation_is_merged_into_its_hour()
    {
        await RecordMarketsAsync();
        await Store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);

        var again = await Store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(40), 200, 70));
        await Store.FlushAsync(Ct);
        var late = await Store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);
        var hour0 = (await Store.GetMarketHistoryAsync("X1-A1", "IRON_ORE", Ct))[0];

        Assert.That(again, Is.EqualTo(new JanitorReport(0, 0, 0)));
        Assert.That(late, Is.EqualTo(new JanitorReport(1, 1, 0)));

        // Purchases 100, 110, 90, 200: mean 125, max 200; the last observation is still the one at 0:50.
        Assert.That((hour0.Observations, hour0.MaxPurchasePrice, hour0.MinSellPrice, hour0.LastPurchasePrice), Is.EqualTo((4, 200, 70, 90)));
        Assert.That(hour0.MeanPurchasePrice, Is.EqualTo(125).Within(1e-9));
    }

    [Test]
    public async Task Summaries_past_their_retention_are_pruned()
    {
        await RecordMarketsAsync();
        await Store.RollUpMarketHistoryAsync(T0.AddHours(5), new MarketHistoryOptions(), Ct);

        // 30 days (the default retention) after +0:30: hour 0's three summaries go; hour 1's and the +3:30 observation's stay.
        var report = await Store.RollUpMarketHistoryAsync(T0.AddDays(30).AddMinutes(30), new MarketHistoryOptions(), Ct);
        var custom = await Store.RollUpMarketHistoryAsync(T0.AddDays(30).AddMinutes(30), new MarketHistoryOptions { SummaryRetention = TimeSpan.FromDays(30) - TimeSpan.FromHours(2) }, Ct);

        Assert.That(report, Is.EqualTo(new JanitorReport(1, 1, 3)));
        Assert.That(custom, Is.EqualTo(new JanitorReport(0, 0, 1)), "with a retention 2 h shorter, hour 1 goes too");
        Assert.That((await Store.GetMarketHistoryAsync("X1-A1", null, Ct)).Select(s => s.Hour), Is.EqualTo(new[] { T0.AddHours(3) }));
        Assert.That(await Store.GetMarketHistoryAsync("X1-B2", null, Ct), Is.Empty);
    }

    // ----- The recorded history -----

    /// <summary>
    /// Records four sessions, their requests and credit movements, and six conductor requests:
    /// S1 ALPHA-1 mine@v1 0:00-2:00 completed; S3 ALPHA-2 scout@v1 0:30-1:30 failed; S4 BRAVO-1 mine@v1 1:00-1:45
    /// completed; S2 ALPHA-1 mine@v2 from 2:00, running.
    /// </summary>
    private async Task RecordHistoryAsync()
    {
        Store.Append(new SessionStartedRecord(S1, "ALPHA", "ALPHA-1", "SHIP_MINING_DRONE", "mine", "v1", "fleet@v1", "node-a", T0));
        Store.Append(new SessionStartedRecord(S3, "ALPHA", "ALPHA-2", "SHIP_PROBE", "scout", "v1", "fleet@v1", "node-a", T0.AddMinutes(30)));
        Store.Append(new SessionStartedRecord(S4, "BRAVO", "BRAVO-1", "SHIP_MINING_DRONE", "mine", "v1", null, "node-b", T0.AddHours(1)));
        Store.Append(new SessionStartedRecord(S2, "ALPHA", "ALPHA-1", "SHIP_MINING_DRONE", "mine", "v2", "fleet@v1", "node-a", T0.AddHours(2)));

        // The conductor's requests (no session) in minutes 0, 1 and 5.
        Store.Append(Request(null, T0, TimeSpan.Zero, delayed: false, rateLimited: 0));
        Store.Append(Request(null, T0.AddSeconds(10), TimeSpan.FromSeconds(2), delayed: true, rateLimited: 0));
        Store.Append(Request(null, T0.AddSeconds(20), TimeSpan.FromSeconds(4), delayed: true, rateLimited: 1));
        Store.Append(Request(null, T0.AddSeconds(70), TimeSpan.FromSeconds(1), delayed: true, rateLimited: 0));
        Store.Append(Request(null, T0.AddMinutes(5), TimeSpan.Zero, delayed: false, rateLimited: 0));
        Store.Append(Request(null, T0.AddMinutes(5).AddSeconds(30), TimeSpan.Zero, delayed: false, rateLimited: 0));

        // The sessions' requests, from minute 20 on: S1 10, S3 5, S4 6, S2 4.
        for (var i = 0; i < 10; i++)
        {
            Store.Append(Request(S1, T0.AddMinutes(20 + i)));
        }

        for (var i = 0; i < 5; i++)
        {
            Store.Append(Request(S3, T0.AddMinutes(45 + i)));
        }

        for (var i = 0; i < 6; i++)
        {
            Store.Append(Request(S4, T0.AddMinutes(70 + i)));
        }

        for (var i = 0; i < 4; i++)
        {
            Store.Append(Request(S2, T0.AddMinutes(130 + i)));
        }

        // ALPHA starts at 100,000 and ends at 86,100; BRAVO starts at 50,000.
        Store.Append(new CreditMovementRecord(S1, "ALPHA", "sell", 3000, 103_000, "ALPHA-1", "IRON_ORE", 30, T0.AddMinutes(10)));
        Store.Append(new CreditMovementRecord(S3, "ALPHA", "refuel", -100, 102_900, "ALPHA-2", "FUEL", 1, T0.AddMinutes(40)));
        Store.Append(new CreditMovementRecord(S1, "ALPHA", "refuel", -500, 102_400, "ALPHA-1", "FUEL", 5, T0.AddMinutes(50)));
        Store.Append(new CreditMovementRecord(S4, "BRAVO", "sell", 900, 50_900, "BRAVO-1", "COPPER_ORE", 20, T0.AddMinutes(90)));
        Store.Append(new CreditMovementRecord(S1, "ALPHA", "sell", 2500, 104_900, "ALPHA-1", "IRON_ORE", 25, T0.AddMinutes(110)));
        Store.Append(new CreditMovementRecord(null, "ALPHA", "ship-purchase", -20_000, 84_900, "ALPHA-3", null, null, T0.AddMinutes(125)));
        Store.Append(new CreditMovementRecord(S2, "ALPHA", "sell", 1200, 86_100, "ALPHA-1", "IRON_ORE", 12, T0.AddMinutes(150)));

        Store.Append(new SessionEndedRecord(S3, SessionOutcome.Failed, "boom", T0.AddMinutes(90)));
        Store.Append(new SessionEndedRecord(S4, SessionOutcome.Completed, null, T0.AddMinutes(105)));
        Store.Append(new SessionEndedRecord(S1, SessionOutcome.Completed, null, T0.AddHours(2)));
        await Store.FlushAsync(Ct);
    }

    private async Task RecordMarketsAsync()
    {
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(10), 100, 90, 60, "MODERATE"));
        Store.Append(Observation("X1-A1", "COPPER_ORE", T0.AddMinutes(15), 50, 40));
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(20), 110, 95, 60, "HIGH"));
        Store.Append(Observation("X1-B2", "IRON_ORE", T0.AddMinutes(30), 105, 92));
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(50), 90, 80, 40, "ABUNDANT"));
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(90), 120, 100, 60, "LIMITED"));
        Store.Append(Observation("X1-A1", "IRON_ORE", T0.AddMinutes(210), 130, 110, 60, "SCARCE"));
        await Store.FlushAsync(Ct);
    }

    private static RequestRecordedRecord Request(Guid? session, DateTimeOffset at, TimeSpan? wait = null, bool delayed = false, int rateLimited = 0) =>
        new(session, "ALPHA", "GET", "/my/ships/{shipSymbol}", 200, "Normal", wait ?? TimeSpan.Zero, (wait ?? TimeSpan.Zero) + TimeSpan.FromMilliseconds(100), 1 + rateLimited, rateLimited, delayed, at);

    private static MarketObservationRecord Observation(string waypoint, string good, DateTimeOffset at, int purchase, int sell, int volume = 60, string supply = "MODERATE") =>
        new(waypoint, good, "EXPORT", purchase, sell, volume, supply, "STRONG", at);

    private static void AssertGroups(IReadOnlyList<GroupReport> actual, params (string Key, int Sessions, long Requests, long Credits, double Hours)[] expected)
    {
        Assert.That(actual.Select(g => g.Key), Is.EqualTo(expected.Select(e => e.Key)), "one group per key, ordered by key");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That((actual[i].Sessions, actual[i].Requests, actual[i].CreditsEarned), Is.EqualTo((expected[i].Sessions, expected[i].Requests, expected[i].Credits)), expected[i].Key);
            Assert.That(actual[i].Hours, Is.EqualTo(expected[i].Hours).Within(1e-9), expected[i].Key);
        }
    }

    [Test]
    public async Task Records_of_two_server_resets_are_counted_each_in_its_own()
    {
        // The same agent and ship symbols in two resets: a session, two requests and a sale in the first, one of each in the second.
        const string First = "2026-01-01", Second = "2026-01-08";
        var run = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Store.Append(new AgentSnapshotRecord("ALPHA", 100, "{}", T0) { Reset = First });
        Store.Append(new SessionStartedRecord(a, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0) { RunId = run, Reset = First });
        Store.Append(new RequestRecordedRecord(a, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0.AddSeconds(1)) { RunId = run, Node = "node-a", Reset = First });
        Store.Append(new RequestRecordedRecord(a, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0.AddSeconds(2)) { RunId = run, Node = "node-a", Reset = First });
        Store.Append(new CreditMovementRecord(a, "ALPHA", "sell", 50, 150, "ALPHA-1", null, null, T0.AddSeconds(2)) { RunId = run, Node = "node-a", Reset = First });
        Store.Append(new SessionEndedRecord(a, SessionOutcome.Reset, "the server reset", T0.AddHours(1)));
        Store.Append(new AgentSnapshotRecord("ALPHA", 175, "{}", T0.AddHours(1)) { Reset = Second });
        Store.Append(new SessionStartedRecord(b, "ALPHA", "ALPHA-1", null, "mine", "v1", null, "node-a", T0.AddHours(1)) { RunId = run, Reset = Second });
        Store.Append(new RequestRecordedRecord(b, "ALPHA", "GET", "/my/agent", 200, "Normal", TimeSpan.Zero, TimeSpan.Zero, 1, 0, false, T0.AddHours(1).AddSeconds(1)) { RunId = run, Node = "node-a", Reset = Second });
        Store.Append(new CreditMovementRecord(b, "ALPHA", "sell", 7, 182, "ALPHA-1", null, null, T0.AddHours(1).AddSeconds(1)) { RunId = run, Node = "node-a", Reset = Second });
        await Store.FlushAsync(Ct);
        var asOf = T0.AddHours(2);

        var resets = await Store.GetResetsAsync(Ct);
        var firstSessions = await Store.GetSessionReportsAsync(new SessionQuery(Reset: First), asOf, Ct);
        var secondSessions = await Store.GetSessionReportsAsync(new SessionQuery(Reset: Second), asOf, Ct);
        var firstGroups = await Store.GetGroupReportsAsync(ReportGrouping.Agent, asOf, First, Ct);
        var secondGroups = await Store.GetGroupReportsAsync(ReportGrouping.Agent, asOf, Second, Ct);
        var allGroups = await Store.GetGroupReportsAsync(ReportGrouping.Agent, asOf, null, Ct);
        var firstRequests = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", RunId: run, Reset: First), Ct);
        var secondRequests = await Store.GetRequestFiguresAsync(new RequestQuery("ALPHA", RunId: run, Reset: Second), Ct);
        var secondMinutes = await Store.GetRunSaturationAsync(run, Second, Ct);
        var movements = await Store.GetCreditMovementsAsync("ALPHA", Ct);

        Assert.Multiple(() =>
        {
            Assert.That(resets, Is.EqualTo(new[] { First, Second }));
            Assert.That(firstSessions.Select(s => s.SessionId), Is.EqualTo(new[] { a }));
            Assert.That(secondSessions.Select(s => s.SessionId), Is.EqualTo(new[] { b }));
            Assert.That(firstGroups.Single().Requests, Is.EqualTo(2));
            Assert.That(firstGroups.Single().CreditsEarned, Is.EqualTo(50));
            Assert.That(secondGroups.Single().Requests, Is.EqualTo(1));
            Assert.That(secondGroups.Single().CreditsEarned, Is.EqualTo(7));
            Assert.That(allGroups.Single().Sessions, Is.EqualTo(2), "without a reset: every reset's");
            Assert.That(firstRequests.Requests, Is.EqualTo(2));
            Assert.That(secondRequests.Requests, Is.EqualTo(1));
            Assert.That(secondMinutes.Sum(m => m.Requests), Is.EqualTo(1));
            Assert.That(movements.Select(m => m.Reset), Is.EqualTo(new[] { First, Second }));
        });
    }
}
