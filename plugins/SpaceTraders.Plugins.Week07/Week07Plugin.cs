using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// The week-7 strategies of the weekly series (<c>spacetraders.weekly@week07</c>): contracts, exploration, mining-mount
/// upgrades, shipyard price tracking, and the recon conductor.
/// </summary>
/// <remarks>
/// Behaviours: <c>fulfill-contracts</c>, <c>explore</c>, <c>upgrade</c> and <c>monitor-shipyards</c>. Conductor:
/// <c>week07</c>. Mining, surveying and market watching are reused unchanged from weeks 2 and 4 by reference.
/// </remarks>
public sealed class Week07Plugin : IStrategyPlugin
{
    /// <summary>The plugin's version label.</summary>
    public const string VersionLabel = "week07";

    /// <summary>Gets what the plugin is and offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "spacetraders.weekly",
        VersionLabel,
        PluginContract.Version,
        [FulfillContracts.Descriptor, Explore.Descriptor, UpgradeMounts.Descriptor, MonitorShipyards.Descriptor],
        [Week07Conductor.Descriptor])
    {
        Description = "Week 7: contracts, exploration of the gate network, laser upgrades, shipyard prices, and a recon conductor.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        FulfillContracts.Id => new FulfillContracts(),
        Explore.Id => new Explore(),
        UpgradeMounts.Id => new UpgradeMounts(),
        MonitorShipyards.Id => new MonitorShipyards(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        Week07Conductor.Id => new Week07Conductor(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no conductor '{conductorId}'.", nameof(conductorId)),
    };
}
