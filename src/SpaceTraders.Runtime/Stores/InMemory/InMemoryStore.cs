using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// The default <see cref="IStore"/>: everything in the process's memory, for simulations and tests. Records are
/// durable as soon as <see cref="Append"/> returns; leases are shared by every dispatcher given the same instance.
/// </summary>
/// <remarks>
/// <para>
/// Requests are kept as per-session and per-minute totals (all runs together and per run) plus 16 bytes each (time,
/// queue wait, attempts, 429s, delay: see <see cref="RequestEntry"/>) for the per-node figures and queue-wait percentiles; credit movements as
/// 64-byte entries (names and run, node and reset as ids; read back as records), sessions as one row each with what
/// sessions share kept once, ship parts and agents as their latest values, market observations raw inside the raw
/// window and as hourly summaries after <see cref="RollUpMarketHistoryAsync"/>. So memory grows with sessions, credit
/// movements and markets, and only by a small fixed amount per request (a 7-day week12 run: about 22 MB of requests,
/// 21 MB of movements, 6 MB of sessions).
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
    private readonly Dictionary<SessionKind, SessionKind> _sessionKinds = [];
    private readonly SortedDictionary<long, MinuteTotals> _minutes = [];
    private readonly Dictionary<Guid, SortedDictionary<long, MinuteTotals>> _runMinutes = [];
    private readonly Dictionary<(Guid RunId, string Reset), SortedDictionary<long, MinuteTotals>> _runResetMinutes = [];
    private readonly SortedSet<string> _resets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChunkedLog<MovementEntry>> _movements = new(StringComparer.Ordinal);
    private readonly IdTable<string> _symbols = new(StringComparer.Ordinal);
    private readonly IdTable<MovementScope> _scopes = new();
    private readonly Dictionary<(string Ship, string Part), ShipPartValue> _shipParts = [];
    private readonly Dictionary<string, AgentSnapshotRecord> _agents = new(StringComparer.Ordinal);
    private readonly List<MarketObservationRecord> _rawMarket = [];
    private readonly Dictionary<(string Waypoint, string Good, long Hour), HourRow> _hours = [];
    private readonly Dictionary<(string Agent, string? Node, Guid? RunId, string? Reset), ChunkedLog<RequestEntry>> _requests = [];
    private readonly List<RequestCounts> _requestCountsAside = [];
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
        var kind = new SessionKind(
            SharedName(started.AgentSymbol),
            started.ShipType is null ? null : SharedName(started.ShipType),
            SharedName(started.BehaviourId),
            SharedName(started.BehaviourVersion),
            started.Conductor is null ? null : SharedName(started.Conductor),
            SharedName(started.Node),
            started.RunId,
            started.Reset is null ? null : SharedName(started.Reset));
        if (!_sessionKinds.TryGetValue(kind, out var shared))
        {
            _sessionKinds.Add(kind, shared = kind);
        }

        var row = new SessionRow(started.SessionId, shared, SharedName(started.ShipSymbol), started.At);
        // The totals counted so far (on the row a repeated start replaces, or aside for a start written late) carry over.
        SessionTotals? totals = _sessions.TryGetValue(started.SessionId, out var previous) ? previous : null;
        if (totals is not null || _sessionTotals.Remove(started.SessionId, out totals))
        {
            row.Requests = totals.Requests;
            row.Credits = totals.Credits;
        }

        _sessions[started.SessionId] = row;
        NoteReset(started.Reset);
        return 1;
    }

    private long WriteSessionEnded(SessionEndedRecord ended)
    {
        if (_sessions.TryGetValue(ended.SessionId, out var session))
        {
            session.End(ended.Outcome, ended.Reason is null ? null : SharedName(ended.Reason), ended.At);
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
                // Free for anyone to acquire, but still the owner's: only its renewal takes it back (a release whose
                // answer was lost), never another node's that lost it earlier.
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
                .Where(s => Matches(s, query))
                .OrderBy(s => s.StartedAt)
                .ThenBy(s => s.SessionId)
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
                .Where(s => reset is null || string.Equals(s.Kind.Reset, reset, StringComparison.Ordinal))
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
                ? [.. list.Snapshot().Select(m => new CreditPoint(m.At, m.BalanceAfter))]
                : [];
            return Task.FromResult(points);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The list is a snapshot that makes each record when it is read (the store keeps movements as 64-byte entries, not
    /// as records): read it once into what you need rather than keeping its records.
    /// </remarks>
    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentSymbol);
        lock (_gate)
        {
            IReadOnlyList<CreditMovementRecord> movements = _movements.TryGetValue(agentSymbol, out var list)
                ? new MovementList(agentSymbol, list.Snapshot(), _symbols.ToArray(), _scopes.ToArray())
                : [];
            return Task.FromResult(movements);
        }
    }

    /// <inheritdoc />
    public Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = query.From?.UtcTicks ?? long.MinValue;
        var to = query.To?.UtcTicks ?? long.MaxValue;
        long[] waits;
        var count = 0;
        long attempts = 0, rateLimited = 0, delayed = 0, waitSum = 0;
        lock (_gate)
        {
            // Counted first, so the waits (a week of a saturated fleet: 1.4 million, 11 MB) take one array of the exact
            // size rather than a list that doubles past it.
            var logs = _requests
                .Where(r => (query.AgentSymbol is null || string.Equals(r.Key.Agent, query.AgentSymbol, StringComparison.Ordinal))
                    && (query.Node is null || string.Equals(r.Key.Node, query.Node, StringComparison.Ordinal))
                    && (query.RunId is null || r.Key.RunId == query.RunId)
                    && (query.Reset is null || string.Equals(r.Key.Reset, query.Reset, StringComparison.Ordinal)))
                .Select(r => r.Value)
                .ToList();
            var matching = 0;
            foreach (var entries in logs)
            {
                foreach (var chunk in entries.Chunks())
                {
                    foreach (var entry in chunk.Span)
                    {
                        matching += entry.AtTicks >= from && entry.AtTicks < to ? 1 : 0;
                    }
                }
            }

            waits = new long[matching];
            foreach (var entries in logs)
            {
                foreach (var chunk in entries.Chunks())
                {
                    foreach (var entry in chunk.Span)
                    {
                        if (entry.AtTicks < from || entry.AtTicks >= to)
                        {
                            continue;
                        }

                        var counts = entry.Counts(_requestCountsAside);
                        waits[count++] = counts.QueueWaitTicks;
                        waitSum += counts.QueueWaitTicks;
                        attempts += counts.Attempts;
                        rateLimited += counts.RateLimited;
                        delayed += entry.Delayed ? 1 : 0;
                    }
                }
            }
        }

        if (waits.Length == 0)
        {
            return Task.FromResult(RequestFigures.None);
        }

        Array.Sort(waits);
        return Task.FromResult(new RequestFigures(
            waits.Length,
            attempts,
            rateLimited,
            delayed,
            TimeSpan.FromTicks(waitSum / waits.Length),
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

    private static bool Matches(SessionRow session, SessionQuery query) =>
        (query.AgentSymbol is null || string.Equals(session.Kind.AgentSymbol, query.AgentSymbol, StringComparison.Ordinal))
        && (query.ShipSymbol is null || string.Equals(session.ShipSymbol, query.ShipSymbol, StringComparison.Ordinal))
        && (query.SessionId is null || session.SessionId == query.SessionId)
        && (query.RunId is null || session.Kind.RunId == query.RunId)
        && (query.Reset is null || string.Equals(session.Kind.Reset, query.Reset, StringComparison.Ordinal));

    private static SessionReport Report(SessionRow session, DateTimeOffset asOf)
    {
        var kind = session.Kind;
        var end = session.EndedAt;
        var until = end ?? asOf;
        var hours = until > session.StartedAt ? (until - session.StartedAt).TotalHours : 0;
        return new SessionReport(
            session.SessionId,
            kind.AgentSymbol,
            session.ShipSymbol,
            kind.ShipType,
            kind.BehaviourId,
            kind.BehaviourVersion,
            kind.Conductor,
            session.StartedAt,
            end,
            session.Outcome,
            session.Requests,
            session.Credits,
            hours)
        {
            Node = kind.Node,
            Reason = session.Reason,
            Reset = kind.Reset,
            RunId = kind.RunId,
        };
    }

    /// <summary>Gives a lease to <paramref name="owner"/>; taking an expired lease from another owner closes its open sessions of the ship. Call under <see cref="_gate"/>.</summary>
    private void Take(string shipSymbol, LeaseRow row, string owner, DateTimeOffset expiresAt)
    {
        // A released lease is handed over, not taken over: its owner closed its sessions before releasing it.
        if (row.Owner is { } previous && !row.Released && !string.Equals(previous, owner, StringComparison.Ordinal))
        {
            var lapsedAt = row.ExpiresAt;
            foreach (var session in _sessions.Values)
            {
                if (session.EndedAt is null
                    && string.Equals(session.ShipSymbol, shipSymbol, StringComparison.Ordinal)
                    && string.Equals(session.Kind.Node, previous, StringComparison.Ordinal))
                {
                    var endedAt = lapsedAt > session.StartedAt ? lapsedAt : session.StartedAt;
                    session.End(LeaseTakeovers.Outcome, LeaseTakeovers.Reason(previous, owner, lapsedAt), endedAt);
                    Count(StoreTables.Sessions, 1);
                }
            }
        }

        row.Owner = owner;
        row.ExpiresAt = expiresAt;
    }

    /// <summary>Renews a lease held by <paramref name="owner"/> (or released by it); never one another owner holds or held last. Call under <see cref="_gate"/>.</summary>
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

        var counts = new RequestCounts(request.QueueWait.Ticks, request.Attempts, Math.Clamp(request.RateLimited, 0, ushort.MaxValue));
        entries.Add(RequestEntry.Create(request.At.UtcTicks, counts, request.Delayed, _requestCountsAside));

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
            _movements[movement.AgentSymbol] = list = new ChunkedLog<MovementEntry>();
        }

        var entry = MovementEntry.From(movement, Symbol(movement.Kind), Symbol(movement.ShipSymbol), Symbol(movement.TradeSymbol), Scope(new MovementScope(movement.RunId, movement.Node, movement.Reset)));

        // Keep the list in time order even if a record arrives late; equal times keep their arrival order.
        var index = list.Count;
        while (index > 0 && list[index - 1].AtUtcTicks > entry.AtUtcTicks)
        {
            index--;
        }

        list.Insert(index, entry);
        if (movement.SessionId is { } sessionId)
        {
            Totals(sessionId).Credits += movement.Amount;
        }

        return 1;
    }

    /// <summary>The id of a kind, ship or good name kept with credit movements (-1 for none). Call under <see cref="_gate"/>.</summary>
    private int Symbol(string? name) => name is null ? -1 : _symbols.Id(name);

    /// <summary>The id of a run, node and reset kept with credit movements. Call under <see cref="_gate"/>.</summary>
    private int Scope(MovementScope scope) => _scopes.Id(scope);

    /// <summary>A session's request and credit totals: on its row, or kept aside until its start is written.</summary>
    private SessionTotals Totals(Guid sessionId)
    {
        if (_sessions.TryGetValue(sessionId, out var row))
        {
            return row;
        }

        if (!_sessionTotals.TryGetValue(sessionId, out var totals))
        {
            _sessionTotals[sessionId] = totals = new SessionTotals();
        }

        return totals;
    }

    private void Count(string table, long rows) => _rows[table] = _rows.GetValueOrDefault(table) + rows;

    /// <summary>How the store keeps one record type: the table its rows count in, and the write (returns the rows written).</summary>
    private sealed record RecordWriter(string Table, Func<StoreRecord, long> Write);

    /// <summary>The run, node and reset of a credit movement (a run has a handful: one id for all its movements).</summary>
    private readonly record struct MovementScope(Guid? RunId, string? Node, string? Reset);

    /// <summary>
    /// One credit movement as the store keeps it: 64 bytes, where a <see cref="CreditMovementRecord"/> takes about 140 (a
    /// saturated fleet makes 300,000 a week). Names are ids in the store's symbol list, run, node and reset one id of its
    /// scope list; <see cref="ToRecord"/> gives back the record that was written, field for field.
    /// </summary>
    private readonly record struct MovementEntry(
        long AtUtcTicks,
        long Amount,
        long BalanceAfter,
        Guid SessionId,
        int Units,
        int Kind,
        int Ship,
        int Good,
        int Scope,
        short OffsetMinutes,
        byte Flags)
    {
        private const byte HasSession = 1;
        private const byte HasUnits = 2;

        public DateTimeOffset At => new(AtUtcTicks + (OffsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(OffsetMinutes));

        public static MovementEntry From(CreditMovementRecord movement, int kind, int ship, int good, int scope) => new(
            movement.At.UtcTicks,
            movement.Amount,
            movement.BalanceAfter,
            movement.SessionId ?? Guid.Empty,
            movement.Units ?? 0,
            kind,
            ship,
            good,
            scope,
            checked((short)movement.At.TotalOffsetMinutes),
            (byte)((movement.SessionId is null ? 0 : HasSession) | (movement.Units is null ? 0 : HasUnits)));

        public CreditMovementRecord ToRecord(string agentSymbol, string[] symbols, MovementScope[] scopes)
        {
            var scope = scopes[Scope];
            return new CreditMovementRecord(
                (Flags & HasSession) != 0 ? SessionId : null,
                agentSymbol,
                symbols[Kind],
                Amount,
                BalanceAfter,
                Ship < 0 ? null : symbols[Ship],
                Good < 0 ? null : symbols[Good],
                (Flags & HasUnits) != 0 ? Units : null,
                At)
            {
                RunId = scope.RunId,
                Node = scope.Node,
                Reset = scope.Reset,
            };
        }
    }

    /// <summary>An agent's credit movements at one moment: each record is made when it is read.</summary>
    private sealed class MovementList(string agentSymbol, ChunkedLog<MovementEntry>.View entries, string[] symbols, MovementScope[] scopes) : IReadOnlyList<CreditMovementRecord>
    {
        public int Count => entries.Count;

        public CreditMovementRecord this[int index] => entries[index].ToRecord(agentSymbol, symbols, scopes);

        public IEnumerator<CreditMovementRecord> GetEnumerator()
        {
            for (var i = 0; i < entries.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

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

        /// <summary>
        /// Gets whether <see cref="Owner"/> released the lease (free to acquire; its renewal alone takes it back): a release
        /// sets the expiry to <see cref="DateTimeOffset.MinValue"/>, which no lease taken or renewed has (as PostgreSQL's 0).
        /// </summary>
        public bool Released => Owner is not null && ExpiresAt == DateTimeOffset.MinValue;

        public bool IsFree(DateTimeOffset now) => Owner is null || ExpiresAt <= now;
    }

    /// <summary>
    /// What sessions share: agent, ship type, behaviour, conductor, node, run and reset (a week has about 50,000
    /// sessions and a few dozen kinds, so each row keeps one reference instead of eight).
    /// </summary>
    private sealed record SessionKind(
        string AgentSymbol,
        string? ShipType,
        string BehaviourId,
        string BehaviourVersion,
        string? Conductor,
        string Node,
        Guid? RunId,
        string? Reset);

    /// <summary>A session as the store keeps it: its own fields, its shared <see cref="SessionKind"/>, its end and its totals.</summary>
    private sealed class SessionRow(Guid sessionId, SessionKind kind, string shipSymbol, DateTimeOffset startedAt) : SessionTotals
    {
        public Guid SessionId { get; } = sessionId;

        public SessionKind Kind { get; } = kind;

        public string ShipSymbol { get; } = shipSymbol;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public DateTimeOffset? EndedAt { get; private set; }

        public SessionOutcome? Outcome { get; private set; }

        public string? Reason { get; private set; }

        public void End(SessionOutcome outcome, string? reason, DateTimeOffset at)
        {
            Outcome = outcome;
            Reason = reason;
            EndedAt = at;
        }
    }

    private class SessionTotals
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

        // The hour's latest observation, as the summary needs it (not the record: a week keeps about 100,000 hours).
        private long _lastAtUtcTicks = long.MinValue;
        private int _lastPurchase;
        private int _lastSell;
        private int _lastVolume;
        private string? _lastSupply;

        public void Add(MarketObservationRecord observation)
        {
            _count++;
            _purchaseSum += observation.PurchasePrice;
            _sellSum += observation.SellPrice;
            _minPurchase = Math.Min(_minPurchase, observation.PurchasePrice);
            _maxPurchase = Math.Max(_maxPurchase, observation.PurchasePrice);
            _minSell = Math.Min(_minSell, observation.SellPrice);
            _maxSell = Math.Max(_maxSell, observation.SellPrice);
            if (_count == 1 || observation.At.UtcTicks >= _lastAtUtcTicks)
            {
                _lastAtUtcTicks = observation.At.UtcTicks;
                _lastPurchase = observation.PurchasePrice;
                _lastSell = observation.SellPrice;
                _lastVolume = observation.TradeVolume;
                _lastSupply = observation.Supply;
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
            _lastPurchase,
            _minSell,
            _maxSell,
            (double)_sellSum / _count,
            _lastSell,
            _lastVolume,
            _lastSupply!);
    }
}
