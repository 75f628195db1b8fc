namespace SpaceTraders.Runtime.Plugins;

/// <summary>What happened to one plugin folder (or compiled-in plugin) when the runtime loaded its plugins.</summary>
/// <param name="Source">The plugin folder, or <c>built-in:</c> and the type name for a plugin compiled into the host.</param>
/// <param name="AssemblyPath">The plugin's main assembly, when one was found.</param>
/// <param name="PluginId">The plugin's id, when its manifest could be read.</param>
/// <param name="Version">The plugin's version, when its manifest could be read.</param>
/// <param name="Loaded">Whether the plugin's behaviours and conductors are in the catalogue.</param>
/// <param name="Message">What was loaded, or why not.</param>
public sealed record PluginLoadResult(string Source, string? AssemblyPath, string? PluginId, string? Version, bool Loaded, string Message);
