using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>What behaviours and conductors both see of an agent's fleet: its client, state, caches, board and clock.</summary>
internal abstract class AgentFleetView
{
    private protected AgentFleetView(AgentFleet fleet, StrategyParameters parameters, ILogger logger)
    {
        Fleet = fleet;
        Parameters = parameters;
        Logger = logger;
    }

    public string AgentSymbol => Fleet.Symbol;

    public SpaceTradersClient Client => Fleet.Client;

    public AgentState Agent => Fleet.State;

    public SurveyCache Surveys => Fleet.Client.Surveys;

    public MarketCache Markets => Fleet.Client.Markets;

    public StaticWorldCache World => Fleet.Client.World;

    public IFleetBoard Board => Fleet.Board;

    public TimeProvider Clock => Fleet.Clock;

    public ILogger Logger { get; }

    public StrategyParameters Parameters { get; }

    private protected AgentFleet Fleet { get; }
}
