using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Tests.EndToEnd;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Simulator.Faults;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The books balance under faults in PostgreSQL too: the rows themselves, read back with SQL.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresBooksBalanceTests
{
    [TestCase(FaultProfiles.Flaky, 11)]
    [TestCase(FaultProfiles.Chaos, 7)]
    public async Task After_a_run_under_faults_the_rows_sum_to_the_servers_change_and_hold_every_call_once(string faults, int seed)
    {
        using var game = new SimulatedGame(seed);
        var database = await PostgresFixture.NewDatabaseAsync();
        var cs = database.ConnectionString!;
        await using var store = new PostgresStore(database);
        await store.InitializeAsync(CancellationToken.None);

        var outcome = await BooksRun.PlayAsync(game, faults, store);

        outcome.AssertBalanced();
        var fleet = outcome.Snapshot.Agents.Single();
        var summed = await TestDatabase.ScalarAsync(cs, "SELECT coalesce(sum(amount), 0) FROM spacetraders.credit_movements");
        var requestRows = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.requests WHERE node = 'node-a'");
        var attempts = await TestDatabase.ScalarAsync(cs, "SELECT sum(attempts) FROM spacetraders.requests");
        var openSessions = await TestDatabase.ScalarAsync(cs, "SELECT count(*) FROM spacetraders.sessions WHERE ended_ticks IS NULL");
        Assert.Multiple(() =>
        {
            Assert.That(summed, Is.EqualTo(outcome.ServerChange), "the credit_movements rows sum exactly to the agent's change on the server");
            Assert.That(requestRows, Is.EqualTo(fleet.Totals.Requests), "one row per call");
            Assert.That(attempts, Is.EqualTo(outcome.Requests.Attempts).And.GreaterThan(requestRows), "retries are attempts of the call's row");
            Assert.That(openSessions, Is.Zero);
            Assert.That(store.Health.Pending, Is.Zero, "everything written by the end of the run");
        });
    }
}
