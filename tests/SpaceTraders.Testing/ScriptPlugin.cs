using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Testing;

/// <summary>
/// A test plugin whose one conductor, <c>script@test</c>, runs a delegate: a scenario test assigns the behaviours it
/// tests through the real conductor context and reads the agent's tracked state. It must not assert (an exception in a
/// conductor is contained by the runtime): it records what it sees and the test asserts after the run.
/// </summary>
internal sealed class ScriptPlugin(Func<IConductorContext, CancellationToken, Task> script) : IStrategyPlugin
{
    public static StrategyRef Conductor => new("script", "test");

    public PluginManifest Manifest { get; } = new("test.script", "test", PluginContract.Version, [], [new StrategyDescriptor("script", "Runs a test's script.")]);

    public IBehaviour CreateBehaviour(string behaviourId) => throw new ArgumentException("No behaviours.", nameof(behaviourId));

    public IConductor CreateConductor(string conductorId) => new ScriptConductor(script);

    private sealed class ScriptConductor(Func<IConductorContext, CancellationToken, Task> script) : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            await script(context, cancellationToken);

            // The script is done: stay out of the way until the run stops.
            await context.Clock.DelayAsync(TimeSpan.FromDays(365), cancellationToken);
        }
    }
}
