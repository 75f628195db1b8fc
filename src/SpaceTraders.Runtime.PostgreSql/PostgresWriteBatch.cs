using Npgsql;
using NpgsqlTypes;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>
/// Turns a run of outbox records into one statement per table (multi-row <c>INSERT ... SELECT FROM unnest(...)</c>
/// with array parameters, upserts for state), sent as one <see cref="NpgsqlBatch"/> inside one transaction.
/// </summary>
/// <remarks>
/// Every statement is idempotent, so a batch whose commit outcome is unknown can be sent again: appended records
/// are keyed by (writer id, sequence number) with <c>ON CONFLICT DO NOTHING</c>, sessions by their id, state rows
/// are upserts, and a session's end is written only when it differs. Statements run in an order that respects
/// the records' dependencies (a session's start before its end). When a batch holds several values of one ship
/// part (or one agent), they go in successive upserts in append order ("layers"; one upsert cannot touch a row
/// twice), so the row count is one per part written, as the runtime asked, and the last value wins.
/// </remarks>
internal sealed class PostgresWriteBatch
{
    private readonly Guid _writerId;
    private readonly Layers<(string Agent, string Reset), AgentSnapshotRecord> _agents = new(EqualityComparer<(string, string)>.Default);
    private readonly List<(long Seq, SessionStartedRecord Record)> _sessionStarts = [];
    private readonly Dictionary<Guid, SessionEndedRecord> _sessionEnds = [];
    private readonly List<(long Seq, RequestRecordedRecord Record)> _requests = [];
    private readonly List<(long Seq, CreditMovementRecord Record)> _credits = [];
    private readonly Layers<(string Ship, string Part, string Reset), PartRow> _parts = new(EqualityComparer<(string, string, string)>.Default);
    private readonly List<(long Seq, MarketObservationRecord Record)> _observations = [];

    /// <summary>Initializes a new instance of the <see cref="PostgresWriteBatch"/> class from a run of records.</summary>
    /// <param name="writerId">The store's writer id.</param>
    /// <param name="entries">The records, in append order.</param>
    public PostgresWriteBatch(Guid writerId, IEnumerable<OutboxEntry> entries)
    {
        _writerId = writerId;
        foreach (var (seq, record) in entries)
        {
            Add(seq, record);
        }
    }

    /// <summary>Gets the statements, each with the table it writes (for the row counters).</summary>
    /// <returns>The statements, in dependency order.</returns>
    public IReadOnlyList<(string Table, NpgsqlBatchCommand Command)> BuildCommands()
    {
        var commands = new List<(string, NpgsqlBatchCommand)>();
        foreach (var rows in _agents.All)
        {
            commands.Add((StoreTables.Agents, Command(
                """
                INSERT INTO spacetraders.agents AS a (agent_symbol, credits, data, seen_ticks, reset)
                SELECT u.agent_symbol, u.credits, u.data::jsonb, u.seen_ticks, u.reset
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS u(agent_symbol, credits, data, seen_ticks, reset)
                ON CONFLICT (agent_symbol, reset) DO UPDATE
                    SET credits = excluded.credits, data = excluded.data, seen_ticks = excluded.seen_ticks
                    WHERE a.seen_ticks <= excluded.seen_ticks
                """,
                Column(rows, r => r.AgentSymbol),
                Column(rows, r => r.Credits),
                Column(rows, r => r.Json),
                Column(rows, r => r.At.UtcTicks),
                Column(rows, r => r.Reset ?? string.Empty))));
        }

        if (_sessionStarts.Count > 0)
        {
            var rows = _sessionStarts;
            commands.Add((StoreTables.Sessions, Command(
                """
                INSERT INTO spacetraders.sessions (session_id, agent_symbol, ship_symbol, ship_type, behaviour_id, behaviour_version, conductor, node,
                                                   started_ticks, start_writer_seq, run_id, reset)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                     $9::bigint[], $10::bigint[], $11::uuid[], $12::text[])
                ON CONFLICT (session_id) DO NOTHING
                """,
                Column(rows, r => r.Record.SessionId),
                Column(rows, r => r.Record.AgentSymbol),
                Column(rows, r => r.Record.ShipSymbol),
                Column(rows, r => r.Record.ShipType),
                Column(rows, r => r.Record.BehaviourId),
                Column(rows, r => r.Record.BehaviourVersion),
                Column(rows, r => r.Record.Conductor),
                Column(rows, r => r.Record.Node),
                Column(rows, r => r.Record.At.UtcTicks),
                Column(rows, r => r.Seq),
                Column(rows, r => r.Record.RunId),
                Column(rows, r => r.Record.Reset))));
        }

        if (_sessionEnds.Count > 0)
        {
            var rows = _sessionEnds.Values.ToArray();
            commands.Add((StoreTables.Sessions, Command(
                """
                UPDATE spacetraders.sessions AS s
                SET ended_ticks = u.ended_ticks, outcome = u.outcome, reason = u.reason
                FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS u(session_id, ended_ticks, outcome, reason)
                WHERE s.session_id = u.session_id
                  AND (s.ended_ticks, s.outcome, s.reason) IS DISTINCT FROM (u.ended_ticks, u.outcome, u.reason)
                """,
                Column(rows, r => r.SessionId),
                Column(rows, r => r.At.UtcTicks),
                Column(rows, r => r.Outcome.ToName()),
                Column(rows, r => r.Reason))));
        }

        if (_requests.Count > 0)
        {
            var rows = _requests;
            commands.Add((StoreTables.Requests, Command(
                """
                INSERT INTO spacetraders.requests (writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority,
                                                   queue_wait_ticks, duration_ticks, attempts, rate_limited, delayed, at_ticks, run_id, node, reset)
                SELECT $1, u.* FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::text[],
                                           $9::bigint[], $10::bigint[], $11::integer[], $12::integer[], $13::boolean[], $14::bigint[],
                                           $15::uuid[], $16::text[], $17::text[]) AS u
                ON CONFLICT DO NOTHING
                """,
                new NpgsqlParameter<Guid> { TypedValue = _writerId },
                Column(rows, r => r.Seq),
                Column(rows, r => r.Record.SessionId),
                Column(rows, r => r.Record.AgentSymbol),
                Column(rows, r => r.Record.Method),
                Column(rows, r => r.Record.Endpoint),
                Column(rows, r => r.Record.Status),
                Column(rows, r => r.Record.Priority),
                Column(rows, r => r.Record.QueueWait.Ticks),
                Column(rows, r => r.Record.Duration.Ticks),
                Column(rows, r => r.Record.Attempts),
                Column(rows, r => r.Record.RateLimited),
                Column(rows, r => r.Record.Delayed),
                Column(rows, r => r.Record.At.UtcTicks),
                Column(rows, r => r.Record.RunId),
                Column(rows, r => r.Record.Node),
                Column(rows, r => r.Record.Reset))));
        }

        if (_credits.Count > 0)
        {
            var rows = _credits;
            commands.Add((StoreTables.CreditMovements, Command(
                """
                INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after,
                                                           ship_symbol, trade_symbol, units, at_ticks, run_id, node, reset)
                SELECT $1, u.* FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                                           $8::text[], $9::text[], $10::integer[], $11::bigint[], $12::uuid[], $13::text[], $14::text[]) AS u
                ON CONFLICT DO NOTHING
                """,
                new NpgsqlParameter<Guid> { TypedValue = _writerId },
                Column(rows, r => r.Seq),
                Column(rows, r => r.Record.SessionId),
                Column(rows, r => r.Record.AgentSymbol),
                Column(rows, r => r.Record.Kind),
                Column(rows, r => r.Record.Amount),
                Column(rows, r => r.Record.BalanceAfter),
                Column(rows, r => r.Record.ShipSymbol),
                Column(rows, r => r.Record.TradeSymbol),
                Column(rows, r => r.Record.Units),
                Column(rows, r => r.Record.At.UtcTicks),
                Column(rows, r => r.Record.RunId),
                Column(rows, r => r.Record.Node),
                Column(rows, r => r.Record.Reset))));
        }

        foreach (var rows in _parts.All)
        {
            commands.Add((StoreTables.ShipParts, Command(
                """
                INSERT INTO spacetraders.ship_parts (ship_symbol, part, agent_symbol, version, data, taken_ticks, reset)
                SELECT u.ship_symbol, u.part, u.agent_symbol, u.version, u.data::jsonb, u.taken_ticks, u.reset
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[])
                    AS u(ship_symbol, part, agent_symbol, version, data, taken_ticks, reset)
                ON CONFLICT (ship_symbol, part, reset) DO UPDATE
                    SET agent_symbol = excluded.agent_symbol, version = excluded.version, data = excluded.data, taken_ticks = excluded.taken_ticks
                """,
                Column(rows, r => r.Ship),
                Column(rows, r => r.Value.Part),
                Column(rows, r => r.Agent),
                Column(rows, r => r.Value.Version),
                Column(rows, r => r.Value.Json),
                Column(rows, r => r.Ticks),
                Column(rows, r => r.Reset))));
        }

        if (_observations.Count > 0)
        {
            var rows = _observations;
            commands.Add((StoreTables.MarketObservations, Command(
                """
                INSERT INTO spacetraders.market_observations (writer_id, writer_seq, waypoint_symbol, trade_symbol, type, purchase_price,
                                                              sell_price, trade_volume, supply, activity, at_ticks, reset)
                SELECT $1, u.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[],
                                           $7::integer[], $8::integer[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS u
                ON CONFLICT DO NOTHING
                """,
                new NpgsqlParameter<Guid> { TypedValue = _writerId },
                Column(rows, r => r.Seq),
                Column(rows, r => r.Record.WaypointSymbol),
                Column(rows, r => r.Record.TradeSymbol),
                Column(rows, r => r.Record.Type),
                Column(rows, r => r.Record.PurchasePrice),
                Column(rows, r => r.Record.SellPrice),
                Column(rows, r => r.Record.TradeVolume),
                Column(rows, r => r.Record.Supply),
                Column(rows, r => r.Record.Activity),
                Column(rows, r => r.Record.At.UtcTicks),
                Column(rows, r => r.Record.Reset))));
        }

        return commands;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Column<TRow, TValue>(IReadOnlyCollection<TRow> rows, Func<TRow, TValue> value)
    {
        var values = new TValue[rows.Count];
        var i = 0;
        foreach (var row in rows)
        {
            values[i++] = value(row);
        }

        return typeof(TValue) == typeof(string)
            ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values }
            : new NpgsqlParameter<TValue[]> { TypedValue = values };
    }

    private void Add(long seq, StoreRecord record)
    {
        switch (record)
        {
            case AgentSnapshotRecord agent:
                _agents.Add((agent.AgentSymbol, agent.Reset ?? string.Empty), agent);
                break;
            case SessionStartedRecord start:
                _sessionStarts.Add((seq, start));
                break;
            case SessionEndedRecord end:
                _sessionEnds[end.SessionId] = end;
                break;
            case RequestRecordedRecord request:
                _requests.Add((seq, request));
                break;
            case CreditMovementRecord credit:
                _credits.Add((seq, credit));
                break;
            case ShipPartsRecord parts:
                foreach (var part in parts.Parts)
                {
                    var reset = parts.Reset ?? string.Empty;
                    _parts.Add((parts.ShipSymbol, part.Part, reset), new PartRow(parts.ShipSymbol, parts.AgentSymbol, part, parts.At.UtcTicks, reset));
                }

                break;
            case MarketObservationRecord observation:
                _observations.Add((seq, observation));
                break;
            default:
                // Refused by PostgresStore.Append; never queued.
                throw new NotSupportedException($"The PostgreSQL store does not know how to write a {record.GetType().Name}.");
        }
    }

    /// <summary>One ship part to upsert.</summary>
    private sealed record PartRow(string Ship, string Agent, ShipPartValue Value, long Ticks, string Reset);

    /// <summary>Rows split so that no layer holds one key twice: the n-th value of a key goes to layer n.</summary>
    private sealed class Layers<TKey, TRow>(IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        private readonly Dictionary<TKey, int> _seen = new(comparer);
        private readonly List<List<TRow>> _layers = [];

        public IEnumerable<List<TRow>> All => _layers;

        public void Add(TKey key, TRow row)
        {
            var layer = _seen.GetValueOrDefault(key);
            _seen[key] = layer + 1;
            if (layer == _layers.Count)
            {
                _layers.Add([]);
            }

            _layers[layer].Add(row);
        }
    }
}
