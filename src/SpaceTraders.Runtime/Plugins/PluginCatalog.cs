using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk;

namespace SpaceTraders.Runtime.Plugins;

/// <summary>
/// The behaviours and conductors of every loaded plugin, by <c>id@version</c>. Plugins are loaded from the configured
/// directories only, each in its own load context, so several versions of one plugin (even with the same assembly name)
/// run side by side; the contract, the SDK and logging abstractions are shared with the host.
/// </summary>
internal sealed partial class PluginCatalog : IDisposable
{
    /// <summary>Types whose assemblies (and everything they reference) come from the host, never from a plugin folder.</summary>
    private static readonly Type[] SharedTypes = [typeof(IStrategyPlugin), typeof(SpaceTradersClient), typeof(ILogger)];

    private readonly Dictionary<(string Id, string Version), ResolvedStrategy> _behaviours = [];
    private readonly Dictionary<(string Id, string Version), ResolvedStrategy> _conductors = [];
    private readonly Dictionary<(string Id, string Version), string> _plugins = [];
    private readonly List<PluginLoadResult> _results = [];
    private readonly List<PluginLoader> _loaders = [];
    private readonly ILogger _logger;

    private PluginCatalog(ILogger logger) => _logger = logger;

    /// <summary>Gets what happened to every plugin folder and compiled-in plugin, in load order.</summary>
    public IReadOnlyList<PluginLoadResult> Results => _results;

    /// <summary>Gets every behaviour offered, ordered by id and then version.</summary>
    public IReadOnlyList<AvailableStrategy> Behaviours => List(_behaviours);

    /// <summary>Gets every conductor offered, ordered by id and then version.</summary>
    public IReadOnlyList<AvailableStrategy> Conductors => List(_conductors);

    /// <summary>Loads the plugins of <paramref name="directories"/> and the compiled-in <paramref name="builtIn"/> plugins.</summary>
    /// <param name="directories">The configured plugin directories.</param>
    /// <param name="builtIn">Plugins compiled into the host.</param>
    /// <param name="logger">Where to report each plugin.</param>
    /// <returns>The catalogue; a folder without a valid plugin is reported in <see cref="Results"/>, never thrown.</returns>
    public static PluginCatalog Load(IEnumerable<string> directories, IEnumerable<IStrategyPlugin> builtIn, ILogger logger)
    {
        var catalog = new PluginCatalog(logger);
        foreach (var plugin in builtIn)
        {
            catalog.Add("built-in:" + plugin.GetType().FullName, null, plugin);
        }

        foreach (var directory in directories)
        {
            foreach (var folder in catalog.PluginFolders(directory))
            {
                catalog.LoadFolder(folder);
            }
        }

        return catalog;
    }

    /// <summary>Finds a behaviour; without a version, the newest loaded version.</summary>
    /// <param name="reference">The behaviour.</param>
    /// <returns>The behaviour with its exact version, descriptor and plugin.</returns>
    /// <exception cref="ArgumentException">No loaded plugin offers it.</exception>
    public ResolvedStrategy ResolveBehaviour(StrategyRef reference) => Resolve(_behaviours, reference, "behaviour");

    /// <summary>Finds a conductor; without a version, the newest loaded version.</summary>
    /// <param name="reference">The conductor.</param>
    /// <returns>The conductor with its exact version, descriptor and plugin.</returns>
    /// <exception cref="ArgumentException">No loaded plugin offers it.</exception>
    public ResolvedStrategy ResolveConductor(StrategyRef reference) => Resolve(_conductors, reference, "conductor");

    public void Dispose()
    {
        foreach (var loader in _loaders)
        {
            loader.Dispose();
        }
    }

    private static IReadOnlyList<AvailableStrategy> List(Dictionary<(string Id, string Version), ResolvedStrategy> strategies) =>
        [.. strategies.Values
            .OrderBy(s => s.Reference.Id, StringComparer.Ordinal)
            .ThenBy(s => s.Reference.Version, VersionLabelComparer.Instance)
            .Select(s => new AvailableStrategy(s.Reference, s.Descriptor))];

    private static ResolvedStrategy Resolve(Dictionary<(string Id, string Version), ResolvedStrategy> strategies, StrategyRef reference, string kind)
    {
        if (reference.Version is { } version)
        {
            return strategies.TryGetValue((reference.Id, version), out var exact)
                ? exact
                : throw new ArgumentException($"No loaded plugin offers the {kind} '{reference}'. Loaded: {Describe(strategies)}.", nameof(reference));
        }

        return strategies.Values
            .Where(s => string.Equals(s.Reference.Id, reference.Id, StringComparison.Ordinal))
            .OrderByDescending(s => s.Reference.Version, VersionLabelComparer.Instance)
            .FirstOrDefault()
            ?? throw new ArgumentException($"No loaded plugin offers the {kind} '{reference.Id}'. Loaded: {Describe(strategies)}.", nameof(reference));
    }

    private static string Describe(Dictionary<(string Id, string Version), ResolvedStrategy> strategies) =>
        strategies.Count == 0 ? "none" : string.Join(", ", strategies.Keys.Select(k => k.Id + "@" + k.Version).Order(StringComparer.Ordinal));

    /// <summary>A configured directory is a plugin folder itself (it holds a <c>*.deps.json</c>) or a directory of plugin folders.</summary>
    private IEnumerable<string> PluginFolders(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            Report(new PluginLoadResult(full, null, null, null, false, $"The plugin directory '{full}' does not exist."));
            return [];
        }

        return Directory.EnumerateFiles(full, "*.deps.json").Any()
            ? [full]
            : Directory.GetDirectories(full).Order(StringComparer.Ordinal);
    }

    private static string? FindMainAssembly(string folder)
    {
        var fromDeps = Directory.GetFiles(folder, "*.deps.json")
            .Select(deps => Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .ToList();
        if (fromDeps.Count == 1)
        {
            return fromDeps[0];
        }

        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named))
        {
            return named;
        }

        var dlls = Directory.GetFiles(folder, "*.dll");
        return dlls.Length == 1 ? dlls[0] : null;
    }

    private void LoadFolder(string folder)
    {
        var assemblyPath = FindMainAssembly(folder);
        if (assemblyPath is null)
        {
            Report(new PluginLoadResult(folder, null, null, null, false, $"No plugin assembly found in '{folder}' (expected the assembly named by its .deps.json, or one named like the folder)."));
            return;
        }

        IStrategyPlugin plugin;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, isUnloadable: false, sharedTypes: SharedTypes, configure: static _ => { });
            _loaders.Add(loader);
            var assembly = loader.LoadDefaultAssembly();
            var entryTypes = ExportedTypes(assembly)
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStrategyPlugin).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .ToList();
            if (entryTypes.Count != 1)
            {
                Report(new PluginLoadResult(folder, assemblyPath, null, null, false, entryTypes.Count == 0
                    ? $"'{assemblyPath}' has no public class implementing {nameof(IStrategyPlugin)} with a public parameterless constructor."
                    : $"'{assemblyPath}' has {entryTypes.Count} classes implementing {nameof(IStrategyPlugin)} ({string.Join(", ", entryTypes.Select(t => t.FullName))}); a plugin has exactly one."));
                return;
            }

            plugin = (IStrategyPlugin)Activator.CreateInstance(entryTypes[0])!;
        }
#pragma warning disable CA1031 // A plugin that cannot be loaded, for whatever reason, is reported and skipped; it must not take the runtime down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Report(new PluginLoadResult(folder, assemblyPath, null, null, false, $"'{assemblyPath}' could not be loaded: {Describe(ex)}"));
            return;
        }

        Add(folder, assemblyPath, plugin);
    }

    private static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException(
                "Some of its types could not be loaded (was it built against another contract or SDK?): " + string.Join("; ", ex.LoaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct()),
                ex);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    private void Add(string source, string? assemblyPath, IStrategyPlugin plugin)
    {
        PluginManifest manifest;
        try
        {
            manifest = plugin.Manifest ?? throw new InvalidOperationException("Its manifest is null.");
        }
#pragma warning disable CA1031 // Plugin code: any failure is reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Report(new PluginLoadResult(source, assemblyPath, null, null, false, $"The manifest of '{assemblyPath ?? source}' could not be read: {Describe(ex)}"));
            return;
        }

        var where = assemblyPath ?? source;
        if (manifest.ContractVersion != PluginContract.Version)
        {
            Report(new PluginLoadResult(source, assemblyPath, manifest.Id, manifest.Version, false,
                $"Refused plugin '{manifest.Id}' version '{manifest.Version}' from '{where}': it was built for plugin contract version {manifest.ContractVersion}, "
                + $"but this runtime implements plugin contract version {PluginContract.Version}. Rebuild it against the current SpaceTraders.Runtime.Abstractions."));
            return;
        }

        if (Validate(manifest) is { } problem)
        {
            Report(new PluginLoadResult(source, assemblyPath, manifest.Id, manifest.Version, false, $"Refused plugin from '{where}': {problem}"));
            return;
        }

        if (_plugins.TryGetValue((manifest.Id, manifest.Version), out var first))
        {
            Report(new PluginLoadResult(source, assemblyPath, manifest.Id, manifest.Version, false,
                $"Refused plugin '{manifest.Id}' version '{manifest.Version}' from '{where}': the same id and version is already loaded from '{first}'."));
            return;
        }

        _plugins[(manifest.Id, manifest.Version)] = where;
        foreach (var behaviour in manifest.Behaviours)
        {
            _behaviours[(behaviour.Id, manifest.Version)] = new ResolvedStrategy(new StrategyRef(behaviour.Id, manifest.Version), behaviour, plugin, manifest.Id);
        }

        foreach (var conductor in manifest.Conductors)
        {
            _conductors[(conductor.Id, manifest.Version)] = new ResolvedStrategy(new StrategyRef(conductor.Id, manifest.Version), conductor, plugin, manifest.Id);
        }

        Report(new PluginLoadResult(source, assemblyPath, manifest.Id, manifest.Version, true,
            $"Loaded plugin '{manifest.Id}' version '{manifest.Version}' from '{where}': behaviours {Names(manifest.Behaviours)}; conductors {Names(manifest.Conductors)}."));
    }

    private string? Validate(PluginManifest manifest)
    {
        if (string.IsNullOrWhiteSpace(manifest.Id) || string.IsNullOrWhiteSpace(manifest.Version)
            || manifest.Id.Contains('@', StringComparison.Ordinal) || manifest.Version.Contains('@', StringComparison.Ordinal))
        {
            return $"its id ('{manifest.Id}') and version ('{manifest.Version}') must be non-empty and without '@'.";
        }

        var strategies = (manifest.Behaviours ?? []).Concat(manifest.Conductors ?? []).ToList();
        if (manifest.Behaviours is null || manifest.Conductors is null || strategies.Any(s => s is null || string.IsNullOrWhiteSpace(s.Id) || s.Id.Contains('@', StringComparison.Ordinal)))
        {
            return "every behaviour and conductor needs an id without '@'.";
        }

        var duplicate = manifest.Behaviours.GroupBy(b => b.Id, StringComparer.Ordinal).Concat(manifest.Conductors.GroupBy(c => c.Id, StringComparer.Ordinal)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"it offers '{duplicate.Key}' more than once.";
        }

        // A default the strategy cannot read would fail every session it runs, long after the load.
        if (strategies.Select(ParameterCheck.DefaultsProblem).FirstOrDefault(p => p is not null) is { } badDefault)
        {
            return badDefault;
        }

        // A strategy id offered by another plugin id would make 'id@version' ambiguous.
        foreach (var behaviour in manifest.Behaviours)
        {
            if (_behaviours.Values.FirstOrDefault(b => b.Reference.Id == behaviour.Id && b.PluginId != manifest.Id) is { } clash)
            {
                return $"the behaviour '{behaviour.Id}' is already offered by plugin '{clash.PluginId}'.";
            }
        }

        foreach (var conductor in manifest.Conductors)
        {
            if (_conductors.Values.FirstOrDefault(c => c.Reference.Id == conductor.Id && c.PluginId != manifest.Id) is { } clash)
            {
                return $"the conductor '{conductor.Id}' is already offered by plugin '{clash.PluginId}'.";
            }
        }

        return null;
    }

    private static string Names(IReadOnlyList<StrategyDescriptor> strategies) =>
        strategies.Count == 0 ? "none" : string.Join(", ", strategies.Select(s => s.Id));

    private void Report(PluginLoadResult result)
    {
        _results.Add(result);
        if (result.Loaded)
        {
            LogLoaded(result.Message);
        }
        else
        {
            LogRefused(result.Message);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogLoaded(string message);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogRefused(string message);
}

/// <summary>A behaviour or conductor with its exact version, its descriptor and the plugin that creates it.</summary>
/// <param name="Reference">Its id and plugin version.</param>
/// <param name="Descriptor">Its description and parameters.</param>
/// <param name="Plugin">The plugin instance.</param>
/// <param name="PluginId">The plugin's id.</param>
internal sealed record ResolvedStrategy(StrategyRef Reference, StrategyDescriptor Descriptor, IStrategyPlugin Plugin, string PluginId);
