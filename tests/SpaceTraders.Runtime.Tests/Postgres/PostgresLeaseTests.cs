using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Leases across two store instances on one database, as two dispatcher nodes see them: never one ship on both,
/// releases, and a killed node's ships picked up once its leases expire.
/// </summary>
[TestFixture]
public sealed class PostgresLeaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private PostgresStoreOptions _options = null!;
    private PostgresStore _nodeA = null!;
    private PostgresStore _nodeB = null!;

    private static CancellationToken Ct => CancellationToken.None;

    [SetUp]
    public async Task StartNodesAsync()
    {
        _options = await PostgresFixture.NewDatabaseAsync();
        _nodeA = new PostgresStore(_options);
        _nodeB = new PostgresStore(_options);
        await _nodeA.InitializeAsync(Ct);
        await _nodeB.InitializeAsync(Ct);
    }

    [TearDown]
    public async Task StopNodesAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Test]
    public async Task Two_nodes_racing_for_the_same_ships_never_both_hold_one()
    {
        var ships = Enumerable.Range(1, 30).Select(i => $"ALPHA-{i:D2}").ToArray();

        // Each ship raced for by both nodes at once, three times over (the later rounds find it held).
        for (var round = 0; round < 3; round++)
        {
            var now = T0.AddSeconds(round);
            var results = await Task.WhenAll(ships.SelectMany(ship => new[]
            {
                Task.Run(() => _nodeA.TryAcquireLeaseAsync(ship, "ALPHA", "node-a", Lease, now, Ct)),
                Task.Run(() => _nodeB.TryAcquireLeaseAsync(ship, "ALPHA", "node-b", Lease, now, Ct)),
            }));

            for (var i = 0; i < ships.Length; i++)
            {
                var (a, b) = (results[2 * i], results[(2 * i) + 1]);
                Assert.That(a.Acquired ^ b.Acquired, Is.True, $"{ships[i]} round {round}: exactly one node holds it");
                Assert.That(a.Owner, Is.EqualTo(b.Owner), $"{ships[i]}: both see the same owner");
            }
        }
    }

    [Test]
    public async Task A_killed_nodes_ships_are_picked_up_after_its_leases_expire()
    {
        string[] ships = ["ALPHA-1", "ALPHA-2", "ALPHA-3"];
        var claimedByA = await AcquireAsync(_nodeA, ships, "node-a", T0);
        await _nodeA.RenewLeaseAsync("ALPHA-3", "node-a", Lease, T0.AddSeconds(30), Ct);

        // Node A dies without releasing anything.
        await _nodeA.DisposeAsync();

        var tooEarly = await AcquireAsync(_nodeB, ships, "node-b", T0.AddSeconds(59));
        var afterExpiry = await AcquireAsync(_nodeB, ships, "node-b", T0.AddSeconds(60));
        var afterRenewedExpiry = await AcquireAsync(_nodeB, ships.Except(afterExpiry), "node-b", T0.AddSeconds(90));

        Assert.That(claimedByA, Is.EqualTo(ships));
        Assert.That(tooEarly, Is.Empty, "node A's leases still hold");
        Assert.That(afterExpiry, Is.EqualTo(new[] { "ALPHA-1", "ALPHA-2" }), "lapsed at +60 s without a manual reset");
        Assert.That(afterRenewedExpiry, Is.EqualTo(new[] { "ALPHA-3" }), "ALPHA-3 was renewed to +90 s");

        // A node that comes back under the old name finds its ships taken.
        await using var revived = new PostgresStore(_options);
        await revived.InitializeAsync(Ct);
        Assert.That(await revived.RenewLeaseAsync("ALPHA-1", "node-a", Lease, T0.AddSeconds(95), Ct), Is.False);
    }

    [Test]
    public async Task A_release_hands_the_ship_to_the_next_claim_at_once()
    {
        await AcquireAsync(_nodeA, ["ALPHA-1", "ALPHA-2"], "node-a", T0);

        await _nodeA.ReleaseLeaseAsync("ALPHA-2", "node-a", Ct);
        var claimed = await AcquireAsync(_nodeB, ["ALPHA-1", "ALPHA-2"], "node-b", T0.AddSeconds(1));

        Assert.That(claimed, Is.EqualTo(new[] { "ALPHA-2" }));
    }

    private static async Task<List<string>> AcquireAsync(PostgresStore store, IEnumerable<string> ships, string owner, DateTimeOffset now)
    {
        var acquired = new List<string>();
        foreach (var ship in ships)
        {
            if ((await store.TryAcquireLeaseAsync(ship, "ALPHA", owner, Lease, now, Ct)).Acquired)
            {
                acquired.Add(ship);
            }
        }

        return acquired;
    }
}
