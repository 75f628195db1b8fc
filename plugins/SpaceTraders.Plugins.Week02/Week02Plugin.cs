using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week02;

/// <summary>
/// The week-2 strategies of the weekly series (<c>spacetraders.weekly@week02</c>): the command ship mines at the nearest
/// asteroid and sells at the best nearby market, the probe watches a market, and the fleet grows by mining drones.
/// </summary>
/// <remarks>
/// Behaviours: <c>extract-and-sell</c> and <c>watch-market</c>. Conductor: <c>week02</c>, which plays a fresh agent from
/// registration onwards.
/// </remarks>
public sealed class Week02Plugin : IStrategyPlugin
{
    /// <summary>The plugin's version label.</summary>
    public const string VersionLabel = "week02";

    /// <summary>Gets what the plugin is and offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "spacetraders.weekly",
        VersionLabel,
        PluginContract.Version,
        [ExtractAndSell.Descriptor, WatchMarket.Descriptor],
        [Week02Conductor.Descriptor])
    {
        Description = "Week 2: mine and sell with the command ship, watch a market with the probe, buy mining drones when affordable.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        ExtractAndSell.Id => new ExtractAndSell(),
        WatchMarket.Id => new WatchMarket(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        Week02Conductor.Id => new Week02Conductor(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no conductor '{conductorId}'.", nameof(conductorId)),
    };
}
