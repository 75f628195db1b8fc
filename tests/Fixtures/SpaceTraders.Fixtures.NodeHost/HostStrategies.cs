using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Fixtures.NodeHost;

/// <summary>
/// The node host's compiled-in strategies: a conductor that gives every ship the <c>poll</c> behaviour, and the
/// behaviour, which reads its ship every <c>poll</c> seconds until cancelled (requests and sessions, nothing else).
/// </summary>
internal sealed class HostStrategies : IStrategyPlugin
{
    /// <summary>The conductor's id.</summary>
    public const string Conductor = "poll-fleet";

    private const string Behaviour = "poll";

    /// <inheritdoc />
    public PluginManifest Manifest { get; } = new(
        "node-host",
        "1",
        PluginContract.Version,
        [new StrategyDescriptor(Behaviour, "Reads its ship every 'poll' seconds until cancelled.", [new ParameterDescriptor("poll", ParameterType.Duration, "Between reads.", "2")])],
        [new StrategyDescriptor(Conductor, "Gives every ship 'poll'.", [new ParameterDescriptor("poll", ParameterType.Duration, "Between reads.", "2")])]);

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId == Behaviour
        ? new Poll()
        : throw new ArgumentException($"Unknown behaviour '{behaviourId}'.", nameof(behaviourId));

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId == Conductor
        ? new PollFleet()
        : throw new ArgumentException($"Unknown conductor '{conductorId}'.", nameof(conductorId));

    private sealed class Poll : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            var interval = context.Parameters.GetDuration("poll", TimeSpan.FromSeconds(2));
            while (true)
            {
                await context.Client.Fleet.GetMyShipAsync(context.Ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                context.ReportActivity("polling");
                await context.Clock.DelayAsync(interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class PollFleet : IConductor
    {
        public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
        {
            var parameters = StrategyParameters.Parse("poll=" + context.Parameters.GetString("poll", "2"));
            while (true)
            {
                foreach (var ship in context.Ships.Where(s => s.Assignment is null))
                {
                    context.Assign(ship.Symbol, new StrategyRef(Behaviour), parameters);
                }

                await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
