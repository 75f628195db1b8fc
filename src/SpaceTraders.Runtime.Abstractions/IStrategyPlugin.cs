namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// The entry point of a plugin assembly: the runtime looks for exactly one public, non-abstract class that
/// implements it and has a public parameterless constructor.
/// </summary>
public interface IStrategyPlugin
{
    /// <summary>Gets what the plugin is and offers.</summary>
    PluginManifest Manifest { get; }

    /// <summary>Creates a new instance of one of the behaviours in <see cref="PluginManifest.Behaviours"/>; each ship session gets its own.</summary>
    /// <param name="behaviourId">The behaviour's id.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentException">The plugin does not offer <paramref name="behaviourId"/>.</exception>
    IBehaviour CreateBehaviour(string behaviourId);

    /// <summary>Creates a new instance of one of the conductors in <see cref="PluginManifest.Conductors"/>.</summary>
    /// <param name="conductorId">The conductor's id.</param>
    /// <returns>A new conductor.</returns>
    /// <exception cref="ArgumentException">The plugin does not offer <paramref name="conductorId"/>.</exception>
    IConductor CreateConductor(string conductorId);
}
