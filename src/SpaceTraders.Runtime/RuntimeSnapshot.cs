using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime;

/// <summary>Where a <see cref="FleetRuntime"/> is in its life.</summary>
public enum RuntimeStatus
{
    /// <summary>Not started yet.</summary>
    Created,

    /// <summary>Preparing the store, loading plugins, reading the agents and their ships.</summary>
    Starting,

    /// <summary>Conductors and ships run.</summary>
    Running,

    /// <summary>Cancelling behaviours, closing sessions, flushing the store.</summary>
    Stopping,

    /// <summary>Ended after a graceful shutdown.</summary>
    Stopped,

    /// <summary>Ended because starting failed or the clock stalled.</summary>
    Failed,
}

/// <summary>Everything a live view shows, taken at one moment: agents, ships, figures, the store, the plugins and problems.</summary>
/// <param name="At">When it was taken, on the runtime's clock.</param>
/// <param name="NodeId">The dispatcher's id.</param>
/// <param name="Status">Where the runtime is in its life.</param>
/// <param name="StartedAt">When the runtime started running, once it has.</param>
/// <param name="Agents">One entry per agent, in the order configured.</param>
/// <param name="Store">The store's name and writer health.</param>
/// <param name="StoreStatistics">Rows the store has written, by table.</param>
/// <param name="Plugins">What happened to every plugin folder and compiled-in plugin.</param>
/// <param name="Memory">The memory guard's last reading.</param>
/// <param name="Problems">Reported problems (abandoned behaviours, failing conductors, skipped work), oldest first; the last 100 are kept.</param>
public sealed record RuntimeSnapshot(
    DateTimeOffset At,
    string NodeId,
    RuntimeStatus Status,
    DateTimeOffset? StartedAt,
    IReadOnlyList<AgentSnapshot> Agents,
    StoreStatus Store,
    StoreStatistics StoreStatistics,
    IReadOnlyList<PluginLoadResult> Plugins,
    MemoryStatus Memory,
    IReadOnlyList<RuntimeProblem> Problems)
{
    /// <summary>
    /// Gets the ships the conductors paused or resumed (saturation control), with why, oldest first; the last 200 are
    /// kept. The default value is an empty list.
    /// </summary>
    public IReadOnlyList<ShipControlEvent> ControlEvents { get; init; } = [];

    /// <summary>
    /// Gets when the runtime's actors stopped, on its clock, once they have (after the graceful shutdown, or at a kill).
    /// A run's game time ends here, not at <see cref="At"/>: under a virtual clock an abandoned behaviour that ignores
    /// its token keeps the clock moving after the stop. The default value is <see langword="null"/> (still running).
    /// </summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>
    /// Gets every server reset each agent was played in on this runtime, in the order they were played: the ones the
    /// server reset ended (<see cref="PlayedReset.EndedByReset"/>) and the current ones. The default value is an empty list.
    /// </summary>
    public IReadOnlyList<PlayedReset> Resets { get; init; } = [];

    /// <summary>
    /// Gets the server reset the runtime stopped at because it could not register the agent again (no account token, or
    /// the registration failed), or <see langword="null"/> when it did not. The default value is <see langword="null"/>.
    /// </summary>
    public ServerResetStop? StoppedByReset { get; init; }

    /// <summary>Gets how long the runtime has run, on its clock: up to <see cref="StoppedAt"/> once it stopped, else up to <see cref="At"/>.</summary>
    public TimeSpan Uptime
    {
        get
        {
            var end = StoppedAt is { } stopped && stopped < At ? stopped : At;
            return StartedAt is { } started && end > started ? end - started : TimeSpan.Zero;
        }
    }
}

/// <summary>One agent as the runtime sees it.</summary>
/// <param name="Symbol">The agent's symbol.</param>
/// <param name="Conductor">The conductor it runs (<c>id@version</c>), if any.</param>
/// <param name="ConductorState">What the conductor does: <c>running</c>, <c>restarting</c>, <c>ended</c>, <c>stopped</c> or <c>abandoned</c>; <see langword="null"/> without one.</param>
/// <param name="CreditsStart">The agent's credits when the runtime started.</param>
/// <param name="Metrics">Requests per minute, 429s, delays, queue wait, credits, CPH and CPR.</param>
/// <param name="Totals">This node's requests, 429s and delayed requests for the agent since the start.</param>
/// <param name="QueueByPriority">Requests waiting now and the mean queue wait over the last minute, per priority.</param>
/// <param name="Ships">Every ship with its assignment, state, activity and session figures, by symbol.</param>
public sealed record AgentSnapshot(
    string Symbol,
    StrategyRef? Conductor,
    string? ConductorState,
    long CreditsStart,
    FleetMetrics Metrics,
    RequestTotals Totals,
    IReadOnlyList<PriorityQueueStatus> QueueByPriority,
    IReadOnlyList<FleetShip> Ships)
{
    /// <summary>
    /// Gets the credits since the start split into operating earnings and capital spending (ships, mounts, modules), with
    /// CPH, CPR and the capital's payback on operating earnings only. <see cref="Metrics"/> keeps the net change
    /// (<see cref="FleetMetrics.CreditsEarned"/>, which a ship purchase lowers). The default value is <see cref="EarningsFigures.None"/>.
    /// </summary>
    public EarningsFigures Earnings { get; init; } = EarningsFigures.None;

    /// <summary>
    /// Gets the server reset the agent plays (<c>yyyy-MM-dd</c>): the figures above are this reset's alone (after a reset,
    /// the runtime plays the agent registered again from scratch). <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }

    /// <summary>Gets when the runtime started playing the agent in this reset, on its clock. The default value is <see langword="null"/>.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>An agent's request counts on this node since the runtime started (other nodes' requests for the agent are not in them).</summary>
/// <param name="Requests">Requests completed (one per logical call, retries included in it).</param>
/// <param name="RateLimited">429 answers received.</param>
/// <param name="Delayed">Requests that waited for the rate limiter longer than <see cref="RuntimeOptions.DelayedThreshold"/>.</param>
public sealed record RequestTotals(long Requests, long RateLimited, long Delayed);

/// <summary>One priority of the rate limiter's queue.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Waiting">Requests of this priority waiting now (all agents sharing the limiter).</param>
/// <param name="RequestsLastMinute">This agent's requests of this priority completed in the last minute.</param>
/// <param name="MeanQueueWait">Their mean wait for the rate limiter.</param>
public sealed record PriorityQueueStatus(RequestPriority Priority, int Waiting, int RequestsLastMinute, TimeSpan MeanQueueWait)
{
    /// <summary>Gets the median queue wait of this agent's requests of this priority over the last minute. The default value is zero.</summary>
    public TimeSpan P50QueueWait { get; init; }

    /// <summary>Gets the 99th-percentile queue wait of this agent's requests of this priority over the last minute. The default value is zero.</summary>
    public TimeSpan P99QueueWait { get; init; }
}

/// <summary>The store as the live view shows it.</summary>
/// <param name="Name">Its name, for example <c>in-memory</c>.</param>
/// <param name="Health">Records pending, connection, last error.</param>
public sealed record StoreStatus(string Name, StoreHealth Health);

/// <summary>The memory guard's last reading.</summary>
/// <param name="WorkingSetBytes">The process's working set.</param>
/// <param name="UnderPressure">Whether optional work is being skipped.</param>
/// <param name="SkippedWork">How many optional jobs (market roll-ups, fleet refreshes) were skipped under pressure so far.</param>
public sealed record MemoryStatus(long WorkingSetBytes, bool UnderPressure, long SkippedWork);

/// <summary>A problem the runtime contained and reports.</summary>
/// <param name="At">When, on the runtime's clock.</param>
/// <param name="AgentSymbol">The agent, when it concerns one.</param>
/// <param name="ShipSymbol">The ship, when it concerns one.</param>
/// <param name="Message">What happened.</param>
public sealed record RuntimeProblem(DateTimeOffset At, string? AgentSymbol, string? ShipSymbol, string Message);
