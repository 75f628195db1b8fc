using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What a conductor gets: the fleet as the runtime sees it, its figures, and the runtime's controls.</summary>
internal sealed partial class ConductorContext : AgentFleetView, IConductorContext
{
    // The (behaviour, name) pairs already warned about, so that a conductor assigning every few minutes warns once.
    private readonly HashSet<string> _warned = new(StringComparer.OrdinalIgnoreCase);

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

        WarnUndeclared(resolved, given);
        Fleet.Runner(shipSymbol).Assign(resolved, given.WithDefaults(resolved.Descriptor.Parameters));
    }

    public void Unassign(string shipSymbol) => Fleet.Runner(shipSymbol).Unassign();

    public void Pause(string shipSymbol, string reason) => Fleet.Runner(shipSymbol).Pause(reason ?? string.Empty);

    public void Resume(string shipSymbol) => Fleet.Runner(shipSymbol).Resume();

    public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => Fleet.WaitForFleetChangeAsync(timeout, cancellationToken);

    /// <summary>
    /// A name the behaviour does not declare is passed on (strategies may read parameters they do not list), but it is
    /// more often a typo that the behaviour never reads: say so once per behaviour and name.
    /// </summary>
    private void WarnUndeclared(Plugins.ResolvedStrategy resolved, StrategyParameters given)
    {
        foreach (var name in Plugins.ParameterCheck.Undeclared(resolved.Descriptor, given))
        {
            bool first;
            lock (_warned)
            {
                first = _warned.Add(resolved.Reference + "\n" + name);
            }

            if (first)
            {
                LogUndeclared(Logger, Conductor.ToString(), resolved.Reference.ToString(), name, Plugins.ParameterCheck.DeclaredNames(resolved.Descriptor));
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Conductor {Conductor} assigned {Behaviour} the parameter '{Name}', which it does not declare (it declares: {Declared}); it is passed on as given")]
    private static partial void LogUndeclared(ILogger logger, string conductor, string behaviour, string name, string declared);
}
