namespace SpaceTraders.Runtime.Abstractions;

/// <summary>The version of the plugin contract this assembly defines.</summary>
/// <remarks>
/// A plugin compiles this constant into its <see cref="PluginManifest.ContractVersion"/>; the runtime refuses a
/// plugin built against another version with a message naming both. The number changes only when a change
/// to this assembly would break plugins already built.
/// </remarks>
public static class PluginContract
{
    /// <summary>The current contract version.</summary>
    /// <remarks>2: session outcomes are <see cref="SessionOutcome"/> values, not strings.</remarks>
    public const int Version = 2;
}
