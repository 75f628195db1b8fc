using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpaceTraders.Dashboard.Health;
using SpaceTraders.Dashboard.Tests.Support;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Dashboard.Tests.Health;

/// <summary>
/// The fleet's health (<c>/healthz</c>): unhealthy only for what needs a person or a restart, degraded for what the
/// runtime recovers from by itself, each part saying why; served as JSON, 503 when unhealthy.
/// </summary>
[TestFixture]
public sealed class FleetHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_running_fleet_with_nothing_wrong_is_healthy_in_every_part()
    {
        var report = FleetHealth.Judge(Snapshot());

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(report.Parts.Select(p => p.Name), Is.EqualTo(new[] { "runtime", "conductors", "store", "game", "activity", "problems", "memory" }));
            Assert.That(report.Parts.Single(p => p.Name == "runtime").Description, Is.EqualTo("Running for 2:00:00 of game time."));
            Assert.That(report.At, Is.EqualTo(T0.AddHours(2)));
        });
    }

    [TestCase(16 * 60 + 6, "Running for 16 min 06 s of game time.")]
    [TestCase(30 * 60, "Running for 30 minutes of game time.")]
    [TestCase(3 * 3600 + 5, "Running for 3:00:05 of game time.")]
    public void The_time_run_reads_as_minutes_and_seconds_under_an_hour(int seconds, string description)
    {
        var snapshot = Snapshot();

        var part = FleetHealth.Judge(snapshot with { StartedAt = snapshot.At.AddSeconds(-seconds) }).Parts.Single(p => p.Name == "runtime");

        Assert.That(part.Description, Is.EqualTo(description), "16:06 minutes read as a clock time");
    }

    [TestCase(RuntimeStatus.Starting, HealthStatus.Degraded)]
    [TestCase(RuntimeStatus.Stopping, HealthStatus.Unhealthy)]
    [TestCase(RuntimeStatus.Stopped, HealthStatus.Unhealthy)]
    [TestCase(RuntimeStatus.Failed, HealthStatus.Unhealthy)]
    public void The_runtimes_life_decides_whether_it_is_alive(RuntimeStatus status, HealthStatus expected) =>
        Assert.That(Part(Snapshot() with { Status = status }, "runtime").Status, Is.EqualTo(expected));

    [Test]
    public void A_run_stopped_at_a_server_reset_is_unhealthy_and_says_why()
    {
        var snapshot = Snapshot() with { StoppedByReset = new ServerResetStop("RUNNER", "2026-01-01", "2026-01-08", T0.AddHours(2), "Set SPACETRADERS_ACCOUNT_TOKEN to register again.") };

        var part = Part(snapshot, "runtime");

        Assert.That(part.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(part.Description, Does.Contain("server reset").And.Contain("SPACETRADERS_ACCOUNT_TOKEN"));
    }

    [TestCase("running", HealthStatus.Healthy)]
    [TestCase("restarting", HealthStatus.Degraded)]
    [TestCase("ended", HealthStatus.Degraded)]
    [TestCase("abandoned", HealthStatus.Unhealthy)]
    public void A_conductors_state_is_judged(string state, HealthStatus expected)
    {
        var part = Part(Snapshot(conductorState: state), "conductors");

        Assert.That(part.Status, Is.EqualTo(expected));
        Assert.That(part.Description, expected == HealthStatus.Healthy ? Does.Not.Contain("RUNNER") : Does.Contain("RUNNER"));
    }

    [Test]
    public void An_unreachable_store_is_degraded_with_what_waits()
    {
        var snapshot = Snapshot(store: new StoreHealth(1234, false, "connection refused", T0.AddMinutes(90)));

        var part = Part(snapshot, "store");

        Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(part.Description, Is.EqualTo("The postgres store is unreachable since 2026-01-01 01:30:00 UTC on the store's clock (the wall clock by default); 1,234 records wait to be written when it is back."));
    }

    [Test]
    public void Records_dropped_while_the_store_was_away_leave_it_degraded()
    {
        var part = Part(Snapshot(store: new StoreHealth(0, true, null, null) { Dropped = 17 }), "store");

        Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(part.Description, Does.Contain("17"));
    }

    [Test]
    public void A_429_in_the_last_minute_is_degraded()
    {
        var part = Part(Snapshot(rateLimitedPerMinute: 3), "game");

        Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(part.Description, Does.StartWith("3 requests answered 429 in the last minute (of 110)"));
    }

    [Test]
    public void Only_problems_of_the_last_five_minutes_count()
    {
        var old = new RuntimeProblem(T0.AddHours(2) - FleetHealth.ProblemWindow, "RUNNER", null, "an old one");
        var recent = new RuntimeProblem(T0.AddHours(2).AddMinutes(-1), "RUNNER", "RUNNER-3", "The behaviour mine@week10 failed; restarting.");

        Assert.Multiple(() =>
        {
            Assert.That(Part(Snapshot() with { Problems = [old] }, "problems").Status, Is.EqualTo(HealthStatus.Healthy), "five minutes ago exactly is out");
            var part = Part(Snapshot() with { Problems = [old, recent] }, "problems");
            Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(part.Description, Is.EqualTo("1 problem reported in the last 5 minutes; the latest (RUNNER-3): The behaviour mine@week10 failed; restarting."));
        });
    }

    [TestCase(29, HealthStatus.Healthy, "The quietest agent (RUNNER) made its last request 29 minutes ago.")]
    [TestCase(30, HealthStatus.Degraded, "RUNNER made no request for 30 minutes with 3 ships (1 running a behaviour, 1 paused, 1 waiting or unassigned): a behaviour or the conductor may be stuck, unless every ship is on a long flight.")]
    [TestCase(95, HealthStatus.Degraded, "RUNNER made no request for 1:35:00 with 3 ships (1 running a behaviour, 1 paused, 1 waiting or unassigned): a behaviour or the conductor may be stuck, unless every ship is on a long flight.")]
    public void A_fleet_that_makes_no_request_for_half_an_hour_is_quiet(int minutes, HealthStatus expected, string description)
    {
        var snapshot = Quiet(Snapshot(), ShipsIn(FleetShipState.Running, FleetShipState.Paused, FleetShipState.Waiting));
        var lastRequest = new Dictionary<string, DateTimeOffset> { ["RUNNER"] = snapshot.At.AddMinutes(-minutes) };

        var part = FleetHealth.Judge(snapshot, lastRequest).Parts.Single(p => p.Name == "activity");

        Assert.That((part.Status, part.Description), Is.EqualTo((expected, description)));
    }

    [Test]
    public void Quiet_is_judged_only_for_a_running_runtime_with_ships_that_made_no_request_in_the_last_minute()
    {
        var quietFor = new Dictionary<string, DateTimeOffset> { ["RUNNER"] = T0 };
        var quiet = Quiet(Snapshot(), ShipsIn(FleetShipState.Waiting));

        Assert.Multiple(() =>
        {
            Assert.That(FleetHealth.Judge(quiet, quietFor).Parts.Single(p => p.Name == "activity").Status, Is.EqualTo(HealthStatus.Degraded), "two hours without a request");
            Assert.That(FleetHealth.Judge(quiet, new Dictionary<string, DateTimeOffset>()).Parts.Single(p => p.Name == "activity").Status, Is.EqualTo(HealthStatus.Degraded), "never a request since the start, two hours ago");
            Assert.That(Part(quiet, "activity").Status, Is.EqualTo(HealthStatus.Healthy), "no timeline to judge by");
            Assert.That(FleetHealth.Judge(Snapshot() with { Agents = [Snapshot().Agents[0] with { Ships = ShipsIn(FleetShipState.Waiting) }] }, quietFor).Parts.Single(p => p.Name == "activity").Status, Is.EqualTo(HealthStatus.Healthy), "requests in the last minute");
            Assert.That(FleetHealth.Judge(Quiet(Snapshot(), []), quietFor).Parts.Single(p => p.Name == "activity").Description, Is.EqualTo("No ships yet."));
            Assert.That(FleetHealth.Judge(quiet with { Status = RuntimeStatus.Stopped }, quietFor).Parts.Single(p => p.Name == "activity").Status, Is.EqualTo(HealthStatus.Healthy), "a stopped runtime is the runtime part's to judge");
        });
    }

    [Test]
    public async Task A_fleet_nothing_assigns_work_to_is_called_quiet_after_half_an_hour_and_a_working_one_is_not()
    {
        await using var idle = await PacedFleet.CreateAsync(seed: 7, agent: "IDLE", probes: 1, conductor: false);
        await using var working = await PacedFleet.CreateAsync(seed: 7, agent: "WORKING", probes: 1);
        idle.Start();
        working.Start();
        await idle.AdvanceAsync(TimeSpan.FromMinutes(31));
        await working.AdvanceAsync(TimeSpan.FromMinutes(31));

        var stalled = await DashboardSource.ForRuntime(idle.Runtime).ReadHealthAsync(FleetHealth.DefaultQuietLimit, CancellationToken.None);
        var busy = await DashboardSource.ForRuntime(working.Runtime).ReadHealthAsync(FleetHealth.DefaultQuietLimit, CancellationToken.None);

        Assert.Multiple(() =>
        {
            var part = stalled.Parts.Single(p => p.Name == "activity");
            Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded), part.Description);
            Assert.That(part.Description, Does.StartWith("IDLE made no request for ").And.Contain("with 3 ships (0 running a behaviour, 0 paused, 3 waiting or unassigned)"));
            Assert.That(stalled.Status, Is.EqualTo(HealthStatus.Degraded), "quiet is never a reason to restart");
            Assert.That(busy.Parts.Single(p => p.Name == "activity").Status, Is.EqualTo(HealthStatus.Healthy), busy.Parts.Single(p => p.Name == "activity").Description);
        });
    }

    [TestCase(20, "Degraded")]
    [TestCase(60, "Healthy")]
    public async Task Healthz_judges_quiet_by_the_dashboards_quiet_limit(int limitMinutes, string expected)
    {
        await using var idle = await PacedFleet.CreateAsync(seed: 7, agent: "IDLE", probes: 1, conductor: false);
        await using var server = await DashboardServer.StartAsync(
            DashboardSource.ForRuntime(idle.Runtime),
            new DashboardServerOptions { Url = "http://127.0.0.1:0", Configure = o => o.QuietLimit = TimeSpan.FromMinutes(limitMinutes) });
        using var http = new HttpClient { BaseAddress = server.Address };
        idle.Start();
        await idle.AdvanceAsync(TimeSpan.FromMinutes(31));

        using var response = await http.GetAsync("/healthz");
        var activity = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parts").GetProperty("activity");

        Assert.That(activity.GetProperty("status").GetString(), Is.EqualTo(expected), activity.GetProperty("description").GetString());
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task A_quiet_limit_that_is_not_positive_is_refused_before_the_dashboard_starts(int minutes)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        await using var source = DashboardSource.ForRuntime(LiveDashboardFixture.Dashboard.Fleet.Runtime);

        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddSpaceTradersDashboard(source, o => o.QuietLimit = TimeSpan.FromMinutes(minutes)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FleetHealth.Judge(LiveDashboardFixture.Dashboard.Fleet.Runtime.GetSnapshot(), quietLimit: TimeSpan.FromMinutes(minutes)));
    }

    [Test]
    public void Memory_pressure_is_degraded()
    {
        var part = Part(Snapshot() with { Memory = new MemoryStatus(512L * 1024 * 1024, true, 4) }, "memory");

        Assert.That(part.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(part.Description, Does.StartWith("Working set 512 MB is over the memory limit"));
    }

    [Test]
    public void The_worst_part_decides()
    {
        var snapshot = Snapshot(rateLimitedPerMinute: 1) with { Status = RuntimeStatus.Failed };

        Assert.That(FleetHealth.Judge(snapshot).Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(FleetHealth.Judge(Snapshot(rateLimitedPerMinute: 1)).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public async Task Healthz_serves_the_live_fleets_health_as_json_on_get_and_head_only()
    {
        var live = LiveDashboardFixture.Dashboard;
        var snapshot = live.Fleet.Runtime.GetSnapshot();
        var expected = FleetHealth.Judge(snapshot, FleetHealth.LastRequests(live.Fleet.Runtime, snapshot));

        using var response = await live.Http.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var head = await live.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));
        using var post = await live.Http.PostAsync("/healthz", null);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected.Status == HealthStatus.Unhealthy ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a watcher must never see a cached answer");
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo(expected.Status.ToString()));
            Assert.That(json.GetProperty("at").GetDateTimeOffset(), Is.EqualTo(expected.At), "the game stands still between steps");
            foreach (var part in expected.Parts)
            {
                Assert.That(json.GetProperty("parts").GetProperty(part.Name).GetProperty("status").GetString(), Is.EqualTo(part.Status.ToString()), part.Name);
                Assert.That(json.GetProperty("parts").GetProperty(part.Name).GetProperty("description").GetString(), Is.EqualTo(part.Description), part.Name);
            }

            Assert.That(head.StatusCode, Is.EqualTo(response.StatusCode));
            Assert.That((int)post.StatusCode, Is.EqualTo(405).Or.EqualTo(404), "nothing in the dashboard takes a POST (the dashboard's fallback answers 404)");
        });
    }

    [Test]
    public async Task A_stopped_runtime_answers_503()
    {
        var fleet = await PacedFleet.CreateAsync(seed: 7, agent: "HEALTH", probes: 0);
        await using var server = await DashboardServer.StartAsync(DashboardSource.ForRuntime(fleet.Runtime), new DashboardServerOptions { Url = "http://127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = server.Address };
        fleet.Start();
        await fleet.AdvanceAsync(TimeSpan.FromMinutes(10));
        using var running = await http.GetAsync("/healthz");
        await fleet.DisposeAsync();

        using var stopped = await http.GetAsync("/healthz");
        var json = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(running.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stopped.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(json.GetProperty("parts").GetProperty("runtime").GetProperty("description").GetString(), Is.EqualTo("Stopped."));
        });
    }

    private static RuntimeSnapshot Quiet(RuntimeSnapshot snapshot, IReadOnlyList<FleetShip> ships) =>
        snapshot with { Agents = [snapshot.Agents[0] with { Ships = ships, Metrics = snapshot.Agents[0].Metrics with { RequestsPerMinute = 0 } }] };

    private static List<FleetShip> ShipsIn(params FleetShipState[] states) =>
        [.. states.Select((state, i) => new FleetShip($"RUNNER-{i + 1}", "SHIP_PROBE", "SATELLITE", null, state, null, null))];

    private static HealthPart Part(RuntimeSnapshot snapshot, string name) => FleetHealth.Judge(snapshot).Parts.Single(p => p.Name == name);

    private static RuntimeSnapshot Snapshot(string conductorState = "running", StoreHealth? store = null, double rateLimitedPerMinute = 0)
    {
        var agent = new AgentSnapshot(
            "RUNNER",
            new StrategyRef("sample-fleet", "week10"),
            conductorState,
            175_000,
            new FleetMetrics(110, rateLimitedPerMinute, 0.05, TimeSpan.FromMilliseconds(80), 2, 185_000, 10_000, 5000, 25),
            new RequestTotals(400, 0, 20),
            [new PriorityQueueStatus(RequestPriority.Normal, 1, 45, TimeSpan.FromMilliseconds(120))],
            []);
        return new RuntimeSnapshot(
            T0.AddHours(2),
            "node",
            RuntimeStatus.Running,
            T0,
            [agent],
            new StoreStatus("postgres", store ?? new StoreHealth(3, true, null, null)),
            new StoreStatistics(new Dictionary<string, long> { ["requests"] = 400 }, 400, 0),
            [],
            new MemoryStatus(150L * 1024 * 1024, false, 0),
            []);
    }
}
