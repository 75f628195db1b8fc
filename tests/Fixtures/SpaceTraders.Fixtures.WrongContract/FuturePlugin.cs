using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.WrongContract;

/// <summary>
/// A test fixture plugin as a plugin built against the next contract version looks to this runtime: the contract
/// version is a constant compiled into the plugin, so the manifest carries the version it was built for.
/// </summary>
public sealed class FuturePlugin : IStrategyPlugin
{
    /// <summary>The contract version this plugin was "built" against.</summary>
    public const int BuiltForContract = PluginContract.Version + 1;

    public PluginManifest Manifest { get; } = new("fixtures.future", "2.0.0", BuiltForContract, [new StrategyDescriptor("future", "Needs a newer runtime.")], []);

    public IBehaviour CreateBehaviour(string behaviourId) => throw new NotSupportedException("Never loaded.");

    public IConductor CreateConductor(string conductorId) => throw new NotSupportedException("Never loaded.");
}
