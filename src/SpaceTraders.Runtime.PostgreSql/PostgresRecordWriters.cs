using Npgsql;
using NpgsqlTypes;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>
/// The record types the PostgreSQL store writes, one <see cref="PostgresRecordWriter"/> each, in dependency order (a
/// session's start before its end); turns a run of outbox records into one statement per writer (multi-row
/// <c>INSERT ... SELECT FROM unnest(...)</c> with array parameters, upserts for state), sent as one
/// <see cref="NpgsqlBatch"/> inside one transaction.
/// </summary>
/// <remarks>
/// <para>
/// Every statement is idempotent, so a batch whose commit outcome is unknown can be sent again: appended records
/// are keyed by (writer id, sequence number) with <c>ON CONFLICT DO NOTHING</c>, sessions by their id, state rows
/// are upserts, and a session's end is written only when it differs. When a batch holds several values of one ship
/// part (or one agent), they go in successive upserts in append order ("layers"; one upsert cannot touch a row
/// twice), so the row count is one per part written, as the runtime asked, and the last value wins.
/// </para>
/// <para>
/// <b>A new record type</b> needs a writer class here, one line in <see cref="Default"/>, and a migration in
/// <see cref="PostgresSchema"/> for its table: <see cref="PostgresStore.Append"/>, the writer loop and the other
/// writers do not change. A record type without a writer is refused at append (logged and dropped).
/// </para>
/// </remarks>
internal sealed class PostgresRecordWriters
{
    private readonly PostgresRecordWriter[] _writers;
    private readonly Dictionary<Type, int> _index = [];

    /// <summary>Initializes a new instance of the <see cref="PostgresRecordWriters"/> class.</summary>
    /// <param name="writers">The writers, in the order their statements run; one per record type.</param>
    public PostgresRecordWriters(params PostgresRecordWriter[] writers)
    {
        _writers = writers;
        for (var i = 0; i < writers.Length; i++)
        {
            if (!_index.TryAdd(writers[i].RecordType, i))
            {
                throw new ArgumentException($"Two writers for {writers[i].RecordType.Name}.", nameof(writers));
            }
        }
    }

    /// <summary>Gets the writers whose records may be dropped when the outbox is past its bound, the first dropped first.</summary>
    public IReadOnlyList<PostgresRecordWriter> SheddableWriters =>
        [.. _writers.Where(w => w.ShedOrder is not null).OrderBy(w => w.ShedOrder)];

    /// <summary>Gets the record types that may be dropped when the outbox is past its bound, the first dropped first.</summary>
    public IReadOnlyList<Type> Sheddable => [.. SheddableWriters.Select(w => w.RecordType)];

    /// <summary>Gets the writers of the runtime's record types, in dependency order.</summary>
    public static PostgresRecordWriters Default { get; } = new(
        new AgentSnapshotWriter(),
        new SessionStartedWriter(),
        new SessionEndedWriter(),
        new RequestRecordedWriter(),
        new CreditMovementWriter(),
        new ShipPartRowsWriter(),
        new MarketObservationWriter());

    /// <summary>Gets whether a record of this type can be written.</summary>
    /// <param name="record">The record.</param>
    /// <returns><see langword="true"/> when a writer takes its type.</returns>
    public bool Knows(StoreRecord record) => Knows(record.GetType());

    /// <summary>Gets whether records of a type can be written.</summary>
    /// <param name="recordType">The record type.</param>
    /// <returns><see langword="true"/> when a writer takes the type.</returns>
    public bool Knows(Type recordType) => _index.ContainsKey(recordType);

    /// <summary>Gets the statements for a run of records, each with the table it writes (for the row counters).</summary>
    /// <param name="writerId">The store's writer id.</param>
    /// <param name="entries">The records, in append order; all of types with a writer.</param>
    /// <returns>The statements, in dependency order.</returns>
    public IReadOnlyList<(string Table, NpgsqlBatchCommand Command)> BuildCommands(Guid writerId, IEnumerable<OutboxEntry> entries)
    {
        var groups = new List<OutboxEntry>?[_writers.Length];
        foreach (var entry in entries)
        {
            if (!_index.TryGetValue(entry.Record.GetType(), out var i))
            {
                // Refused by PostgresStore.Append; never queued.
                throw new NotSupportedException($"The PostgreSQL store does not know how to write a {entry.Record.GetType().Name}.");
            }

            (groups[i] ??= []).Add(entry);
        }

        var commands = new List<(string, NpgsqlBatchCommand)>();
        for (var i = 0; i < _writers.Length; i++)
        {
            if (groups[i] is { } group)
            {
                commands.AddRange(_writers[i].Build(writerId, group).Select(c => (_writers[i].Table, c)));
            }
        }

        return commands;
    }
}

/// <summary>Writes the records of one type: turns a batch's records of that type into statements on its table.</summary>
internal abstract class PostgresRecordWriter
{
    /// <summary>Gets the record type written.</summary>
    public abstract Type RecordType { get; }

    /// <summary>Gets the table written, as named in <see cref="StoreStatistics.RowsWritten"/> (one of <see cref="StoreTables"/>).</summary>
    public abstract string Table { get; }

    /// <summary>
    /// Gets where the records come in the outbox's drop order past its bound (lowest first), or <see langword="null"/> when
    /// they are never dropped (the default: only figures and history the game never needs may be).
    /// </summary>
    public virtual int? ShedOrder => null;

    /// <summary>Builds the statements for a batch's records of <see cref="RecordType"/>.</summary>
    /// <param name="writerId">The store's writer id (the idempotency key with each record's sequence number).</param>
    /// <param name="entries">The records, in append order; at least one.</param>
    /// <returns>The statements, in the order they run.</returns>
    public abstract IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<OutboxEntry> entries);

    /// <summary>Gets a statement with its parameters.</summary>
    protected static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Gets an array parameter of one value per row.</summary>
    protected static NpgsqlParameter Column<TRow, TValue>(IReadOnlyCollection<TRow> rows, Func<TRow, TValue> value)
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

    /// <summary>Gets the writer id as a parameter.</summary>
    protected static NpgsqlParameter WriterId(Guid writerId) => new NpgsqlParameter<Guid> { TypedValue = writerId };
}

/// <summary>A <see cref="PostgresRecordWriter"/> of records of type <typeparamref name="TRecord"/>.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
internal abstract class PostgresRecordWriter<TRecord> : PostgresRecordWriter
    where TRecord : StoreRecord
{
    /// <inheritdoc />
    public sealed override Type RecordType => typeof(TRecord);

    /// <inheritdoc />
    public sealed override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<OutboxEntry> entries) =>
        Build(writerId, [.. entries.Select(e => new Row(e.Seq, (TRecord)e.Record))]);

    /// <summary>Builds the statements for the records.</summary>
    /// <param name="writerId">The store's writer id.</param>
    /// <param name="rows">The records with their sequence numbers, in append order; at least one.</param>
    /// <returns>The statements, in the order they run.</returns>
    protected abstract IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows);

    /// <summary>A record with its sequence number.</summary>
    /// <param name="Seq">The record's number in the store's append order.</param>
    /// <param name="Record">The record.</param>
    protected readonly record struct Row(long Seq, TRecord Record);
}

/// <summary>Agents: the latest snapshot per agent and reset (upserts in layers).</summary>
internal sealed class AgentSnapshotWriter : PostgresRecordWriter<AgentSnapshotRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.Agents;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        var layers = new Layers<(string Agent, string Reset), AgentSnapshotRecord>();
        foreach (var (_, agent) in rows)
        {
            layers.Add((agent.AgentSymbol, agent.Reset ?? string.Empty), agent);
        }

        foreach (var layer in layers.All)
        {
            yield return Command(
                """
                INSERT INTO spacetraders.agents AS a (agent_symbol, credits, data, seen_ticks, reset)
                SELECT u.agent_symbol, u.credits, u.data::jsonb, u.seen_ticks, u.reset
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS u(agent_symbol, credits, data, seen_ticks, reset)
                ON CONFLICT (agent_symbol, reset) DO UPDATE
                    SET credits = excluded.credits, data = excluded.data, seen_ticks = excluded.seen_ticks
                    WHERE a.seen_ticks <= excluded.seen_ticks
                """,
                Column(layer, r => r.AgentSymbol),
                Column(layer, r => r.Credits),
                Column(layer, r => r.Json),
                Column(layer, r => r.At.UtcTicks),
                Column(layer, r => r.Reset ?? string.Empty));
        }
    }
}

/// <summary>Sessions: a row per started session.</summary>
internal sealed class SessionStartedWriter : PostgresRecordWriter<SessionStartedRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.Sessions;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        yield return Command(
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
            Column(rows, r => r.Record.Reset));
    }
}

/// <summary>Sessions: the end of a session (the last end of each session in the batch), written only when it differs.</summary>
internal sealed class SessionEndedWriter : PostgresRecordWriter<SessionEndedRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.Sessions;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        var ends = new Dictionary<Guid, SessionEndedRecord>();
        foreach (var (_, end) in rows)
        {
            ends[end.SessionId] = end;
        }

        var last = ends.Values.ToArray();
        yield return Command(
            """
            UPDATE spacetraders.sessions AS s
            SET ended_ticks = u.ended_ticks, outcome = u.outcome, reason = u.reason
            FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS u(session_id, ended_ticks, outcome, reason)
            WHERE s.session_id = u.session_id
              AND (s.ended_ticks, s.outcome, s.reason) IS DISTINCT FROM (u.ended_ticks, u.outcome, u.reason)
            """,
            Column(last, r => r.SessionId),
            Column(last, r => r.At.UtcTicks),
            Column(last, r => r.Outcome.ToName()),
            Column(last, r => r.Reason));
    }
}

/// <summary>Requests: a row per request, keyed by writer id and sequence number.</summary>
internal sealed class RequestRecordedWriter : PostgresRecordWriter<RequestRecordedRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.Requests;

    /// <inheritdoc />
    /// <remarks>Dropped first past the bound: request figures only.</remarks>
    public override int? ShedOrder => 0;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        yield return Command(
            """
            INSERT INTO spacetraders.requests (writer_id, writer_seq, session_id, agent_symbol, method, endpoint, status, priority,
                                               queue_wait_ticks, duration_ticks, attempts, rate_limited, delayed, at_ticks, run_id, node, reset)
            SELECT $1, u.* FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::text[],
                                       $9::bigint[], $10::bigint[], $11::integer[], $12::integer[], $13::boolean[], $14::bigint[],
                                       $15::uuid[], $16::text[], $17::text[]) AS u
            ON CONFLICT DO NOTHING
            """,
            WriterId(writerId),
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
            Column(rows, r => r.Record.Reset));
    }
}

/// <summary>Credit movements: a row per movement, keyed by writer id and sequence number.</summary>
internal sealed class CreditMovementWriter : PostgresRecordWriter<CreditMovementRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.CreditMovements;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        yield return Command(
            """
            INSERT INTO spacetraders.credit_movements (writer_id, writer_seq, session_id, agent_symbol, kind, amount, balance_after,
                                                       ship_symbol, trade_symbol, units, at_ticks, run_id, node, reset)
            SELECT $1, u.* FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                                       $8::text[], $9::text[], $10::integer[], $11::bigint[], $12::uuid[], $13::text[], $14::text[]) AS u
            ON CONFLICT DO NOTHING
            """,
            WriterId(writerId),
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
            Column(rows, r => r.Record.Reset));
    }
}

/// <summary>Ship parts: the latest value per ship, part and reset (upserts in layers).</summary>
internal sealed class ShipPartRowsWriter : PostgresRecordWriter<ShipPartsRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.ShipParts;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        var layers = new Layers<(string Ship, string Part, string Reset), PartRow>();
        foreach (var (_, parts) in rows)
        {
            foreach (var part in parts.Parts)
            {
                var reset = parts.Reset ?? string.Empty;
                layers.Add((parts.ShipSymbol, part.Part, reset), new PartRow(parts.ShipSymbol, parts.AgentSymbol, part, parts.At.UtcTicks, reset));
            }
        }

        foreach (var layer in layers.All)
        {
            yield return Command(
                """
                INSERT INTO spacetraders.ship_parts (ship_symbol, part, agent_symbol, version, data, taken_ticks, reset)
                SELECT u.ship_symbol, u.part, u.agent_symbol, u.version, u.data::jsonb, u.taken_ticks, u.reset
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[])
                    AS u(ship_symbol, part, agent_symbol, version, data, taken_ticks, reset)
                ON CONFLICT (ship_symbol, part, reset) DO UPDATE
                    SET agent_symbol = excluded.agent_symbol, version = excluded.version, data = excluded.data, taken_ticks = excluded.taken_ticks
                """,
                Column(layer, r => r.Ship),
                Column(layer, r => r.Value.Part),
                Column(layer, r => r.Agent),
                Column(layer, r => r.Value.Version),
                Column(layer, r => r.Value.Json),
                Column(layer, r => r.Ticks),
                Column(layer, r => r.Reset));
        }
    }

    /// <summary>One ship part to upsert.</summary>
    private sealed record PartRow(string Ship, string Agent, ShipPartValue Value, long Ticks, string Reset);
}

/// <summary>Market observations: a row per observation, keyed by writer id and sequence number.</summary>
internal sealed class MarketObservationWriter : PostgresRecordWriter<MarketObservationRecord>
{
    /// <inheritdoc />
    public override string Table => StoreTables.MarketObservations;

    /// <inheritdoc />
    /// <remarks>Dropped when no request record is left to drop: market history only.</remarks>
    public override int? ShedOrder => 1;

    /// <inheritdoc />
    protected override IEnumerable<NpgsqlBatchCommand> Build(Guid writerId, IReadOnlyList<Row> rows)
    {
        yield return Command(
            """
            INSERT INTO spacetraders.market_observations (writer_id, writer_seq, waypoint_symbol, trade_symbol, type, purchase_price,
                                                          sell_price, trade_volume, supply, activity, at_ticks, reset)
            SELECT $1, u.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[],
                                       $7::integer[], $8::integer[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS u
            ON CONFLICT DO NOTHING
            """,
            WriterId(writerId),
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
            Column(rows, r => r.Record.Reset));
    }
}

/// <summary>Rows split so that no layer holds one key twice: the n-th value of a key goes to layer n.</summary>
/// <typeparam name="TKey">The row's key.</typeparam>
/// <typeparam name="TRow">The row.</typeparam>
internal sealed class Layers<TKey, TRow>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _seen = [];
    private readonly List<List<TRow>> _layers = [];

    /// <summary>Gets the layers, first values first.</summary>
    public IEnumerable<List<TRow>> All => _layers;

    /// <summary>Adds a row after the key's earlier rows.</summary>
    /// <param name="key">The key.</param>
    /// <param name="row">The row.</param>
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
