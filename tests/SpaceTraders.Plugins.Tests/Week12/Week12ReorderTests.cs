using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>
/// Week 12 against a server that lists things in another order on every answer (the simulator's <c>reorder</c>
/// profile): nothing the fleet does may depend on list order, so the run is the fault-free run, action for action.
/// </summary>
[TestFixture]
public sealed class Week12ReorderTests
{
    [Test]
    public async Task A_run_against_a_server_that_reorders_lists_is_the_fault_free_run()
    {
        // Seed 1 sells a mixed hold of siphoned gases after about half an hour: before the SDK kept a hold in the order
        // its goods came aboard, the sales went in the server's order and everything after them moved.
        var plain = await PlayAsync(FaultProfiles.None);
        var reordered = await PlayAsync(FaultProfiles.Reorder);

        static string[] Ledger(WeeklyRun run) =>
            [.. run.Movements.Select(m => FormattableString.Invariant($"{m.At:O} {m.Kind} {m.ShipSymbol} {m.TradeSymbol} {m.Units} {m.Amount} {m.BalanceAfter}"))];

        Assert.Multiple(() =>
        {
            Assert.That(plain.Movements.Count(m => m.Kind == "sell"), Is.GreaterThan(50), "the fleet traded");
            Assert.That(Ledger(reordered), Is.EqualTo(Ledger(plain)), "the same trades, at the same moments, in the same order");
            Assert.That(reordered.LedgerSum, Is.EqualTo(reordered.ServerChange), "the ledger equals the server's change of credits");
            Assert.That(reordered.Requests, Is.EqualTo(plain.Requests), "no more requests");
            Assert.That(reordered.Sessions.Count(s => s.Outcome == SessionOutcome.Failed), Is.Zero);
            Assert.That(reordered.Sessions, Has.Count.EqualTo(plain.Sessions.Count));
            foreach (var table in new[] { StoreTables.ShipParts, StoreTables.MarketObservations, StoreTables.Requests, StoreTables.CreditMovements })
            {
                Assert.That(
                    reordered.Statistics.RowsWritten.GetValueOrDefault(table),
                    Is.EqualTo(plain.Statistics.RowsWritten.GetValueOrDefault(table)).And.GreaterThan(0),
                    $"{table}: a hold, a ship's parts or a market listed in another order is no change to write");
            }
        });
    }

    private static async Task<WeeklyRun> PlayAsync(string faults)
    {
        using var game = new WeeklyGame(seed: 1, options => options.RandomStreams = RandomStreams.PerShip) { Faults = faults };
        return await game.RunAsync(new StrategyRef("week12", "week12"), TimeSpan.FromHours(1), null, [.. WeeklyPlugins.All, new Week12Plugin()]);
    }
}
