using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Tests.Analytics;

/// <summary>
/// <see cref="SaturationControl"/> decision by decision, on a fleet whose figures the test sets directly (the end-to-end
/// test drives it through the runtime's live figures).
/// </summary>
[TestFixture]
public sealed class SaturationControlTests
{
    private static readonly FleetMetrics Saturated = Metrics(TimeSpan.FromSeconds(3), 0.5);
    private static readonly FleetMetrics Relieved = Metrics(TimeSpan.FromMilliseconds(10), 0.01);
    private static readonly FleetMetrics InBetween = Metrics(TimeSpan.FromMilliseconds(50), 0.05);

    [Test]
    public void Pauses_the_lowest_cpr_ship_per_decision_waits_between_decisions_and_resumes_best_first()
    {
        var fleet = new FakeFleet(("A", 40), ("B", 10), ("C", 80), ("D", 20));
        var control = new SaturationControl(new SaturationOptions { MinimumSessionAge = TimeSpan.FromMinutes(2), DecisionInterval = TimeSpan.FromMinutes(1) });
        var log = new List<string>();

        void Step(TimeSpan advance, FleetMetrics metrics)
        {
            fleet.Clock.Advance(advance);
            fleet.Metrics = metrics;
            var decision = control.Evaluate(fleet);
            log.Add($"{(fleet.Clock.GetUtcNow() - fleet.Start).TotalSeconds}:{string.Join(",", decision.Paused)}/{string.Join(",", decision.Resumed)}");
        }

        Step(TimeSpan.FromSeconds(60), Saturated);     // sessions too young to judge
        Step(TimeSpan.FromSeconds(60), Saturated);     // B (10) goes
        Step(TimeSpan.FromSeconds(30), Saturated);     // too soon after the last decision
        Step(TimeSpan.FromSeconds(30), Saturated);     // D (20) goes
        Step(TimeSpan.FromSeconds(60), InBetween);     // neither saturated nor relieved: hold
        Step(TimeSpan.FromSeconds(60), Relieved);      // D, the best paused, comes back
        Step(TimeSpan.FromSeconds(60), Saturated);     // D's new session is young, but it is judged by its 20: it goes again, not A
        Step(TimeSpan.FromSeconds(60), Relieved);      // D again
        Step(TimeSpan.FromSeconds(60), Relieved);      // then B
        Step(TimeSpan.FromSeconds(60), Relieved);      // nothing left to resume

        Assert.That(log, Is.EqualTo(new[] { "60:/", "120:B/", "150:/", "180:D/", "240:/", "300:/D", "360:D/", "420:/D", "480:/B", "540:/" }));
        Assert.That(fleet.Paused, Is.Empty);
        Assert.That(control.PausedShips, Is.Empty);
    }

    [Test]
    public void Keeps_the_minimum_running_and_forgets_ships_someone_else_resumed()
    {
        var fleet = new FakeFleet(("A", 40), ("B", 10));
        var control = new SaturationControl(new SaturationOptions { MinimumSessionAge = TimeSpan.Zero, DecisionInterval = TimeSpan.FromMinutes(1), MinimumRunning = 1 });
        fleet.Metrics = Saturated;

        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = control.Evaluate(fleet);
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = control.Evaluate(fleet);
        fleet.Resume("B");
        fleet.Metrics = Relieved;
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = control.Evaluate(fleet);

        Assert.That(first.Paused, Is.EqualTo(new[] { "B" }));
        Assert.That(second.Paused, Is.Empty, "one ship must keep running");
        Assert.That(third.Resumed, Is.Empty, "B was resumed by someone else: not the control's to resume");
    }

    [Test]
    public void Judged_by_completed_sessions_a_ship_that_never_hands_back_is_judged_by_its_open_session_after_a_window()
    {
        var fleet = new FakeFleet(("A", 40), ("B", -5), ("C", 80));
        var control = new SaturationControl(new SaturationOptions
        {
            JudgeBy = SaturationJudgement.CompletedSessions,
            Window = TimeSpan.FromMinutes(30),
            DecisionInterval = TimeSpan.FromMinutes(1),
        });
        fleet.Metrics = Saturated;

        fleet.Clock.Advance(TimeSpan.FromMinutes(29));
        var early = control.Evaluate(fleet);
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = control.Evaluate(fleet);

        Assert.That(early.Paused, Is.Empty, "open sessions younger than the window are not judged: nothing completed to go by");
        Assert.That(late.Paused, Is.EqualTo(new[] { "B" }), "after a whole window the open sessions count, and B earns least per request");
    }

    [Test]
    public void Paused_ships_come_back_when_requests_fall_below_the_resume_rate_however_long_the_queue()
    {
        var fleet = new FakeFleet(("A", 40), ("B", 10), ("C", 80));
        var control = new SaturationControl(new SaturationOptions
        {
            MinimumSessionAge = TimeSpan.Zero,
            DecisionInterval = TimeSpan.FromMinutes(1),
            MinimumRequestsPerMinute = 100,
            ResumeBelowRequestsPerMinute = 90,
        });
        fleet.Metrics = Saturated;
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var paused = control.Evaluate(fleet);

        fleet.Metrics = Saturated with { RequestsPerMinute = 95 };
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var held = control.Evaluate(fleet);
        fleet.Metrics = Saturated with { RequestsPerMinute = 80 };
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        var resumed = control.Evaluate(fleet);

        Assert.That(paused.Paused, Is.EqualTo(new[] { "B" }));
        Assert.That(held.Paused.Concat(held.Resumed), Is.Empty, "95 a minute is under the saturation floor but over the resume rate: hold");
        Assert.That(resumed.Resumed, Is.EqualTo(new[] { "B" }), "80 a minute: the budget has room, so B comes back though requests still queue");
    }

    private static FleetMetrics Metrics(TimeSpan wait, double delayed) => new(120, 0, delayed, wait, 0, 0, 0, 0, 0);

    /// <summary>A conductor context over ships whose session figures and fleet metrics the test sets.</summary>
    private sealed class FakeFleet : IConductorContext
    {
        private readonly Dictionary<string, (double Cpr, DateTimeOffset Since)> _ships = new(StringComparer.Ordinal);

        public FakeFleet(params (string Symbol, double Cpr)[] ships)
        {
            Start = Clock.GetUtcNow();
            foreach (var (symbol, cpr) in ships)
            {
                _ships[symbol] = (cpr, Start);
            }
        }

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public DateTimeOffset Start { get; }

        public HashSet<string> Paused { get; } = new(StringComparer.Ordinal);

        public FleetMetrics Metrics { get; set; } = Relieved;

        public StrategyRef Conductor => new("fake", "1");

        public IReadOnlyList<FleetShip> Ships => [.. _ships.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new FleetShip(
            s.Key,
            "SHIP_PROBE",
            "SATELLITE",
            new StrategyRef("earner", "1"),
            Paused.Contains(s.Key) ? FleetShipState.Paused : FleetShipState.Running,
            null,
            new SessionFigures(Guid.Empty, new StrategyRef("earner", "1"), s.Value.Since, 100, (long)(s.Value.Cpr * 100), null)))];

        public IReadOnlyList<AvailableStrategy> Behaviours => [];

        public string AgentSymbol => "FAKE";

        public SpaceTradersClient Client => throw new NotSupportedException();

        public AgentState Agent => throw new NotSupportedException();

        public SurveyCache Surveys => throw new NotSupportedException();

        public MarketCache Markets => throw new NotSupportedException();

        public StaticWorldCache World => throw new NotSupportedException();

        public IFleetBoard Board => throw new NotSupportedException();

        TimeProvider IStrategyContext.Clock => Clock;

        public ILogger Logger => NullLogger.Instance;

        public StrategyParameters Parameters => StrategyParameters.Empty;

        public void Assign(string shipSymbol, StrategyRef behaviour, StrategyParameters? parameters = null) => throw new NotSupportedException();

        public void Unassign(string shipSymbol) => throw new NotSupportedException();

        public void Pause(string shipSymbol, string reason) => Paused.Add(shipSymbol);

        /// <summary>Resumes in a new session (figures start again), as the runtime does.</summary>
        public void Resume(string shipSymbol)
        {
            Paused.Remove(shipSymbol);
            _ships[shipSymbol] = (_ships[shipSymbol].Cpr, Clock.GetUtcNow());
        }

        public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
