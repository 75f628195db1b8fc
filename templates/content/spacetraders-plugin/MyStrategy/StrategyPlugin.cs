using SpaceTraders.Runtime.Abstractions;

namespace MyStrategy;

/// <summary>
/// The plugin: what the runtime finds in this DLL. Exactly one public class implements <see cref="IStrategyPlugin"/>, with
/// a parameterless constructor; it lists the behaviours (what one ship does) and the conductors (what the fleet does)
/// and makes them on demand.
/// </summary>
public sealed class StrategyPlugin : IStrategyPlugin
{
    /// <summary>
    /// The version label: behaviours and conductors are referred to as <c>id@v1</c>, and every session, request and credit
    /// is recorded under it. Give a changed strategy a new label (<c>v2</c>) so the reports compare the two.
    /// </summary>
    public const string VersionLabel = "v1";

    /// <summary>Gets the manifest: the plugin's id (stable), its version label, the contract it was built against and what it offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "my-strategy",
        VersionLabel,
        PluginContract.Version, // always this constant: the runtime refuses a plugin built against another contract
        [MineAndSell.Descriptor],
        [FleetConductor.Descriptor])
    {
        Description = "A miner's start: the mining ships mine at the nearest asteroid and sell the hold where it pays best.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        MineAndSell.Id => new MineAndSell(),
        _ => throw new ArgumentException($"No behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        FleetConductor.Id => new FleetConductor(),
        _ => throw new ArgumentException($"No conductor '{conductorId}'.", nameof(conductorId)),
    };
}
