using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What a conductor gets: the fleet as the runtime sees it, its figures, and the runtime's controls.</summary>
internal sealed class ConductorContext : IConductorContext
{
    private readonly AgentFleet _fleet;

    public ConductorContext(AgentFleet fleet, StrategyRef conductor, StrategyParameters parameters, ILogger logger)
    {
        _fleet = fleet;
        Conductor = conductor;
        Parameters = parameters;
        Logger = logger;
    }

    public string AgentSymbol => _fleet.Symbol;

    public SpaceTradersClient Client => _fleet.Client;

    public AgentState Agent => _fleet.State;

    public SurveyCache Surveys => _fleet.Client.Surveys;

    public MarketCache Markets => _fleet.Client.Markets;

    public StaticWorldCache World => _fleet.Client.World;

    public IFleetBoard Board => _fleet.Board;

    public TimeProvider Clock => _fleet.Clock;

    public ILogger Logger { get; }

    public StrategyParameters Parameters { get; }

    public StrategyRef Conductor { get; }

    public IReadOnlyList<FleetShip> Ships => _fleet.DescribeShips(discover: true);

    public IReadOnlyList<AvailableStrategy> Behaviours => _fleet.Catalog.Behaviours;

    public FleetMetrics Metrics => _fleet.Metrics();

    public void Assign(string shipSymbol, StrategyRef behaviour, StrategyParameters? parameters = null)
    {
        var resolved = _fleet.Catalog.ResolveBehaviour(behaviour);
        _fleet.Runner(shipSymbol).Assign(resolved, (parameters ?? StrategyParameters.Empty).WithDefaults(resolved.Descriptor.Parameters));
    }

    public void Unassign(string shipSymbol) => _fleet.Runner(shipSymbol).Unassign();

    public void Pause(string shipSymbol, string reason) => _fleet.Runner(shipSymbol).Pause(reason ?? string.Empty);

    public void Resume(string shipSymbol) => _fleet.Runner(shipSymbol).Resume();

    public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _fleet.WaitForFleetChangeAsync(timeout, cancellationToken);
}
