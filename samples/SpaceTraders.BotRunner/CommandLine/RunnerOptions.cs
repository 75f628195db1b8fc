using System.Text;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Simulator.Faults;

namespace SpaceTraders.BotRunner.CommandLine;

/// <summary>Which server the runner plays.</summary>
internal enum GameKind
{
    /// <summary>The simulator, started in this process (the default).</summary>
    BuiltInSimulator,

    /// <summary>A simulator reached over HTTP (<c>--simulator-url</c>).</summary>
    SimulatorOverHttp,

    /// <summary>The live SpaceTraders server (<c>--token</c> or <c>SPACETRADERS_TOKEN</c>).</summary>
    LiveServer,
}

/// <summary>How the runner shows what happens.</summary>
internal enum ViewKind
{
    /// <summary>The live console view when the console is a terminal, status lines otherwise (the default).</summary>
    Auto,

    /// <summary>Status lines every few seconds, no live view (<c>--plain</c>).</summary>
    Lines,

    /// <summary>Only the start and the end (<c>--quiet</c>).</summary>
    Quiet,
}

/// <summary>Everything the command line said, checked. The defaults are those of a run without arguments.</summary>
internal sealed record RunnerOptions
{
    /// <summary>The default time scale of the built-in simulator: twenty game seconds per real second.</summary>
    public const double DefaultTimeScale = 20;

    /// <summary>
    /// The slowest time scale the built-in simulator runs at: a tenth of real speed. Slower, a wait of a few game days
    /// (a timer of the scaled clock) would be longer than a .NET timer can be (about 49.7 real days) and fail the run.
    /// </summary>
    public const double MinTimeScale = 0.1;

    /// <summary>
    /// The fastest time scale the built-in simulator runs at in real time: a hundred game seconds per real second. Faster,
    /// the SDK's per-request timeout (60 game seconds) is a fraction of a real second, less than the first requests take
    /// to compile and run on a busy machine: at x600 the registration timed out. <c>--virtual-time</c> runs faster still.
    /// </summary>
    public const double MaxTimeScale = 100;

    /// <summary>The simulated duration of a virtual-time run without <c>--duration</c>.</summary>
    public static readonly TimeSpan DefaultVirtualDuration = TimeSpan.FromHours(12);

    /// <summary>Where the dashboard is served without <c>--dashboard</c>: loopback, port 5080.</summary>
    public static readonly Uri DefaultDashboard = new("http://127.0.0.1:5080");

    /// <summary>Gets which server to play.</summary>
    public GameKind Game { get; init; } = GameKind.BuiltInSimulator;

    /// <summary>Gets the agent token to play (live server or a simulator over HTTP). Never printed.</summary>
    [Secret]
    public string? Token { get; init; }

    /// <summary>Gets the account token to register agents with over HTTP (<c>SPACETRADERS_ACCOUNT_TOKEN</c>). Never printed.</summary>
    [Secret]
    public string? AccountToken { get; init; }

    /// <summary>Gets the simulator's base address (ending in <c>/v2/</c>) for <see cref="GameKind.SimulatorOverHttp"/>.</summary>
    public Uri? SimulatorUrl { get; init; }

    /// <summary>Gets the PostgreSQL connection string, or <see langword="null"/> for the in-memory store. Never printed.</summary>
    [Secret]
    public string? PostgresConnectionString { get; init; }

    /// <summary>Gets the plugin directories given with <c>--plugins</c>; empty means the <c>plugins</c> folder next to the runner.</summary>
    public IReadOnlyList<string> PluginDirectories { get; init; } = [];

    /// <summary>Gets the conductor to run, or <see langword="null"/> for the best one that loads.</summary>
    public StrategyRef? Conductor { get; init; }

    /// <summary>Gets the conductor's parameters (<c>--param name=value</c>).</summary>
    public StrategyParameters ConductorParameters { get; init; } = StrategyParameters.Empty;

    /// <summary>Gets the simulator's world seed. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets a value indicating whether the built-in simulator runs in virtual (discrete-event) time.</summary>
    public bool VirtualTime { get; init; }

    /// <summary>Gets game seconds per real second for the built-in simulator in real time. The default value is <see cref="DefaultTimeScale"/>.</summary>
    public double TimeScale { get; init; } = DefaultTimeScale;

    /// <summary>Gets how long to run: simulated time when virtual, wall time otherwise; <see langword="null"/> until Ctrl+C.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets where to write the JSON report, if anywhere.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Gets the agent symbol to register, or <see langword="null"/> for a generated one.</summary>
    public string? AgentSymbol { get; init; }

    /// <summary>Gets the faction to register with. The default value is <c>COSMIC</c>.</summary>
    public string Faction { get; init; } = "COSMIC";

    /// <summary>Gets the credits a new agent starts with in the built-in simulator, or <see langword="null"/> for the game's 175,000.</summary>
    public long? StartingCredits { get; init; }

    /// <summary>
    /// Gets the built-in simulator's fault profile (<c>--faults</c>, one of <see cref="FaultProfiles.Names"/>). The default
    /// value is <see cref="FaultProfiles.None"/>.
    /// </summary>
    public string Faults { get; init; } = FaultProfiles.None;

    /// <summary>Gets how often the built-in simulator resets the galaxy, or <see langword="null"/> for never (the default).</summary>
    public TimeSpan? ResetEvery { get; init; }

    /// <summary>Gets the file every request and response is recorded to (<c>--record</c>), or <see langword="null"/> for none.</summary>
    public string? RecordPath { get; init; }

    /// <summary>Gets the working set at which the runtime skips optional work, or <see langword="null"/> for the GC's threshold.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>Gets how the run is shown.</summary>
    public ViewKind View { get; init; } = ViewKind.Auto;

    /// <summary>Gets a value indicating whether Information logs are written (status-line and quiet views only).</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Gets where the dashboard is served (and <c>/metrics</c>), or <see langword="null"/> for no dashboard
    /// (<c>--no-dashboard</c>). Port 0 picks a free port. The default value is <see cref="DefaultDashboard"/>.
    /// </summary>
    public Uri? Dashboard { get; init; } = DefaultDashboard;

    /// <summary>Gets a value indicating whether the runner plays nothing and serves the dashboard over the PostgreSQL history only (<c>--dashboard-only</c>).</summary>
    public bool DashboardOnly { get; init; }

    /// <summary>
    /// Gets which run <c>--dashboard-only</c> shows (<c>--run</c>): <see langword="null"/> for the newest, <see cref="AllRuns"/>
    /// for every run, else a run id or its first characters (lower case).
    /// </summary>
    public string? Run { get; init; }

    /// <summary>The <c>--run</c> value that shows every run of the database.</summary>
    public const string AllRuns = "all";

    /// <summary>Gets the simulated duration a virtual-time run lasts: <see cref="Duration"/> or <see cref="DefaultVirtualDuration"/>.</summary>
    public TimeSpan VirtualDuration => Duration ?? DefaultVirtualDuration;

    private string FaultsNote => Faults == FaultProfiles.None ? string.Empty : $", faults: {Faults}";

    /// <summary>Gets a description of the game for the view and the report; never holds a secret.</summary>
    public string GameDescription => Game switch
    {
        GameKind.BuiltInSimulator => VirtualTime
            ? $"built-in simulator, seed {Seed}, virtual time{FaultsNote}"
            : $"built-in simulator, seed {Seed}, x{TimeScale:0.##} real time{FaultsNote}",
        GameKind.SimulatorOverHttp => $"simulator at {SimulatorUrl}",
        _ => "live server",
    };

    /// <summary>
    /// Prints the settings as a record does, but never the tokens nor the PostgreSQL connection string (its password,
    /// each marked <see cref="SecretAttribute"/>): a record's <c>ToString</c> would print them into any log, exception or
    /// assertion message that shows the options (or the <see cref="Hosting.RunPlan"/> that holds them).
    /// </summary>
    private bool PrintMembers(StringBuilder builder) => SettingsText.AppendMembers(this, builder);
}
