using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week07;

/// <summary>
/// The released weekly conductors against a server that lists things in another order on every answer (the
/// simulator's <c>reorder</c> profile): each run is the fault-free run, request for request and trade for trade.
/// </summary>
[TestFixture]
public sealed class ReorderedRunsTests
{
    /// <remarks>
    /// Week 7 on seed 2 maps the systems along the jump gates, at most twelve: it took them in the order the gate listed
    /// its connections, so a reordered list mapped other systems (29 more requests in six hours) until it took them by
    /// symbol.
    /// </remarks>
    [TestCase("week02", 1, 6)]
    [TestCase("week04", 1, 6)]
    [TestCase("week07", 2, 6)]
    [TestCase("week10", 1, 3)]
    public async Task A_run_against_a_server_that_reorders_lists_is_the_fault_free_run(string conductor, int seed, int hours)
    {
        var plain = await PlayAsync(conductor, seed, hours, FaultProfiles.None);
        var reordered = await PlayAsync(conductor, seed, hours, FaultProfiles.Reorder);

        static string[] Ledger(WeeklyRun run) =>
            [.. run.Movements.Select(m => FormattableString.Invariant($"{m.At:O} {m.Kind} {m.ShipSymbol} {m.TradeSymbol} {m.Units} {m.Amount}"))];

        Assert.Multiple(() =>
        {
            Assert.That(plain.Movements, Is.Not.Empty);
            Assert.That(reordered.Requests, Is.EqualTo(plain.Requests), "no more requests");
            Assert.That(Ledger(reordered), Is.EqualTo(Ledger(plain)), "the same trades at the same moments");
            Assert.That(reordered.LedgerSum, Is.EqualTo(reordered.ServerChange));
            Assert.That(reordered.Sessions.Count(s => s.Outcome == SessionOutcome.Failed), Is.Zero);
        });
    }

    private static async Task<WeeklyRun> PlayAsync(string conductor, int seed, int hours, string faults)
    {
        using var game = new WeeklyGame(seed, options => options.RandomStreams = RandomStreams.PerShip) { Faults = faults };
        return await game.RunAsync(new StrategyRef(conductor), TimeSpan.FromHours(hours), null, [.. WeeklyPlugins.All, new Week10Plugin()]);
    }
}
