using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>The fixture plugin DLLs run by the dispatcher on the simulator, in virtual time: side by side, throwing, hanging.</summary>
[TestFixture]
public sealed class PluginRunTests
{
    [Test]
    public async Task Two_versions_side_by_side_each_run_their_own_code()
    {
        using var game = new SimulatedGame();
        var tests = new TestStrategies();
        var options = game.RuntimeOptions(await game.RegisterAsync("SIDEBYSIDE"));
        options.Plugins.Add(tests);
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=hello@week9|hello@week10");
        options.StopAfter = TimeSpan.FromMinutes(2);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ships = snapshot.Agents.Single().Ships;
        var week9 = tests.Notes["hello/" + ships[0].Symbol].Split('|');
        var week10 = tests.Notes["hello/" + ships[1].Symbol].Split('|');
        Assert.Multiple(() =>
        {
            Assert.That(week9[0], Is.EqualTo("hello from week9"), "the week9 code ran on the first ship");
            Assert.That(week10[0], Is.EqualTo("hello from week10"), "the week10 code ran on the second ship");
            Assert.That(week9[1], Is.EqualTo("SpaceTraders.Fixtures.Sample").And.EqualTo(week10[1]), "same assembly name");
            Assert.That(week9[2], Is.Not.EqualTo(week10[2]), "different load contexts");
            Assert.That(week9[3], Is.EqualTo("hello@week9"));
            Assert.That(week10[3], Is.EqualTo("hello@week10"));
            Assert.That(ships[0].Assignment, Is.EqualTo(new StrategyRef("hello", "week9")));
            Assert.That(ships[1].Activity, Is.EqualTo("said hello from week10"));
            Assert.That(ships.Select(s => s.Session?.Outcome), Is.All.EqualTo(SessionOutcome.Idle));
        });

        var reports = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, game.Clock.GetUtcNow(), CancellationToken.None);
        Assert.That(reports.Select(r => r.Key), Is.EqualTo(new[] { "hello@week10", "hello@week9" }), "sessions are recorded per behaviour version");
    }

    [Test]
    public async Task A_throwing_behaviour_is_contained_and_its_ship_restarted_with_backoff()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("THROWER"), store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=throws@1.0.0|idle-loop");
        options.RestartPolicy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(10), Multiplier = 2, MaxDelay = TimeSpan.FromSeconds(40) };
        options.StopAfter = TimeSpan.FromMinutes(3);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ships = snapshot.Agents.Single().Ships;
        var failing = await store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ships[0].Symbol), game.Clock.GetUtcNow(), CancellationToken.None);
        // The pause before each retry, from the failed session's end (its one request may wait for the rate limiter).
        var pauses = failing.Skip(1).Zip(failing, (next, failed) => (next.StartedAt - failed.EndedAt!.Value).TotalSeconds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Status, Is.EqualTo(RuntimeStatus.Stopped), "the runtime ran on and stopped gracefully");
            Assert.That(failing, Has.Count.InRange(5, 6), "a first run and retries over three minutes");
            Assert.That(pauses.Take(4), Is.EqualTo(new[] { 10.0, 20, 40, 40 }), "retried after 10, 20, 40 s, then at most 40 s");
            Assert.That(failing.Select(s => s.Outcome), Is.All.EqualTo(SessionOutcome.Failed));
            Assert.That(failing.Select(s => s.Requests), Is.All.EqualTo(1), "each session made its one request before throwing");
            Assert.That(store.Ends.Where(e => failing.Any(f => f.SessionId == e.SessionId)).Select(e => e.Reason), Is.All.EqualTo("InvalidOperationException: The fixture behaviour failed on purpose."));
            Assert.That(ships[1].Session?.Outcome, Is.EqualTo(SessionOutcome.Cancelled), "the other ship ran undisturbed until the stop");
            Assert.That(ships[0].State, Is.EqualTo(FleetShipState.Waiting), "waiting for its next retry");
        });
    }

    [Test]
    public async Task A_conductor_parameter_outside_its_allowed_values_stops_the_start_before_any_request()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("CHOOSY"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("repeat");
        options.ConductorParameters = StrategyParameters.Parse("behaviour=instant;pace=frantic");
        options.StopAfter = TimeSpan.FromMinutes(1);
        await using var runtime = new FleetRuntime(options);
        var requests = game.Simulation.Stats.Requests;

        Assert.That(
            async () => await SimulatedGame.RunAsync(runtime),
            Throws.InvalidOperationException.With.Message.EqualTo("The conductor repeat@1: 'repeat' was given pace=frantic, but pace takes one of: calm, busy."));
        Assert.That(game.Simulation.Stats.Requests, Is.EqualTo(requests), "no request was made");
    }

    [Test]
    public async Task A_behaviour_that_ignores_cancellation_is_abandoned_at_shutdown_and_reported()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("STUBBORN"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=ignores-cancellation@1.0.0|idle-loop");
        options.AbandonTimeout = TimeSpan.FromSeconds(30);
        options.StopAfter = TimeSpan.FromMinutes(2);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ships = snapshot.Agents.Single().Ships;
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var stuck = sessions.Single(s => s.ShipSymbol == ships[0].Symbol);
        var polite = sessions.Single(s => s.ShipSymbol == ships[1].Symbol);
        var stopAt = snapshot.StartedAt!.Value + TimeSpan.FromMinutes(2);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Status, Is.EqualTo(RuntimeStatus.Stopped));
            Assert.That(stuck.Outcome, Is.EqualTo(SessionOutcome.Abandoned));
            Assert.That(stuck.EndedAt, Is.EqualTo(stopAt + TimeSpan.FromSeconds(30)), "abandoned once the timeout passed");
            Assert.That(polite.Outcome, Is.EqualTo(SessionOutcome.Cancelled));
            Assert.That(polite.EndedAt, Is.EqualTo(stopAt));
            Assert.That(snapshot.Problems.Select(p => (p.ShipSymbol, p.Message)), Has.One.Matches<(string? Ship, string Message)>(p =>
                p.Ship == ships[0].Symbol && p.Message.Contains("ignores-cancellation@1.0.0 did not end within 00:00:30", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_stuck_behaviour_is_abandoned_when_reassigned_and_the_new_behaviour_starts()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("REASSIGN"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=ignores-cancellation@1.0.0;reassignAfter=60;reassignTo=idle-loop@1");
        options.AbandonTimeout = TimeSpan.FromSeconds(30);
        options.StopAfter = TimeSpan.FromMinutes(5);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ship = snapshot.Agents.Single().Ships[0];
        var sessions = await runtime.Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship.Symbol), snapshot.At, CancellationToken.None);
        var start = snapshot.StartedAt!.Value;
        Assert.That(sessions.Select(s => (s.BehaviourId, s.Outcome, s.StartedAt - start, s.EndedAt - start)), Is.EqualTo(new (string, SessionOutcome?, TimeSpan, TimeSpan?)[]
        {
            ("ignores-cancellation", SessionOutcome.Abandoned, TimeSpan.Zero, TimeSpan.FromSeconds(90)),
            ("idle-loop", SessionOutcome.Cancelled, TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(5)),
        }));
    }

    [Test]
    public async Task A_replaced_behaviour_that_fails_as_it_is_cancelled_does_not_delay_the_new_one()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("REPLACED"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=throws-when-cancelled;reassignAfter=60;reassignTo=idle-loop");
        options.RestartPolicy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(10) };
        options.StopAfter = TimeSpan.FromMinutes(5);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ship = snapshot.Agents.Single().Ships[0];
        var sessions = await runtime.Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship.Symbol), snapshot.At, CancellationToken.None);
        var start = snapshot.StartedAt!.Value;

        // The failure belongs to the assignment the conductor replaced: the new one starts at once, not after the restart
        // delay of a failure of its own.
        Assert.That(sessions.Select(s => (s.BehaviourId, s.Outcome, s.StartedAt - start, s.EndedAt - start)), Is.EqualTo(new (string, SessionOutcome?, TimeSpan, TimeSpan?)[]
        {
            ("throws-when-cancelled", SessionOutcome.Failed, TimeSpan.Zero, TimeSpan.FromSeconds(60)),
            ("idle-loop", SessionOutcome.Cancelled, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5)),
        }));
    }

    [Test]
    public async Task A_plugin_for_another_contract_is_refused_and_the_runtime_runs_on()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("REFUSER"));
        options.Conductor = StrategyRef.Parse("sample-fleet@week9");
        options.ConductorParameters = StrategyParameters.Parse("markets=1");
        options.StopAfter = TimeSpan.FromMinutes(1);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        Assert.That(snapshot.Plugins.Single(p => p.PluginId == "fixtures.future").Message, Does.Contain($"was built for plugin contract version {PluginContract.Version + 1}"));
        Assert.That(snapshot.Agents.Single().Conductor, Is.EqualTo(new StrategyRef("sample-fleet", "week9")));
        Assert.That(snapshot.Agents.Single().Ships.Select(s => s.Assignment?.Version), Is.All.EqualTo("week9"), "the conductor assigned its own version's behaviours");
    }

    [Test]
    public async Task A_conductor_that_fails_after_running_a_long_while_is_restarted_after_the_first_delay_again()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("LONGRUN"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("fails-after");
        options.ConductorParameters = StrategyParameters.Parse("after=02:00:00");
        options.RestartPolicy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(10), Multiplier = 2, MaxDelay = TimeSpan.FromMinutes(1) };
        options.StopAfter = TimeSpan.FromHours(9);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        // Four runs of two hours, each ending in a failure: not four failures in a row (10, 20, 40, 60 s), four first ones.
        Assert.That(
            snapshot.Problems.Select(p => p.Message),
            Is.EqualTo(Enumerable.Repeat("The conductor fails-after@1 failed (InvalidOperationException: The fixture conductor failed after running a while.); restarting in 00:00:10.", 4)));
    }

    [Test]
    public async Task A_throwing_conductor_is_reported_and_restarted_with_backoff()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("CONDUCTOR"), store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("flaky-script");
        options.ConductorParameters = StrategyParameters.Parse("behaviours=idle-loop");
        options.RestartPolicy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(15) };
        options.StopAfter = TimeSpan.FromMinutes(2);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var agent = snapshot.Agents.Single();
        Assert.That(snapshot.Problems.Single().Message, Is.EqualTo("The conductor flaky-script@1 failed (InvalidOperationException: The fixture conductor failed on purpose.); restarting in 00:00:15."));
        Assert.That(agent.ConductorState, Is.EqualTo("stopped"));
        Assert.That(store.Starts.Single().At - snapshot.StartedAt!.Value, Is.EqualTo(TimeSpan.FromSeconds(15)), "the restarted conductor assigned the ship");
    }

    [TestCase("credits=many", "'earner' was given credits=many, but credits takes a whole number.")]
    [TestCase("interval=soon", "'earner' was given interval=soon, but interval takes a duration (seconds, hh:mm:ss, or a number with s, m, h or d: 90m, 12h).")]
    public async Task A_behaviour_assigned_a_value_it_cannot_read_is_refused_at_the_assignment(string given, string problem)
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("ASSIGNER"), store);
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");
        options.ConductorParameters = new StrategyParameters([new("behaviours", "earner"), new("assign", given)]);
        options.StopAfter = TimeSpan.FromMinutes(2);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Problems.Select(p => p.Message), Has.Some.StartsWith($"The conductor script@1 failed (ArgumentException: Cannot assign earner@1 to ASSIGNER-1: {problem}"));
            Assert.That(store.Starts, Is.Empty, "no session starts with a value the behaviour would fail to read in every session");
        });
    }

    [Test]
    public async Task A_name_the_behaviour_does_not_declare_is_passed_on_with_one_warning()
    {
        using var game = new SimulatedGame();
        var store = new RecordingStore();
        using var log = new ListLogger(LogLevel.Warning);
        var options = game.RuntimeOptions(await game.RegisterAsync("TYPO"), store);
        options.LoggerFactory = log;
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("script");

        // Both ships get the same misspelt name: one warning, not one per assignment.
        options.ConductorParameters = new StrategyParameters([new("behaviours", "earner|earner"), new("assign", "credts=5;credits=7")]);
        options.StopAfter = TimeSpan.FromMinutes(2);
        await using var runtime = new FleetRuntime(options);

        await SimulatedGame.RunAsync(runtime);

        var warnings = log.Messages.Where(m => m.Contains("'credts'", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Is.EqualTo(new[] { "Warning SpaceTraders.Conductor.script: Conductor script@1 assigned earner@1 the parameter 'credts', which it does not declare (it declares: interval, credits); it is passed on as given" }));
            Assert.That(log.Messages, Has.None.Contains("'credits'"), "a declared name is not warned about");
            Assert.That(store.Starts, Has.Count.EqualTo(2), "the assignment still starts its sessions");
        });
    }

    [Test]
    public async Task A_conductor_parameter_the_conductor_does_not_declare_is_warned_about_at_the_start()
    {
        using var game = new SimulatedGame();
        using var log = new ListLogger(LogLevel.Warning);
        var options = game.RuntimeOptions(await game.RegisterAsync("STARTTYPO"), new RecordingStore());
        options.LoggerFactory = log;
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("repeat");
        options.ConductorParameters = StrategyParameters.Parse("behaviour=idle-loop;patiense=1m");
        options.StopAfter = TimeSpan.FromMinutes(1);
        await using var runtime = new FleetRuntime(options);

        await SimulatedGame.RunAsync(runtime);

        Assert.That(log.Messages.Where(m => m.Contains("does not declare", StringComparison.Ordinal)), Has.Some.StartsWith("Warning SpaceTraders.Runtime: The conductor repeat@1 was given the parameter 'patiense', which it does not declare (it declares: "));
    }

    [Test]
    public async Task A_conductor_parameter_of_the_wrong_type_stops_the_start_before_any_request()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("STARTER"), new RecordingStore());
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("repeat");
        options.ConductorParameters = StrategyParameters.Parse("behaviour=idle-loop;patience=soon");
        options.StopAfter = TimeSpan.FromMinutes(1);
        await using var runtime = new FleetRuntime(options);

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => runtime.RunAsync(CancellationToken.None));

        Assert.That(failure!.Message, Is.EqualTo("The conductor repeat@1: 'repeat' was given patience=soon, but patience takes a duration (seconds, hh:mm:ss, or a number with s, m, h or d: 90m, 12h)."));
        Assert.That(runtime.Status, Is.EqualTo(RuntimeStatus.Failed));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_behaviour_that_ends_at_once_and_is_reassigned_at_once_cannot_spin_without_time_moving(CancellationToken cancellationToken)
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("SPINNER"));
        options.Plugins.Add(new TestStrategies());
        options.Conductor = new StrategyRef("repeat");
        options.StopAfter = TimeSpan.FromSeconds(10);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime, cancellationToken);

        var ship = snapshot.Agents.Single().Ships[0].Symbol;
        var sessions = await runtime.Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship), snapshot.At, CancellationToken.None);
        Assert.That(sessions.Select(s => (s.StartedAt - snapshot.StartedAt!.Value).TotalSeconds), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (double)i)), "one session a second");
    }

    [Test]
    public async Task An_unknown_conductor_fails_the_start_with_the_loaded_ones_named()
    {
        using var game = new SimulatedGame();
        var options = game.RuntimeOptions(await game.RegisterAsync("NOBODY"));
        options.Conductor = StrategyRef.Parse("no-such-conductor");
        await using var runtime = new FleetRuntime(options);

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => runtime.RunAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("no-such-conductor").And.Contain("sample-fleet@week10"));
        Assert.That(runtime.Status, Is.EqualTo(RuntimeStatus.Failed));
    }
}
