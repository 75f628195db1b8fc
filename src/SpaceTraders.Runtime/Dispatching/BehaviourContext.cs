using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What one behaviour session gets: its ship, its session, and the agent's client, state, caches and board.</summary>
internal sealed class BehaviourContext : IBehaviourContext
{
    private readonly AgentFleet _fleet;
    private readonly ShipRunner _runner;
    private readonly SessionHandle _session;

    public BehaviourContext(AgentFleet fleet, ShipRunner runner, SessionHandle session, TrackedShip ship, StrategyParameters parameters, ILogger logger)
    {
        _fleet = fleet;
        _runner = runner;
        _session = session;
        Ship = ship;
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

    public SessionInfo Session => _session.Info;

    public TrackedShip Ship { get; }

    public void ReportActivity(string activity) => _runner.ReportActivity(_session, activity ?? string.Empty);
}
