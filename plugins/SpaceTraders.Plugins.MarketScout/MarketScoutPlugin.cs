using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.MarketScout;

/// <summary>
/// The market scout plugin: the <c>market-scout</c> conductor shares a system's markets among scouts (probes) with a
/// selectable partitioning strategy and re-plans when scouts come and go; the <c>scout-tour</c> behaviour flies
/// one scout's tour for ever, reading each market once per visit, stalest first.
/// </summary>
public sealed class MarketScoutPlugin : IStrategyPlugin
{
    /// <summary>The plugin's id.</summary>
    public const string PluginId = "spacetraders.market-scout";

    /// <summary>The plugin's version label.</summary>
    public const string PluginVersion = "1.0";

    /// <summary>The conductor's id.</summary>
    public const string ConductorId = "market-scout";

    /// <summary>The behaviour's id.</summary>
    public const string BehaviourId = "scout-tour";

    /// <inheritdoc />
    public PluginManifest Manifest { get; } = new(
        PluginId,
        PluginVersion,
        PluginContract.Version,
        [new StrategyDescriptor(BehaviourId, "Flies the ship's market tour for ever (the conductor's plan, or every market of its system), one market read per visit, stalest markets first.", ScoutParameters.Behaviour)],
        [new StrategyDescriptor(ConductorId, "Keeps market data fresh: buys probes up to the scout count, partitions the markets among the scouts (greedy, kmeans, slices or optimal) and re-plans when scouts are added or removed.", ScoutParameters.Conductor)])
    {
        Description = "Multi-ship market tours that keep market data fresh.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId == BehaviourId
        ? new ScoutBehaviour()
        : throw new ArgumentException($"The market scout plugin offers no behaviour '{behaviourId}'; it offers '{BehaviourId}'.", nameof(behaviourId));

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId == ConductorId
        ? new MarketScoutConductor()
        : throw new ArgumentException($"The market scout plugin offers no conductor '{conductorId}'; it offers '{ConductorId}'.", nameof(conductorId));
}
