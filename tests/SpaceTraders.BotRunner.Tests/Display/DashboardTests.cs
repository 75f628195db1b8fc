using SpaceTraders.BotRunner.Display;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Throttling;
using Spectre.Console;

namespace SpaceTraders.BotRunner.Tests.Display;

[TestFixture]
public sealed class DashboardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_live_view_shows_ships_with_behaviour_state_and_activity_and_the_fleet_figures()
    {
        var text = Render(Snapshot(ships: 3), maxShipRows: 10);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("RUNNER-1").And.Contain("mine-and-sell@week10").And.Contain("running").And.Contain("selling IRON_ORE"));
            Assert.That(text, Does.Contain("RUNNER-2").And.Contain("paused"));
            Assert.That(text, Does.Contain("185,000").And.Contain("+10,000"), "credits and earned");
            Assert.That(text, Does.Contain("CPH").And.Contain("5,000").And.Contain("CPR").And.Contain("25.00"));
            Assert.That(text, Does.Contain("Requests/min").And.Contain("Critical").And.Contain("Background").And.Contain("120 ms"), "queue wait by priority");
            Assert.That(text, Does.Contain("in-memory ok"), "store health");
            Assert.That(text, Does.Contain("sample-fleet@week10").And.Contain("given with --conductor"));
            Assert.That(text, Does.Contain("game 02:00:00 of 12:00:00"));
            Assert.That(text, Does.Contain("Problems (1)").And.Contain("conductor restarted"));
        });
    }

    [Test]
    public void A_large_fleet_is_cut_to_the_rows_that_fit_and_the_rest_is_counted()
    {
        var text = Render(Snapshot(ships: 40), maxShipRows: 5);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("RUNNER-05").And.Not.Contain("RUNNER-06"));
            Assert.That(text, Does.Contain("... and 35 more"));
        });
    }

    [Test]
    public void The_status_line_says_the_same_in_one_line()
    {
        var line = Dashboard.StatusLine(Header(), Snapshot(ships: 3));

        Assert.That(line, Does.Contain("Running game 02:00:00/12:00:00").And.Contain("credits 185,000 (+10,000)").And.Contain("CPH 5,000").And.Contain("CPR 25.0").And.Contain("ships 3"));
        Assert.That(line, Does.Not.Contain("\n"));
    }

    private static string Render(RuntimeSnapshot snapshot, int maxShipRows)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 200;
        console.Write(Dashboard.Render(Header(), snapshot, maxShipRows));
        return writer.ToString();
    }

    private static RunHeader Header() => new("built-in simulator, seed 42, virtual time", "RUNNER", "sample-fleet", "given with --conductor", "in-memory", TimeSpan.FromHours(12), "out.json", TimeProvider.System.GetTimestamp());

    private static RuntimeSnapshot Snapshot(int ships)
    {
        var width = ships >= 10 ? 2 : 1;
        var fleet = Enumerable.Range(1, ships).Select(i => new FleetShip(
            "RUNNER-" + i.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture),
            "SHIP_MINING_DRONE",
            "EXCAVATOR",
            new StrategyRef("mine-and-sell", "week10"),
            i == 2 ? FleetShipState.Paused : FleetShipState.Running,
            i == 1 ? "selling IRON_ORE" : null,
            new SessionFigures(Guid.NewGuid(), new StrategyRef("mine-and-sell", "week10"), T0, 40, 1000, null))).ToList();
        var agent = new AgentSnapshot(
            "RUNNER",
            new StrategyRef("sample-fleet", "week10"),
            "running",
            175_000,
            new FleetMetrics(110, 0, 0.05, TimeSpan.FromMilliseconds(80), 2, 185_000, 10_000, 5000, 25),
            new RequestTotals(400, 0, 20),
            [new PriorityQueueStatus(RequestPriority.Critical, 1, 60, TimeSpan.FromMilliseconds(40)), new PriorityQueueStatus(RequestPriority.Normal, 1, 45, TimeSpan.FromMilliseconds(120)), new PriorityQueueStatus(RequestPriority.Background, 0, 5, TimeSpan.Zero)],
            fleet);
        return new RuntimeSnapshot(
            T0.AddHours(2),
            "node",
            RuntimeStatus.Running,
            T0,
            [agent],
            new StoreStatus("in-memory", new StoreHealth(0, true, null, null)),
            new StoreStatistics(new Dictionary<string, long> { ["requests"] = 400 }, 400, 0),
            [new PluginLoadResult("plugins/x", "x.dll", "fixtures.sample", "week10", true, "Loaded")],
            new MemoryStatus(150L * 1024 * 1024, false, 0),
            [new RuntimeProblem(T0.AddHours(1), "RUNNER", null, "conductor restarted")]);
    }
}
