using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.EndToEnd;

/// <summary>The fixture plugin's conductor and behaviours playing the simulator in virtual time, end to end.</summary>
[TestFixture]
public sealed class FleetRunTests
{
    [Test]
    public async Task A_fleet_run_records_sessions_requests_and_credit_movements_that_sum_exactly_to_the_agents_change()
    {
        using var game = new SimulatedGame();
        var agent = await game.RegisterAsync("ENDTOEND");
        var before = await game.CreditsAsync(agent);
        await using var runtime = new FleetRuntime(SampleFleet(game, agent, TimeSpan.FromHours(2)));

        var snapshot = await SimulatedGame.RunAsync(runtime);
        var after = await game.CreditsAsync(agent);

        var fleet = snapshot.Agents.Single();
        var store = runtime.Store;
        var movements = await store.GetCreditMovementsAsync(fleet.Symbol, CancellationToken.None);
        var sessions = await store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var statistics = store.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(movements.Sum(m => m.Amount), Is.EqualTo(after - before), "the movements sum exactly to the agent's change on the server");
            Assert.That(movements.Select(m => m.Kind).Distinct(), Is.SupersetOf(new[] { "sell", "refuel" }));
            Assert.That(movements[^1].BalanceAfter, Is.EqualTo(after));
            Assert.That(movements.Where(m => m.Kind == "sell").Select(m => m.SessionId), Is.All.Not.Null, "every sale is attributed to the session that made it");
            Assert.That(movements.Where(m => m.SessionId is not null).Select(m => m.SessionId).Distinct(), Is.SubsetOf(sessions.Select(s => (Guid?)s.SessionId)));
            Assert.That(sessions.Where(s => s.Outcome == SessionOutcome.Completed).Select(s => s.BehaviourId + "@" + s.BehaviourVersion).Distinct(), Is.EquivalentTo(new[] { "mine-and-sell@week10", "scout-markets@week10" }));
            Assert.That(sessions.Select(s => s.Conductor), Is.All.EqualTo("sample-fleet@week10"));
            Assert.That(sessions.Select(s => s.ShipType).Distinct(), Is.EquivalentTo(new[] { "SHIP_COMMAND_FRIGATE", "SHIP_PROBE" }));
            Assert.That(sessions.Sum(s => s.CreditsEarned), Is.EqualTo(movements.Where(m => m.SessionId is not null).Sum(m => m.Amount)));
            Assert.That(sessions.Where(s => s.BehaviourId == "mine-and-sell").Sum(s => s.Requests), Is.GreaterThan(20));
            Assert.That(statistics.RowsWritten[StoreTables.Requests], Is.EqualTo(fleet.Totals.Requests), "every request was recorded");
            Assert.That(sessions.Sum(s => s.Requests), Is.LessThan(fleet.Totals.Requests), "the start-up's and the conductor's requests have no session");
            Assert.That(statistics.RowsWritten[StoreTables.MarketObservations], Is.GreaterThan(0), "markets read with a ship present are recorded");
            Assert.That(statistics.RowsWritten[StoreTables.CreditMovements], Is.EqualTo(movements.Count));
            Assert.That(fleet.Metrics.CreditsEarned, Is.EqualTo(after - before));
            Assert.That(fleet.Metrics.CreditsPerRequest, Is.EqualTo((double)(after - before) / fleet.Totals.Requests).Within(1e-9));
            Assert.That(fleet.CreditsStart, Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Two_agents_on_one_node_share_its_rate_limiter_and_keep_their_own_ledgers()
    {
        using var game = new SimulatedGame();
        var first = await game.RegisterAsync("FIRST");
        var second = await game.RegisterAsync("SECOND");
        var options = SampleFleet(game, first, TimeSpan.FromHours(1));
        options.Agents.Add(second);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        Assert.That(snapshot.Agents.Select(a => a.Symbol), Is.EqualTo(new[] { "FIRST", "SECOND" }));
        foreach (var (agent, clientOptions) in snapshot.Agents.Zip([first, second]))
        {
            var movements = await runtime.Store.GetCreditMovementsAsync(agent.Symbol, CancellationToken.None);
            Assert.That(movements.Sum(m => m.Amount), Is.EqualTo(await game.CreditsAsync(clientOptions) - agent.CreditsStart), agent.Symbol);
            Assert.That(movements, Is.Not.Empty, agent.Symbol);
            Assert.That(agent.Ships.Select(s => s.Symbol), Is.All.StartWith(agent.Symbol + "-"));
        }

        var sessions = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Agent, snapshot.At, CancellationToken.None);
        Assert.That(sessions.Select(s => s.Key), Is.EqualTo(new[] { "FIRST", "SECOND" }));
        Assert.That(game.Simulation.Stats.RateLimited, Is.Zero, "one limiter for the node's IP kept both agents within the server's limits");
    }

    [Test]
    public async Task Dirty_tracking_writes_far_fewer_ship_part_rows_than_writing_every_part_on_the_same_run()
    {
        var dirty = await RunAsync(writeAllParts: false);
        var all = await RunAsync(writeAllParts: true);

        Assert.That(all.Requests, Is.EqualTo(dirty.Requests), "the same deterministic run");
        Assert.That(all.Credits, Is.EqualTo(dirty.Credits));
        Assert.That(all.ShipPartRows, Is.GreaterThanOrEqualTo(3 * dirty.ShipPartRows), $"dirty {dirty.ShipPartRows} rows, all parts {all.ShipPartRows} rows for {dirty.Requests} requests");

        static async Task<(long Requests, long Credits, long ShipPartRows)> RunAsync(bool writeAllParts)
        {
            using var game = new SimulatedGame(seed: 11);
            var options = SampleFleet(game, await game.RegisterAsync("PARTS"), TimeSpan.FromHours(1));
            options.WriteAllShipParts = writeAllParts;
            await using var runtime = new FleetRuntime(options);
            var snapshot = await SimulatedGame.RunAsync(runtime);
            var fleet = snapshot.Agents.Single();
            return (fleet.Totals.Requests, fleet.Metrics.Credits, runtime.Store.GetStatistics().RowsWritten[StoreTables.ShipParts]);
        }
    }

    [Test]
    public async Task Under_memory_pressure_the_janitor_is_skipped_and_reported_and_the_game_plays_exactly_the_same()
    {
        var relaxed = await RunAsync(long.MaxValue);
        var pressed = await RunAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(relaxed.Snapshot.Memory.UnderPressure, Is.False);
            Assert.That(relaxed.Snapshot.Memory.SkippedWork, Is.Zero);
            Assert.That(relaxed.HourRows, Is.GreaterThan(0), "without pressure the janitor rolled market history up");
            Assert.That(pressed.Snapshot.Memory.UnderPressure, Is.True);
            Assert.That(pressed.Snapshot.Memory.SkippedWork, Is.InRange(39, 40), "a roll-up a minute for 40 minutes");
            Assert.That(pressed.HourRows, Is.Zero, "no roll-up ran");
            Assert.That(pressed.Snapshot.Problems.Select(p => p.Message), Has.One.StartsWith("Memory pressure: working set"));

            // The process's memory is no input of the game: the fleet refreshes (requests) ran all the same.
            var (relaxedAgent, pressedAgent) = (relaxed.Snapshot.Agents.Single(), pressed.Snapshot.Agents.Single());
            Assert.That(pressedAgent.Totals, Is.EqualTo(relaxedAgent.Totals), "the same requests");
            Assert.That(pressedAgent.Metrics.Credits, Is.EqualTo(relaxedAgent.Metrics.Credits), "the same credits");
        });

        static async Task<(RuntimeSnapshot Snapshot, long HourRows)> RunAsync(long limit)
        {
            using var game = new SimulatedGame();
            var options = SampleFleet(game, await game.RegisterAsync("MEMORY"), TimeSpan.FromMinutes(40));
            options.MemoryGuard = new MemoryGuardOptions { WorkingSetLimitBytes = limit };
            options.MarketHistory = new MarketHistoryOptions { RawWindow = TimeSpan.FromMinutes(1) };
            options.JanitorInterval = TimeSpan.FromMinutes(1);
            options.FleetRefreshInterval = TimeSpan.FromMinutes(5);
            await using var runtime = new FleetRuntime(options);
            var snapshot = await SimulatedGame.RunAsync(runtime);
            return (snapshot, runtime.Store.GetStatistics().RowsWritten.GetValueOrDefault(StoreTables.MarketHours));
        }
    }

    private static RuntimeOptions SampleFleet(SimulatedGame game, Sdk.SpaceTradersClientOptions agent, TimeSpan duration)
    {
        var options = game.RuntimeOptions(agent);
        options.Conductor = StrategyRef.Parse("sample-fleet@week10");
        options.ConductorParameters = StrategyParameters.Parse("trips=1;markets=3");
        options.StopAfter = duration;
        return options;
    }
}
