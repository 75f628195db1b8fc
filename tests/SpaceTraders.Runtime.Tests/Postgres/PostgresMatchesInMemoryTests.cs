using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// The analytics in SQL answer exactly what the in-memory store answers, on seeded histories with times below
/// PostgreSQL's microsecond resolution, sessions that run on, unknown ship types and late market observations:
/// every report compared for equality, doubles to the last bit.
/// </summary>
[TestFixture]
public sealed class PostgresMatchesInMemoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Agents = ["ALPHA", "BRAVO"];
    private static readonly string?[] ShipTypes = ["SHIP_MINING_DRONE", "SHIP_PROBE", null];
    private static readonly string[] Behaviours = ["mine@v1", "mine@v2", "scout@v1"];
    private static readonly string[] Waypoints = ["X1-A1", "X1-B2"];
    private static readonly string[] Goods = ["IRON_ORE", "COPPER_ORE", "FUEL"];

    private static CancellationToken Ct => CancellationToken.None;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Every_report_equals_the_in_memory_stores(int seed)
    {
        var memory = new InMemoryStore();
        await using var postgres = new PostgresStore(await PostgresFixture.NewDatabaseAsync());
        await postgres.InitializeAsync(Ct);
        var end = Record(seed, memory, postgres);
        await postgres.FlushAsync(Ct);

        foreach (var asOf in new[] { end, end.AddHours(3).AddTicks(7), T0.AddMinutes(30) })
        {
            Assert.That(await postgres.GetSessionReportsAsync(SessionQuery.All, asOf, Ct), Is.EqualTo(await memory.GetSessionReportsAsync(SessionQuery.All, asOf, Ct)), $"sessions as of {asOf:O}");
            foreach (var grouping in Enum.GetValues<ReportGrouping>())
            {
                Assert.That(await postgres.GetGroupReportsAsync(grouping, asOf, Ct), Is.EqualTo(await memory.GetGroupReportsAsync(grouping, asOf, Ct)), $"{grouping} as of {asOf:O}");
            }
        }

        foreach (var agent in Agents)
        {
            var query = new SessionQuery(AgentSymbol: agent);
            Assert.That(await postgres.GetSessionReportsAsync(query, end, Ct), Is.EqualTo(await memory.GetSessionReportsAsync(query, end, Ct)));
            Assert.That(await postgres.GetCreditMovementsAsync(agent, Ct), Is.EqualTo(await memory.GetCreditMovementsAsync(agent, Ct)), agent);
            Assert.That(await postgres.GetCreditsOverTimeAsync(agent, Ct), Is.EqualTo(await memory.GetCreditsOverTimeAsync(agent, Ct)), agent);
        }

        foreach (var (from, to) in new[] { (T0, end.AddMinutes(1)), (T0.AddSeconds(90.5), T0.AddMinutes(47).AddTicks(3)) })
        {
            Assert.That(await postgres.GetSaturationAsync(from, to, Ct), Is.EqualTo(await memory.GetSaturationAsync(from, to, Ct)), $"saturation {from:O} to {to:O}");
            foreach (var query in Agents.Select(a => new RequestQuery(a, From: from, To: to)).Append(new RequestQuery(From: from)).Append(new RequestQuery(Agents[0], "node-b", To: to)).Append(RequestQuery.All))
            {
                Assert.That(await postgres.GetRequestFiguresAsync(query, Ct), Is.EqualTo(await memory.GetRequestFiguresAsync(query, Ct)), $"request figures {query}");
            }
        }

        // Two janitor passes, the second after late observations, then a retention that prunes.
        var options = new MarketHistoryOptions { RawWindow = TimeSpan.FromMinutes(50), SummaryRetention = TimeSpan.FromHours(5) };
        foreach (var (now, late) in new[] { (T0.AddHours(2), 0), (T0.AddHours(3), 15), (T0.AddHours(7), 0) })
        {
            var random = new Random(seed * 31 + late);
            for (var i = 0; i < late; i++)
            {
                Both(Observation(random, T0.AddMinutes(random.Next(150)).AddTicks(random.Next(10_000_000))), memory, postgres);
            }

            await postgres.FlushAsync(Ct);
            Assert.That(await postgres.RollUpMarketHistoryAsync(now, options, Ct), Is.EqualTo(await memory.RollUpMarketHistoryAsync(now, options, Ct)), $"janitor at {now:O}");
            foreach (var waypoint in Waypoints)
            {
                Assert.That(await postgres.GetMarketHistoryAsync(waypoint, null, Ct), Is.EqualTo(await memory.GetMarketHistoryAsync(waypoint, null, Ct)), $"{waypoint} after the janitor at {now:O}");
                Assert.That(await postgres.GetMarketHistoryAsync(waypoint, "IRON_ORE", Ct), Is.EqualTo(await memory.GetMarketHistoryAsync(waypoint, "IRON_ORE", Ct)));
            }
        }

        Assert.That(postgres.GetStatistics().RowsWritten, Is.EquivalentTo(memory.GetStatistics().RowsWritten), "the same rows by table");
    }

    /// <summary>Records a seeded history into both stores; returns the time of its last event.</summary>
    private static DateTimeOffset Record(int seed, params IStore[] stores)
    {
        var random = new Random(seed);
        var now = T0;
        var balance = Agents.ToDictionary(a => a, _ => 100_000L);
        var running = new List<(Guid Id, string Agent)>();
        for (var i = 0; i < 600; i++)
        {
            now = now.AddTicks(random.Next(1, 150_000_000));          // up to 15 s, to the tick
            var roll = random.Next(100);
            if (running.Count == 0 || roll < 6)
            {
                var id = new Guid(random.Next(), (short)random.Next(short.MaxValue), (short)random.Next(short.MaxValue), BitConverter.GetBytes(random.NextInt64()));
                var agent = Agents[random.Next(Agents.Length)];
                var behaviour = Behaviours[random.Next(Behaviours.Length)].Split('@');
                running.Add((id, agent));
                Both(new SessionStartedRecord(id, agent, $"{agent}-{random.Next(5)}", ShipTypes[random.Next(ShipTypes.Length)], behaviour[0], behaviour[1], random.Next(2) == 0 ? null : "fleet@v1", "node-a", now), stores);
            }
            else if (roll < 10 && running.Count > 1)
            {
                var ended = running[random.Next(running.Count)];
                running.Remove(ended);
                Both(new SessionEndedRecord(ended.Id, random.Next(3) == 0 ? SessionOutcome.Failed : SessionOutcome.Completed, null, now), stores);
            }
            else if (roll < 60)
            {
                var session = random.Next(5) == 0 ? null : (Guid?)running[random.Next(running.Count)].Id;
                var wait = TimeSpan.FromTicks(random.Next(30_000_000));
                var limited = random.Next(10) == 0 ? 1 : 0;
                Both(new RequestRecordedRecord(session, Agents[0], "POST", "/my/ships/{shipSymbol}/extract", 201, "Normal", wait, wait + TimeSpan.FromMilliseconds(120), 1 + limited, limited, wait > TimeSpan.Zero && random.Next(2) == 0, now) { Node = random.Next(3) == 0 ? "node-b" : "node-a" }, stores);
            }
            else if (roll < 85)
            {
                var (session, agent) = running[random.Next(running.Count)];
                var amount = random.Next(2) == 0 ? random.Next(1, 4000) : -random.Next(1, 900);
                balance[agent] += amount;
                Both(new CreditMovementRecord(random.Next(6) == 0 ? null : session, agent, amount > 0 ? "sell" : "refuel", amount, balance[agent], $"{agent}-1", "IRON_ORE", 3, random.Next(8) == 0 ? now.AddSeconds(-30) : now), stores);
            }
            else
            {
                Both(Observation(random, now), stores);
            }
        }

        return now;
    }

    private static MarketObservationRecord Observation(Random random, DateTimeOffset at) =>
        new(Waypoints[random.Next(Waypoints.Length)], Goods[random.Next(Goods.Length)], "EXCHANGE", 50 + random.Next(100), 40 + random.Next(100), 10 + random.Next(3) * 10, random.Next(2) == 0 ? "MODERATE" : "HIGH", null, at);

    private static void Both(StoreRecord record, params IStore[] stores)
    {
        foreach (var store in stores)
        {
            store.Append(record);
        }
    }
}
