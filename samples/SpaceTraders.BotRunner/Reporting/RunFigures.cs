using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.BotRunner.Reporting;

/// <summary>What the runner knows about a run besides the store's records.</summary>
/// <param name="Agent">The agent's symbol.</param>
/// <param name="RunStart">When the run started on the game clock (before the runtime read the agent).</param>
/// <param name="RunEnd">When it ended on the game clock, as the host read it; the runtime's <see cref="RuntimeSnapshot.StoppedAt"/> wins when known.</param>
/// <param name="WallSeconds">The real time the whole run took.</param>
/// <param name="Final">The runtime's last snapshot.</param>
/// <param name="Conductor">The conductor that ran, if any.</param>
/// <param name="Game">The game played.</param>
/// <param name="Seed">The simulator seed, on the built-in simulator.</param>
/// <param name="Ended">How the run ended.</param>
internal sealed record RunFacts(
    string Agent,
    DateTimeOffset RunStart,
    DateTimeOffset RunEnd,
    double WallSeconds,
    RuntimeSnapshot Final,
    string? Conductor,
    string Game,
    int? Seed,
    string Ended);

/// <summary>Turns the store's analytics for one run into a <see cref="RunReport"/>.</summary>
internal static class RunFigures
{
    /// <summary>How many problems the report lists.</summary>
    private const int ReportedProblems = 20;

    /// <summary>Queries the store for the run's requests, credit movements and sessions and adds up the report.</summary>
    /// <param name="facts">What the runner knows.</param>
    /// <param name="store">The store the runtime wrote to (flushed).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The report.</returns>
    /// <remarks>
    /// <para>
    /// Only records from <see cref="RunFacts.RunStart"/> on count, so a PostgreSQL database holding earlier runs gives
    /// this run's figures. The game time ends when the runtime stopped (<see cref="RuntimeSnapshot.StoppedAt"/>): a
    /// virtual clock read later can be far ahead, moved on by a behaviour abandoned at the stop.
    /// </para>
    /// <para>
    /// <b>This node, and the agent.</b> Several runners (nodes) may play one agent on one database. Requests, 429s,
    /// delayed requests, queue waits, credits and sessions are this node's own (the records it wrote);
    /// <see cref="RunReport.AgentRequests"/> counts the agent's requests across every node. Credits earned is the sum of
    /// this node's movements: it equals the change of the agent's balance exactly when no movement was lost and no other
    /// node played the agent meanwhile (the runtime reads the agent once more at the end to record what it missed).
    /// </para>
    /// </remarks>
    public static async Task<RunReport> ReportAsync(RunFacts facts, IStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(store);

        // Databases keep microseconds: compare from the start's whole millisecond.
        var from = new DateTimeOffset(facts.RunStart.UtcTicks - (facts.RunStart.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var node = facts.Final.NodeId;
        var runEnd = facts.Final.StoppedAt ?? facts.RunEnd;
        var own = await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, node, from), cancellationToken).ConfigureAwait(false);
        var acrossNodes = await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, From: from), cancellationToken).ConfigureAwait(false);
        var movements = (await store.GetCreditMovementsAsync(facts.Agent, cancellationToken).ConfigureAwait(false))
            .Where(m => m.At >= from && IsOwn(m.Node, node))
            .ToList();
        var sessions = (await store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: facts.Agent), runEnd, cancellationToken).ConfigureAwait(false))
            .Where(s => s.StartedAt >= from && IsOwn(s.Node, node))
            .OrderBy(s => s.StartedAt)
            .ThenBy(s => s.ShipSymbol, StringComparer.Ordinal)
            .ToList();

        var agent = facts.Final.Agents.FirstOrDefault(a => string.Equals(a.Symbol, facts.Agent, StringComparison.Ordinal));
        var started = facts.Final.StartedAt ?? facts.RunStart;
        var simulated = Math.Max(0, (runEnd - started).TotalSeconds);
        var requests = own.Requests;
        var earned = movements.Sum(m => m.Amount);
        return new RunReport
        {
            SimulatedSeconds = Math.Round(simulated, 3),
            WallSeconds = Math.Round(facts.WallSeconds, 3),
            CreditsStart = agent?.CreditsStart ?? 0,
            CreditsEnd = agent?.Metrics.Credits ?? 0,
            CreditsEarned = earned,
            Requests = requests,
            RateLimited = own.RateLimited,
            DelayedRequests = own.Delayed,
            Cpr = Round(requests == 0 ? 0 : (double)earned / requests),
            Cph = Round(simulated <= 0 ? 0 : earned / (simulated / 3600)),
            Ships = agent?.Ships.Count ?? 0,
            Behaviours = [.. sessions
                .GroupBy(s => (s.BehaviourId, s.BehaviourVersion))
                .OrderBy(g => g.Key.BehaviourId, StringComparer.Ordinal)
                .ThenBy(g => g.Key.BehaviourVersion, StringComparer.Ordinal)
                .Select(g => Behaviour(g.Key.BehaviourId, g.Key.BehaviourVersion, [.. g], runEnd))],
            Node = node,
            AgentRequests = acrossNodes.Requests,
            Attempts = own.Attempts,
            QueueWaitP50Ms = Milliseconds(own.QueueWaitP50),
            QueueWaitP99Ms = Milliseconds(own.QueueWaitP99),
            MeanQueueWaitMs = Milliseconds(own.MeanQueueWait),
            Agent = facts.Agent,
            Conductor = facts.Conductor,
            Game = facts.Game,
            Seed = facts.Seed,
            Store = facts.Final.Store.Name,
            ShipsBought = movements.Count(m => string.Equals(m.Kind, "ship-purchase", StringComparison.Ordinal)),
            CreditsOutsideSessions = movements.Where(m => m.SessionId is null).Sum(m => m.Amount),
            Ended = facts.Ended,
            PeakWorkingSetBytes = PeakWorkingSet(),
            GcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(),
            StoreRows = new SortedDictionary<string, long>(facts.Final.StoreStatistics.RowsWritten.ToDictionary(), StringComparer.Ordinal),
            Problems = [.. facts.Final.Problems.TakeLast(ReportedProblems).Select(p => p.ShipSymbol is null ? p.Message : p.ShipSymbol + ": " + p.Message)],
        };
    }

    /// <summary>Reads the process's peak working set (on Linux the kernel's high-water mark, VmHWM).</summary>
    /// <returns>The bytes.</returns>
    public static long PeakWorkingSet()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return Math.Max(process.PeakWorkingSet64, process.WorkingSet64);
    }

    private static bool IsOwn(string? recordNode, string node) => string.Equals(recordNode, node, StringComparison.Ordinal);

    private static double Milliseconds(TimeSpan value) => Math.Round(value.TotalMilliseconds, 3);

    private static BehaviourReport Behaviour(string id, string version, List<SessionReport> sessions, DateTimeOffset runEnd)
    {
        var requests = sessions.Sum(s => s.Requests);
        var credits = sessions.Sum(s => s.CreditsEarned);

        // Summed in whole ticks: a sum of doubles would depend on the sessions' order (sessions that start at the same
        // instant are ordered by their random ids), and the rounded CPH could differ between runs of one seed.
        var hours = TimeSpan.FromTicks(sessions.Sum(s => Math.Max(0, ((s.EndedAt ?? runEnd) - s.StartedAt).Ticks))).TotalHours;
        return new BehaviourReport
        {
            Id = id,
            Version = version,
            Sessions = sessions.Count,
            Requests = requests,
            CreditsEarned = credits,
            Cpr = Round(requests == 0 ? 0 : (double)credits / requests),
            Cph = Round(hours <= 0 ? 0 : credits / hours),
        };
    }

    private static double Round(double value) => Math.Round(value, 3);
}
