using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What a conductor gets: the fleet as the runtime sees it, its figures, and the runtime's controls.</summary>
internal sealed class ConductorContext : AgentFleetView, IConductorContext
{
    public ConductorContext(AgentFleet fleet, StrategyRef conductor, StrategyParameters parameters, ILogger logger)
        : base(fleet, parameters, logger)
    {
        Conductor = conductor;
    }

    public StrategyRef Conductor { get; }

    public IReadOnlyList<FleetShip> Ships => Fleet.DescribeShips(discover: true);

    public IReadOnlyList<AvailableStrategy> Behaviours => Fleet.Catalog.Behaviours;

    public FleetMetrics Metrics => Fleet.Metrics();

    public void Assign(string shipSymbol, StrategyRef behaviour, StrategyParameters? parameters = null)
    {
        var resolved = Fleet.Catalog.ResolveBehaviour(behaviour);
        var given = parameters ?? StrategyParameters.Empty;
        if (Plugins.ParameterCheck.GivenProblem(resolved.Descriptor, given) is { } problem)
        {
            throw new ArgumentException($"Cannot assign {resolved.Reference} to {shipSymbol}: {problem}", nameof(parameters));
        }

        Fleet.Runner(shipSymbol).Assign(resolved, given.WithDefaults(resolved.Descriptor.Parameters));
    }

    public void Unassign(string shipSymbol) => Fleet.Runner(shipSymbol).Unassign();

    public void Pause(string shipSymbol, string reason) => Fleet.Runner(shipSymbol).Pause(reason ?? string.Empty);

    public void Resume(string shipSymbol) => Fleet.Runner(shipSymbol).Resume();

    public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => Fleet.WaitForFleetChangeAsync(timeout, cancellationToken);
}
