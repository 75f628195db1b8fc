using System.Globalization;
using System.Text;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Simulator;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>What a run will do, once every input has been checked.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Choice">The conductor and why it was chosen.</param>
/// <param name="PluginDirectories">The folders plugins load from (each checked to hold at least one plugin that loads).</param>
internal sealed record RunPlan(RunnerOptions Options, ConductorChoice Choice, IReadOnlyList<string> PluginDirectories)
{
    /// <summary>Gets a change made to the built-in simulator's options before it starts (tests), or <see langword="null"/>.</summary>
    public Action<SimulationOptions>? ConfigureSimulation { get; init; }

    /// <summary>
    /// Gets the real clock that bounds the runtime's stop (<see cref="RuntimeOptions.WallClock"/>) and the reads after the
    /// run (tests give a fake one); <see cref="TimeProvider.System"/> when <see langword="null"/>. The default value is <see langword="null"/>.
    /// </summary>
    public TimeProvider? WallClock { get; init; }

    /// <summary>Prints the plan as a record does, its folders as a list (the options print without their secrets).</summary>
    private bool PrintMembers(StringBuilder builder) => SettingsText.AppendMembers(this, builder);
}

/// <summary>
/// Checks every input before anything runs, each failure as one <see cref="SettingException"/> line: the report's
/// folder exists and is writable (no folder is ever created for it), the dashboard's port is free, each plugin folder
/// exists and holds at least one plugin that loads, the conductor is offered by a loaded plugin, and every conductor
/// parameter is one of the conductor's (its <see cref="StrategyDescriptor"/>), reads as its type and is one of its allowed
/// values (<see cref="ParameterDescriptor.AllowedValues"/>), if it names them. Nothing is written
/// to disk.
/// </summary>
internal static class Preflight
{
    /// <summary>Gets the plugin folder used without <c>--plugins</c>: <c>plugins/</c> next to the runner.</summary>
    public static string DefaultPluginDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Checks the inputs and picks the conductor.</summary>
    /// <param name="options">The settings, already read.</param>
    /// <param name="name">Names a setting as the user gave it (<c>--plugins</c>, <c>SPACETRADERS_PLUGINS</c>, ...).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="SettingException">An input is wrong.</exception>
    public static async Task<RunPlan> CheckAsync(RunnerOptions options, Func<RunnerSetting, string> name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        if (options.ReportPath is { } report)
        {
            CheckReportPath(report, name(RunnerSettings.Report));
        }

        if (options.RecordPath is { } record)
        {
            CheckReportPath(record, name(RunnerSettings.Record));
            if (options.ReportPath is { } reportPath && IsRecording(Path.GetFullPath(reportPath), Path.GetFullPath(record)))
            {
                // The report is written over it at the end: the run's whole recording would be lost.
                throw new SettingException($"{name(RunnerSettings.Report)} and {name(RunnerSettings.Record)} name the same file ({Path.GetFullPath(reportPath)}): the report would replace the recording. Give them two names, for example report.json and traffic.jsonl.");
            }
        }

        CheckDashboard(options);

        var given = options.PluginDirectories.Count > 0;
        IReadOnlyList<string> directories = given ? [.. options.PluginDirectories.Select(d => Path.GetFullPath(d))] : [DefaultPluginDirectory];
        var pluginsName = given ? name(RunnerSettings.Plugins) : "the runner's plugins/ folder";
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new SettingException(File.Exists(directory)
                    ? $"{pluginsName}: {directory} is a file, not a folder of plugins."
                    : $"{pluginsName}: the folder {directory} does not exist.");
            }
        }

        var (conductors, results) = await LoadPluginsAsync(directories, cancellationToken).ConfigureAwait(false);
        foreach (var directory in directories)
        {
            var here = results.Where(r => IsUnder(r.Source, directory)).ToList();
            if (!here.Any(r => r.Loaded))
            {
                var why = here.FirstOrDefault()?.Message;
                throw new SettingException(why is null
                    ? $"{pluginsName}: {directory} holds no plugin (a plugin is a folder with its .dll and .deps.json)."
                    : $"{pluginsName}: no plugin in {directory} loads: {why}");
            }
        }

        ConductorChoice choice;
        if (options.Conductor is { } asked)
        {
            var match = conductors.LastOrDefault(c => string.Equals(c.Reference.Id, asked.Id, StringComparison.Ordinal)
                && (asked.Version is null || string.Equals(c.Reference.Version, asked.Version, StringComparison.Ordinal)));
            if (match is null)
            {
                var offered = conductors.Count == 0 ? "none" : string.Join(", ", conductors.Select(c => c.Reference.ToString()));
                var searched = given ? $"{pluginsName} ({string.Join(", ", directories)})" : $"{pluginsName} ({directories[0]})";
                throw new SettingException($"{name(RunnerSettings.Conductor)} {asked}: no loaded plugin offers this conductor (loaded: {offered}). Searched {searched}; --plugins <dir> loads the plugins of the folders given instead.");
            }

            choice = new ConductorChoice(asked, $"given with {name(RunnerSettings.Conductor)}") { Descriptor = match.Descriptor, Resolved = match.Reference };
        }
        else
        {
            choice = ConductorChoice.Pick(conductors.Select(c => c.Reference));
            if (choice.Conductor is { } picked)
            {
                var match = conductors.Last(c => string.Equals(c.Reference.Id, picked.Id, StringComparison.Ordinal));
                choice = choice with { Descriptor = match.Descriptor, Resolved = match.Reference };
            }
        }

        CheckParameters(options.ConductorParameters, choice, name(RunnerSettings.Params));
        return new RunPlan(options, choice, directories);
    }

    /// <summary>The dashboard's address, when it is served: its port free, its address one of this machine's.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="SettingException">The dashboard could not listen there.</exception>
    public static void CheckDashboard(RunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Dashboard is { } url)
        {
            DashboardAddress.Check(url);
        }
    }

    /// <summary>The report's folder must exist and take a new file; an existing report must be a writable file. Nothing is left behind.</summary>
    /// <param name="path">The report path.</param>
    /// <param name="name">The setting's name for messages.</param>
    /// <exception cref="SettingException">The report could not be written there.</exception>
    public static void CheckReportPath(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SettingException($"{name}: '{path}' is not a file path.");
        }

        if (Directory.Exists(full))
        {
            throw new SettingException($"{name}: {full} is a folder; give a file name such as {Path.Combine(full, "report.json")}.");
        }

        var folder = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(folder))
        {
            var missing = folder;
            while (Path.GetDirectoryName(missing) is { } parent && !Directory.Exists(parent))
            {
                missing = parent;
            }

            throw new SettingException(File.Exists(missing)
                ? $"{name}: cannot write {full}: {missing} is a file, not a folder."
                : $"{name}: cannot write {full}: the folder {folder} does not exist (the runner creates no folders; make it first).");
        }

        try
        {
            if (File.Exists(full))
            {
                // Opened for writing and closed again: the file is not changed.
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                return;
            }

            var probe = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new SettingException($"{name}: cannot write {full}: {ex.Message}");
        }
    }

    private static void CheckParameters(StrategyParameters parameters, ConductorChoice choice, string name)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        if (choice.Descriptor is not { } descriptor)
        {
            throw new SettingException($"{name} {parameters.Keys.First()}: no conductor runs, so no parameter applies.");
        }

        var conductor = choice.Resolved?.ToString() ?? descriptor.Id;
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            var parameter = descriptor.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                var known = descriptor.Parameters.Count == 0 ? "it takes none" : "its parameters: " + string.Join(", ", descriptor.Parameters.Select(p => p.Name));
                throw new SettingException($"{name} {key}={value}: {conductor} has no parameter '{key}' ({known}).");
            }

            if (ParameterCheck.Problem(parameter, value) is { } problem)
            {
                throw new SettingException($"{name} {key}={value}: {conductor}'s {parameter.Name} {problem}.");
            }
        }
    }

    /// <summary>
    /// Loads the plugins in a runtime without agents to see what they offer: it loads them, then stops with "no agent to
    /// play" (the runtime has no way to load plugins without running).
    /// </summary>
    private static async Task<(IReadOnlyList<AvailableStrategy> Conductors, IReadOnlyList<PluginLoadResult> Results)> LoadPluginsAsync(IReadOnlyList<string> directories, CancellationToken cancellationToken)
    {
        var probeOptions = new RuntimeOptions { Store = new InMemoryStore(), NodeId = "plugin-probe" };
        foreach (var directory in directories)
        {
            probeOptions.PluginDirectories.Add(directory);
        }

        var probe = new FleetRuntime(probeOptions);
        await using (probe.ConfigureAwait(false))
        {
            try
            {
                await probe.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Expected: no agent to play. The plugins are loaded by then.
            }

            return (probe.Conductors, probe.Plugins);
        }
    }

    /// <summary>Whether a file is the recording or one of its rotated files (<c>file.1</c> ... <c>file.4</c>).</summary>
    private static bool IsRecording(string file, string recording) =>
        string.Equals(file, recording, StringComparison.Ordinal)
        || (file.StartsWith(recording + ".", StringComparison.Ordinal) && int.TryParse(file.AsSpan(recording.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static bool IsUnder(string source, string directory)
    {
        var folder = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var full = Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar);
        return string.Equals(full, folder, StringComparison.Ordinal) || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
