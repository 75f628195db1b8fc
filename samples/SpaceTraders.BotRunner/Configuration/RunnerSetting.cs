namespace SpaceTraders.BotRunner.Configuration;

/// <summary>Where in the help a setting is listed.</summary>
internal enum SettingGroup
{
    /// <summary>Which server to play.</summary>
    Game,

    /// <summary>The built-in simulator.</summary>
    Simulator,

    /// <summary>Plugins, conductor and its parameters.</summary>
    Strategy,

    /// <summary>Registering an agent.</summary>
    Agent,

    /// <summary>The store, the duration and the report.</summary>
    Records,

    /// <summary>How the run is shown.</summary>
    Display,

    /// <summary>The web dashboard.</summary>
    Dashboard,
}

/// <summary>How a setting's value is written.</summary>
internal enum SettingShape
{
    /// <summary>One value.</summary>
    Single,

    /// <summary>A switch: present on the command line, <c>true</c> or <c>false</c> elsewhere.</summary>
    Flag,

    /// <summary>Several values: a repeatable option, a JSON array, or a list separated by the platform's path separator in an environment variable.</summary>
    List,

    /// <summary>Named values (<c>name=value</c>): a repeatable option, a JSON object, or <c>a=1;b=2</c> in an environment variable.</summary>
    Map,
}

/// <summary>
/// One of the runner's settings, readable from the command line, an environment variable and the <c>Runner</c> section
/// of <c>appsettings.json</c>, in that order of precedence.
/// </summary>
/// <param name="Key">The configuration key under <c>Runner</c>, for example <c>TimeScale</c>.</param>
/// <param name="Option">The command-line option, for example <c>--time-scale</c>; <see langword="null"/> for settings kept off the command line.</param>
/// <param name="HelpName">The value's name in the help, for example <c>x</c>.</param>
/// <param name="Description">What it does, for the help.</param>
/// <param name="Group">Where the help lists it.</param>
/// <param name="Shape">How its value is written.</param>
/// <param name="Secret">Whether its value must never be printed (tokens, connection strings).</param>
internal sealed record RunnerSetting(string Key, string? Option, string HelpName, string Description, SettingGroup Group, SettingShape Shape = SettingShape.Single, bool Secret = false)
{
    /// <summary>The prefix of the runner's environment variables.</summary>
    public const string EnvironmentPrefix = "SPACETRADERS_";

    /// <summary>The configuration section the settings live in.</summary>
    public const string Section = "Runner";

    /// <summary>Gets the environment variable: the prefix and the key in upper case with words joined by <c>_</c> (<c>SPACETRADERS_TIME_SCALE</c>).</summary>
    public string EnvironmentVariable => EnvironmentPrefix + string.Concat(Key.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    /// <summary>Gets the full configuration key, for example <c>Runner:TimeScale</c>.</summary>
    public string Path => Section + ":" + Key;
}

/// <summary>Every setting of the runner. The option names, environment variables and keys are derived from one list.</summary>
internal static class RunnerSettings
{
    public static readonly RunnerSetting Token = new("Token", "--token", "token", "play the live server as the agent this token belongs to (or set SPACETRADERS_TOKEN); the conductor continues from the agent's current state. Never printed.", SettingGroup.Game, Secret: true);
    public static readonly RunnerSetting AccountToken = new("AccountToken", null, "token", "the account token used to register agents (over HTTP, and again after a server reset). Never printed.", SettingGroup.Game, Secret: true);
    public static readonly RunnerSetting SimulatorUrl = new("SimulatorUrl", "--simulator-url", "url", "play a simulator over HTTP (for example http://127.0.0.1:5800, run at time scale 1); registers a new agent unless a token is given", SettingGroup.Game);
    public static readonly RunnerSetting Simulator = new("Simulator", "--simulator", string.Empty, "play the built-in simulator even when SPACETRADERS_TOKEN is set", SettingGroup.Game, SettingShape.Flag);

    public static readonly RunnerSetting Seed = new("Seed", "--seed", "int", "world seed (default 42)", SettingGroup.Simulator);
    public static readonly RunnerSetting VirtualTime = new("VirtualTime", "--virtual-time", string.Empty, "run in virtual time: as fast as possible, deterministic for a seed", SettingGroup.Simulator, SettingShape.Flag);
    public static readonly RunnerSetting TimeScale = new("TimeScale", "--time-scale", "x", "in real time: game seconds per real second, 0.1 to 100 (default 20)", SettingGroup.Simulator);
    public static readonly RunnerSetting StartingCredits = new("StartingCredits", "--starting-credits", "n", "credits a new agent starts with (default 175000, the live game's figure)", SettingGroup.Simulator);
    public static readonly RunnerSetting Faults = new("Faults", "--faults", "profile", "the built-in simulator's faults, to try a strategy against a bad day: none (default), flaky, chaos, slow, drop-after or reorder (lists in another order)", SettingGroup.Simulator);
    public static readonly RunnerSetting ResetEvery = new("ResetEvery", "--reset-every", "time", "reset the galaxy this often, as the live game does weekly (default: never); the runner registers the agent again with SPACETRADERS_ACCOUNT_TOKEN, or stops with exit code 3 without it", SettingGroup.Simulator);

    public static readonly RunnerSetting Plugins = new("Plugins", "--plugins", "dir", "load plugins from this folder only (repeatable); default: plugins/ next to the runner", SettingGroup.Strategy, SettingShape.List);
    public static readonly RunnerSetting Conductor = new("Conductor", "--conductor", "id[@ver]", "the conductor to run (default: the latest week that loads, then market-scout, then the first conductor by id; newest version)", SettingGroup.Strategy);
    public static readonly RunnerSetting Params = new("Params", "--param", "name=value", "a conductor parameter, checked against the conductor's own list (repeatable; several as a=1;b=2)", SettingGroup.Strategy, SettingShape.Map);

    public static readonly RunnerSetting Agent = new("Agent", "--agent", "symbol", "agent symbol to register (default RUNNER in the built-in simulator, a random one over HTTP)", SettingGroup.Agent);
    public static readonly RunnerSetting Faction = new("Faction", "--faction", "symbol", "starting faction (default COSMIC)", SettingGroup.Agent);

    public static readonly RunnerSetting Postgres = new("Postgres", "--postgres", "conn string", "keep everything in PostgreSQL (or set SPACETRADERS_POSTGRES; default: in memory). The password is never printed.", SettingGroup.Records, Secret: true);
    public static readonly RunnerSetting Duration = new("Duration", "--duration", "time", "stop after this long: simulated time with --virtual-time (default 12:00:00), wall time otherwise (default: until Ctrl+C). 12:00:00, 1.00:00:00, 90m, 6h", SettingGroup.Records);
    public static readonly RunnerSetting Report = new("Report", "--report", "file.json", "write a JSON summary at the end (also after Ctrl+C); its folder must exist", SettingGroup.Records);
    public static readonly RunnerSetting Record = new("Record", "--record", "file.jsonl", "write every request and response as JSON lines, tokens redacted (64 MB files, rotated to file.1 ... file.4); its folder must exist", SettingGroup.Records);
    public static readonly RunnerSetting MemoryLimit = new("MemoryLimit", "--memory-limit", "MB", "working set at which optional work (history roll-ups) is skipped (default: GC's)", SettingGroup.Records);

    public static readonly RunnerSetting View = new("View", null, "live|plain|quiet", "how the run is shown: live (the default in a terminal), plain (status lines) or quiet", SettingGroup.Display);
    public static readonly RunnerSetting Verbose = new("Verbose", "--verbose", string.Empty, "with --plain or --quiet: also informational logs", SettingGroup.Display, SettingShape.Flag);

    public static readonly RunnerSetting Dashboard = new("Dashboard", "--dashboard", "url", "serve the dashboard (and /metrics) here (default http://127.0.0.1:5080; port 0 picks a free port). A non-loopback address such as http://0.0.0.0:5080 shows it to the network, with a warning", SettingGroup.Dashboard);
    public static readonly RunnerSetting NoDashboard = new("NoDashboard", "--no-dashboard", string.Empty, "serve no dashboard and no /metrics (OTLP export still works)", SettingGroup.Dashboard, SettingShape.Flag);
    public static readonly RunnerSetting DashboardOnly = new("DashboardOnly", "--dashboard-only", string.Empty, "play nothing: serve the dashboard over the history in the --postgres database, read-only, until Ctrl+C (or --duration)", SettingGroup.Dashboard, SettingShape.Flag);
    public static readonly RunnerSetting Run = new("Run", "--run", "id|all", "with --dashboard-only: the run to show, by its id or the id's first characters (default: the newest run; all: every run in the database)", SettingGroup.Dashboard);

    /// <summary>Gets every setting, in the help's order.</summary>
    public static IReadOnlyList<RunnerSetting> All { get; } =
    [
        Token, AccountToken, SimulatorUrl, Simulator,
        Seed, VirtualTime, TimeScale, StartingCredits, Faults, ResetEvery,
        Plugins, Conductor, Params,
        Agent, Faction,
        Postgres, Duration, Report, Record, MemoryLimit,
        View, Verbose,
        Dashboard, NoDashboard, DashboardOnly, Run,
    ];

    /// <summary>Gets the settings that only the built-in simulator uses; any of them on the command line picks it over a token set elsewhere.</summary>
    public static IReadOnlyList<RunnerSetting> BuiltInOnly { get; } = [Simulator, VirtualTime, Seed, TimeScale, StartingCredits, Faults, ResetEvery];

    /// <summary>Gets the settings that only a run that plays uses; <see cref="DashboardOnly"/> refuses them when given beside it (or above it).</summary>
    public static IReadOnlyList<RunnerSetting> PlayOnly { get; } = [Token, SimulatorUrl, Simulator, Seed, VirtualTime, TimeScale, StartingCredits, Faults, ResetEvery, Plugins, Conductor, Params, Agent, Faction, Report, Record, MemoryLimit];

    /// <summary>Gets the settings that only <see cref="DashboardOnly"/> uses; a run that plays refuses them.</summary>
    public static IReadOnlyList<RunnerSetting> HistoryOnly { get; } = [Run];

    /// <summary>Finds a setting by its key, ignoring case (configuration keys are case-insensitive).</summary>
    /// <param name="key">The key under <c>Runner</c>.</param>
    /// <returns>The setting, or <see langword="null"/>.</returns>
    public static RunnerSetting? Find(string key) => All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
}
