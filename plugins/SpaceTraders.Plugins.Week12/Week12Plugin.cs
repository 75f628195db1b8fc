using SpaceTraders.Plugins.Week12.Behaviours;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week12;

/// <summary>
/// The week-12 strategies of the weekly series (<c>spacetraders.weekly@week12</c>): a fresh agent that reinvests its
/// earnings in ships, by measured payback, until its requests fill the rate limit.
/// </summary>
/// <remarks>
/// Behaviours: <c>trade</c> (one claimed trade trip per session), <c>mine</c> and <c>siphon</c> (one extraction cycle
/// per session), <c>scout</c> (a probe standing at a shipyard or touring markets), <c>build</c> (one delivery to the
/// starting jump gate), <c>expand</c> (one trade trip through the gate), <c>outpost</c> (a probe pricing the markets of
/// a system across the gate). Conductor: <c>week12</c>. Everything
/// the week uses beyond the SDK is in this assembly, so later changes elsewhere do not move its figures.
/// </remarks>
public sealed class Week12Plugin : IStrategyPlugin
{
    /// <summary>The plugin's version label.</summary>
    public const string VersionLabel = "week12";

    /// <summary>Gets what the plugin is and offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "spacetraders.weekly",
        VersionLabel,
        PluginContract.Version,
        [Trade.Descriptor, Extract.MineDescriptor, Extract.SiphonDescriptor, Scout.Descriptor, Build.Descriptor, Expand.Descriptor, Outpost.Descriptor],
        [Week12Conductor.Descriptor])
    {
        Description = "Week 12: reinvest until requests fill the rate limit: claimed trade routes, mining and siphoning, scouts, ships bought by measured payback, saturation control on completed sessions.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        Trade.Id => new Trade(),
        Extract.MineId => new Extract(siphon: false),
        Extract.SiphonId => new Extract(siphon: true),
        Scout.Id => new Scout(),
        Build.Id => new Build(),
        Expand.Id => new Expand(),
        Outpost.Id => new Outpost(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        Week12Conductor.Id => new Week12Conductor(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no conductor '{conductorId}'.", nameof(conductorId)),
    };
}
