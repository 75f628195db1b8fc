using System.Collections.Concurrent;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Tests.Support;

/// <summary>
/// Strategies compiled into the tests (a built-in plugin, id <c>tests</c>, version <c>1</c>), with a sink the test reads:
/// what the conductor saw and decided.
/// </summary>
internal sealed class TestStrategies : IStrategyPlugin
{
    public PluginManifest Manifest { get; } = new(
        "tests",
        "1",
        PluginContract.Version,
        [
            new StrategyDescriptor("idle-loop", "Reports activity every 30 s until cancelled."),
            new StrategyDescriptor("instant", "Completes at once, without a request or a wait."),
            new StrategyDescriptor("throws-when-cancelled", "Idles until cancelled, then throws an InvalidOperationException instead of ending as cancelled."),
            new StrategyDescriptor("stubborn", "Ignores cancellation: waits a minute at a time forever; sets the sink's signal once the clock passed 'signalAfter' from its start.", [
                new ParameterDescriptor("signalAfter", ParameterType.Duration, "When to set the signal.", "100:00:00")]),
            new StrategyDescriptor("earner", "Requests every 'interval' and is credited 'credits' after each request.", [
                new ParameterDescriptor("interval", ParameterType.Duration, "Between requests.", "1"),
                new ParameterDescriptor("credits", ParameterType.Integer, "Credits per request.", "10")]),
        ],
        [
            new StrategyDescriptor("script", "Assigns 'behaviours' to the ships in symbol order (with the parameters in 'assign', if given); optionally reassigns the first ship later; copies board notes to the sink."),
            new StrategyDescriptor("saturation", "Assigns 'earner' with the i-th of 'credits' to the i-th ship and runs SaturationControl."),
            new StrategyDescriptor("flaky-script", "Throws the first time it runs; then behaves like 'script'."),
            new StrategyDescriptor("fails-after", "Runs for 'after', then throws; every run the same.", [
                new ParameterDescriptor("after", ParameterType.Duration, "How long each run lasts before it throws.", "01:00:00")]),
            new StrategyDescriptor("assign-once", "Assigns 'behaviours' to the ships in symbol order, sets the sink's conductor signal and ends."),
            new StrategyDescriptor("stubborn", "Sets the sink's conductor signal, then ignores cancellation: waits a minute at a time forever."),
            new StrategyDescriptor("repeat", "Assigns 'behaviour' to every ship, and again whenever a session completes.", [
                new ParameterDescriptor("pace", ParameterType.String, "Unused: a text parameter with allowed values.", "calm") { AllowedValues = ["calm", "busy"] },
                new ParameterDescriptor("patience", ParameterType.Duration, "Unused: a duration parameter.", "00:01:00")]),
        ]);

    private int _flakyRuns;

    /// <summary>Gets board notes the conductor copied, by key.</summary>
    public ConcurrentDictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the saturation decisions that paused or resumed ships, in order.</summary>
    public ConcurrentQueue<(DateTimeOffset At, SaturationDecision Decision, FleetMetrics Metrics)> Decisions { get; } = new();

    /// <summary>Gets a signal the 'stubborn' behaviour sets once the clock passed its 'signalAfter'.</summary>
    public TaskCompletionSource StubbornSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a signal the 'stubborn' behaviour sets when it starts.</summary>
    public TaskCompletionSource StubbornStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a signal the 'assign-once' and 'stubborn' conductors set once they run (after their assignments).</summary>
    public TaskCompletionSource ConductorStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the ships the conductor saw, by symbol, in their first order.</summary>
    public ConcurrentQueue<IReadOnlyList<FleetShip>> Fleets { get; } = new();

    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        "idle-loop" => new IdleLoop(),
        "instant" => new Instant(),
        "throws-when-cancelled" => new ThrowsWhenCancelled(),
        "earner" => new Earner(),
        "stubborn" => new Stubborn(this),
        _ => throw new ArgumentException($"Unknown behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        "script" => new Script(this),
        "saturation" => new Saturation(this),
        "repeat" => new Repeat(),
        "assign-once" => new AssignOnce(this),
        "stubborn" => new StubbornConductor(this),
        "fails-after" => new FailsAfter(),
        "flaky-script" => Interlocked.Increment(ref _flakyRuns) == 1 ? new Failing() : new Script(this),
        _ => throw new ArgumentException($"Unknown conductor '{conductorId}'.", nameof(conductorId)),
    };

    private sealed class IdleLoop : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            while (true)
            {
                context.ReportActivity("idling at " + context.Clock.GetUtcNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
                await context.Clock.DelayAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
    }

    private sealed class ThrowsWhenCancelled : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            try
            {
                await context.Clock.DelayAsync(TimeSpan.FromHours(100), cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                throw new InvalidOperationException("The fixture behaviour failed while it was being cancelled.", ex);
            }

            return BehaviourResult.Completed;
        }
    }

    private sealed class Stubborn(TestStrategies sink) : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            var signalAt = context.Clock.GetUtcNow() + context.Parameters.GetDuration("signalAfter", TimeSpan.FromHours(100));
            sink.StubbornStarted.TrySetResult();
            while (true)
            {
                // Deliberately deaf to the token: the runtime abandons it, and it lives on, moving the clock.
                await context.Clock.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
                if (context.Clock.GetUtcNow() >= signalAt)
                {
                    sink.StubbornSignal.TrySetResult();
                }
            }
        }
    }

    /// <summary>Makes a request, then credits the agent 'credits' (applied to the state as a refresh would), every 'interval'.</summary>
    private sealed class Earner : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            var interval = context.Parameters.GetDuration("interval", TimeSpan.FromSeconds(1));
            var credits = context.Parameters.GetInt32("credits", 10);
            while (true)
            {
                await context.Client.Fleet.GetMyShipAsync(context.Ship.Symbol, cancellationToken: cancellationToken);
                var agent = context.Agent.Agent.Value!;
                context.Agent.Apply(agent with { Credits = agent.Credits + credits });
                context.ReportActivity($"earning {credits}/request");
                await context.Clock.DelayAsync(interval, cancellationToken);
            }
        }
    }

    private sealed class Script(TestStrategies sink) : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var behaviours = context.Parameters.GetList("behaviours");
            var ships = context.Ships;
            sink.Fleets.Enqueue(ships);
            for (var i = 0; i < Math.Min(behaviours.Count, ships.Count); i++)
            {
                context.Assign(ships[i].Symbol, StrategyRef.Parse(behaviours[i]), context.Parameters.TryGetValue("assign", out var given) ? StrategyParameters.Parse(given) : null);
            }

            var reassignAt = context.Parameters.ContainsKey("reassignAfter")
                ? context.Clock.GetUtcNow() + context.Parameters.GetDuration("reassignAfter", TimeSpan.Zero)
                : (DateTimeOffset?)null;
            var watch = context.Parameters.GetString("watch", "hello/");
            while (true)
            {
                var wait = reassignAt is { } at ? at - context.Clock.GetUtcNow() : TimeSpan.FromMinutes(1);
                await context.WaitForFleetChangeAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
                foreach (var (key, value) in context.Board.ReadAll<string>(watch))
                {
                    sink.Notes[key] = value;
                }

                if (reassignAt is { } due && context.Clock.GetUtcNow() >= due)
                {
                    context.Assign(ships[0].Symbol, StrategyRef.Parse(context.Parameters.GetString("reassignTo", "idle-loop")));
                    reassignAt = null;
                }
            }
        }
    }

    private sealed class AssignOnce(TestStrategies sink) : IConductor
    {
        public Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var behaviours = context.Parameters.GetList("behaviours");
            var ships = context.Ships;
            for (var i = 0; i < Math.Min(behaviours.Count, ships.Count); i++)
            {
                context.Assign(ships[i].Symbol, StrategyRef.Parse(behaviours[i]));
            }

            sink.ConductorStarted.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class StubbornConductor(TestStrategies sink) : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            sink.ConductorStarted.TrySetResult();
            while (true)
            {
                // Deliberately deaf to the token: the runtime abandons it at the stop.
                await context.Clock.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        }
    }

    private sealed class Instant : IBehaviour
    {
        public Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken) => Task.FromResult(BehaviourResult.Completed);
    }

    private sealed class Repeat : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var behaviour = StrategyRef.Parse(context.Parameters.GetString("behaviour", "instant"));
            while (true)
            {
                foreach (var ship in context.Ships.Where(s => s.State == FleetShipState.Unassigned || (s.State == FleetShipState.Waiting && s.Session?.Outcome == SessionOutcome.Completed)))
                {
                    context.Assign(ship.Symbol, behaviour);
                }

                await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), cancellationToken);
            }
        }
    }

    private sealed class Failing : IConductor
    {
        public Task RunAsync(IConductorContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The fixture conductor failed on purpose.");
    }

    private sealed class FailsAfter : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            await context.Clock.DelayAsync(context.Parameters.GetDuration("after", TimeSpan.FromHours(1)), cancellationToken);
            throw new InvalidOperationException("The fixture conductor failed after running a while.");
        }
    }

    private sealed class Saturation(TestStrategies sink) : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var credits = context.Parameters.GetList("credits");
            var ships = context.Ships;
            sink.Fleets.Enqueue(ships);
            for (var i = 0; i < Math.Min(credits.Count, ships.Count); i++)
            {
                context.Assign(ships[i].Symbol, new StrategyRef("earner"), new StrategyParameters([new("credits", credits[i]), new("interval", context.Parameters.GetString("interval", "1"))]));
            }

            var control = new SaturationControl(new SaturationOptions
            {
                DecisionInterval = context.Parameters.GetDuration("decisionInterval", TimeSpan.FromSeconds(60)),
                MinimumSessionAge = context.Parameters.GetDuration("minimumSessionAge", TimeSpan.FromMinutes(2)),
                MinimumRunning = context.Parameters.GetInt32("minimumRunning", 1),
            });
            while (true)
            {
                await context.Clock.DelayAsync(TimeSpan.FromSeconds(5), cancellationToken);
                var decision = control.Evaluate(context);
                if (decision.Paused.Count > 0 || decision.Resumed.Count > 0)
                {
                    sink.Decisions.Enqueue((context.Clock.GetUtcNow(), decision, context.Metrics));
                }
            }
        }
    }
}
