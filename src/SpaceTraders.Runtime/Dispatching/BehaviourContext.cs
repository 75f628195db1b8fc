using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What one behaviour session gets: its ship, its session, and the agent's client, state, caches and board.</summary>
internal sealed class BehaviourContext : AgentFleetView, IBehaviourContext
{
    private readonly ShipRunner _runner;
    private readonly SessionHandle _session;

    public BehaviourContext(AgentFleet fleet, ShipRunner runner, SessionHandle session, TrackedShip ship, StrategyParameters parameters, ILogger logger)
        : base(fleet, parameters, logger)
    {
        _runner = runner;
        _session = session;
        Ship = ship;
    }

    public SessionInfo Session => _session.Info;

    public TrackedShip Ship { get; }

    public void ReportActivity(string activity) => _runner.ReportActivity(_session, activity ?? string.Empty);
}
