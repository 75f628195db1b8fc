namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// The default <see cref="IStore"/>: everything in the process's memory, for simulations and tests. Records are
/// durable as soon as <see cref="Append"/> returns; leases are shared by every dispatcher given the same instance.
/// </summary>
/// <remarks>
/// <para>
/// Requests are kept as per-session and per-minute totals (all runs together and per run) plus 32 bytes each (time,
/// queue wait, attempts, 429s, delay) for the per-node figures and queue-wait percentiles; credit movements and
/// sessions as records, ship parts and agents as their latest values, market observations raw inside the raw window
/// and as hourly summaries after <see cref="RollUpMarketHistoryAsync"/>. So memory grows with sessions, credit
/// movements and markets, and only by a small fixed amount per request.
/// </para>
/// <para>Thread-safe. Nothing is kept when the process ends.</para>
/// </remarks>
public sealed class InMemoryStore : IStore
{
    private const string UnknownShipType = "unknown";

    private readonly object _gate = new();
    private readonly Dictionary<string, LeaseRow> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, SessionRow> _sessions = [];
    private readonly Dictionary<Guid, SessionTotals> _sessionTotals = [];
    private readonly SortedDictionary<long, MinuteTotals> _minutes = [];
    private readonly Dictionary<Guid, SortedDictionary<long, MinuteTotals>> _runMinutes = [];
    private readonly Dictionary<(Guid RunId, string Reset), SortedDictionary<long, MinuteTotals>> _runResetMinutes = [];
    private readonly SortedSet<string> _resets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CreditMovementRecord>> _movements = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ship, string Part), ShipPartValue> _shipParts = [];
    private readonly Dictionary<string, AgentSnapshotRecord> _agents = new(StringComparer.Ordinal);
    private readonly List<MarketObservationRecord> _rawMarket = [];
    private readonly Dictionary<(string Waypoint, string Good, long Hour), HourRow> _hours = [];
    private readonly Dictionary<(string Agent, string? Node, Guid? RunId, string? Reset), ChunkedLog<RequestEntry>> _requests = [];
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, RecordWriter> _writers = [];
    private long _batches;

    /// <summary>Initializes a new instance of the <see cref="InMemoryStore"/> class.</summary>
    /// <remarks>
    /// One writer per record type (the list of record types is open: a new one adds a line here and its write method,
    /// nothing else in the store changes).
    /// </remarks>
    public InMemoryStore()
    {
        On<SessionStartedRecord>(StoreTables.Sessions, WriteSessionStarted);
        On<SessionEndedRecord>(StoreTables.Sessions, WriteSessionEnded);
        On<RequestRecordedRecord>(StoreTables.Requests, AddRequest);
        On<CreditMovementRecord>(StoreTables.CreditMovements, AddMovement);
        On<ShipPartsRecord>(StoreTables.ShipParts, WriteShipParts);
        On<AgentSnapshotRecord>(StoreTables.Agents, WriteAgent);
        On<MarketObservationRecord>(StoreTables.MarketObservations, WriteMarketObservation);
    }

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <summary>Gets the record types the store has a writer for (for tests that every backend takes every record type).</summary>
    internal IReadOnlyCollection<Type> RecordTypes => _writers.Keys;

    /// <inheritdoc />
    /// <remarks>Always connected, nothing pending: appended records are applied at once.</remarks>
    public StoreHealth Health => new(0, true, null, null);

    /// <summary>Gets the latest written value of every ship part, by ship and part name (for tests and the live view).</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyDictionary<(string Ship, string Part), ShipPartValue> GetShipParts()
    {
        lock (_gate)
        {
            return new Dictionary<(string Ship, string Part), ShipPartValue>(_shipParts);
        }
    }

    /// <summary>Gets the raw market observations still inside the raw window, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<MarketObservationRecord> GetRawMarketObservations()
    {
        lock (_gate)
        {
            return [.. _rawMarket];
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>A record of a type the store has no writer for is refused with an <see cref="ArgumentException"/>.</remarks>
    public void Append(StoreRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_writers.TryGetValue(record.GetType(), out var writer))
        {
            throw new ArgumentException($"The in-memory store does not know records of type {record.GetType().Name}.", nameof(record));
        }

        lock (_gate)
        {
            _batches++;
            Count(writer.Table, writer.Write(record));
        }

        record.OnDurable?.Invoke();
    }

    /// <summary>Registers the writer of one record type: what it keeps, and the table its rows count in.</summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="table">The table, as named in <see cref="StoreStatistics.RowsWritten"/>.</param>
    /// <param name="write">Keeps a record (called under <see cref="_gate"/>) and returns the rows it wrote.</param>
    private void On<TRecord>(string table, Func<TRecord, long> write)
        where TRecord : StoreRecord =>
        _writers.Add(typeof(TRecord), new RecordWriter(table, record => write((TRecord)record)));

    private long WriteSessionStarted(SessionStartedRecord started)
    {
        _sessions[started.SessionId] = new SessionRow(started);
        NoteReset(started.Reset);
        return 1;
    }

    private long WriteSessionEnded(SessionEndedRecord ended)
    {
        if (_sessions.TryGetValue(ended.SessionId, out var session))
        {
            session.End = ended;
        }

        return 1;
    }

    private long WriteShipParts(ShipPartsRecord parts)
    {
        foreach (var part in parts.Parts)
        {
            _shipParts[(parts.ShipSymbol, part.Part)] = part;
        }

        return parts.Parts.Count;
    }

    private long WriteAgent(AgentSnapshotRecord agent)
    {
        _agents[agent.AgentSymbol] = agent;
        NoteReset(agent.Reset);
        return 1;
    }

    private long WriteMarketObservation(MarketObservationRecord observation)
    {
        _rawMarket.Add(observation with
        {
            WaypointSymbol = SharedName(observation.WaypointSymbol),
            TradeSymbol = SharedName(observation.TradeSymbol),
            Type = SharedName(observation.Type),
            Supply = SharedName(observation.Supply),
            Activity = observation.Activity is null ? null : SharedName(observation.Activity),
        });
        return 1;
    }

    /// <summary>
    /// One shared instance of each waypoint, good, type, supply and activity name kept with market observations (each
    /// market read deserialises its own copies; kept observations and hourly summaries would otherwise hold thousands
    /// of copies of the same few hundred names). Call under <see cref="_gate"/>.
    /// </summary>
    private string SharedName(string value)
    {
        if (_names.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _names.Add(value);
        return value;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public Task<LeaseResult> TryAcquireLeaseAsync(string shipSymbol, string agentSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(agentSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            var row = Register(shipSymbol, agentSymbol);
            if (row.IsFree(now) || string.Equals(row.Owner, owner, StringComparison.Ordinal))
            {
                Take(shipSymbol, row, owner, now + duration);
                return Task.FromResult(new LeaseResult(true, owner, row.ExpiresAt));
            }

            return Task.FromResult(new LeaseResult(false, row.Owner!, row.ExpiresAt));
        }
    }

    /// <inheritdoc />
    /// <remarks>A lease that lapsed without another owner taking it, or was released, is taken again.</remarks>
    public Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            return Task.FromResult(RenewLocked(shipSymbol, owner, now + duration));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RenewLeasesAsync(IReadOnlyCollection<string> shipSymbols, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipSymbols);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            IReadOnlyList<string> renewed = [.. shipSymbols
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Where(ship => RenewLocked(ship, owner, now + duration))];
            return Task.FromResult(renewed);
        }
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store is never away, so it never runs the keepers.</remarks>
    public IDisposable RegisterLeaseKeeper(Func<CancellationToken, Task> renewLeases)
    {
        ArgumentNullException.ThrowIfNull(renewLeases);
        return NoRegistration.Instance;
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            if (_leases.TryGetValue(shipSymbol, out var row) && string.Equals(row.Owner, owner, StringComparison.Ordinal))
            {
                row.Owner = null;
                row.ExpiresAt = DateTimeOffset.MinValue;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<SessionReport> reports = [.. _sessions.Values
                .Where(s => Matches(s.Start, query))
                .OrderBy(s => s.Start.At)
                .ThenBy(s => s.Start.SessionId)
                .Select(s => Report(s, asOf))];
            return Task.FromResult(reports);
        }
    }

    /// <inheritdoc />
    /// <remarks>Sessions without a known ship type are grouped under <c>unknown</c>.</remarks>
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken)
        => GetGroupReportsAsync(grouping, asOf, null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<GroupReport> reports = [.. _sessions.Values
                .Where(s => reset is null || string.Equals(s.Start.Reset, reset, StringComparison.Ordinal))
                .Select(s => Report(s, asOf))
                .GroupBy(r => grouping switch
                {
                    ReportGrouping.Ship => r.ShipSymbol,
                    ReportGrouping.ShipType => r.ShipType ?? UnknownShipType,
                    ReportGrouping.Behaviour => r.BehaviourId + "@" + r.BehaviourVersion,
                    ReportGrouping.Agent => r.AgentSymbol,
                    _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping."),
                }, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GroupReport(g.Key, g.Count(), g.Sum(r => r.Requests), g.Sum(r => r.CreditsEarned), g.Sum(r => r.Hours)))];
            return Task.FromResult(reports);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentSymbol);
        lock (_gate)
        {
            IReadOnlyList<CreditPoint> points = _movements.TryGetValue(agentSymbol, out var list)
                ? [.. list.Select(m => new CreditPoint(m.At, m.BalanceAfter))]
                : [];
            return Task.FromResult(points);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentSymbol);
        lock (_gate)
        {
            IReadOnlyList<CreditMovementRecord> movements = _movements.TryGetValue(agentSymbol, out var list) ? [.. list] : [];
            return Task.FromResult(movements);
        }
    }

    /// <inheritdoc />
    public Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = query.From?.UtcTicks ?? long.MinValue;
        var to = query.To?.UtcTicks ?? long.MaxValue;
        var waits = new List<long>();
        long attempts = 0, rateLimited = 0, delayed = 0, waitSum = 0;
        lock (_gate)
        {
            foreach (var ((agent, node, runId, reset), entries) in _requests)
            {
                if ((query.AgentSymbol is not null && !string.Equals(agent, query.AgentSymbol, StringComparison.Ordinal))
                    || (query.Node is not null && !string.Equals(node, query.Node, StringComparison.Ordinal))
                    || (query.RunId is not null && runId != query.RunId)
                    || (query.Reset is not null && !string.Equals(reset, query.Reset, StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach (var chunk in entries.Chunks())
                {
                    foreach (var entry in chunk.Span)
                    {
                        if (entry.AtTicks < from || entry.AtTicks >= to)
                        {
                            continue;
                        }

                        waits.Add(entry.QueueWaitTicks);
                        waitSum += entry.QueueWaitTicks;
                        attempts += entry.Attempts;
                        rateLimited += entry.RateLimited;
                        delayed += entry.Delayed ? 1 : 0;
                    }
                }
            }
        }

        if (waits.Count == 0)
        {
            return Task.FromResult(RequestFigures.None);
        }

        waits.Sort();
        return Task.FromResult(new RequestFigures(
            waits.Count,
            attempts,
            rateLimited,
            delayed,
            TimeSpan.FromTicks(waitSum / waits.Count),
            RequestFigures.Percentile(waits, 0.5),
            RequestFigures.Percentile(waits, 0.99)));
    }

    /// <inheritdoc />
    /// <remarks>Minutes are whole UTC minutes; a minute is included when its start lies in [the minute of <paramref name="from"/>, <paramref name="to"/>).</remarks>
    public Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = FloorTicks(from, TimeSpan.TicksPerMinute);
        lock (_gate)
        {
            IReadOnlyList<MinuteReport> reports = [.. _minutes
                .Where(m => m.Key >= first && m.Key < to.UtcTicks)
                .Select(m => m.Value.ToReport(m.Key))];
            return Task.FromResult(reports);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken)
        => GetRunSaturationAsync(runId, null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = reset is null ? _runMinutes.TryGetValue(runId, out var minutes) : _runResetMinutes.TryGetValue((runId, reset), out minutes);
            IReadOnlyList<MinuteReport> reports = found ? [.. minutes!.Select(m => m.Value.ToReport(m.Key))] : [];
            return Task.FromResult(reports);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<string> resets = [.. _resets];
            return Task.FromResult(resets);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        lock (_gate)
        {
            IReadOnlyList<MarketHourSummary> summaries = [.. _hours
                .Where(h => string.Equals(h.Key.Waypoint, waypointSymbol, StringComparison.Ordinal)
                    && (tradeSymbol is null || string.Equals(h.Key.Good, tradeSymbol, StringComparison.Ordinal)))
                .OrderBy(h => h.Key.Hour)
                .ThenBy(h => h.Key.Good, StringComparer.Ordinal)
                .Select(h => h.Value.ToSummary(h.Key.Waypoint, h.Key.Good, h.Key.Hour))];
            return Task.FromResult(summaries);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Every raw observation older than <see cref="MarketHistoryOptions.RawWindow"/> is merged into the summary of
    /// its hour (count, min, max, mean and last) and deleted, so each observation is rolled up exactly once and a
    /// second run at the same time changes nothing. Summaries whose hour started before
    /// <see cref="MarketHistoryOptions.SummaryRetention"/> are deleted.
    /// </remarks>
    public Task<JanitorReport> RollUpMarketHistoryAsync(DateTimeOffset now, MarketHistoryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rawCutoff = now - options.RawWindow;
        var summaryCutoff = (now - options.SummaryRetention).UtcTicks;
        lock (_gate)
        {
            var touched = new HashSet<(string, string, long)>();
            var kept = new List<MarketObservationRecord>(_rawMarket.Count);
            foreach (var observation in _rawMarket)
            {
                if (observation.At >= rawCutoff)
                {
                    kept.Add(observation);
                    continue;
                }

                var key = (observation.WaypointSymbol, observation.TradeSymbol, FloorTicks(observation.At, TimeSpan.TicksPerHour));
                if (!_hours.TryGetValue(key, out var hour))
                {
                    _hours[key] = hour = new HourRow();
                }

                hour.Add(observation);
                touched.Add(key);
            }

            var rawPruned = _rawMarket.Count - kept.Count;
            _rawMarket.Clear();
            _rawMarket.AddRange(kept);

            var expired = _hours.Keys.Where(k => k.Hour < summaryCutoff).ToList();
            foreach (var key in expired)
            {
                _hours.Remove(key);
            }

            Count(StoreTables.MarketHours, touched.Count);
            return Task.FromResult(new JanitorReport(touched.Count, rawPruned, expired.Count));
        }
    }

    /// <inheritdoc />
    public StoreStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new StoreStatistics(new Dictionary<string, long>(_rows, StringComparer.Ordinal), _batches, 0);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static long FloorTicks(DateTimeOffset at, long unit) => at.UtcTicks - (at.UtcTicks % unit);

    private static bool Matches(SessionStartedRecord session, SessionQuery query) =>
        (query.AgentSymbol is null || string.Equals(session.AgentSymbol, query.AgentSymbol, StringComparison.Ordinal))
        && (query.ShipSymbol is null || string.Equals(session.ShipSymbol, query.ShipSymbol, StringComparison.Ordinal))
        && (query.SessionId is null || session.SessionId == query.SessionId)
        && (query.RunId is null || session.RunId == query.RunId)
        && (query.Reset is null || string.Equals(session.Reset, query.Reset, StringComparison.Ordinal));

    private SessionReport Report(SessionRow session, DateTimeOffset asOf)
    {
        var start = session.Start;
        var end = session.End?.At;
        var until = end ?? asOf;
        var hours = until > start.At ? (until - start.At).TotalHours : 0;
        var totals = _sessionTotals.GetValueOrDefault(start.SessionId);
        return new SessionReport(
            start.SessionId,
            start.AgentSymbol,
            start.ShipSymbol,
            start.ShipType,
            start.BehaviourId,
            start.BehaviourVersion,
            start.Conductor,
            start.At,
            end,
            session.End?.Outcome,
            totals?.Requests ?? 0,
            totals?.Credits ?? 0,
            hours)
        {
            Node = start.Node,
            Reason = session.End?.Reason,
            Reset = start.Reset,
            RunId = start.RunId,
        };
    }

    /// <summary>Gives a lease to <paramref name="owner"/>; taking an expired lease from another owner closes its open sessions of the ship. Call under <see cref="_gate"/>.</summary>
    private void Take(string shipSymbol, LeaseRow row, string owner, DateTimeOffset expiresAt)
    {
        if (row.Owner is { } previous && !string.Equals(previous, owner, StringComparison.Ordinal))
        {
            var lapsedAt = row.ExpiresAt;
            foreach (var session in _sessions.Values)
            {
                if (session.End is null
                    && string.Equals(session.Start.ShipSymbol, shipSymbol, StringComparison.Ordinal)
                    && string.Equals(session.Start.Node, previous, StringComparison.Ordinal))
                {
                    var endedAt = lapsedAt > session.Start.At ? lapsedAt : session.Start.At;
                    session.End = new SessionEndedRecord(session.Start.SessionId, LeaseTakeovers.Outcome, LeaseTakeovers.Reason(previous, owner, lapsedAt), endedAt);
                    Count(StoreTables.Sessions, 1);
                }
            }
        }

        row.Owner = owner;
        row.ExpiresAt = expiresAt;
    }

    /// <summary>Renews a lease held by <paramref name="owner"/> (or released); never one another owner holds or held last. Call under <see cref="_gate"/>.</summary>
    private bool RenewLocked(string shipSymbol, string owner, DateTimeOffset expiresAt)
    {
        if (!_leases.TryGetValue(shipSymbol, out var row)
            || (row.Owner is not null && !string.Equals(row.Owner, owner, StringComparison.Ordinal)))
        {
            return false;
        }

        row.Owner = owner;
        row.ExpiresAt = expiresAt;
        return true;
    }

    private LeaseRow Register(string shipSymbol, string agentSymbol)
    {
        if (!_leases.TryGetValue(shipSymbol, out var row))
        {
            _leases[shipSymbol] = row = new LeaseRow(agentSymbol);
        }

        return row;
    }

    private long AddRequest(RequestRecordedRecord request)
    {
        var key = (request.AgentSymbol, request.Node, request.RunId, request.Reset);
        if (!_requests.TryGetValue(key, out var entries))
        {
            _requests[key] = entries = new ChunkedLog<RequestEntry>();
        }

        NoteReset(request.Reset);

        entries.Add(new RequestEntry(request.At.UtcTicks, request.QueueWait.Ticks, request.Attempts, (ushort)Math.Clamp(request.RateLimited, 0, ushort.MaxValue), request.Delayed));

        if (request.SessionId is { } sessionId)
        {
            Totals(sessionId).Requests++;
        }

        var minute = FloorTicks(request.At, TimeSpan.TicksPerMinute);
        AddToMinute(_minutes, minute, request);
        if (request.RunId is { } runId)
        {
            if (!_runMinutes.TryGetValue(runId, out var run))
            {
                _runMinutes[runId] = run = [];
            }

            AddToMinute(run, minute, request);
            if (request.Reset is { } reset)
            {
                if (!_runResetMinutes.TryGetValue((runId, reset), out var runReset))
                {
                    _runResetMinutes[(runId, reset)] = runReset = [];
                }

                AddToMinute(runReset, minute, request);
            }
        }

        return 1;
    }

    /// <summary>Keeps a reset date seen on a record, for <see cref="GetResetsAsync"/>. Call under <see cref="_gate"/>.</summary>
    private void NoteReset(string? reset)
    {
        if (reset is not null)
        {
            _resets.Add(reset);
        }
    }

    private static void AddToMinute(SortedDictionary<long, MinuteTotals> minutes, long minute, RequestRecordedRecord request)
    {
        if (!minutes.TryGetValue(minute, out var totals))
        {
            minutes[minute] = totals = new MinuteTotals();
        }

        totals.Requests++;
        totals.RateLimited += request.RateLimited;
        totals.Delayed += request.Delayed ? 1 : 0;
        totals.QueueWaitTicks += request.QueueWait.Ticks;
    }

    private long AddMovement(CreditMovementRecord movement)
    {
        if (!_movements.TryGetValue(movement.AgentSymbol, out var list))
        {
            _movements[movement.AgentSymbol] = list = [];
        }

        // Keep the list in time order even if a record arrives late; equal times keep their arrival order.
        var index = list.Count;
        while (index > 0 && list[index - 1].At > movement.At)
        {
            index--;
        }

        list.Insert(index, movement);
        if (movement.SessionId is { } sessionId)
        {
            Totals(sessionId).Credits += movement.Amount;
        }

        return 1;
    }

    private SessionTotals Totals(Guid sessionId)
    {
        if (!_sessionTotals.TryGetValue(sessionId, out var totals))
        {
            _sessionTotals[sessionId] = totals = new SessionTotals();
        }

        return totals;
    }

    private void Count(string table, long rows) => _rows[table] = _rows.GetValueOrDefault(table) + rows;

    /// <summary>How the store keeps one record type: the table its rows count in, and the write (returns the rows written).</summary>
    private sealed record RecordWriter(string Table, Func<StoreRecord, long> Write);

    /// <summary>One request as the request figures need it: 24 bytes, a week of a saturated fleet's requests in about 35 MB.</summary>
    private readonly record struct RequestEntry(long AtTicks, long QueueWaitTicks, int Attempts, ushort RateLimited, bool Delayed);

    private sealed class NoRegistration : IDisposable
    {
        public static NoRegistration Instance { get; } = new();

        public void Dispose()
        {
        }
    }

    private sealed class LeaseRow(string agent)
    {
        public string Agent { get; } = agent;

        public string? Owner { get; set; }

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MinValue;

        public bool IsFree(DateTimeOffset now) => Owner is null || ExpiresAt <= now;
    }

    private sealed class SessionRow(SessionStartedRecord start)
    {
        public SessionStartedRecord Start { get; } = start;

        public SessionEndedRecord? End { get; set; }
    }

    private sealed class SessionTotals
    {
        public long Requests { get; set; }

        public long Credits { get; set; }
    }

    private sealed class MinuteTotals
    {
        public int Requests { get; set; }

        public int RateLimited { get; set; }

        public int Delayed { get; set; }

        public long QueueWaitTicks { get; set; }

        public MinuteReport ToReport(long minuteTicks) => new(
            new DateTimeOffset(minuteTicks, TimeSpan.Zero),
            Requests,
            RateLimited,
            Delayed,
            TimeSpan.FromTicks(QueueWaitTicks / Math.Max(1, Requests)));
    }

    private sealed class HourRow
    {
        private int _count;
        private long _purchaseSum;
        private long _sellSum;
        private int _minPurchase = int.MaxValue;
        private int _maxPurchase = int.MinValue;
        private int _minSell = int.MaxValue;
        private int _maxSell = int.MinValue;
        private MarketObservationRecord? _last;

        public void Add(MarketObservationRecord observation)
        {
            _count++;
            _purchaseSum += observation.PurchasePrice;
            _sellSum += observation.SellPrice;
            _minPurchase = Math.Min(_minPurchase, observation.PurchasePrice);
            _maxPurchase = Math.Max(_maxPurchase, observation.PurchasePrice);
            _minSell = Math.Min(_minSell, observation.SellPrice);
            _maxSell = Math.Max(_maxSell, observation.SellPrice);
            if (_last is null || observation.At >= _last.At)
            {
                _last = observation;
            }
        }

        public MarketHourSummary ToSummary(string waypoint, string good, long hour) => new(
            waypoint,
            good,
            new DateTimeOffset(hour, TimeSpan.Zero),
            _count,
            _minPurchase,
            _maxPurchase,
            (double)_purchaseSum / _count,
            _last!.PurchasePrice,
            _minSell,
            _maxSell,
            (double)_sellSum / _count,
            _last.SellPrice,
            _last.TradeVolume,
            _last.Supply);
    }
}
