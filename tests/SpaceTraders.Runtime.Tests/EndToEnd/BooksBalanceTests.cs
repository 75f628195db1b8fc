using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Simulator.Faults;

namespace SpaceTraders.Runtime.Tests.EndToEnd;

/// <summary>
/// The books balance under faults: after a run on the simulator with a fault profile, the credit movements the store
/// holds sum to the server's change in the agent's credits exactly, and every call is one request record (its
/// retries are its attempts). The PostgreSQL twin is <c>Postgres.PostgresBooksBalanceTests</c>.
/// </summary>
[TestFixture]
public sealed class BooksBalanceTests
{
    [TestCase(FaultProfiles.Flaky, 7)]
    [TestCase(FaultProfiles.Flaky, 11)]
    [TestCase(FaultProfiles.Chaos, 7)]
    public async Task After_a_run_under_faults_the_ledger_equals_the_servers_change_and_every_call_is_one_record(string faults, int seed)
    {
        using var game = new SimulatedGame(seed);
        var outcome = await BooksRun.PlayAsync(game, faults, store: null);

        outcome.AssertBalanced();
    }
}

/// <summary>One run of the fixture fleet under a fault profile, and the invariants of the books after it.</summary>
internal sealed record BooksRun(
    string Faults,
    long ServerChange,
    RuntimeSnapshot Snapshot,
    IReadOnlyList<CreditMovementRecord> Movements,
    IReadOnlyList<SessionReport> Sessions,
    RequestFigures Requests,
    StoreStatistics Statistics,
    long FaultsInjected)
{
    /// <summary>Registers an agent, switches the server's faults on and plays the fixture fleet for two game hours.</summary>
    public static async Task<BooksRun> PlayAsync(SimulatedGame game, string faults, IStore? store)
    {
        var agent = await game.RegisterAsync("BOOKS");
        var before = await game.CreditsAsync(agent);
        game.Faults = faults;
        var options = game.RuntimeOptions(agent, store);
        options.Conductor = StrategyRef.Parse("sample-fleet@week10");
        options.ConductorParameters = StrategyParameters.Parse("trips=1;markets=3");
        options.StopAfter = TimeSpan.FromHours(2);
        options.RestartPolicy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(30) };
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);
        var injected = game.Simulation.Faults.InjectedCount;
        var after = await game.CreditsAsync(agent);

        var symbol = snapshot.Agents.Single().Symbol;
        return new BooksRun(
            faults,
            after - before,
            snapshot,
            await runtime.Store.GetCreditMovementsAsync(symbol, CancellationToken.None),
            await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.StoppedAt!.Value, CancellationToken.None),
            await runtime.Store.GetRequestFiguresAsync(new RequestQuery(symbol, runtime.NodeId), CancellationToken.None),
            runtime.Store.GetStatistics(),
            injected);
    }

    public void AssertBalanced()
    {
        var fleet = Snapshot.Agents.Single();
        Assert.Multiple(() =>
        {
            Assert.That(FaultsInjected, Is.GreaterThan(0), $"{Faults}: the server injected faults");
            Assert.That(Movements.Sum(m => m.Amount), Is.EqualTo(ServerChange), $"{Faults}: the credit movements sum exactly to the agent's change on the server");
            Assert.That(Movements.Count == 0 ? fleet.CreditsStart : Movements[^1].BalanceAfter - Movements.Sum(m => m.Amount), Is.EqualTo(fleet.CreditsStart), "the ledger starts at the balance the runtime read first");
            Assert.That(fleet.Metrics.CreditsEarned, Is.EqualTo(ServerChange), "the live figures agree");
            Assert.That(Sessions.Sum(s => s.CreditsEarned) + Movements.Where(m => m.SessionId is null).Sum(m => m.Amount), Is.EqualTo(ServerChange), "every movement is in a session or outside all of them, once");
            Assert.That(Requests.Requests, Is.EqualTo(fleet.Totals.Requests), "one request record per call the SDK reported");
            Assert.That(Statistics.RowsWritten.GetValueOrDefault(StoreTables.Requests), Is.EqualTo(fleet.Totals.Requests), "no request row written twice");
            Assert.That(Statistics.RowsWritten.GetValueOrDefault(StoreTables.CreditMovements), Is.EqualTo(Movements.Count), "no movement written twice");
            Assert.That(Requests.Attempts, Is.GreaterThan(Requests.Requests), "retries are attempts of one record, not records of their own");
            Assert.That(Sessions.Select(s => s.Outcome), Has.None.Null, "every session was closed");
        });
    }
}
