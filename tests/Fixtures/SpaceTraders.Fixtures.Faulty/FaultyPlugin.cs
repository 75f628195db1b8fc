using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Fixtures.Faulty;

/// <summary>A test fixture plugin whose behaviours misbehave: one throws, one ignores cancellation.</summary>
public sealed class FaultyPlugin : IStrategyPlugin
{
    public PluginManifest Manifest { get; } = new(
        "fixtures.faulty",
        "1.0.0",
        PluginContract.Version,
        [
            new StrategyDescriptor("throws", "Makes one request, then throws."),
            new StrategyDescriptor("ignores-cancellation", "Waits a virtual day at a time and never looks at its cancellation token."),
        ],
        []);

    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        "throws" => new ThrowingBehaviour(),
        "ignores-cancellation" => new StubbornBehaviour(),
        _ => throw new ArgumentException($"Unknown behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    public IConductor CreateConductor(string conductorId) => throw new ArgumentException($"Unknown conductor '{conductorId}'.", nameof(conductorId));
}

/// <summary>Makes one request (so the session has one), then throws.</summary>
public sealed class ThrowingBehaviour : IBehaviour
{
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        context.ReportActivity("about to fail");
        await context.Client.Fleet.GetMyShipAsync(context.Ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("The fixture behaviour failed on purpose.");
    }
}

/// <summary>Never ends when cancelled: waits (parked, so virtual time moves) a day at a time with no token.</summary>
public sealed class StubbornBehaviour : IBehaviour
{
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        context.ReportActivity("ignoring cancellation");
        while (true)
        {
#pragma warning disable CA2016 // Ignoring the token is the point of this fixture.
            await context.Clock.DelayAsync(TimeSpan.FromDays(1), CancellationToken.None).ConfigureAwait(false);
#pragma warning restore CA2016
        }
    }
}
