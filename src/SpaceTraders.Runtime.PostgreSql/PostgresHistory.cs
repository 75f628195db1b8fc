using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>
/// A read-only view of the database a <see cref="PostgresStore"/> writes, without a runtime: a fleet's history examined
/// later (the dashboard's <c>--dashboard-only</c> mode, through <see cref="IStoreHistory"/>). Every connection is opened with
/// <c>default_transaction_read_only=on</c>, no migration is applied and nothing is ever written.
/// </summary>
/// <remarks>
/// <para>
/// The store's own analytics (<see cref="GetSessionReportsAsync"/>, <see cref="GetGroupReportsAsync(ReportGrouping, DateTimeOffset, string, CancellationToken)"/>,
/// <see cref="GetCreditMovementsAsync"/>, <see cref="GetSaturationAsync"/>, <see cref="GetMarketHistoryAsync"/>) answer
/// exactly as <see cref="PostgresStore"/> does (over one run's rows when <see cref="RunId"/> is set); the rest reads what a live view otherwise takes from the runtime's memory:
/// the ships' last recorded parts, a ship's latest requests and credit movements, pauses and resumes, markets and a
/// timeline.
/// </para>
/// <para>The connection string's password is never logged nor put in an exception message.</para>
/// </remarks>
public sealed class PostgresHistory : IStoreHistory
{
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;

    /// <summary>The settings of every history connection: read-only, and no JIT compilation.</summary>
    private const string HistoryOptions = "-c default_transaction_read_only=on -c jit=off";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStore _store;

    /// <summary>Initializes a new instance of the <see cref="PostgresHistory"/> class.</summary>
    /// <param name="connectionString">An Npgsql connection string to the store's database.</param>
    /// <param name="loggerFactory">Where Npgsql logs, if anywhere.</param>
    public PostgresHistory(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "spacetraders-history",
        };
        // No JIT: the history's queries read a week's rows in well under a second, and PostgreSQL's JIT, which their
        // estimated cost sets off, spends half a second compiling each of them (benchmarks/results/week-history.md).
        parts.Options = string.IsNullOrWhiteSpace(parts.Options)
            ? HistoryOptions
            : parts.Options + " " + HistoryOptions;
        var builder = new NpgsqlDataSourceBuilder(parts.ConnectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        _dataSource = builder.Build();
        _store = new PostgresStore(_dataSource, new PostgresStoreOptions { LoggerFactory = loggerFactory });
        Database = _store.Database;
    }

    /// <summary>Gets the backend's name: <c>postgres</c>.</summary>
    public string Name => _store.Name;

    /// <summary>Gets the database as <c>host:port/database as user</c>: never the password.</summary>
    public string Database { get; }

    /// <summary>
    /// Gets the run this history shows (<see cref="FleetRuntime.RunId"/>, the <c>run_id</c> its rows carry), or
    /// <see langword="null"/> (the default) for every row of the database, those written without a run id included.
    /// </summary>
    /// <remarks>
    /// With a run, every query of sessions, requests and credit movements reads that run's rows only (through the
    /// <c>*_run</c> indexes); the agents and ships are those the run played, in the last server reset it played, as the
    /// store last wrote them (another run of the same agent may have written them since); markets are every run's.
    /// </remarks>
    public Guid? RunId { get; init; }

    /// <summary>The SQL condition <c>AND {column} = @run</c> when the history shows one run, else nothing: a constant fragment, the run a parameter (<see cref="AddRun"/>).</summary>
    private string RunCondition(string column) => RunId is null ? string.Empty : $" AND {column} = @run";

    /// <summary>Adds the <c>@run</c> parameter when the history shows one run.</summary>
    private void AddRun(NpgsqlCommand command)
    {
        if (RunId is { } run)
        {
            command.Parameters.AddWithValue("run", run);
        }
    }

    /// <summary>
    /// The first (or last) value of <paramref name="column"/> in a run's rows of <paramref name="table"/>, as a SQL scalar
    /// read by one probe of the table's <c>(run_id, column)</c> index.
    /// </summary>
    /// <remarks>
    /// The run is a range (<c>run_id &gt;= r AND run_id &lt;= r</c>) and the order is <c>run_id, column</c>: with
    /// <c>run_id = r</c> the planner takes <c>min(at_ticks)</c> from the time index and filters it by run, assuming the
    /// run's rows spread over time, and reads every earlier run's rows first (1.5 s for the newest of seven daily runs
    /// over a week's requests, benchmarks/results/week-history.md); only the run's index gives this order. Every
    /// argument is a constant of this class.
    /// </remarks>
    private static string RunProbe(string table, string column, string select, bool last = false, string run = "@run", string filter = "")
    {
        var direction = last ? " DESC" : string.Empty;
        return $"(SELECT {select} FROM spacetraders.{table} WHERE run_id >= {run} AND run_id <= {run}{filter} ORDER BY run_id{direction}, {column}{direction} LIMIT 1)";
    }

    /// <summary>
    /// The run's last server reset, as a SQL scalar (<c>NULL</c> for rows without one): the reset of its latest session
    /// and of its latest request, the later in text order, each read by one backward probe of a <c>*_run</c> index.
    /// </summary>
    private static readonly string RunResetSql =
        $"(SELECT max(r COLLATE \"C\") FROM (SELECT {RunProbe("sessions", "started_ticks", "reset", last: true)} UNION ALL SELECT {RunProbe("requests", "at_ticks", "reset", last: true)}) x(r))";

    /// <summary>The agents the run played, as a SQL set: its sessions' agents and its first request's.</summary>
    private static readonly string RunAgentsSql =
        $"(SELECT agent_symbol FROM spacetraders.sessions WHERE run_id = @run UNION SELECT {RunProbe("requests", "at_ticks", "agent_symbol")})";

    /// <summary>
    /// Gets every run the database holds: each run id its requests, sessions or credit movements carry, with its first and
    /// last record and its agents, whichever run this history shows. Rows written before run ids were recorded (schema
    /// migration 3) are in no run.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The runs, oldest first: by their first record, then (runs that start together) by their last.</returns>
    /// <remarks>
    /// The run ids are found by a skip scan of the <c>requests_run</c> index (one probe per run, not a read of every
    /// request) and of the sessions; each run's first and last moments by probes of the <c>*_run</c> indexes.
    /// </remarks>
    public Task<IReadOnlyList<StoredRun>> GetRunsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredRun>>(
            async connection =>
            {
                // A database before migration 3 has no run ids: no run.
                using (var columns = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'spacetraders' AND table_name = 'requests' AND column_name = 'run_id')", connection))
                {
                    if (await columns.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                    {
                        return [];
                    }
                }

                using var command = new NpgsqlCommand(
                    $"""
                    WITH RECURSIVE request_runs(run_id) AS (
                        (SELECT run_id FROM spacetraders.requests WHERE run_id IS NOT NULL ORDER BY run_id LIMIT 1)
                        UNION ALL
                        SELECT (SELECT q.run_id FROM spacetraders.requests q WHERE q.run_id > r.run_id ORDER BY q.run_id LIMIT 1)
                        FROM request_runs r WHERE r.run_id IS NOT NULL),
                    runs AS (
                        SELECT run_id FROM request_runs WHERE run_id IS NOT NULL
                        UNION
                        SELECT DISTINCT run_id FROM spacetraders.sessions WHERE run_id IS NOT NULL)
                    SELECT r.run_id,
                           least({RunProbe("sessions", "started_ticks", "started_ticks", run: "r.run_id")},
                                 {RunProbe("requests", "at_ticks", "at_ticks", run: "r.run_id")},
                                 {RunProbe("credit_movements", "at_ticks", "at_ticks", run: "r.run_id")}),
                           greatest((SELECT max(coalesce(ended_ticks, started_ticks) + 0) FROM spacetraders.sessions WHERE run_id = r.run_id),
                                    {RunProbe("requests", "at_ticks", "at_ticks", last: true, run: "r.run_id")},
                                    {RunProbe("credit_movements", "at_ticks", "at_ticks", last: true, run: "r.run_id")}),
                           array(SELECT DISTINCT a FROM (
                                     SELECT agent_symbol FROM spacetraders.sessions WHERE run_id = r.run_id
                                     UNION ALL
                                     SELECT {RunProbe("requests", "at_ticks", "agent_symbol", run: "r.run_id")}) x(a)
                                 WHERE a IS NOT NULL)
                    FROM runs r
                    """,
                    connection);
                var runs = new List<StoredRun>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var agents = reader.GetFieldValue<string[]>(3);
                    Array.Sort(agents, StringComparer.Ordinal);
                    runs.Add(new StoredRun(reader.GetGuid(0), Time(reader.GetInt64(1)), Time(reader.GetInt64(2)), agents));
                }

                // By start; runs that start together (virtual-time runs all start at the simulator's epoch) by end.
                runs.Sort((a, b) => a.FirstAt != b.FirstAt ? a.FirstAt.CompareTo(b.FirstAt) : a.LastAt != b.LastAt ? a.LastAt.CompareTo(b.LastAt) : a.RunId.CompareTo(b.RunId));
                return runs;
            },
            cancellationToken);

    /// <summary>Checks that the database holds the store's schema.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the schema is there.</returns>
    /// <exception cref="InvalidOperationException">The database cannot be reached, or holds no SpaceTraders store.</exception>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        int version;
        try
        {
            version = await RunAsync(
                async connection =>
                {
                    using var command = new NpgsqlCommand(
                        "SELECT coalesce((SELECT max(version) FROM spacetraders.schema_migrations), 0) WHERE to_regclass('spacetraders.schema_migrations') IS NOT NULL",
                        connection);
                    var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    return value is int found ? found : 0;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // PostgreSQL resolves the table when it plans the query, whatever the WHERE clause says: no schema, no store.
            version = 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw new InvalidOperationException($"The database {Database} could not be read: {ex.Message}", ex);
        }

        if (version < 2)
        {
            throw new InvalidOperationException($"The database {Database} holds no SpaceTraders store (schema spacetraders, migrations 1-2): run the bot runner with --postgres on it first.");
        }
    }

    /// <inheritdoc cref="IStoreReports.GetSessionReportsAsync"/>
    /// <remarks>A history of one run reads that run's sessions unless the query names a run.</remarks>
    public Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.GetSessionReportsAsync(query.RunId is null && RunId is not null ? query with { RunId = RunId } : query, asOf, cancellationToken);
    }

    /// <inheritdoc cref="IStoreReports.GetGroupReportsAsync(ReportGrouping, DateTimeOffset, CancellationToken)"/>
    /// <remarks>A history of one run groups that run's sessions.</remarks>
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        _store.GetGroupReportsAsync(grouping, asOf, null, RunId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetGroupReportsAsync(ReportGrouping, DateTimeOffset, string, CancellationToken)"/>
    /// <remarks>A history of one run groups that run's sessions.</remarks>
    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken) =>
        _store.GetGroupReportsAsync(grouping, asOf, reset, RunId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetResetsAsync"/>
    /// <remarks>A history of one run: the resets that run played.</remarks>
    public Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken) => _store.GetResetsAsync(RunId, cancellationToken);

    /// <summary>
    /// Gets the current server reset: the latest one an agent was written in (<c>yyyy-MM-dd</c>), or <see langword="null"/>
    /// when the database holds none with a reset (rows written before resets were recorded). The agents and ships read here
    /// are this reset's. A history of one run: the last reset that run played (of its latest session and request).
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The reset, or <see langword="null"/>.</returns>
    public Task<string?> GetCurrentResetAsync(CancellationToken cancellationToken) =>
        RunAsync(connection => ReadCurrentResetAsync(connection, cancellationToken), cancellationToken);

    private async Task<string?> ReadCurrentResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(
            RunId is null ? "SELECT max(reset COLLATE \"C\") FROM spacetraders.agents WHERE reset <> ''" : "SELECT nullif(" + RunResetSql + ", '')",
            connection);
        AddRun(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc cref="IStoreReports.GetCreditsOverTimeAsync"/>
    /// <remarks>A history of one run: that run's movements.</remarks>
    public Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken) =>
        _store.GetCreditsOverTimeAsync(agentSymbol, RunId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetRequestFiguresAsync"/>
    /// <remarks>A history of one run counts that run's requests unless the query names a run.</remarks>
    public Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.GetRequestFiguresAsync(query.RunId is null && RunId is not null ? query with { RunId = RunId } : query, cancellationToken);
    }

    /// <inheritdoc cref="IStoreReports.GetRunSaturationAsync(Guid, CancellationToken)"/>
    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken) =>
        _store.GetRunSaturationAsync(runId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetRunSaturationAsync(Guid, string, CancellationToken)"/>
    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken) =>
        _store.GetRunSaturationAsync(runId, reset, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetCreditMovementsAsync"/>
    /// <remarks>A history of one run: that run's movements.</remarks>
    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken) =>
        _store.GetCreditMovementsAsync(agentSymbol, RunId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetSaturationAsync"/>
    /// <remarks>A history of one run: that run's requests.</remarks>
    public Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _store.GetSaturationAsync(from, to, RunId, cancellationToken);

    /// <inheritdoc cref="IStoreReports.GetMarketHistoryAsync"/>
    public Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken) =>
        _store.GetMarketHistoryAsync(waypointSymbol, tradeSymbol, cancellationToken);

    /// <summary>Gets the first and the last time anything was recorded (sessions, requests, credit movements).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The span, or <see langword="null"/> for an empty database.</returns>
    /// <remarks>A history of one run: that run's records' (probes of the <c>*_run</c> indexes).</remarks>
    public Task<(DateTimeOffset First, DateTimeOffset Last)?> GetSpanAsync(CancellationToken cancellationToken) =>
        RunAsync<(DateTimeOffset, DateTimeOffset)?>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    RunId is null
                        ? """
                          SELECT min(t), max(t) FROM (
                              SELECT min(started_ticks) AS t FROM spacetraders.sessions
                              UNION ALL SELECT max(coalesce(ended_ticks, started_ticks)) FROM spacetraders.sessions
                              UNION ALL SELECT min(at_ticks) FROM spacetraders.requests
                              UNION ALL SELECT max(at_ticks) FROM spacetraders.requests
                              UNION ALL SELECT min(at_ticks) FROM spacetraders.credit_movements
                              UNION ALL SELECT max(at_ticks) FROM spacetraders.credit_movements) x
                          """
                        : $"""
                          SELECT min(t), max(t) FROM (
                              SELECT {RunProbe("sessions", "started_ticks", "started_ticks")} AS t
                              UNION ALL SELECT (SELECT max(coalesce(ended_ticks, started_ticks) + 0) FROM spacetraders.sessions WHERE run_id = @run)
                              UNION ALL SELECT {RunProbe("requests", "at_ticks", "at_ticks")}
                              UNION ALL SELECT {RunProbe("requests", "at_ticks", "at_ticks", last: true)}
                              UNION ALL SELECT {RunProbe("credit_movements", "at_ticks", "at_ticks")}
                              UNION ALL SELECT {RunProbe("credit_movements", "at_ticks", "at_ticks", last: true)}) x
                          """,
                    connection);
                AddRun(command);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return reader.IsDBNull(0) ? null : (Time(reader.GetInt64(0)), Time(reader.GetInt64(1)));
            },
            cancellationToken);

    /// <summary>Gets every agent of the current server reset as last written: credits and the agent's record (the same symbol in an earlier reset was another agent).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The agents, by symbol.</returns>
    /// <remarks>A history of one run: the agents that run played, in the last reset it played.</remarks>
    public Task<IReadOnlyList<StoredAgent>> GetAgentsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredAgent>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    RunId is null
                        ? "SELECT agent_symbol, credits, data::text, seen_ticks FROM spacetraders.agents WHERE reset = (SELECT coalesce(max(reset COLLATE \"C\"), '') FROM spacetraders.agents) ORDER BY agent_symbol COLLATE \"C\""
                        : $"SELECT agent_symbol, credits, data::text, seen_ticks FROM spacetraders.agents WHERE reset = coalesce({RunResetSql}, '') AND agent_symbol IN {RunAgentsSql} ORDER BY agent_symbol COLLATE \"C\"",
                    connection);
                AddRun(command);
                var agents = new List<StoredAgent>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    agents.Add(new StoredAgent(reader.GetString(0), reader.GetInt64(1), Parse<Agent>(reader.GetString(2)), Time(reader.GetInt64(3))));
                }

                return agents;
            },
            cancellationToken);

    /// <summary>Gets every ship's last recorded parts, in the current server reset (that of the latest agent written).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The ships, by symbol.</returns>
    /// <remarks>A history of one run: the ships that had a session in that run, in the last reset it played.</remarks>
    public Task<IReadOnlyList<StoredShip>> GetShipsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredShip>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    RunId is null
                        ? "SELECT ship_symbol, agent_symbol, part, data::text, taken_ticks FROM spacetraders.ship_parts WHERE reset = (SELECT coalesce(max(reset COLLATE \"C\"), '') FROM spacetraders.agents) ORDER BY ship_symbol COLLATE \"C\""
                        : $"SELECT ship_symbol, agent_symbol, part, data::text, taken_ticks FROM spacetraders.ship_parts WHERE reset = coalesce({RunResetSql}, '') AND ship_symbol IN (SELECT ship_symbol FROM spacetraders.sessions WHERE run_id = @run) ORDER BY ship_symbol COLLATE \"C\"",
                    connection);
                AddRun(command);
                var ships = new List<StoredShip>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                StoredShip? ship = null;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var symbol = reader.GetString(0);
                    if (ship is null || !string.Equals(ship.Symbol, symbol, StringComparison.Ordinal))
                    {
                        if (ship is not null)
                        {
                            ships.Add(ship);
                        }

                        ship = new StoredShip(symbol, reader.GetString(1), Time(reader.GetInt64(4)));
                    }

                    ship = WithPart(ship, reader.GetString(2), reader.GetString(3)) with
                    {
                        ChangedAt = Time(Math.Max(ship.ChangedAt.UtcTicks, reader.GetInt64(4))),
                    };
                }

                if (ship is not null)
                {
                    ships.Add(ship);
                }

                return ships;
            },
            cancellationToken);

    /// <summary>Gets a ship's latest requests (those of its sessions), newest first.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The requests.</returns>
    public Task<IReadOnlyList<RequestRecordedRecord>> GetShipRequestsAsync(string shipSymbol, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipSymbol);
        return RunAsync<IReadOnlyList<RequestRecordedRecord>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    $"""
                    SELECT q.session_id, q.agent_symbol, q.method, q.endpoint, q.status, q.priority, q.queue_wait_ticks,
                           q.duration_ticks, q.attempts, q.rate_limited, q.delayed, q.at_ticks
                    FROM spacetraders.requests q
                    JOIN spacetraders.sessions s ON s.session_id = q.session_id
                    WHERE s.ship_symbol = @ship{RunCondition("s.run_id")}
                    ORDER BY q.at_ticks DESC, q.writer_seq DESC
                    LIMIT @limit
                    """,
                    connection);
                AddRun(command);
                command.Parameters.AddWithValue("ship", shipSymbol);
                command.Parameters.AddWithValue("limit", Math.Max(0, limit));
                var requests = new List<RequestRecordedRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    requests.Add(new RequestRecordedRecord(
                        reader.IsDBNull(0) ? null : reader.GetGuid(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetInt32(4),
                        reader.GetString(5),
                        TimeSpan.FromTicks(reader.GetInt64(6)),
                        TimeSpan.FromTicks(reader.GetInt64(7)),
                        reader.GetInt32(8),
                        reader.GetInt32(9),
                        reader.GetBoolean(10),
                        Time(reader.GetInt64(11))));
                }

                return requests;
            },
            cancellationToken);
    }

    /// <summary>Gets a ship's latest credit movements (its sessions' and those naming it), newest first.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The movements.</returns>
    public Task<IReadOnlyList<CreditMovementRecord>> GetShipCreditMovementsAsync(string shipSymbol, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipSymbol);
        return RunAsync<IReadOnlyList<CreditMovementRecord>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    $"""
                    SELECT m.session_id, m.agent_symbol, m.kind, m.amount, m.balance_after, m.ship_symbol, m.trade_symbol, m.units, m.at_ticks
                    FROM spacetraders.credit_movements m
                    WHERE (m.ship_symbol = @ship
                           OR m.session_id IN (SELECT session_id FROM spacetraders.sessions WHERE ship_symbol = @ship)){RunCondition("m.run_id")}
                    ORDER BY m.at_ticks DESC, m.writer_seq DESC
                    LIMIT @limit
                    """,
                    connection);
                AddRun(command);
                command.Parameters.AddWithValue("ship", shipSymbol);
                command.Parameters.AddWithValue("limit", Math.Max(0, limit));
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
                        Time(reader.GetInt64(8))));
                }

                return movements;
            },
            cancellationToken);
    }

    /// <summary>
    /// Gets the latest pauses (sessions that ended <c>paused</c>, with the conductor's reason) and resumes (the next
    /// session of a paused ship), newest first, each with the agent's request figures of the minute before.
    /// </summary>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    public Task<IReadOnlyList<ShipControlEvent>> GetControlEventsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ShipControlEvent>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    $"""
                    WITH events AS (
                        SELECT agent_symbol, ship_symbol, ended_ticks AS at_ticks, 'paused' AS kind, coalesce(reason, 'paused by the conductor') AS reason
                        FROM spacetraders.sessions WHERE outcome = 'paused'{RunCondition("run_id")}
                        UNION ALL
                        SELECT agent_symbol, ship_symbol, started_ticks, 'resumed', 'resumed by the conductor'
                        FROM (SELECT *, lag(outcome) OVER (PARTITION BY ship_symbol ORDER BY started_ticks, session_id) AS previous
                              FROM spacetraders.sessions WHERE true{RunCondition("run_id")}) s
                        WHERE previous = 'paused'
                        ORDER BY 3 DESC
                        LIMIT @limit)
                    SELECT e.agent_symbol, e.ship_symbol, e.at_ticks, e.kind, e.reason, f.requests, f.delayed, f.wait_ticks
                    FROM events e
                    CROSS JOIN LATERAL (
                        SELECT count(*)::integer AS requests, (count(*) FILTER (WHERE q.delayed))::integer AS delayed,
                               coalesce(avg(q.queue_wait_ticks), 0)::bigint AS wait_ticks
                        FROM spacetraders.requests q
                        WHERE q.agent_symbol = e.agent_symbol AND q.at_ticks >= e.at_ticks - @minute AND q.at_ticks < e.at_ticks{RunCondition("q.run_id")}) f
                    ORDER BY e.at_ticks DESC
                    """,
                    connection);
                AddRun(command);
                command.Parameters.AddWithValue("limit", Math.Max(0, limit));
                command.Parameters.AddWithValue("minute", TicksPerMinute);
                var events = new List<ShipControlEvent>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var requests = reader.GetInt32(5);
                    events.Add(new ShipControlEvent(
                        Time(reader.GetInt64(2)),
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(3),
                        reader.GetString(4),
                        requests,
                        requests == 0 ? 0 : (double)reader.GetInt32(6) / requests,
                        TimeSpan.FromTicks(reader.GetInt64(7))));
                }

                return events;
            },
            cancellationToken);

    /// <summary>Gets every market observed: when last, and how many goods.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The markets, by waypoint symbol.</returns>
    public Task<IReadOnlyList<StoredMarket>> GetMarketsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredMarket>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT waypoint_symbol, max(last_ticks), count(DISTINCT trade_symbol)::integer
                    FROM (SELECT waypoint_symbol, trade_symbol, at_ticks AS last_ticks FROM spacetraders.market_observations
                          UNION ALL
                          SELECT waypoint_symbol, trade_symbol, last_ticks FROM spacetraders.market_hours) x
                    GROUP BY waypoint_symbol
                    ORDER BY waypoint_symbol COLLATE "C"
                    """,
                    connection);
                var markets = new List<StoredMarket>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    markets.Add(new StoredMarket(reader.GetString(0), Time(reader.GetInt64(1)), reader.GetInt32(2)));
                }

                return markets;
            },
            cancellationToken);

    /// <summary>
    /// Gets the latest observation of every good of a market: from the raw observations while they are kept, else the
    /// last values of the newest hourly summary (whose trade type is not kept: <c>?</c>).
    /// </summary>
    /// <param name="waypointSymbol">The market's waypoint.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The goods, by trade symbol.</returns>
    public Task<IReadOnlyList<MarketObservationRecord>> GetLatestMarketGoodsAsync(string waypointSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return RunAsync<IReadOnlyList<MarketObservationRecord>>(
            async connection =>
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT DISTINCT ON (trade_symbol) trade_symbol, type, purchase_price, sell_price, trade_volume, supply, activity, at_ticks
                    FROM (SELECT trade_symbol, type, purchase_price, sell_price, trade_volume, supply, activity, at_ticks, writer_seq
                          FROM spacetraders.market_observations WHERE waypoint_symbol = @waypoint
                          UNION ALL
                          SELECT trade_symbol, '?', last_purchase, last_sell, last_trade_volume, last_supply, NULL, last_ticks, last_writer_seq
                          FROM spacetraders.market_hours WHERE waypoint_symbol = @waypoint) x
                    ORDER BY trade_symbol, at_ticks DESC, writer_seq DESC
                    """,
                    connection);
                command.Parameters.AddWithValue("waypoint", waypointSymbol);
                var goods = new List<MarketObservationRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    goods.Add(new MarketObservationRecord(
                        waypointSymbol,
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        reader.GetInt32(3),
                        reader.GetInt32(4),
                        reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        Time(reader.GetInt64(7))));
                }

                goods.Sort((a, b) => string.CompareOrdinal(a.TradeSymbol, b.TradeSymbol));
                return goods;
            },
            cancellationToken);
    }

    /// <summary>
    /// Gets an agent's timeline as <see cref="FleetRuntime.GetTimeline"/> gives it live, over the current server reset
    /// (<see cref="GetCurrentResetAsync"/>; everything recorded when no row has a reset): buckets
    /// of whole minutes, as few as fit <paramref name="maxPoints"/>, with exact queue-wait percentiles; credits from the
    /// balance after each movement, counted from the balance before the first; the capital spent (<see cref="CapitalSpending"/>) up to each bucket's end; the fleet's size from the first session of
    /// each ship.
    /// </summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <param name="maxPoints">The most buckets.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The points, oldest first; buckets without requests or credit changes are left out.</returns>
    /// <remarks>
    /// One reset, as the live timeline starts again at a reset: the game's credits start again from the new agent's, so a
    /// timeline over several resets mixed their balances with capital and requests that kept adding up.
    /// </remarks>
    public Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentSymbol);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        return RunAsync<IReadOnlyList<TimelinePoint>>(
            async connection =>
            {
                long origin, last, creditsStart;
                var ofRun = RunCondition("run_id");
                const string OfAgent = " AND agent_symbol = @agent";
                var reset = await ReadCurrentResetAsync(connection, cancellationToken).ConfigureAwait(false);
                var ofReset = reset is null ? string.Empty : " AND reset = @reset";
                void AddReset(NpgsqlCommand command)
                {
                    if (reset is not null)
                    {
                        command.Parameters.AddWithValue("reset", reset);
                    }
                }

                using (var bounds = new NpgsqlCommand(
                    RunId is null
                        ? $"""
                          SELECT least((SELECT min(at_ticks) FROM spacetraders.requests WHERE agent_symbol = @agent{ofReset}),
                                       (SELECT min(at_ticks) FROM spacetraders.credit_movements WHERE agent_symbol = @agent{ofReset})),
                                 greatest((SELECT max(at_ticks) FROM spacetraders.requests WHERE agent_symbol = @agent{ofReset}),
                                          (SELECT max(at_ticks) FROM spacetraders.credit_movements WHERE agent_symbol = @agent{ofReset})),
                                 coalesce((SELECT balance_after - amount FROM spacetraders.credit_movements WHERE agent_symbol = @agent{ofReset}
                                           ORDER BY at_ticks, writer_seq LIMIT 1),
                                          (SELECT credits FROM spacetraders.agents WHERE agent_symbol = @agent{ofReset}
                                           ORDER BY reset COLLATE "C" DESC LIMIT 1), 0)
                          """
                        : $"""
                          SELECT least({RunProbe("requests", "at_ticks", "at_ticks", filter: OfAgent + ofReset)},
                                       {RunProbe("credit_movements", "at_ticks", "at_ticks", filter: OfAgent + ofReset)}),
                                 greatest({RunProbe("requests", "at_ticks", "at_ticks", last: true, filter: OfAgent + ofReset)},
                                          {RunProbe("credit_movements", "at_ticks", "at_ticks", last: true, filter: OfAgent + ofReset)}),
                                 coalesce({RunProbe("credit_movements", "at_ticks, writer_seq", "balance_after - amount", filter: OfAgent + ofReset)},
                                          (SELECT credits FROM spacetraders.agents WHERE agent_symbol = @agent{ofReset}
                                           ORDER BY reset COLLATE "C" DESC LIMIT 1), 0)
                          """,
                    connection))
                {
                    AddRun(bounds);
                    AddReset(bounds);
                    bounds.Parameters.AddWithValue("agent", agentSymbol);
                    var reader = await bounds.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (reader.IsDBNull(0))
                    {
                        return [];
                    }

                    origin = reader.GetInt64(0);
                    last = reader.GetInt64(1);
                    creditsStart = reader.GetInt64(2);
                }

                var minutes = Math.Max(1, (long)Math.Ceiling((double)(last - origin + 1) / TicksPerMinute / maxPoints));
                var width = minutes * TicksPerMinute;
                var buckets = new SortedDictionary<long, BucketRow>();
                BucketRow Bucket(long index) => buckets.TryGetValue(index, out var row) ? row : buckets[index] = new BucketRow();

                using (var requests = new NpgsqlCommand(
                    $"""
                    SELECT (at_ticks - @origin) / @width AS bucket, priority,
                           count(*)::integer, sum(rate_limited)::integer, (count(*) FILTER (WHERE delayed))::integer,
                           sum(queue_wait_ticks)::bigint,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY queue_wait_ticks),
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY queue_wait_ticks)
                    FROM spacetraders.requests
                    WHERE agent_symbol = @agent{ofRun}{ofReset}
                    GROUP BY 1, 2
                    """,
                    connection))
                {
                    AddRun(requests);
                    AddReset(requests);
                    requests.Parameters.AddWithValue("agent", agentSymbol);
                    requests.Parameters.AddWithValue("origin", origin);
                    requests.Parameters.AddWithValue("width", width);
                    var reader = await requests.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var row = Bucket(reader.GetInt64(0));
                        var priority = Enum.TryParse<RequestPriority>(reader.GetString(1), out var parsed) ? Math.Clamp((int)parsed, 0, 2) : 2;
                        var count = reader.GetInt32(2);
                        row.Requests += count;
                        row.RateLimited += reader.GetInt32(3);
                        row.Delayed += reader.GetInt32(4);
                        row.QueueWaitTicks += reader.GetInt64(5);
                        row.Waits[priority] = (row.Waits[priority].Count + count, TimeSpan.FromTicks(reader.GetInt64(6)), TimeSpan.FromTicks(reader.GetInt64(7)));
                    }
                }

                // Each bucket's last balance: one backward probe of credit_movements_agent per bucket, not a sort of every movement.
                using (var credits = new NpgsqlCommand(
                    $"""
                    SELECT k, m.balance_after
                    FROM generate_series(0::bigint, @buckets - 1) k
                    CROSS JOIN LATERAL (
                        SELECT balance_after FROM spacetraders.credit_movements
                        WHERE agent_symbol = @agent AND at_ticks >= @origin + k * @width AND at_ticks < @origin + (k + 1) * @width{ofRun}{ofReset}
                        ORDER BY at_ticks DESC, writer_seq DESC
                        LIMIT 1) m
                    """,
                    connection))
                {
                    AddRun(credits);
                    AddReset(credits);
                    credits.Parameters.AddWithValue("agent", agentSymbol);
                    credits.Parameters.AddWithValue("origin", origin);
                    credits.Parameters.AddWithValue("width", width);
                    credits.Parameters.AddWithValue("buckets", ((last - origin) / width) + 1);
                    var reader = await credits.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        Bucket(reader.GetInt64(0)).Credits = reader.GetInt64(1);
                    }
                }

                // Capital spending per bucket (ships, mounts, modules, scrapping), told apart as the live timeline does.
                using (var capital = new NpgsqlCommand(
                    $"""
                    SELECT (at_ticks - @origin) / @width, kind, trade_symbol, sum(amount)::bigint
                    FROM spacetraders.credit_movements
                    WHERE agent_symbol = @agent{ofRun}{ofReset}
                      AND (kind = ANY(@kinds) OR trade_symbol LIKE 'MOUNT\_%' OR trade_symbol LIKE 'MODULE\_%')
                    GROUP BY 1, 2, 3
                    """,
                    connection))
                {
                    AddRun(capital);
                    AddReset(capital);
                    capital.Parameters.AddWithValue("agent", agentSymbol);
                    capital.Parameters.AddWithValue("origin", origin);
                    capital.Parameters.AddWithValue("width", width);
                    capital.Parameters.AddWithValue("kinds", CapitalSpending.Kinds.ToArray());
                    var reader = await capital.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (CapitalSpending.IsCapital(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)))
                        {
                            Bucket(reader.GetInt64(0)).CapitalMoved += reader.GetInt64(3);
                        }
                    }
                }

                var firstSessions = new List<long>();
                using (var ships = new NpgsqlCommand($"SELECT min(started_ticks) FROM spacetraders.sessions WHERE agent_symbol = @agent{ofRun}{ofReset} GROUP BY ship_symbol ORDER BY 1", connection))
                {
                    AddRun(ships);
                    AddReset(ships);
                    ships.Parameters.AddWithValue("agent", agentSymbol);
                    var reader = await ships.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        firstSessions.Add(reader.GetInt64(0));
                    }
                }

                var points = new List<TimelinePoint>(buckets.Count);
                var balance = creditsStart;
                long total = 0;
                long capitalMoved = 0;
                var shipIndex = 0;
                foreach (var (index, row) in buckets)
                {
                    balance = row.Credits ?? balance;
                    total += row.Requests;
                    capitalMoved += row.CapitalMoved;
                    var start = origin + (index * width);
                    while (shipIndex < firstSessions.Count && firstSessions[shipIndex] < start + width)
                    {
                        shipIndex++;
                    }

                    points.Add(new TimelinePoint(
                        Time(start),
                        TimeSpan.FromTicks(width),
                        row.Requests,
                        row.RateLimited,
                        row.Delayed,
                        row.Requests == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(row.QueueWaitTicks / row.Requests),
                        [.. row.Waits.Select((w, p) => new PriorityWait((RequestPriority)p, w.Count, w.P50, w.P99))],
                        balance,
                        balance - creditsStart,
                        total,
                        shipIndex)
                    {
                        CapitalSpent = -capitalMoved,
                    });
                }

                return points;
            },
            cancellationToken);
    }

    /// <summary>Closes the connections.</summary>
    /// <returns>A task that completes when they are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static T? Parse<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)SpaceTradersJson.Options.GetTypeInfo(typeof(T)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StoredShip WithPart(StoredShip ship, string part, string json) => part switch
    {
        "registration" => ship with { Registration = Parse<ShipRegistration>(json) },
        "nav" => ship with { Nav = Parse<ShipNav>(json) },
        "frame" => ship with { Frame = Parse<ShipFrame>(json) },
        "engine" => ship with { Engine = Parse<ShipEngine>(json) },
        "cargo" => ship with { Cargo = Parse<ShipCargo>(json) },
        "fuel" => ship with { Fuel = Parse<ShipFuel>(json) },
        "cooldown" => ship with { Cooldown = Parse<Cooldown>(json) },
        "mounts" => ship with { Mounts = Parse<IReadOnlyList<ShipMount>>(json) },
        "modules" => ship with { Modules = Parse<IReadOnlyList<ShipModule>>(json) },
        _ => ship,
    };

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    private sealed class BucketRow
    {
        public int Requests { get; set; }

        public int RateLimited { get; set; }

        public int Delayed { get; set; }

        public long QueueWaitTicks { get; set; }

        public (int Count, TimeSpan P50, TimeSpan P99)[] Waits { get; } = new (int, TimeSpan, TimeSpan)[3];

        public long? Credits { get; set; }

        public long CapitalMoved { get; set; }
    }
}
