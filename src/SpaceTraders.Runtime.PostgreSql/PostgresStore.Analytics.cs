using Npgsql;
using NpgsqlTypes;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.PostgreSql;

/// <content>Analytics (CPR, CPH, credits over time, saturation) and market history, as SQL.</content>
public sealed partial class PostgresStore
{
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const long TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>
    /// Every session with its requests and net credits from <c>spacetraders.session_counts</c> (migration 6), which the
    /// triggers on the requests and credit movements keep: nothing grouped at read time.
    /// </summary>
    private const string CountedSessionTotals = """
        (SELECT s.*,
                coalesce(c.requests, 0) AS requests,
                coalesce(c.credits_earned, 0) AS credits_earned
         FROM spacetraders.sessions s
         LEFT JOIN spacetraders.session_counts c USING (session_id)) session_totals
        """;

    /// <summary>
    /// Every session with its requests and net credits (a database before migration 6), as the <c>spacetraders.session_totals</c> view has them, but
    /// counted in one pass over the requests and credit movements (grouped by session and joined) rather than one index
    /// probe per session: a week's 50,000-100,000 sessions read in a fraction of the time (benchmarks/results/week-history.md).
    /// The view's probes stay the better plan for the few sessions of one ship or one session.
    /// </summary>
    private const string AllSessionTotals = """
        (SELECT s.*,
                coalesce(r.requests, 0) AS requests,
                coalesce(c.credits_earned, 0) AS credits_earned
         FROM spacetraders.sessions s
         LEFT JOIN (SELECT session_id, count(*) AS requests
                    FROM spacetraders.requests WHERE session_id IS NOT NULL GROUP BY 1) r USING (session_id)
         LEFT JOIN (SELECT session_id, sum(amount)::bigint AS credits_earned
                    FROM spacetraders.credit_movements WHERE session_id IS NOT NULL GROUP BY 1) c USING (session_id)) session_totals
        """;

    /// <summary>Whether the database has been seen to hold <c>spacetraders.session_counts</c> (it never goes away).</summary>
    private volatile bool _hasSessionCounts;

    /// <inheritdoc />
    /// <remarks>
    /// Reads the <c>spacetraders.session_totals</c> view (requests and net credits per session) for one ship or one session,
    /// else the same totals counted in one pass; a session's duration
    /// runs to its end, or to <paramref name="asOf"/> while it runs, and is never negative. Sessions are ordered by
    /// start, then by id (PostgreSQL's uuid order is <see cref="Guid.CompareTo(Guid)"/>'s).
    /// </remarks>
    public async Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = query.ShipSymbol is null && query.SessionId is null;
        return await RunAsync<IReadOnlyList<SessionReport>>(
            async connection =>
            {
                var totals = !all ? "spacetraders.session_totals" : await HasSessionCountsAsync(connection, cancellationToken).ConfigureAwait(false) ? CountedSessionTotals : AllSessionTotals;
                // The source is one of the constants above, never input.
                using var command = new NpgsqlCommand(
                    $"""
                    SELECT session_id, agent_symbol, ship_symbol, ship_type, behaviour_id, behaviour_version, conductor,
                           started_ticks, ended_ticks, outcome, requests, credits_earned,
                           greatest(0, coalesce(ended_ticks, @as_of) - started_ticks) AS duration_ticks, node, reason, reset, run_id
                    FROM {totals}
                    WHERE (@agent IS NULL OR agent_symbol = @agent)
                      AND (@ship IS NULL OR ship_symbol = @ship)
                      AND (@session IS NULL OR session_id = @session)
                      AND (@run IS NULL OR run_id = @run)
                      AND (@reset IS NULL OR reset = @reset)
                    ORDER BY started_ticks, session_id
                    """,
                    connection);
                command.Parameters.AddWithValue("as_of", asOf.UtcTicks);
                command.Parameters.Add(OptionalParameter("agent", NpgsqlDbType.Text, query.AgentSymbol));
                command.Parameters.Add(OptionalParameter("ship", NpgsqlDbType.Text, query.ShipSymbol));
                command.Parameters.Add(OptionalParameter("session", NpgsqlDbType.Uuid, query.SessionId));
                command.Parameters.Add(OptionalParameter("run", NpgsqlDbType.Uuid, query.RunId));
                command.Parameters.Add(OptionalParameter("reset", NpgsqlDbType.Text, query.Reset));
                var reports = new List<SessionReport>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    reports.Add(new SessionReport(
                        reader.GetGuid(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetString(4),
                        reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        Time(reader.GetInt64(7)),
                        reader.IsDBNull(8) ? null : Time(reader.GetInt64(8)),
                        reader.IsDBNull(9) ? null : SessionOutcomes.Parse(reader.GetString(9)),
                        reader.GetInt64(10),
                        reader.GetInt64(11),
                        TimeSpan.FromTicks(reader.GetInt64(12)).TotalHours)
                    {
                        Node = reader.GetString(13),
                        Reason = reader.IsDBNull(14) ? null : reader.GetString(14),
                        Reset = reader.IsDBNull(15) ? null : reader.GetString(15),
                        RunId = reader.IsDBNull(16) ? null : reader.GetGuid(16),
                    });
                }

                return reports;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the database holds migration 6's session counts: a store that migrated it does; a history (which never
    /// migrates) may read an older one, whose sessions are counted from the requests and credit movements instead.
    /// </summary>
    private async Task<bool> HasSessionCountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_hasSessionCounts)
        {
            return true;
        }

        using var command = new NpgsqlCommand("SELECT to_regclass('spacetraders.session_counts') IS NOT NULL", connection);
        return _hasSessionCounts = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sums the sessions' requests, net credits and hours per group in SQL (the totals counted in one pass). Keys: the ship symbol, the ship type
    /// (<c>unknown</c> when not recorded), <c>id@version</c>, or the agent; ordered ordinally. Each session's hours are
    /// its duration in ticks divided as <see cref="TimeSpan.TotalHours"/> divides them, summed in the order the
    /// sessions were appended, so the figures are the in-memory store's to the last bit.
    /// </remarks>
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken)
        => GetGroupReportsAsync(grouping, asOf, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>As <see cref="GetGroupReportsAsync(ReportGrouping, DateTimeOffset, CancellationToken)"/>, over the sessions of <paramref name="reset"/> (every session when <see langword="null"/>).</remarks>
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken)
        => GetGroupReportsAsync(grouping, asOf, reset, null, cancellationToken);

    /// <summary>As <see cref="GetGroupReportsAsync(ReportGrouping, DateTimeOffset, string, CancellationToken)"/>, over the sessions of one run (every run's when <paramref name="runId"/> is <see langword="null"/>).</summary>
    internal async Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, Guid? runId, CancellationToken cancellationToken)
    {
        var key = grouping switch
        {
            ReportGrouping.Ship => "ship_symbol",
            ReportGrouping.ShipType => "coalesce(ship_type, 'unknown')",
            ReportGrouping.Behaviour => "behaviour_id || '@' || behaviour_version",
            ReportGrouping.Agent => "agent_symbol",
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping."),
        };

        return await RunAsync<IReadOnlyList<GroupReport>>(
            async connection =>
            {
                var sessions = await HasSessionCountsAsync(connection, cancellationToken).ConfigureAwait(false) ? CountedSessionTotals : AllSessionTotals;

                // The key expression and the source are constants above, never input.
                using var command = new NpgsqlCommand(
                    $"""
                    SELECT {key} AS key,
                           count(*)::integer,
                           sum(requests)::bigint,
                           sum(credits_earned)::bigint,
                           coalesce(sum(greatest(0, coalesce(ended_ticks, @as_of) - started_ticks)::double precision / @ticks_per_hour
                                        ORDER BY start_writer_seq), 0)
                    FROM {sessions}
                    WHERE (@reset IS NULL OR reset = @reset)
                      AND (@run IS NULL OR run_id = @run)
                    GROUP BY 1
                    """,
                    connection);
                command.Parameters.AddWithValue("as_of", asOf.UtcTicks);
                command.Parameters.Add(OptionalParameter("reset", NpgsqlDbType.Text, reset));
                command.Parameters.Add(OptionalParameter("run", NpgsqlDbType.Uuid, runId));
                command.Parameters.AddWithValue("ticks_per_hour", (double)TicksPerHour);
                var reports = new List<GroupReport>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    reports.Add(new GroupReport(
                        reader.GetString(0),
                        reader.GetInt32(1),
                        reader.GetInt64(2),
                        reader.GetInt64(3),
                        reader.GetDouble(4)));
                }

                reports.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                return reports;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken)
        => GetCreditsOverTimeAsync(agentSymbol, null, cancellationToken);

    /// <summary>As <see cref="GetCreditsOverTimeAsync(string, CancellationToken)"/>, from the movements one run recorded (every run's when <paramref name="runId"/> is <see langword="null"/>).</summary>
    internal async Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, Guid? runId, CancellationToken cancellationToken)
    {
        var movements = await GetCreditMovementsAsync(agentSymbol, runId, cancellationToken).ConfigureAwait(false);
        return [.. movements.Select(m => new CreditPoint(m.At, m.BalanceAfter))];
    }

    /// <inheritdoc />
    /// <remarks>Ordered by time, then by the order they were appended.</remarks>
    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken)
        => GetCreditMovementsAsync(agentSymbol, null, cancellationToken);

    /// <summary>As <see cref="GetCreditMovementsAsync(string, CancellationToken)"/>, the movements one run recorded (every run's when <paramref name="runId"/> is <see langword="null"/>).</summary>
    internal async Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, Guid? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentSymbol);
        return await RunAsync<IReadOnlyList<CreditMovementRecord>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT session_id, agent_symbol, kind, amount, balance_after, ship_symbol, trade_symbol, units, at_ticks, run_id, node, reset
                    FROM spacetraders.credit_movements
                    WHERE agent_symbol = @agent AND (@run IS NULL OR run_id = @run)
                    ORDER BY at_ticks, writer_seq, writer_id
                    """,
                    connection);
                command.Parameters.AddWithValue("agent", agentSymbol);
                command.Parameters.Add(OptionalParameter("run", NpgsqlDbType.Uuid, runId));
                var movements = new List<CreditMovementRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    movements.Add(new CreditMovementRecord(
                        reader.IsDBNull(0) ? null : reader.GetGuid(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt64(3),
                        reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetInt32(7),
                        Time(reader.GetInt64(8)))
                    {
                        RunId = reader.IsDBNull(9) ? null : reader.GetGuid(9),
                        Node = reader.IsDBNull(10) ? null : reader.GetString(10),
                        Reset = reader.IsDBNull(11) ? null : reader.GetString(11),
                    });
                }

                return movements;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One aggregate over the matching rows; the percentiles are <c>percentile_disc</c> over the queue waits in ticks
    /// (the nearest rank, as <see cref="RequestFigures.Percentile"/> computes it), the mean the summed wait divided by the
    /// requests in whole ticks.
    /// </remarks>
    public async Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await RunAsync(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT count(*),
                           coalesce(sum(attempts), 0)::bigint,
                           coalesce(sum(rate_limited), 0)::bigint,
                           count(*) FILTER (WHERE delayed),
                           coalesce(sum(queue_wait_ticks), 0)::bigint,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY queue_wait_ticks),
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY queue_wait_ticks)
                    FROM spacetraders.requests
                    WHERE (@agent IS NULL OR agent_symbol = @agent)
                      AND (@node IS NULL OR node = @node)
                      AND (@run IS NULL OR run_id = @run)
                      AND (@reset IS NULL OR reset = @reset)
                      AND (@from IS NULL OR at_ticks >= @from)
                      AND (@to IS NULL OR at_ticks < @to)
                    """,
                    connection);
                command.Parameters.Add(OptionalParameter("agent", NpgsqlDbType.Text, query.AgentSymbol));
                command.Parameters.Add(OptionalParameter("node", NpgsqlDbType.Text, query.Node));
                command.Parameters.Add(OptionalParameter("run", NpgsqlDbType.Uuid, query.RunId));
                command.Parameters.Add(OptionalParameter("from", NpgsqlDbType.Bigint, query.From?.UtcTicks));
                command.Parameters.Add(OptionalParameter("to", NpgsqlDbType.Bigint, query.To?.UtcTicks));
                command.Parameters.Add(OptionalParameter("reset", NpgsqlDbType.Text, query.Reset));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var requests = reader.GetInt64(0);
                if (requests == 0)
                {
                    return RequestFigures.None;
                }

                return new RequestFigures(
                    requests,
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    TimeSpan.FromTicks(reader.GetInt64(4) / requests),
                    TimeSpan.FromTicks(reader.GetInt64(5)),
                    TimeSpan.FromTicks(reader.GetInt64(6)));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Requests grouped by the whole UTC minute they started in; a minute is included when its start lies in [the
    /// minute of <paramref name="from"/>, <paramref name="to"/>). The mean queue wait is the summed wait divided by
    /// the requests, in whole ticks.
    /// </remarks>
    public Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => GetSaturationAsync(from, to, null, cancellationToken);

    /// <summary>As <see cref="GetSaturationAsync(DateTimeOffset, DateTimeOffset, CancellationToken)"/>, the requests one run recorded (every run's when <paramref name="runId"/> is <see langword="null"/>).</summary>
    internal async Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, Guid? runId, CancellationToken cancellationToken)
    {
        return await RunAsync<IReadOnlyList<MinuteReport>>(
            async connection =>
            {
                // The run's condition is a constant fragment (its value a parameter): a run reads the requests_run index.
                using var command = new NpgsqlCommand(
                    $"""
                    SELECT at_ticks - at_ticks % @minute AS minute_ticks,
                           count(*)::integer,
                           sum(rate_limited)::integer,
                           (count(*) FILTER (WHERE delayed))::integer,
                           sum(queue_wait_ticks)::bigint
                    FROM spacetraders.requests
                    WHERE at_ticks >= @from AND at_ticks - at_ticks % @minute < @to{(runId is null ? string.Empty : " AND run_id = @run")}
                    GROUP BY 1
                    ORDER BY 1
                    """,
                    connection);
                command.Parameters.AddWithValue("minute", TicksPerMinute);
                command.Parameters.AddWithValue("from", from.UtcTicks - (from.UtcTicks % TicksPerMinute));
                command.Parameters.AddWithValue("to", to.UtcTicks);
                if (runId is { } run)
                {
                    command.Parameters.AddWithValue("run", run);
                }

                return await ReadMinutesAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Reads the run's requests through the <c>requests_run</c> index, grouped by whole UTC minute, as <see cref="GetSaturationAsync(DateTimeOffset, DateTimeOffset, CancellationToken)"/> does.</remarks>
    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken)
        => GetRunSaturationAsync(runId, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reads the run's requests of the reset through the <c>requests_run_reset</c> index, grouped by whole UTC minute.</remarks>
    public async Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken)
    {
        return await RunAsync<IReadOnlyList<MinuteReport>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT at_ticks - at_ticks % @minute AS minute_ticks,
                           count(*)::integer,
                           sum(rate_limited)::integer,
                           (count(*) FILTER (WHERE delayed))::integer,
                           sum(queue_wait_ticks)::bigint
                    FROM spacetraders.requests
                    WHERE run_id = @run AND (@reset IS NULL OR reset = @reset)
                    GROUP BY 1
                    ORDER BY 1
                    """,
                    connection);
                command.Parameters.AddWithValue("minute", TicksPerMinute);
                command.Parameters.AddWithValue("run", runId);
                command.Parameters.Add(OptionalParameter("reset", NpgsqlDbType.Text, reset));
                return await ReadMinutesAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Every reset an agent or a session was recorded in (agents are written when a fleet starts, so every reset played has one).</remarks>
    public Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken) => GetResetsAsync(null, cancellationToken);

    /// <summary>The resets one run played (its sessions' and requests'), or every reset when <paramref name="runId"/> is <see langword="null"/>, oldest first.</summary>
    internal async Task<IReadOnlyList<string>> GetResetsAsync(Guid? runId, CancellationToken cancellationToken)
    {
        return await RunAsync<IReadOnlyList<string>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    runId is null
                        ? """
                          SELECT reset FROM spacetraders.agents WHERE reset <> ''
                          UNION
                          SELECT DISTINCT reset FROM spacetraders.sessions WHERE reset IS NOT NULL
                          ORDER BY 1
                          """
                        : """
                          SELECT DISTINCT reset FROM spacetraders.sessions WHERE run_id = @run AND reset IS NOT NULL
                          UNION
                          SELECT DISTINCT reset FROM spacetraders.requests WHERE run_id = @run AND reset IS NOT NULL
                          ORDER BY 1
                          """,
                    connection);
                if (runId is { } run)
                {
                    command.Parameters.AddWithValue("run", run);
                }

                var resets = new List<string>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    resets.Add(reader.GetString(0));
                }

                resets.Sort(StringComparer.Ordinal);
                return resets;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The rolled-up hours only (raw observations inside the window are not summarised yet), oldest first, then by good.</remarks>
    public async Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return await RunAsync<IReadOnlyList<MarketHourSummary>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT waypoint_symbol, trade_symbol, hour_ticks, observations,
                           min_purchase, max_purchase, sum_purchase, last_purchase,
                           min_sell, max_sell, sum_sell, last_sell, last_trade_volume, last_supply
                    FROM spacetraders.market_hours
                    WHERE waypoint_symbol = @waypoint AND (@trade IS NULL OR trade_symbol = @trade)
                    ORDER BY hour_ticks, trade_symbol COLLATE "C"
                    """,
                    connection);
                command.Parameters.AddWithValue("waypoint", waypointSymbol);
                command.Parameters.Add(OptionalParameter("trade", NpgsqlDbType.Text, tradeSymbol));
                var hours = new List<MarketHourSummary>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var observations = reader.GetInt32(3);
                    hours.Add(new MarketHourSummary(
                        reader.GetString(0),
                        reader.GetString(1),
                        Time(reader.GetInt64(2)),
                        observations,
                        reader.GetInt32(4),
                        reader.GetInt32(5),
                        (double)reader.GetInt64(6) / observations,
                        reader.GetInt32(7),
                        reader.GetInt32(8),
                        reader.GetInt32(9),
                        (double)reader.GetInt64(10) / observations,
                        reader.GetInt32(11),
                        reader.GetInt32(12),
                        reader.GetString(13)));
                }

                return hours;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// One transaction under an advisory lock (one node rolls up at a time): raw observations older than
    /// <c>now - RawWindow</c> are deleted and, in the same statement, folded into their hour's summary (an hour
    /// rolled up in two passes merges exactly: counts and sums add, minima and maxima combine, the later "last"
    /// wins); then summaries whose hour started before <c>now - SummaryRetention</c> are deleted.
    /// </para>
    /// </remarks>
    public async Task<JanitorReport> RollUpMarketHistoryAsync(DateTimeOffset now, MarketHistoryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = await RunAsync(
            async connection =>
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var transactionScope = transaction.ConfigureAwait(false);
                using (var @lock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    @lock.Parameters.AddWithValue("key", PostgresSchema.RollUpLockKey);
                    await @lock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                int rolledUp, rawPruned, summariesPruned;
                using (var rollUp = new NpgsqlCommand(
                    """
                    WITH gone AS (
                        DELETE FROM spacetraders.market_observations WHERE at_ticks < @raw_cutoff
                        RETURNING waypoint_symbol, trade_symbol, purchase_price, sell_price, trade_volume, supply, at_ticks, writer_seq
                    ), hours AS (
                        SELECT waypoint_symbol, trade_symbol, at_ticks - at_ticks % @hour AS hour_ticks,
                               count(*)::integer AS observations,
                               min(purchase_price) AS min_purchase, max(purchase_price) AS max_purchase, sum(purchase_price)::bigint AS sum_purchase,
                               (array_agg(purchase_price ORDER BY at_ticks DESC, writer_seq DESC))[1] AS last_purchase,
                               min(sell_price) AS min_sell, max(sell_price) AS max_sell, sum(sell_price)::bigint AS sum_sell,
                               (array_agg(sell_price ORDER BY at_ticks DESC, writer_seq DESC))[1] AS last_sell,
                               (array_agg(trade_volume ORDER BY at_ticks DESC, writer_seq DESC))[1] AS last_trade_volume,
                               (array_agg(supply ORDER BY at_ticks DESC, writer_seq DESC))[1] AS last_supply,
                               max(at_ticks) AS last_ticks,
                               (array_agg(writer_seq ORDER BY at_ticks DESC, writer_seq DESC))[1] AS last_writer_seq
                        FROM gone
                        GROUP BY 1, 2, 3
                    ), merged AS (
                        INSERT INTO spacetraders.market_hours AS h
                            (waypoint_symbol, trade_symbol, hour_ticks, observations,
                             min_purchase, max_purchase, sum_purchase, last_purchase,
                             min_sell, max_sell, sum_sell, last_sell, last_trade_volume, last_supply, last_ticks, last_writer_seq)
                        SELECT * FROM hours
                        ON CONFLICT (waypoint_symbol, trade_symbol, hour_ticks) DO UPDATE SET
                            observations = h.observations + excluded.observations,
                            min_purchase = least(h.min_purchase, excluded.min_purchase),
                            max_purchase = greatest(h.max_purchase, excluded.max_purchase),
                            sum_purchase = h.sum_purchase + excluded.sum_purchase,
                            min_sell = least(h.min_sell, excluded.min_sell),
                            max_sell = greatest(h.max_sell, excluded.max_sell),
                            sum_sell = h.sum_sell + excluded.sum_sell,
                            last_purchase = CASE WHEN (excluded.last_ticks, excluded.last_writer_seq) >= (h.last_ticks, h.last_writer_seq) THEN excluded.last_purchase ELSE h.last_purchase END,
                            last_sell = CASE WHEN (excluded.last_ticks, excluded.last_writer_seq) >= (h.last_ticks, h.last_writer_seq) THEN excluded.last_sell ELSE h.last_sell END,
                            last_trade_volume = CASE WHEN (excluded.last_ticks, excluded.last_writer_seq) >= (h.last_ticks, h.last_writer_seq) THEN excluded.last_trade_volume ELSE h.last_trade_volume END,
                            last_supply = CASE WHEN (excluded.last_ticks, excluded.last_writer_seq) >= (h.last_ticks, h.last_writer_seq) THEN excluded.last_supply ELSE h.last_supply END,
                            last_writer_seq = CASE WHEN (excluded.last_ticks, excluded.last_writer_seq) >= (h.last_ticks, h.last_writer_seq) THEN excluded.last_writer_seq ELSE h.last_writer_seq END,
                            last_ticks = greatest(h.last_ticks, excluded.last_ticks)
                        RETURNING 1
                    )
                    SELECT (SELECT count(*) FROM merged)::integer, (SELECT count(*) FROM gone)::integer
                    """,
                    connection,
                    transaction))
                {
                    rollUp.Parameters.AddWithValue("raw_cutoff", (now - options.RawWindow).UtcTicks);
                    rollUp.Parameters.AddWithValue("hour", TicksPerHour);
                    var reader = await rollUp.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    rolledUp = reader.GetInt32(0);
                    rawPruned = reader.GetInt32(1);
                }

                using (var prune = new NpgsqlCommand("DELETE FROM spacetraders.market_hours WHERE hour_ticks < @cutoff", connection, transaction))
                {
                    prune.Parameters.AddWithValue("cutoff", (now - options.SummaryRetention).UtcTicks);
                    summariesPruned = await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new JanitorReport(rolledUp, rawPruned, summariesPruned);
            },
            cancellationToken).ConfigureAwait(false);

        lock (_gate)
        {
            _rowsWritten[StoreTables.MarketHours] = _rowsWritten.GetValueOrDefault(StoreTables.MarketHours) + report.HoursRolledUp;
        }

        return report;
    }

    /// <summary>Reads minute rows: the minute's ticks, requests, 429s, delayed requests and summed queue wait.</summary>
    private static async Task<IReadOnlyList<MinuteReport>> ReadMinutesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var minutes = new List<MinuteReport>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var requests = reader.GetInt32(1);
            minutes.Add(new MinuteReport(
                Time(reader.GetInt64(0)),
                requests,
                reader.GetInt32(2),
                reader.GetInt32(3),
                TimeSpan.FromTicks(reader.GetInt64(4) / requests)));
        }

        return minutes;
    }

    private static NpgsqlParameter OptionalParameter<T>(string name, NpgsqlDbType type, T? value) =>
        new(name, type) { Value = (object?)value ?? DBNull.Value };
}
