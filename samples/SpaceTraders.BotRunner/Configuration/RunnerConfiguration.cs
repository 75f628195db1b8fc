using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Simulator.Faults;

namespace SpaceTraders.BotRunner.Configuration;

/// <summary>A setting that is wrong, in one line naming where it came from. Never holds a secret value.</summary>
internal sealed class SettingException(string message) : Exception(message);

/// <summary>
/// The runner's configuration in layers, lowest first: the <c>appsettings.json</c> shipped next to the runner, the
/// user's <c>appsettings.json</c> (the current folder's, or <c>--settings</c>), the environment (<c>SPACETRADERS_*</c>),
/// the command line. Reads the <c>Runner</c> section into checked <see cref="RunnerOptions"/>, naming the layer a wrong
/// value came from (<c>--seed</c>, <c>SPACETRADERS_SEED</c> or <c>Runner:Seed in appsettings.json</c>).
/// </summary>
internal sealed partial class RunnerConfiguration
{
    private readonly List<Layer> _layers = [];

    private RunnerConfiguration(IConfigurationRoot root, IReadOnlyList<Layer> layers)
    {
        Root = root;
        _layers.AddRange(layers);
    }

    /// <summary>Gets the whole configuration (also the host's: logging reads its <c>Logging</c> section).</summary>
    public IConfigurationRoot Root { get; }

    /// <summary>Builds the layers.</summary>
    /// <param name="commandLine">The command line's settings.</param>
    /// <param name="environment">The process's environment variables.</param>
    /// <param name="baseDirectory">The runner's folder, holding its default <c>appsettings.json</c>.</param>
    /// <param name="currentDirectory">The current folder, where the user's <c>appsettings.json</c> is looked for.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="SettingException">The settings file given is missing or not valid JSON.</exception>
    public static RunnerConfiguration Build(CommandLineResult commandLine, IReadOnlyDictionary<string, string> environment, string baseDirectory, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        var layers = new List<Layer>();
        var builder = new ConfigurationBuilder();

        var defaults = Path.Combine(baseDirectory, "appsettings.json");
        AddFile(builder, layers, defaults, optional: true);
        var userFile = commandLine.SettingsFile is { } given ? Path.GetFullPath(given, currentDirectory) : Path.Combine(currentDirectory, "appsettings.json");
        if (commandLine.SettingsFile is not null && !File.Exists(userFile))
        {
            throw new SettingException($"--settings: the file {userFile} does not exist.");
        }

        if (!string.Equals(Path.GetFullPath(userFile), Path.GetFullPath(defaults), StringComparison.Ordinal))
        {
            AddFile(builder, layers, userFile, optional: true);
        }

        builder.Add(new MemoryConfigurationSource { InitialData = FromEnvironment(environment) });
        layers.Add(new Layer(LayerKind.Environment, null));
        builder.Add(new MemoryConfigurationSource { InitialData = commandLine.Settings });
        layers.Add(new Layer(LayerKind.CommandLine, null));

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new SettingException(ex.Message.ReplaceLineEndings(" "));
        }
        catch (FormatException ex)
        {
            throw new SettingException(ex.Message.ReplaceLineEndings(" "));
        }

        return new RunnerConfiguration(root, layers);
    }

    /// <summary>Maps <c>SPACETRADERS_*</c> variables: a setting's variable to its key, <c>SPACETRADERS_Section__Key</c> to <c>Section:Key</c>.</summary>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The configuration keys and values.</returns>
    public static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(RunnerSetting.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = name[RunnerSetting.EnvironmentPrefix.Length..];
            if (rest.Contains("__", StringComparison.Ordinal))
            {
                data[rest.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
                continue;
            }

            var setting = RunnerSettings.All.FirstOrDefault(s => string.Equals(s.EnvironmentVariable, name, StringComparison.OrdinalIgnoreCase));
            if (setting is null || value.Length == 0)
            {
                continue; // Other tools' variables (SPACETRADERS_URL, ...) and empty ones are not the runner's.
            }

            switch (setting.Shape)
            {
                case SettingShape.List:
                    var items = value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    for (var i = 0; i < items.Length; i++)
                    {
                        data[$"{setting.Path}:{i}"] = items[i];
                    }

                    break;
                case SettingShape.Map:
                    try
                    {
                        foreach (var (key, parameter) in StrategyParameters.Parse(value))
                        {
                            data[$"{setting.Path}:{key}"] = parameter;
                        }
                    }
                    catch (FormatException)
                    {
                        throw new SettingException($"{setting.EnvironmentVariable} takes name=value pairs separated by ';', not '{value}'.");
                    }

                    break;
                default:
                    data[setting.Path] = value;
                    break;
            }
        }

        return data;
    }

    /// <summary>Reads and checks the runner's settings.</summary>
    /// <returns>The options.</returns>
    /// <exception cref="SettingException">A setting is unknown, malformed, or conflicts with another in the same layer.</exception>
    public RunnerOptions Bind()
    {
        CheckUnknownKeys();

        var token = Text(RunnerSettings.Token);
        var simulatorUrl = Text(RunnerSettings.SimulatorUrl) is { } url ? Parse(RunnerSettings.SimulatorUrl, url, ParseSimulatorUrl) : null;

        // Which game: the highest layer that chose one wins; two choices in the same layer (the command line) conflict.
        var commandLine = _layers.Count - 1;
        var builtInOnCommandLine = RunnerSettings.BuiltInOnly.FirstOrDefault(s => LayerOf(s) == commandLine && (s.Shape != SettingShape.Flag || Flag(s)));
        var simulatorLayer = builtInOnCommandLine is not null ? commandLine : Flag(RunnerSettings.Simulator) ? LayerOf(RunnerSettings.Simulator) : -1;
        var urlLayer = simulatorUrl is null ? -1 : LayerOf(RunnerSettings.SimulatorUrl);
        var tokenLayer = token is null ? -1 : LayerOf(RunnerSettings.Token);
        if (builtInOnCommandLine is not null && (urlLayer == commandLine || tokenLayer == commandLine))
        {
            throw new SettingException($"{RunnerCommandLine.OptionOf(builtInOnCommandLine)} applies to the built-in simulator; it cannot be combined with {(urlLayer == commandLine ? "--simulator-url" : "--token")}.");
        }

        GameKind game;
        if (simulatorLayer >= 0 && simulatorLayer >= Math.Max(urlLayer, tokenLayer))
        {
            game = GameKind.BuiltInSimulator;
        }
        else if (simulatorUrl is not null)
        {
            game = GameKind.SimulatorOverHttp;
        }
        else if (token is not null)
        {
            game = GameKind.LiveServer;
        }
        else
        {
            game = GameKind.BuiltInSimulator;
        }

        var playsToken = game != GameKind.BuiltInSimulator && token is not null;
        foreach (var registering in new[] { RunnerSettings.Agent, RunnerSettings.Faction })
        {
            if (playsToken && Text(registering) is not null && LayerOf(registering) >= tokenLayer)
            {
                throw new SettingException($"{Name(registering)} registers a new agent; with a token the runner plays the token's own agent.");
            }
        }

        // Virtual time and a time scale: the higher layer wins; both in one layer conflict.
        var virtualTime = Flag(RunnerSettings.VirtualTime);
        var scaleText = Text(RunnerSettings.TimeScale);
        if (virtualTime && scaleText is not null)
        {
            var virtualLayer = LayerOf(RunnerSettings.VirtualTime);
            var scaleLayer = LayerOf(RunnerSettings.TimeScale);
            if (virtualLayer == scaleLayer)
            {
                throw new SettingException($"{Name(RunnerSettings.TimeScale)} applies to real time; with {Name(RunnerSettings.VirtualTime)} the simulator runs as fast as it can.");
            }

            if (virtualLayer > scaleLayer)
            {
                scaleText = null;
            }
            else
            {
                virtualTime = false;
            }
        }

        var duration = Text(RunnerSettings.Duration) is { } durationText ? Parse(RunnerSettings.Duration, durationText, RunDuration.Parse) : (TimeSpan?)null;
        if (duration is { } d && d <= TimeSpan.Zero)
        {
            throw new SettingException($"{Name(RunnerSettings.Duration)} must be longer than zero.");
        }

        var resetEvery = Text(RunnerSettings.ResetEvery) is { } resetText ? Parse(RunnerSettings.ResetEvery, resetText, RunDuration.Parse) : (TimeSpan?)null;
        if (resetEvery is { } r && r <= TimeSpan.Zero)
        {
            throw new SettingException($"{Name(RunnerSettings.ResetEvery)} must be longer than zero.");
        }

        StrategyRef? conductor = null;
        if (Text(RunnerSettings.Conductor) is { } conductorText)
        {
            conductor = StrategyRef.TryParse(conductorText, out var reference)
                ? reference
                : throw new SettingException($"{Name(RunnerSettings.Conductor)} takes id or id@version, not '{conductorText}'.");
        }

        var agent = Text(RunnerSettings.Agent);
        if (agent is not null && !AgentSymbol().IsMatch(agent))
        {
            throw new SettingException($"{Name(RunnerSettings.Agent)} takes 3 to 14 letters, digits, '-' or '_', not '{agent}'.");
        }

        var faction = Text(RunnerSettings.Faction)?.ToUpperInvariant() ?? "COSMIC";
        if (!FactionText().IsMatch(faction))
        {
            throw new SettingException($"{Name(RunnerSettings.Faction)} takes a faction symbol such as COSMIC, not '{faction}'.");
        }

        var (dashboard, dashboardOnly) = BindDashboard();
        var run = Text(RunnerSettings.Run) is { } runText ? Parse(RunnerSettings.Run, runText, ParseRun) : null;

        var view = Text(RunnerSettings.View)?.ToLowerInvariant() switch
        {
            null or "live" or "auto" => ViewKind.Auto,
            "plain" or "lines" => ViewKind.Lines,
            "quiet" => ViewKind.Quiet,
            var other => throw new SettingException($"{Name(RunnerSettings.View)} takes live, plain or quiet, not '{other}'."),
        };

        return new RunnerOptions
        {
            Game = game,
            Token = game == GameKind.BuiltInSimulator ? null : token,
            AccountToken = Text(RunnerSettings.AccountToken),
            SimulatorUrl = game == GameKind.SimulatorOverHttp ? simulatorUrl : null,
            PostgresConnectionString = Text(RunnerSettings.Postgres),
            PluginDirectories = List(RunnerSettings.Plugins),
            Conductor = conductor,
            ConductorParameters = Map(RunnerSettings.Params) is { Count: > 0 } parameters ? new StrategyParameters(parameters) : StrategyParameters.Empty,
            Seed = Text(RunnerSettings.Seed) is { } seed ? Parse(RunnerSettings.Seed, seed, ParseInt) : 42,
            VirtualTime = virtualTime,
            TimeScale = scaleText is not null ? Parse(RunnerSettings.TimeScale, scaleText, ParseTimeScale) : RunnerOptions.DefaultTimeScale,
            Duration = duration,
            ReportPath = Text(RunnerSettings.Report),
            AgentSymbol = agent?.ToUpperInvariant(),
            Faction = faction,
            ResetEvery = game == GameKind.BuiltInSimulator ? resetEvery : null,
            RecordPath = Text(RunnerSettings.Record),
            StartingCredits = Text(RunnerSettings.StartingCredits) is { } credits ? Parse(RunnerSettings.StartingCredits, credits, t => ParseWholeNumber(t, MaxStartingCredits, string.Empty)) : null,
            Faults = Text(RunnerSettings.Faults) is { } faults ? Parse(RunnerSettings.Faults, faults, ParseFaultProfile) : FaultProfiles.None,
            MemoryLimitBytes = Text(RunnerSettings.MemoryLimit) is { } limit ? Parse(RunnerSettings.MemoryLimit, limit, t => ParseWholeNumber(t, MaxMegabytes, " of megabytes")) * 1024 * 1024 : null,
            View = view,
            Verbose = Flag(RunnerSettings.Verbose),
            Dashboard = dashboard,
            DashboardOnly = dashboardOnly,
            Run = run,
        };
    }

    /// <summary>
    /// Normalises a dashboard URL: an absolute <c>http://</c> URL whose host is an IP address or <c>localhost</c> (a host
    /// name would make Kestrel listen on every interface), with a port, and nothing after it.
    /// </summary>
    /// <param name="text">For example <c>http://127.0.0.1:5080</c>, <c>http://[::1]:0</c> or <c>http://0.0.0.0:5080</c>.</param>
    /// <returns>The URL, without a path.</returns>
    /// <exception cref="FormatException">The text is not such a URL.</exception>
    public static Uri ParseDashboardUrl(string text)
    {
        const string Example = "for example http://127.0.0.1:5080 (port 0: any free port), or http://0.0.0.0:5080 to show it to the network";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"takes an http:// URL, {Example}; not '{text}'.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            throw new FormatException($"takes an http:// URL (the dashboard serves no TLS: put a TLS proxy in front of it), {Example}; not '{text}'.");
        }

        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new FormatException($"takes a scheme, a host and a port only (the dashboard is served from the root), {Example}; not '{text}'.");
        }

        var host = uri.Host.Trim('[', ']');
        if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && !System.Net.IPAddress.TryParse(host, out _))
        {
            throw new FormatException($"takes an IP address or localhost as its host (a name would listen on every interface), {Example}; not '{text}'.");
        }

        if (uri.Port == 0 && string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel refuses it when it starts, after the run has begun ("Dynamic port binding is not supported when
            // binding to localhost"): localhost is two addresses, and one free port is not free on both.
            throw new FormatException($"takes port 0 (any free port) only with an IP address such as http://127.0.0.1:0 or http://[::1]:0, not with localhost, {Example}; not '{text}'.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>Tells whether a dashboard URL keeps the dashboard to this machine (a loopback address or localhost).</summary>
    /// <param name="url">The URL, as <see cref="ParseDashboardUrl"/> returns it.</param>
    /// <returns>Whether only this machine can reach it.</returns>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    /// <summary>
    /// Where the dashboard is served, and whether the runner serves only it. <c>--dashboard</c> and
    /// <c>--no-dashboard</c>: the higher layer wins, both in one layer conflict. <c>--dashboard-only</c> needs a database
    /// and a dashboard, and refuses the settings of a run that plays given in its layer or above (the environment's
    /// token or the file's seed below a <c>--dashboard-only</c> on the command line are not for it, and are left alone).
    /// </summary>
    private (Uri? Dashboard, bool DashboardOnly) BindDashboard()
    {
        var url = Text(RunnerSettings.Dashboard) is { } text ? Parse(RunnerSettings.Dashboard, text, ParseDashboardUrl) : RunnerOptions.DefaultDashboard;
        var off = Flag(RunnerSettings.NoDashboard);
        var only = Flag(RunnerSettings.DashboardOnly);
        var offLayer = off ? LayerOf(RunnerSettings.NoDashboard) : -1;
        if (off && Text(RunnerSettings.Dashboard) is not null)
        {
            var urlLayer = LayerOf(RunnerSettings.Dashboard);
            if (urlLayer == offLayer)
            {
                throw new SettingException($"{Name(RunnerSettings.Dashboard)} and {Name(RunnerSettings.NoDashboard)} contradict each other: give one.");
            }

            off = offLayer > urlLayer;
        }

        if (!only)
        {
            if (RunnerSettings.HistoryOnly.FirstOrDefault(s => Root.GetSection(s.Path).Exists()) is { } setting)
            {
                throw new SettingException($"{Name(setting)} picks the run {RunnerCommandLine.OptionOf(RunnerSettings.DashboardOnly)} shows; a run that plays records a new run (give --dashboard-only to show the database's history).");
            }

            return (off ? null : url, false);
        }

        var onlyLayer = LayerOf(RunnerSettings.DashboardOnly);
        if (offLayer >= onlyLayer)
        {
            throw new SettingException($"{Name(RunnerSettings.DashboardOnly)} serves the dashboard; {Name(RunnerSettings.NoDashboard)} turns it off: give one.");
        }

        foreach (var setting in RunnerSettings.PlayOnly)
        {
            var given = setting.Shape == SettingShape.Flag ? Flag(setting) : Root.GetSection(setting.Path).Exists();
            if (given && LayerOf(setting) >= onlyLayer)
            {
                throw new SettingException($"{Name(setting)} is for a run that plays; {Name(RunnerSettings.DashboardOnly)} plays nothing (it serves the dashboard over the database's history).");
            }
        }

        if (Text(RunnerSettings.Postgres) is null)
        {
            throw new SettingException($"{Name(RunnerSettings.DashboardOnly)} shows a PostgreSQL database's history: give it with --postgres <conn string> (or SPACETRADERS_POSTGRES).");
        }

        return (url, true);
    }

    /// <summary>Reads <c>--run</c>: <c>all</c>, or a run id or its first characters (hexadecimal digits and dashes), in lower case.</summary>
    /// <param name="text">For example <c>all</c>, <c>3f2a9c1e</c> or a whole id.</param>
    /// <returns>The value, in lower case.</returns>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static string ParseRun(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == RunnerOptions.AllRuns || (value.Length is > 0 and <= 36 && RunIdPrefix().IsMatch(value)))
        {
            return value;
        }

        throw new FormatException($"takes a run id, its first characters (as the start-up line and the runs view list them), or all; not '{text}'.");
    }

    /// <summary>Normalises a simulator URL to its API base address, ending in <c>/v2/</c>.</summary>
    /// <param name="text">For example <c>http://127.0.0.1:5800</c> or <c>http://127.0.0.1:5800/v2</c>.</param>
    /// <returns>The base address.</returns>
    /// <exception cref="FormatException">The text is not an absolute http(s) URL, or holds a user name or password.</exception>
    public static Uri ParseSimulatorUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("needs an absolute http:// or https:// URL, for example http://127.0.0.1:5800.");
        }

        if (uri.UserInfo.Length > 0)
        {
            // The address is printed ("Game: simulator at ...") and named in errors: a password in it would be too.
            throw new FormatException("takes no user name or password in the URL (the agent's token is the only credential: SPACETRADERS_TOKEN), for example http://127.0.0.1:5800.");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/v2", StringComparison.Ordinal))
        {
            path += "/v2";
        }

        return new UriBuilder(uri) { Path = path + "/", Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    /// <summary>Tells where a setting's value comes from, as the user wrote it.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns><c>--seed</c>, <c>SPACETRADERS_SEED</c> or <c>Runner:Seed in /path/appsettings.json</c>.</returns>
    public string Name(RunnerSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var layer = LayerOf(setting);
        return layer < 0 ? RunnerCommandLine.OptionOf(setting) : _layers[layer].Kind switch
        {
            LayerKind.CommandLine => RunnerCommandLine.OptionOf(setting),
            LayerKind.Environment => setting.EnvironmentVariable,
            _ => $"{setting.Path} in {_layers[layer].File}",
        };
    }

    private static void AddFile(ConfigurationBuilder builder, List<Layer> layers, string path, bool optional)
    {
        var directory = Path.GetDirectoryName(path)!;
        builder.Add(new JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = optional,
            ReloadOnChange = false,
            FileProvider = Directory.Exists(directory) ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory) : null,
        });
        layers.Add(new Layer(LayerKind.File, path));
    }

    private void CheckUnknownKeys()
    {
        for (var i = 0; i < _layers.Count; i++)
        {
            foreach (var key in Root.Providers.ElementAt(i).GetChildKeys([], RunnerSetting.Section).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (RunnerSettings.Find(key) is null)
                {
                    var where = _layers[i].Kind == LayerKind.File ? $" in {_layers[i].File}" : string.Empty;
                    throw new SettingException($"Unknown setting {RunnerSetting.Section}:{key}{where}. The settings: {string.Join(", ", RunnerSettings.All.Select(s => s.Key))}.");
                }
            }
        }
    }

    /// <summary>The highest layer holding the setting (any value or child), or -1.</summary>
    private int LayerOf(RunnerSetting setting)
    {
        var providers = Root.Providers.ToList();
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(setting.Path, out _) || providers[i].GetChildKeys([], setting.Path).Any())
            {
                return i;
            }
        }

        return -1;
    }

    private string? Text(RunnerSetting setting)
    {
        var value = Root[setting.Path];
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length > 0 ? trimmed : throw new SettingException($"{Name(setting)} needs a value.");
    }

    private bool Flag(RunnerSetting setting)
    {
        var value = Root[setting.Path];
        if (value is null)
        {
            return false;
        }

        return bool.TryParse(value.Trim(), out var flag) ? flag : throw new SettingException($"{Name(setting)} takes true or false, not '{value}'.");
    }

    /// <summary>A list comes whole from the highest layer that has it (a command-line list replaces the file's, never merges with it).</summary>
    private List<string> List(RunnerSetting setting)
    {
        var layer = LayerOf(setting);
        if (layer < 0)
        {
            return [];
        }

        var provider = Root.Providers.ElementAt(layer);
        var values = new List<string>();
        if (provider.TryGet(setting.Path, out var single) && single is not null)
        {
            values.Add(single);
        }

        foreach (var index in provider.GetChildKeys([], setting.Path).Distinct(StringComparer.Ordinal).OrderBy(k => int.TryParse(k, out var n) ? n : int.MaxValue))
        {
            if (provider.TryGet($"{setting.Path}:{index}", out var item) && item is not null)
            {
                values.Add(item);
            }
        }

        return [.. values.Select(v => v.Trim().Length > 0 ? v.Trim() : throw new SettingException($"{Name(setting)} needs a folder."))];
    }

    /// <summary>Named values merge across layers, a higher layer's value winning for the same name.</summary>
    private Dictionary<string, string> Map(RunnerSetting setting)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in Root.GetSection(setting.Path).GetChildren())
        {
            if (child.Value is { } value)
            {
                values[child.Key] = value.Trim();
            }
        }

        return values;
    }

    private T Parse<T>(RunnerSetting setting, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw new SettingException($"{Name(setting)} {ex.Message}");
        }
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"takes a whole number, not '{text}'.");

    /// <summary>Reads a whole number from 0 to <paramref name="max"/>: a larger one overflows what it feeds.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The largest value taken.</param>
    /// <param name="unit">What the number counts, for the message (<c>" of megabytes"</c>), or empty.</param>
    private static long ParseWholeNumber(string text, long max, string unit) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max
            ? value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"takes a whole number{unit} from 0 to {max:N0}, not '{text}'."));

    /// <summary>
    /// Starting credits up to a trillion: with more, the simulator's credit sums overflow (9,223,372,036,854,775,807 made
    /// a run whose every trade earned 0).
    /// </summary>
    private const long MaxStartingCredits = 1_000_000_000_000;

    /// <summary>Megabytes that still fit in a count of bytes (a larger number wrapped around, to 0 bytes for 2^44 MB).</summary>
    private const long MaxMegabytes = long.MaxValue / (1024 * 1024);

    /// <summary>Reads a fault profile's name, ignoring case, as the simulator spells it.</summary>
    private static string ParseFaultProfile(string text) =>
        FaultProfiles.Find(text)
            ?? throw new FormatException($"takes one of {string.Join(", ", FaultProfiles.Names)}, not '{text}'.");

    private static double ParseTimeScale(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= RunnerOptions.MinTimeScale && value <= RunnerOptions.MaxTimeScale
            ? value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"takes a number of game seconds per real second from {RunnerOptions.MinTimeScale} to {RunnerOptions.MaxTimeScale} (faster: --virtual-time), not '{text}'."));

    [GeneratedRegex(@"^[A-Za-z0-9_-]{3,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgentSymbol();

    [GeneratedRegex(@"^[A-Z_]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex FactionText();

    [GeneratedRegex(@"^[0-9a-f][0-9a-f-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPrefix();

    private enum LayerKind
    {
        File,
        Environment,
        CommandLine,
    }

    private sealed record Layer(LayerKind Kind, string? File);
}
