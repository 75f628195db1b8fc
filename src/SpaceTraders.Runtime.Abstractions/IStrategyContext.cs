using Microsoft.Extensions.Logging;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Abstractions;

/// <summary>What every strategy, behaviour or conductor, gets from the runtime.</summary>
public interface IStrategyContext
{
    /// <summary>Gets the agent's symbol.</summary>
    string AgentSymbol { get; }

    /// <summary>
    /// Gets the agent's client. Requests made through it are throttled with every other ship's, attributed to
    /// this session in the records, and merged into <see cref="Agent"/> as their responses arrive.
    /// </summary>
    SpaceTradersClient Client { get; }

    /// <summary>Gets the agent's tracked state: the agent, its ships, contracts, and the markets and waypoints seen.</summary>
    AgentState Agent { get; }

    /// <summary>Gets the survey cache shared by the agent's ships.</summary>
    SurveyCache Surveys { get; }

    /// <summary>Gets the market cache shared by the agent's ships.</summary>
    MarketCache Markets { get; }

    /// <summary>Gets the static world (systems, waypoints, jump gates, shipyards), fetched once and shared.</summary>
    StaticWorldCache World { get; }

    /// <summary>Gets the fleet board: shared notes for coordinating ships (a hauler announcing where it waits, claims on markets).</summary>
    IFleetBoard Board { get; }

    /// <summary>Gets the clock. Wait on it through <see cref="SpaceTraders.Sdk.Timing.ClockWaits"/> so virtual time works.</summary>
    TimeProvider Clock { get; }

    /// <summary>Gets a logger for this strategy.</summary>
    ILogger Logger { get; }

    /// <summary>Gets the parameters the strategy runs with, defaults from its descriptor filled in.</summary>
    StrategyParameters Parameters { get; }
}
