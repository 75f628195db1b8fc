using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Dashboard.Health;

/// <summary>One part of a fleet's health: what was looked at, how it stands, and why, in a sentence.</summary>
/// <param name="Name">The part: <c>runtime</c>, <c>conductors</c>, <c>store</c>, <c>game</c>, <c>activity</c>, <c>problems</c>, <c>memory</c> or <c>history</c>.</param>
/// <param name="Status">How it stands.</param>
/// <param name="Description">Why, in one sentence (never a token or a connection string).</param>
internal sealed record HealthPart(string Name, HealthStatus Status, string Description);

/// <summary>A fleet's health at one moment: its parts, and the moment on the runtime's clock (game time).</summary>
/// <param name="At">The moment.</param>
/// <param name="Parts">The parts, in a fixed order.</param>
internal sealed record FleetHealthReport(DateTimeOffset At, IReadOnlyList<HealthPart> Parts)
{
    /// <summary>Gets the worst part's status: what <c>/healthz</c> answers (200 when healthy or degraded, 503 when unhealthy).</summary>
    public HealthStatus Status => Parts.Count == 0 ? HealthStatus.Healthy : Parts.Min(p => p.Status);
}

/// <summary>
/// Judges a running fleet's health from the runtime's snapshot, for a process supervisor or a load balancer
/// (<c>/healthz</c>). <see cref="HealthStatus.Unhealthy"/> only for what needs a person or a restart (the runtime stopped
/// or failed; the run stopped at a server reset it could not play through); <see cref="HealthStatus.Degraded"/> for what
/// the runtime is already recovering from, so that a watcher can tell without restarting anything.
/// </summary>
internal static class FleetHealth
{
    /// <summary>How far back reported problems make the fleet degraded, on the runtime's clock.</summary>
    public static readonly TimeSpan ProblemWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an agent with ships may make no request before the fleet is called quiet, on the runtime's clock, unless
    /// <see cref="DashboardOptions.QuietLimit"/> says otherwise: longer
    /// than a cruise across a system and a full cooldown, shorter than the watch a stuck fleet would otherwise go unseen.
    /// A fleet whose every ship is on a long drift is quiet too, so this is degraded, never unhealthy.
    /// </summary>
    public static readonly TimeSpan DefaultQuietLimit = TimeSpan.FromMinutes(30);

    /// <summary>Judges a runtime's snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="lastRequestAt">
    /// When each agent last made a request (the end of its timeline's latest bucket with one), by symbol; an agent left
    /// out made none since the runtime started. <see langword="null"/> when unknown: the activity is then judged from the
    /// last minute's requests alone.
    /// </param>
    /// <param name="quietLimit">How long an agent with ships may make no request; <see cref="DefaultQuietLimit"/> when not given.</param>
    /// <returns>The report: runtime, conductors, store, game, activity, problems and memory, in that order.</returns>
    public static FleetHealthReport Judge(RuntimeSnapshot snapshot, IReadOnlyDictionary<string, DateTimeOffset>? lastRequestAt = null, TimeSpan? quietLimit = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var limit = quietLimit ?? DefaultQuietLimit;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(quietLimit));
        return new FleetHealthReport(snapshot.At,
        [
            Runtime(snapshot),
            Conductors(snapshot),
            Store(snapshot),
            Game(snapshot),
            Activity(snapshot, lastRequestAt, limit),
            Problems(snapshot),
            Memory(snapshot),
        ]);
    }

    /// <summary>Reads when each agent of a runtime last made a request, from its timeline, for <see cref="Judge"/>.</summary>
    /// <param name="runtime">The runtime.</param>
    /// <param name="snapshot">Its snapshot (the agents to read, and the moment no answer may pass).</param>
    /// <returns>The moments, by agent symbol; agents that made no request are left out.</returns>
    public static IReadOnlyDictionary<string, DateTimeOffset> LastRequests(FleetRuntime runtime, RuntimeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(snapshot);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var agent in snapshot.Agents)
        {
            var timeline = runtime.GetTimeline(agent.Symbol);
            for (var i = timeline.Count - 1; i >= 0; i--)
            {
                if (timeline[i].Requests > 0)
                {
                    var end = timeline[i].Start + timeline[i].Width;
                    last[agent.Symbol] = end < snapshot.At ? end : snapshot.At;
                    break;
                }
            }
        }

        return last;
    }

    private static HealthPart Runtime(RuntimeSnapshot snapshot)
    {
        if (snapshot.StoppedByReset is { } reset)
        {
            return new("runtime", HealthStatus.Unhealthy, $"Stopped at a server reset it could not play through: {reset.Message}");
        }

        return snapshot.Status switch
        {
            RuntimeStatus.Running => new("runtime", HealthStatus.Healthy, $"Running for {Duration(snapshot.Uptime)} of game time."),
            RuntimeStatus.Created or RuntimeStatus.Starting => new("runtime", HealthStatus.Degraded, "Starting: preparing the store, loading plugins, reading the agents."),
            RuntimeStatus.Stopping => new("runtime", HealthStatus.Unhealthy, "Stopping: behaviours are being cancelled and records flushed."),
            RuntimeStatus.Stopped => new("runtime", HealthStatus.Unhealthy, "Stopped."),
            _ => new("runtime", HealthStatus.Unhealthy, "Failed: starting failed or the clock stalled (the log says which)."),
        };
    }

    private static HealthPart Conductors(RuntimeSnapshot snapshot)
    {
        var restarting = snapshot.Agents.Where(a => a.ConductorState == "restarting").Select(a => a.Symbol).ToList();
        var ended = snapshot.Agents.Where(a => a.ConductorState == "ended").Select(a => a.Symbol).ToList();
        var abandoned = snapshot.Agents.Where(a => a.ConductorState == "abandoned").Select(a => a.Symbol).ToList();
        if (abandoned.Count > 0)
        {
            return new("conductors", HealthStatus.Unhealthy, $"The conductor of {string.Join(", ", abandoned)} did not end when cancelled and was abandoned.");
        }

        if (restarting.Count > 0)
        {
            return new("conductors", HealthStatus.Degraded, $"The conductor of {string.Join(", ", restarting)} failed and waits to restart.");
        }

        if (ended.Count > 0)
        {
            return new("conductors", HealthStatus.Degraded, $"The conductor of {string.Join(", ", ended)} ended: its ships keep their behaviours, but nothing assigns new ones.");
        }

        var running = snapshot.Agents.Count(a => a.ConductorState == "running");
        return new("conductors", HealthStatus.Healthy, running == 1 ? "One conductor runs." : string.Create(CultureInfo.InvariantCulture, $"{running} conductors run."));
    }

    private static HealthPart Store(RuntimeSnapshot snapshot)
    {
        var health = snapshot.Store.Health;
        if (!health.Connected)
        {
            var since = health.LastErrorAt is { } at ? $" since {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC on the store's clock (the wall clock by default)" : string.Empty;
            return new("store", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"The {snapshot.Store.Name} store is unreachable{since}; {health.Pending:N0} records wait to be written when it is back."));
        }

        if (health.Dropped > 0)
        {
            return new("store", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"The {snapshot.Store.Name} store is connected, but {health.Dropped:N0} request or market records were dropped while it was away."));
        }

        return new("store", HealthStatus.Healthy, string.Create(CultureInfo.InvariantCulture, $"The {snapshot.Store.Name} store is connected; {health.Pending:N0} records wait to be written."));
    }

    private static HealthPart Game(RuntimeSnapshot snapshot)
    {
        var limited = snapshot.Agents.Sum(a => a.Metrics.RateLimitedPerMinute);
        var perMinute = snapshot.Agents.Sum(a => a.Metrics.RequestsPerMinute);
        if (limited > 0)
        {
            return new("game", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{limited:0} requests answered 429 in the last minute (of {perMinute:0}): another client shares the rate limit, or the limits changed."));
        }

        return new("game", HealthStatus.Healthy, string.Create(CultureInfo.InvariantCulture, $"{perMinute:0} requests in the last minute, none answered 429."));
    }

    private static HealthPart Activity(RuntimeSnapshot snapshot, IReadOnlyDictionary<string, DateTimeOffset>? lastRequestAt, TimeSpan quietLimit)
    {
        if (snapshot.Status != RuntimeStatus.Running)
        {
            return new("activity", HealthStatus.Healthy, "Not judged: the runtime is not running.");
        }

        var withShips = snapshot.Agents.Where(a => a.Ships.Count > 0).ToList();
        if (withShips.Count == 0)
        {
            return new("activity", HealthStatus.Healthy, "No ships yet.");
        }

        if (lastRequestAt is null)
        {
            return withShips.Any(a => a.Metrics.RequestsPerMinute > 0)
                ? new("activity", HealthStatus.Healthy, "Requests in the last minute.")
                : new("activity", HealthStatus.Healthy, "No request in the last minute.");
        }

        // The quietest agent speaks for the fleet: one agent stuck is a stuck fleet even when another plays on.
        var started = snapshot.StartedAt ?? snapshot.At;
        var quietest = withShips
            .Select(a => (Agent: a, Quiet: a.Metrics.RequestsPerMinute > 0 ? TimeSpan.Zero : snapshot.At - (lastRequestAt.TryGetValue(a.Symbol, out var at) ? at : a.StartedAt ?? started)))
            .OrderByDescending(q => q.Quiet)
            .First();
        if (quietest.Quiet < quietLimit)
        {
            return new("activity", HealthStatus.Healthy, quietest.Quiet < TimeSpan.FromMinutes(1)
                ? "Requests in the last minute."
                : $"The quietest agent ({quietest.Agent.Symbol}) made its last request {Duration(quietest.Quiet)} ago.");
        }

        var ships = quietest.Agent.Ships;
        var running = ships.Count(s => s.State == FleetShipState.Running);
        var paused = ships.Count(s => s.State == FleetShipState.Paused);
        var idle = ships.Count - running - paused;
        return new("activity", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{quietest.Agent.Symbol} made no request for {Duration(quietest.Quiet)} with {ships.Count} ship{(ships.Count == 1 ? string.Empty : "s")} ({running} running a behaviour, {paused} paused, {idle} waiting or unassigned): a behaviour or the conductor may be stuck, unless every ship is on a long flight."));
    }

    private static HealthPart Problems(RuntimeSnapshot snapshot)
    {
        var recent = snapshot.Problems.Where(p => p.At > snapshot.At - ProblemWindow).ToList();
        if (recent.Count == 0)
        {
            return new("problems", HealthStatus.Healthy, $"No problem reported in the last {Duration(ProblemWindow)}.");
        }

        var last = recent[^1];
        var who = last.ShipSymbol ?? last.AgentSymbol;
        return new("problems", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{recent.Count} problem{(recent.Count == 1 ? string.Empty : "s")} reported in the last {Duration(ProblemWindow)}; the latest{(who is null ? string.Empty : " (" + who + ")")}: {last.Message}"));
    }

    private static HealthPart Memory(RuntimeSnapshot snapshot)
    {
        var megabytes = snapshot.Memory.WorkingSetBytes / (1024.0 * 1024.0);
        return snapshot.Memory.UnderPressure
            ? new("memory", HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"Working set {megabytes:0} MB is over the memory limit: optional work (history roll-ups) is skipped."))
            : new("memory", HealthStatus.Healthy, string.Create(CultureInfo.InvariantCulture, $"Working set {megabytes:0} MB."));
    }

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } => span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture).TrimStart('0', '.'),
        { Seconds: 0 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} minutes"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s"),
    };
}
