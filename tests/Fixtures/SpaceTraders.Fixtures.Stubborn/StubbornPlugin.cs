using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.Stubborn;

/// <summary>
/// A test fixture plugin whose one behaviour never ends and ignores cancellation, so that the runner's stop has a stuck
/// session to abandon; its conductor gives that behaviour to the first ship and ends.
/// </summary>
public sealed class StubbornPlugin : IStrategyPlugin
{
    /// <summary>What the stuck behaviour reports as its activity once it runs: the sign for a test that the run can be stopped.</summary>
    public const string StuckActivity = "stuck: deaf to cancellation";

    public PluginManifest Manifest { get; } = new(
        "fixtures.stubborn",
        "stubborn1",
        PluginContract.Version,
        [new StrategyDescriptor("stubborn", "Reports itself stuck, then waits for ever, deaf to its cancellation token.")],
        [new StrategyDescriptor("stubborn-fleet", "Gives 'stubborn' to the first ship by symbol, then ends.")]);

    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        "stubborn" => new StubbornBehaviour(),
        _ => throw new ArgumentException($"Unknown behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        "stubborn-fleet" => new StubbornFleet(),
        _ => throw new ArgumentException($"Unknown conductor '{conductorId}'.", nameof(conductorId)),
    };

    private sealed class StubbornBehaviour : IBehaviour
    {
        private readonly TaskCompletionSource<BehaviourResult> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            context.ReportActivity(StuckActivity);

            // Deliberately deaf to the token: the runtime's stop can only abandon it.
            return _never.Task;
        }
    }

    /// <summary>Ends once it has assigned: a conductor that ended has no stop of its own to wait for.</summary>
    private sealed class StubbornFleet : IConductor
    {
        public Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var first = context.Ships.OrderBy(s => s.Symbol, StringComparer.Ordinal).First();
            context.Assign(first.Symbol, new StrategyRef("stubborn", context.Conductor.Version));
            return Task.CompletedTask;
        }
    }
}
