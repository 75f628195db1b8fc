using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime;

/// <summary>Settings for a <see cref="FleetRuntime"/>: where plugins come from, which agents to play, where records go.</summary>
/// <remarks>
/// The options are read once, when <see cref="FleetRuntime.RunAsync"/> starts. The agents' client options are copied,
/// so one options object can serve several runtimes (for example two dispatchers in one test).
/// </remarks>
public sealed class RuntimeOptions
{
    /// <summary>
    /// Gets the directories plugins are loaded from. Each directory is either a plugin folder itself (it holds the
    /// plugin's <c>*.deps.json</c>) or a directory of plugin folders, one per plugin version. Plugins are loaded from
    /// nowhere else.
    /// </summary>
    public IList<string> PluginDirectories { get; } = new List<string>();

    /// <summary>
    /// Gets plugin instances compiled into the host (for example a test's strategies). They are checked like loaded
    /// plugins (contract version, unique id and version) and share the catalogue with them.
    /// </summary>
    public IList<IStrategyPlugin> Plugins { get; } = new List<IStrategyPlugin>();

    /// <summary>
    /// Gets the agents to play, one client options object each: at least the agent <see cref="SpaceTradersClientOptions.Token"/>,
    /// and the <see cref="SpaceTradersClientOptions.Transport"/> or <see cref="SpaceTradersClientOptions.BaseAddress"/> to reach.
    /// The runtime copies them, adds its request observer, uses <see cref="Clock"/> as their clock, and gives every agent
    /// without its own <see cref="SpaceTradersClientOptions.RateLimiter"/> one limiter shared by the node (one IP address).
    /// </summary>
    public IList<SpaceTradersClientOptions> Agents { get; } = new List<SpaceTradersClientOptions>();

    /// <summary>
    /// Gets or sets the conductor every agent runs (<c>id</c> or <c>id@version</c>); without a version, the newest loaded
    /// version. When <see langword="null"/>, no conductor runs and ships stay unassigned. The default value is <see langword="null"/>.
    /// </summary>
    public StrategyRef? Conductor { get; set; }

    /// <summary>Gets or sets the conductor's parameters; its descriptor's defaults fill the rest. The default value is <see cref="StrategyParameters.Empty"/>.</summary>
    public StrategyParameters ConductorParameters { get; set; } = StrategyParameters.Empty;

    /// <summary>Gets or sets where records and leases go. When <see langword="null"/>, the runtime creates an in-memory store and disposes it at the end. The default value is <see langword="null"/>.</summary>
    public IStore? Store { get; set; }

    /// <summary>
    /// Gets or sets the clock for every wait, lease and timestamp. Use the simulator's virtual clock to run in virtual
    /// time. The default value is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets this dispatcher's stable id, the owner of its ship leases. Two dispatchers on one store must have
    /// different ids. The default value is the machine name and the process id.
    /// </summary>
    public string NodeId { get; set; } = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets or sets the id of this run, written on every session, request and credit movement it records, so that a
    /// database holding earlier runs of the same agent still gives this run's own figures
    /// (<see cref="SessionQuery.RunId"/>, <see cref="IStoreReports.GetRunSaturationAsync(Guid, CancellationToken)"/>). When <see langword="null"/>, the
    /// runtime makes a new one (<see cref="FleetRuntime.RunId"/>). The default value is <see langword="null"/>.
    /// </summary>
    public Guid? RunId { get; set; }

    /// <summary>
    /// Gets or sets how an agent is registered again after a server reset (the weekly reset of the game): with the account
    /// token of its client options, under the same symbol and faction unless set here; the conductor then starts afresh
    /// and the records of the new reset carry its date. An agent without an account token cannot come back: the runtime
    /// stops (<see cref="RuntimeSnapshot.StoppedByReset"/>). The default value registers again as the same agent.
    /// </summary>
    public ReRegistration ReRegistration { get; set; } = new();

    /// <summary>Gets or sets how the node's shared rate limiter models the server. The default is the live server's limits.</summary>
    public ThrottlingOptions Throttling { get; set; } = new();

    /// <summary>
    /// Gets or sets how long a ship lease lasts unless renewed; the node renews all the leases it holds together, every third of this.
    /// While the store's database is unreachable the node keeps the leases it holds, however long the outage (no other
    /// node can take them then: none reaches the database either), and renews them first when it is back. A killed
    /// node's leases lapse after this; the node that takes one over closes the killed node's open session of the ship as
    /// <c>abandoned</c> at the lease's expiry. The default value is 60 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the most ships this node runs at once (the rest are left to other nodes). The default value is <see cref="int.MaxValue"/>.</summary>
    public int MaxShips { get; set; } = int.MaxValue;

    /// <summary>
    /// Gets or sets how a ship whose behaviour failed is retried, and a conductor that failed restarted (its failures count
    /// in a row unless it ran at least <see cref="RestartPolicy.MaxDelay"/> before failing).
    /// </summary>
    public RestartPolicy RestartPolicy { get; set; } = new();

    /// <summary>
    /// Gets or sets how long a cancelled behaviour or conductor may take to end before the runtime stops waiting for it
    /// (abandons it and reports it), on <see cref="Clock"/> (game time). At the runtime's stop the wait is also bounded
    /// by <see cref="AbandonWallTimeout"/> of real time, whichever comes first. The default value is 30 seconds.
    /// </summary>
    public TimeSpan AbandonTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long, on <see cref="WallClock"/> (real time), the runtime's stop waits for a cancelled behaviour
    /// or conductor (then abandons it as after <see cref="AbandonTimeout"/>) and for a fleet refresh still under way. It
    /// bounds the stop in real time whatever the game clock's pace: at a time scale of 0.1, the 30 game seconds of
    /// <see cref="AbandonTimeout"/> last 300 real seconds. It applies only to the stop: a behaviour cancelled while the
    /// runtime plays on (reassigned, paused, its lease lost) is abandoned after <see cref="AbandonTimeout"/> alone, so a
    /// virtual-time run never depends on the machine's speed. The default value is 30 seconds.
    /// </summary>
    public TimeSpan AbandonWallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long, on <see cref="WallClock"/> (real time), the stop's final read of the agents may take in all,
    /// retries included (they wait on the game clock, and a server that keeps failing would otherwise hold the stop for
    /// game seconds that last ten times longer at a time scale of 0.1). A read cut short loses nothing: the figures
    /// already known are kept and a problem says so. The default value is 15 seconds (the five attempts at a time scale
    /// of 1 fit in it).
    /// </summary>
    public TimeSpan FinalReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets a value indicating whether every known part of a ship is written on every change, instead of only
    /// the dirty parts (for the benchmark that compares the two). The default value is <see langword="false"/>.
    /// </summary>
    public bool WriteAllShipParts { get; set; }

    /// <summary>Gets or sets how long market history is kept. The default is a 2-hour raw window and 30 days of hourly summaries.</summary>
    public MarketHistoryOptions MarketHistory { get; set; } = new();

    /// <summary>Gets or sets how often the janitor rolls up and prunes market history. The default value is 10 minutes.</summary>
    public TimeSpan JanitorInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how often each agent's ship list is refreshed (at Background priority) to pick up ships bought
    /// elsewhere; <see cref="TimeSpan.Zero"/> turns it off. Refreshes are requests, so they run whatever the memory
    /// guard says (a run's requests must not depend on the machine's memory). The default value is 10 minutes.
    /// </summary>
    public TimeSpan FleetRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how the memory guard decides the process is under memory pressure.</summary>
    public MemoryGuardOptions MemoryGuard { get; set; } = new();

    /// <summary>
    /// Gets or sets a duration on <see cref="Clock"/> after which the runtime stops by itself, as if its token were
    /// cancelled (the bot runner's <c>--duration</c>). When <see langword="null"/>, it runs until cancelled. The default value is <see langword="null"/>.
    /// </summary>
    public TimeSpan? StopAfter { get; set; }

    /// <summary>
    /// Gets or sets how long shutdown waits for the store to make everything durable, on <see cref="WallClock"/>. The
    /// wait happens after the runtime's actors have stopped, never inside one, so a database that is away at the end
    /// of a virtual-time run cannot stall the clock. The default value is 30 seconds.
    /// </summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the clock of waits that last real time whatever <see cref="Clock"/> does: the shutdown's wait for the
    /// store (a database outage lasts real seconds, also in virtual time), and the stop's bounds
    /// <see cref="AbandonWallTimeout"/> and <see cref="FinalReadTimeout"/>. The default value is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider WallClock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets how long a request may wait for the rate limiter before it counts as delayed (in the live figures,
    /// <see cref="Stores.RequestRecordedRecord.Delayed"/> and the reports). A request that waited exactly this long is
    /// not delayed. The same threshold as the SDK's, so both agree. The default value is 1 second.
    /// </summary>
    public TimeSpan DelayedThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets where the runtime and the strategies log. The default value is <see langword="null"/> (no logging).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the factory the runtime's meter (<see cref="Diagnostics.RuntimeDiagnostics.MeterName"/>) is created
    /// with, for example the host's from dependency injection. When <see langword="null"/>, the runtime creates a meter of
    /// its own and disposes it with itself. The default value is <see langword="null"/>.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Gets or sets how many of each ship's latest requests and credit movements the runtime keeps in memory for a live
    /// view (<see cref="FleetRuntime.GetShipActivity"/>); 0 keeps none. The default value is 50.
    /// </summary>
    public int RecentActivityPerShip { get; set; } = 50;
}

/// <summary>How a ship whose behaviour failed (threw) is retried: exponential backoff, reset by a session that ends well.</summary>
public sealed record RestartPolicy
{
    /// <summary>Gets the wait before the first retry. The default value is 5 seconds.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the factor the wait grows by with every further failure in a row. The default value is 2.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Gets the longest wait. The default value is 5 minutes.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets the most failures in a row before the ship is left waiting for its conductor; <see langword="null"/> retries
    /// forever. The default value is <see langword="null"/>.
    /// </summary>
    public int? MaxFailures { get; init; }

    /// <summary>Gets the wait after <paramref name="failures"/> failures in a row.</summary>
    /// <param name="failures">The failures in a row, at least 1.</param>
    /// <returns>The wait before the next session.</returns>
    public TimeSpan DelayAfter(int failures)
    {
        var factor = Math.Pow(Math.Max(1, Multiplier), Math.Max(0, failures - 1));
        var ticks = InitialDelay.Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>When the memory guard sees pressure (market history roll-ups are skipped then), and how often it looks.</summary>
public sealed record MemoryGuardOptions
{
    /// <summary>
    /// Gets the working set at or above which the process counts as under memory pressure. When <see langword="null"/>,
    /// the garbage collector's own high-memory-load threshold is used. The default value is <see langword="null"/>.
    /// </summary>
    public long? WorkingSetLimitBytes { get; init; }

    /// <summary>Gets how often the guard looks. The default value is 30 seconds.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(30);
}
