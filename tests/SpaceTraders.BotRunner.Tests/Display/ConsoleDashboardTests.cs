using SpaceTraders.BotRunner.Display;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Throttling;
using Spectre.Console;

namespace SpaceTraders.BotRunner.Tests.Display;

[TestFixture]
public sealed class ConsoleDashboardTests
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
            Assert.That(text, Does.Contain("185,000").And.Contain("+12,000"), "credits and operating earnings");
            Assert.That(text, Does.Not.Contain("+10,000"), "the net change (a ship bought) is not shown as earnings");
            Assert.That(text, Does.Contain("CPH").And.Contain("6,000").And.Contain("CPR").And.Contain("30.00"), "on operating earnings");
            Assert.That(text, Does.Contain("Capital spent").And.Contain("2,000").And.Contain("Payback").And.Contain("0.3 h"));
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
    public void The_live_view_says_where_the_web_dashboard_is()
    {
        var with = Render(Snapshot(ships: 1), maxShipRows: 5, Header() with { Dashboard = new Uri("http://127.0.0.1:5080/") });
        var without = Render(Snapshot(ships: 1), maxShipRows: 5);

        Assert.That(with, Does.Contain("Dashboard").And.Contain("http://127.0.0.1:5080 ").And.Contain("/metrics"));
        Assert.That(without, Does.Not.Contain("Dashboard"));
    }

    [Test]
    public void The_status_line_says_the_same_in_one_line()
    {
        var line = ConsoleDashboard.StatusLine(Header(), Snapshot(ships: 3));

        Assert.That(line, Does.Contain("Running game 02:00:00/12:00:00").And.Contain("credits 185,000, earned +12,000").And.Contain("CPH 6,000").And.Contain("CPR 30.0").And.Contain("capital 2,000").And.Contain("ships 3"));
        Assert.That(line, Does.Not.Contain("\n"));
    }

    [Test]
    public void Behaviour_failures_are_listed_with_ship_behaviour_and_error_code_among_the_problems()
    {
        var failures = new BehaviourFailures();
        failures.Add(new BehaviourFailure(T0.AddMinutes(90), "RUNNER-3", "extract-and-sell@week10", 4214, "ShipInTransit", "Ship is in transit"));
        failures.Add(new BehaviourFailure(T0.AddMinutes(95), "RUNNER-2", "trade-routes@week10", null, null, "Sequence contains no elements"));

        var text = Render(Snapshot(ships: 3), maxShipRows: 10, Header() with { Failures = failures });

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Problems (3)"), "the runtime's one and the two failures");
            Assert.That(text, Does.Contain("RUNNER-3 extract-and-sell@week10 failed: 4214 ShipInTransit Ship is in transit"));
            Assert.That(text, Does.Contain("RUNNER-2 trade-routes@week10 failed: Sequence contains no elements"));
            Assert.That(text.IndexOf("conductor restarted", StringComparison.Ordinal), Is.LessThan(text.IndexOf("4214", StringComparison.Ordinal)), "oldest first");
        });
    }

    [Test]
    public void A_legend_explains_the_ship_states_and_the_problems_panel_is_always_there()
    {
        var text = Render(Snapshot(ships: 3) with { Problems = [] }, maxShipRows: 10);

        Assert.That(text, Does.Contain("paused: paused by the conductor").And.Contain("waiting: between sessions").And.Contain("elsewhere: another runner holds its lease").And.Contain("unassigned: no behaviour given"));
        Assert.That(text, Does.Contain("Problems (0)").And.Contain("none"));
    }

    [Test]
    public void The_ship_table_keeps_its_column_widths_whatever_the_rows_hold()
    {
        var quiet = Snapshot(ships: 3);
        var busy = Snapshot(ships: 3, activity: "navigating to X1-DF55-B7 to sell 40 IRON_ORE, then refuelling at the fuel station", credits: 12_345_678);

        string ShipHeader(RuntimeSnapshot snapshot) => Render(snapshot, 10).Split('\n').First(l => l.Contains("Behaviour", StringComparison.Ordinal) && l.Contains("Activity", StringComparison.Ordinal));

        Assert.That(ShipHeader(busy), Is.EqualTo(ShipHeader(quiet)));
    }

    private static string Render(RuntimeSnapshot snapshot, int maxShipRows, RunHeader? header = null)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 200;
        console.Write(ConsoleDashboard.Render(header ?? Header(), snapshot, maxShipRows));
        return writer.ToString();
    }

    private static RunHeader Header() => new("built-in simulator, seed 42, virtual time", "RUNNER", "sample-fleet", "given with --conductor", "in-memory", TimeSpan.FromHours(12), "out.json", TimeProvider.System.GetTimestamp());

    private static RuntimeSnapshot Snapshot(int ships, string activity = "selling IRON_ORE", long credits = 1000)
    {
        var width = ships >= 10 ? 2 : 1;
        var fleet = Enumerable.Range(1, ships).Select(i => new FleetShip(
            "RUNNER-" + i.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture),
            "SHIP_MINING_DRONE",
            "EXCAVATOR",
            new StrategyRef("mine-and-sell", "week10"),
            i == 2 ? FleetShipState.Paused : FleetShipState.Running,
            i == 1 ? activity : null,
            new SessionFigures(Guid.NewGuid(), new StrategyRef("mine-and-sell", "week10"), T0, 40, credits, null))).ToList();
        var agent = new AgentSnapshot(
            "RUNNER",
            new StrategyRef("sample-fleet", "week10"),
            "running",
            175_000,
            new FleetMetrics(110, 0, 0.05, TimeSpan.FromMilliseconds(80), 2, 185_000, 10_000, 5000, 25),
            new RequestTotals(400, 0, 20),
            [new PriorityQueueStatus(RequestPriority.Critical, 1, 60, TimeSpan.FromMilliseconds(40)), new PriorityQueueStatus(RequestPriority.Normal, 1, 45, TimeSpan.FromMilliseconds(120)), new PriorityQueueStatus(RequestPriority.Background, 0, 5, TimeSpan.Zero)],
            fleet)
        {
            Earnings = new EarningsFigures(12_000, 2_000, 6_000, 30, 2_000.0 / 6_000),
        };
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
