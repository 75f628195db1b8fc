using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Tests.Support;

/// <summary>
/// A conductor context with other parameters, and optionally other assignments: a scenario script runs a real conductor
/// with settings of its own, or swaps what the conductor gives one ship.
/// </summary>
/// <param name="inner">The script's own context.</param>
/// <param name="parameters">The parameters the conductor sees.</param>
/// <param name="reassign">Given a ship and what the conductor assigns it, what to assign instead; <see langword="null"/> to leave assignments alone.</param>
internal sealed class ParameterisedContext(
    IConductorContext inner,
    StrategyParameters parameters,
    Func<string, StrategyRef, StrategyParameters?, (StrategyRef Behaviour, StrategyParameters? Parameters)>? reassign = null) : IConductorContext
{
    public StrategyRef Conductor => inner.Conductor;

    public IReadOnlyList<FleetShip> Ships => inner.Ships;

    public IReadOnlyList<AvailableStrategy> Behaviours => inner.Behaviours;

    public FleetMetrics Metrics => inner.Metrics;

    public string AgentSymbol => inner.AgentSymbol;

    public SpaceTradersClient Client => inner.Client;

    public AgentState Agent => inner.Agent;

    public SurveyCache Surveys => inner.Surveys;

    public MarketCache Markets => inner.Markets;

    public StaticWorldCache World => inner.World;

    public IFleetBoard Board => inner.Board;

    public TimeProvider Clock => inner.Clock;

    public ILogger Logger => inner.Logger;

    public StrategyParameters Parameters => parameters;

    public void Assign(string shipSymbol, StrategyRef behaviour, StrategyParameters? parameters = null)
    {
        var (given, with) = reassign?.Invoke(shipSymbol, behaviour, parameters) ?? (behaviour, parameters);
        inner.Assign(shipSymbol, given, with);
    }

    public void Unassign(string shipSymbol) => inner.Unassign(shipSymbol);

    public void Pause(string shipSymbol, string reason) => inner.Pause(shipSymbol, reason);

    public void Resume(string shipSymbol) => inner.Resume(shipSymbol);

    public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForFleetChangeAsync(timeout, cancellationToken);
}
