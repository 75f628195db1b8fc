using SpaceTraders.BotRunner.Display;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.BotRunner.Reporting;

/// <summary>What the runner knows about a run besides the store's records.</summary>
/// <param name="Agent">The agent's symbol.</param>
/// <param name="RunId">The run's id (<see cref="FleetRuntime.RunId"/>): only its records count.</param>
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
    Guid RunId,
    DateTimeOffset RunStart,
    DateTimeOffset RunEnd,
    double WallSeconds,
    RuntimeSnapshot Final,
    string? Conductor,
    string Game,
    int? Seed,
    string Ended)
{
    /// <summary>Gets the starting system's gate as read from the game at the end, if it could be.</summary>
    public GateProgress? Gate { get; init; }

    /// <summary>Gets the behaviour failures seen during the run, oldest first (the last few).</summary>
    public IReadOnlyList<BehaviourFailure> Failures { get; init; } = [];

    /// <summary>Gets how many behaviour failures the run had in all.</summary>
    public int FailureCount { get; init; }

    /// <summary>
    /// Gets why the run stopped at a server reset, as the runner told the operator (what to set to play on), or
    /// <see langword="null"/> to take the runtime's own message (written for a host's developer).
    /// </summary>
    public string? StoppedByReset { get; init; }
}

/// <summary>Turns the store's records of one run into a <see cref="RunReport"/>.</summary>
internal static class RunFigures
{
    /// <summary>How many problems and failures the report lists.</summary>
    private const int ReportedProblems = 20;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Queries the store for the run's requests, credit movements and sessions and adds up the report.</summary>
    /// <param name="facts">What the runner knows.</param>
    /// <param name="store">The store the runtime wrote to (flushed).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The report.</returns>
    /// <remarks>
    /// <para>
    /// Only records of <see cref="RunFacts.RunId"/> count, so a PostgreSQL database holding earlier runs of the same agent
    /// (even at the same game times, as a fresh simulator gives) reports this run alone. Four queries, whatever the
    /// run's length: the run's requests per minute, the run's request figures and the agent's across nodes, the agent's
    /// credit movements (this run's kept), the run's sessions. Credits earned are operating earnings (every movement but
    /// capital: <see cref="CapitalSpending"/>); with the capital spent they sum to the agent's change exactly when no
    /// movement was lost. The game time ends when the runtime stopped (<see cref="RuntimeSnapshot.StoppedAt"/>): a
    /// virtual clock read later can be far ahead, moved on by a behaviour abandoned at the stop.
    /// </para>
    /// <para>
    /// <b>This node, and the agent.</b> Several runners (nodes) may play one agent on one database; a run is one node's.
    /// Requests, 429s, delayed requests, queue waits, credits and sessions are this run's own (the records it wrote);
    /// <see cref="RunReport.AgentRequests"/> counts the agent's requests across every node from the run's start on (in a
    /// database that also holds earlier runs of the agent at the same game times, theirs too: see the <c>runs</c> view).
    /// Credits earned equal the change of the agent's balance only when no other node played the agent meanwhile (the
    /// runtime reads the agent once more at the end to record what it missed).
    /// </para>
    /// </remarks>
    public static async Task<RunReport> ReportAsync(RunFacts facts, IStoreReports store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(store);

        // Databases keep microseconds: compare from the start's whole millisecond.
        var from = new DateTimeOffset(facts.RunStart.UtcTicks - (facts.RunStart.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var node = facts.Final.NodeId;
        var runEnd = facts.Final.StoppedAt ?? facts.RunEnd;
        var agent = facts.Final.Agents.FirstOrDefault(a => string.Equals(a.Symbol, facts.Agent, StringComparison.Ordinal));

        // A run that played through server resets reports the current reset at the top (and every one in Resets):
        // the same symbol was registered again in each, so only the reset tells their records apart.
        var played = facts.Final.Resets.Where(r => string.Equals(r.AgentSymbol, facts.Agent, StringComparison.Ordinal)).ToList();
        var throughResets = played.Count > 1;
        var reset = throughResets ? agent?.Reset : null;
        var resets = throughResets ? await ResetsAsync(facts, store, played, runEnd, cancellationToken).ConfigureAwait(false) : [];
        var allResets = throughResets ? (await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, RunId: facts.RunId), cancellationToken).ConfigureAwait(false)).Requests : (long?)null;
        var minutes = await store.GetRunSaturationAsync(facts.RunId, reset, cancellationToken).ConfigureAwait(false);
        var own = await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, RunId: facts.RunId, Reset: reset), cancellationToken).ConfigureAwait(false);
        var acrossNodes = await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, From: from, Reset: reset), cancellationToken).ConfigureAwait(false);
        var movements = Movement.Read(
            await store.GetCreditMovementsAsync(facts.Agent, cancellationToken).ConfigureAwait(false),
            m => m.RunId == facts.RunId && (reset is null || string.Equals(m.Reset, reset, StringComparison.Ordinal)));

        // Ordered by start, then ship: the store orders sessions that start at the same instant by their random ids.
        var sessions = (await store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: facts.Agent, RunId: facts.RunId, Reset: reset), runEnd, cancellationToken).ConfigureAwait(false))
            .OrderBy(s => s.StartedAt)
            .ThenBy(s => s.ShipSymbol, StringComparer.Ordinal)
            .ToList();

        var started = throughResets && agent?.StartedAt is { } resetStart ? resetStart : facts.Final.StartedAt ?? facts.RunStart;
        var simulated = Math.Max(0, (runEnd - (facts.Final.StartedAt ?? facts.RunStart)).TotalSeconds);
        var playedSeconds = Math.Max(0, (runEnd - started).TotalSeconds);
        var requests = own.Requests;
        var capital = movements.Where(m => m.Capital).Sum(m => m.Amount);
        var net = movements.Sum(m => m.Amount);
        var earned = net - capital;
        var earnings = EarningsFigures.From(earned, -capital, playedSeconds / 3600, requests);
        var creditsStart = agent?.CreditsStart ?? 0;
        var ships = agent?.Ships.Count ?? 0;
        var fleet = Fleet.From(ships, movements);
        var bySession = Movement.BySession(movements);

        return new RunReport
        {
            SimulatedSeconds = Math.Round(simulated, 3),
            WallSeconds = Math.Round(facts.WallSeconds, 3),
            CreditsStart = creditsStart,
            CreditsEnd = agent?.Metrics.Credits ?? 0,
            CreditsEarned = earned,
            Requests = requests,
            RateLimited = own.RateLimited,
            DelayedRequests = own.Delayed,
            Cpr = Round(earnings.OperatingPerRequest),
            Cph = Round(earnings.OperatingPerHour),
            Ships = ships,
            Behaviours = [.. sessions
                .GroupBy(s => (s.BehaviourId, s.BehaviourVersion))
                .OrderBy(g => g.Key.BehaviourId, StringComparer.Ordinal)
                .ThenBy(g => g.Key.BehaviourVersion, StringComparer.Ordinal)
                .Select(g => Behaviour(g.Key.BehaviourId, g.Key.BehaviourVersion, [.. g], bySession, runEnd))],
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
            ShipsBought = movements.Count(m => string.Equals(m.Kind, CreditCauses.ShipPurchase, StringComparison.Ordinal)),
            CreditsOutsideSessions = movements.Where(m => m.SessionId is null).Sum(m => m.Amount),
            Ended = facts.Ended,
            PeakWorkingSetBytes = PeakWorkingSet(),
            CpuSeconds = Math.Round(Environment.CpuUsage.TotalTime.TotalSeconds, 3),
            GcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(),
            GcCollections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            StoreRows = new SortedDictionary<string, long>(facts.Final.StoreStatistics.RowsWritten.ToDictionary(), StringComparer.Ordinal),
            Problems = [.. facts.Final.Problems.TakeLast(ReportedProblems).Select(p => p.ShipSymbol is null ? p.Message : p.ShipSymbol + ": " + p.Message)],
            RunId = facts.RunId,
            CapitalSpent = -capital,
            CreditsNet = net,
            PaybackHours = earnings.PaybackHours is { } payback ? Round(payback) : null,
            ShipsPeak = fleet.Peak,
            Uptime = Round(Uptime(fleet, sessions, started, runEnd)),
            Gate = facts.Gate,
            Hourly = Hourly(minutes, movements, fleet, creditsStart, started, runEnd),
            BehaviourFailures = facts.FailureCount,
            Failures = [.. facts.Failures.TakeLast(ReportedProblems).Select(f => f.Describe())],
            Reset = agent?.Reset,
            Resets = resets,
            RequestsAllResets = allResets,
            StoppedByReset = facts.StoppedByReset ?? facts.Final.StoppedByReset?.Message,
        };
    }

    /// <summary>
    /// One report per server reset the run played, each from the store's records of the run and that reset alone (the
    /// agent symbol comes back in every reset): requests, operating earnings, CPR, CPH and figures per behaviour@version.
    /// </summary>
    private static async Task<List<ResetReport>> ResetsAsync(RunFacts facts, IStoreReports store, List<PlayedReset> played, DateTimeOffset runEnd, CancellationToken cancellationToken)
    {
        var allMovements = Movement.Read(
            await store.GetCreditMovementsAsync(facts.Agent, cancellationToken).ConfigureAwait(false),
            m => m.RunId == facts.RunId);
        var reports = new List<ResetReport>(played.Count);
        foreach (var play in played)
        {
            var end = play.EndedAt ?? runEnd;
            var requests = await store.GetRequestFiguresAsync(new RequestQuery(facts.Agent, RunId: facts.RunId, Reset: play.Reset), cancellationToken).ConfigureAwait(false);
            var sessions = (await store.GetSessionReportsAsync(new SessionQuery(AgentSymbol: facts.Agent, RunId: facts.RunId, Reset: play.Reset), end, cancellationToken).ConfigureAwait(false))
                .OrderBy(s => s.StartedAt)
                .ThenBy(s => s.ShipSymbol, StringComparer.Ordinal)
                .ToList();
            var movements = allMovements.Where(m => string.Equals(m.Reset, play.Reset, StringComparison.Ordinal)).ToList();
            var capital = movements.Where(m => m.Capital).Sum(m => m.Amount);
            var earned = movements.Sum(m => m.Amount) - capital;
            var seconds = Math.Max(0, (end - play.StartedAt).TotalSeconds);
            var earnings = EarningsFigures.From(earned, -capital, seconds / 3600, requests.Requests);
            var bySession = Movement.BySession(movements);
            reports.Add(new ResetReport
            {
                Reset = play.Reset,
                Agent = play.AgentSymbol,
                StartedAt = play.StartedAt,
                EndedAt = end,
                EndedByReset = play.EndedByReset,
                SimulatedSeconds = Round(seconds),
                CreditsStart = play.CreditsStart,
                CreditsEnd = play.CreditsEnd,
                CreditsEarned = earned,
                CapitalSpent = -capital,
                Requests = requests.Requests,
                RateLimited = requests.RateLimited,
                Cpr = Round(earnings.OperatingPerRequest),
                Cph = Round(earnings.OperatingPerHour),
                Sessions = sessions.Count,
                Ships = play.Ships,
                Behaviours = [.. sessions
                    .GroupBy(s => (s.BehaviourId, s.BehaviourVersion))
                    .OrderBy(g => g.Key.BehaviourId, StringComparer.Ordinal)
                    .ThenBy(g => g.Key.BehaviourVersion, StringComparer.Ordinal)
                    .Select(g => Behaviour(g.Key.BehaviourId, g.Key.BehaviourVersion, [.. g], bySession, end))],
            });
        }

        return reports;
    }

    /// <summary>Reads the process's peak working set (on Linux the kernel's high-water mark, VmHWM).</summary>
    /// <returns>The bytes.</returns>
    public static long PeakWorkingSet()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return Math.Max(process.PeakWorkingSet64, process.WorkingSet64);
    }

    /// <summary>
    /// One entry per hour from the runtime's start: the balance and the ships at the hour's end, the hour's operating
    /// earnings, requests, 429s and delayed requests. Requests count in the hour their minute started in (the start-up's,
    /// made just before the runtime started, in the first).
    /// </summary>
    private static List<HourFigures> Hourly(IReadOnlyList<MinuteReport> minutes, List<Movement> movements, Fleet fleet, long creditsStart, DateTimeOffset started, DateTimeOffset end)
    {
        var hours = Math.Max(1, (int)Math.Ceiling((end - started) / Hour));
        var perHour = new (long Requests, long RateLimited, long Delayed, long Earned)[hours];
        foreach (var minute in minutes)
        {
            var index = HourOf(minute.Minute, started, hours);
            perHour[index] = (perHour[index].Requests + minute.Requests, perHour[index].RateLimited + minute.RateLimited, perHour[index].Delayed + minute.Delayed, perHour[index].Earned);
        }

        foreach (var movement in movements.Where(m => !m.Capital))
        {
            var index = HourOf(movement.At, started, hours);
            perHour[index] = perHour[index] with { Earned = perHour[index].Earned + movement.Amount };
        }

        var series = new List<HourFigures>(hours);
        var balance = creditsStart;
        var next = 0;
        for (var hour = 1; hour <= hours; hour++)
        {
            var hourEnd = hour == hours ? end : started + (hour * Hour);
            while (next < movements.Count && (movements[next].At < hourEnd || hour == hours))
            {
                balance += movements[next].Amount;
                next++;
            }

            var figures = perHour[hour - 1];
            series.Add(new HourFigures
            {
                Hour = hour,
                Seconds = Round(Math.Max(0, (hourEnd - (started + ((hour - 1) * Hour))).TotalSeconds)),
                Credits = balance,
                Earned = figures.Earned,
                Ships = fleet.At(hourEnd, includeAll: hour == hours),
                Requests = figures.Requests,
                RateLimited = figures.RateLimited,
                Delayed = figures.Delayed,
            });
        }

        return series;
    }

    private static int HourOf(DateTimeOffset at, DateTimeOffset started, int hours) =>
        Math.Clamp((int)Math.Floor((at - started) / Hour), 0, hours - 1);

    /// <summary>Ship-time inside sessions over ship-time owned, from the start to the end; 0 for a fleet that owned nothing.</summary>
    private static double Uptime(Fleet fleet, IReadOnlyList<SessionReport> sessions, DateTimeOffset started, DateTimeOffset end)
    {
        var owned = fleet.OwnedShipSeconds(started, end);
        if (owned <= 0)
        {
            return 0;
        }

        // Summed in whole ticks, so that the sessions' order cannot change the figure.
        long playing = 0;
        foreach (var session in sessions)
        {
            var from = session.StartedAt > started ? session.StartedAt : started;
            var to = session.EndedAt is { } ended && ended < end ? ended : end;
            playing += Math.Max(0, (to - from).Ticks);
        }

        return Math.Min(1, TimeSpan.FromTicks(playing).TotalSeconds / owned);
    }

    private static double Milliseconds(TimeSpan value) => Math.Round(value.TotalMilliseconds, 3);

    /// <summary>A behaviour version's figures on operating earnings: its sessions' movements less capital (which it reports apart).</summary>
    private static BehaviourReport Behaviour(string id, string version, List<SessionReport> sessions, Dictionary<Guid, (long Operating, long Capital)> bySession, DateTimeOffset runEnd)
    {
        var requests = sessions.Sum(s => s.Requests);
        var credits = sessions.Sum(s => bySession.GetValueOrDefault(s.SessionId).Operating);
        var capital = sessions.Sum(s => bySession.GetValueOrDefault(s.SessionId).Capital);

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
            CapitalSpent = -capital,
        };
    }

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>
    /// A credit movement as the report needs it (a week has 300,000: the store's records are read once into these, never
    /// kept, so building the report holds about 56 bytes a movement).
    /// </summary>
    /// <param name="At">When it happened.</param>
    /// <param name="Amount">The signed change.</param>
    /// <param name="Kind">What moved the credits.</param>
    /// <param name="SessionId">The session, when any.</param>
    /// <param name="Reset">The server reset, when known.</param>
    /// <param name="Capital">Whether it is capital (<see cref="CapitalSpending.IsCapital(CreditMovementRecord)"/>).</param>
    private readonly record struct Movement(DateTimeOffset At, long Amount, string Kind, Guid? SessionId, string? Reset, bool Capital)
    {
        /// <summary>Reads the movements that pass <paramref name="keep"/>, in the store's order.</summary>
        public static List<Movement> Read(IReadOnlyList<CreditMovementRecord> records, Func<CreditMovementRecord, bool> keep)
        {
            var movements = new List<Movement>(records.Count);
            foreach (var m in records)
            {
                if (keep(m))
                {
                    movements.Add(new Movement(m.At, m.Amount, m.Kind, m.SessionId, m.Reset, CapitalSpending.IsCapital(m)));
                }
            }

            return movements;
        }

        /// <summary>Each session's operating earnings and capital.</summary>
        public static Dictionary<Guid, (long Operating, long Capital)> BySession(List<Movement> movements)
        {
            var bySession = new Dictionary<Guid, (long Operating, long Capital)>();
            foreach (var m in movements)
            {
                if (m.SessionId is { } id)
                {
                    var sums = bySession.GetValueOrDefault(id);
                    bySession[id] = m.Capital ? (sums.Operating, sums.Capital + m.Amount) : (sums.Operating + m.Amount, sums.Capital);
                }
            }

            return bySession;
        }
    }

    /// <summary>The fleet's size over the run, from the ships at the end and the run's purchases and scrappings.</summary>
    private sealed class Fleet
    {
        private readonly List<(DateTimeOffset At, int Change)> _changes;

        private Fleet(int atStart, List<(DateTimeOffset At, int Change)> changes)
        {
            AtStart = atStart;
            _changes = changes;
            var size = atStart;
            Peak = atStart;
            foreach (var (_, change) in changes)
            {
                size += change;
                Peak = Math.Max(Peak, size);
            }
        }

        public int AtStart { get; }

        public int Peak { get; }

        public static Fleet From(int atEnd, IEnumerable<Movement> movements)
        {
            var changes = movements
                .Select(m => (m.At, Change: m.Kind switch
                {
                    CreditCauses.ShipPurchase => 1,
                    CreditCauses.Scrap => -1,
                    _ => 0,
                }))
                .Where(c => c.Change != 0)
                .ToList();
            return new Fleet(Math.Max(0, atEnd - changes.Sum(c => c.Change)), changes);
        }

        /// <summary>The ships owned just before <paramref name="time"/> (or all changes with <paramref name="includeAll"/>).</summary>
        public int At(DateTimeOffset time, bool includeAll) => AtStart + _changes.Where(c => includeAll || c.At < time).Sum(c => c.Change);

        /// <summary>Each ship's seconds owned between the two times, summed.</summary>
        public double OwnedShipSeconds(DateTimeOffset from, DateTimeOffset to)
        {
            var seconds = 0.0;
            var size = AtStart;
            var since = from;
            foreach (var (at, change) in _changes)
            {
                var when = at < from ? from : at > to ? to : at;
                seconds += size * Math.Max(0, (when - since).TotalSeconds);
                size += change;
                since = when;
            }

            return seconds + (size * Math.Max(0, (to - since).TotalSeconds));
        }
    }
}
