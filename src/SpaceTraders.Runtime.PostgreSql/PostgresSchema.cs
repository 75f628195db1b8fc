using Npgsql;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>One versioned step of the store's schema.</summary>
/// <param name="Version">The version it brings the schema to (1, 2, ...; never reused, never edited once shipped).</param>
/// <param name="Name">What it does, recorded with it.</param>
/// <param name="Sql">The DDL.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql);

/// <summary>
/// The store's schema (everything lives in the <c>spacetraders</c> schema) and the migrations that build it.
/// </summary>
/// <remarks>
/// <para>
/// Times are stored as .NET ticks (100 ns, UTC) in <c>*_ticks</c> columns, so that a time written by the runtime
/// reads back exactly (PostgreSQL's <c>timestamptz</c> keeps microseconds only, and analytics must answer exactly
/// like the in-memory store); every table also has <c>timestamptz</c> columns computed from them for people and
/// ad-hoc SQL. Durations are ticks too.
/// </para>
/// <para>
/// Migrations run in one transaction under a transaction-scoped advisory lock, so two nodes starting at once
/// apply them once (the second waits, then finds them applied). PostgreSQL's DDL is transactional: a failed
/// migration leaves nothing behind.
/// </para>
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The advisory-lock key that serialises migrations (an arbitrary constant: "STMIGR01").</summary>
    public const long MigrationLockKey = 0x53544D4947523031;

    /// <summary>The advisory-lock key that serialises market-history roll-ups across nodes.</summary>
    public const long RollUpLockKey = 0x5354524F4C4C5550;

    /// <summary>Gets the migrations, in order.</summary>
    public static IReadOnlyList<PostgresMigration> Migrations { get; } =
    [
        new(1, "tables: agents, ship parts, leases, sessions, requests, credit movements, market history", """
            CREATE SCHEMA IF NOT EXISTS spacetraders;

            -- .NET ticks (100 ns since 0001-01-01 UTC) to timestamptz, for the computed, human-readable columns.
            CREATE FUNCTION spacetraders.ticks_to_time(ticks bigint) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT to_timestamp((ticks - 621355968000000000)::double precision / 10000000) $$;

            CREATE TABLE spacetraders.agents (
                agent_symbol text PRIMARY KEY,
                credits      bigint NOT NULL,
                data         jsonb  NOT NULL,
                seen_ticks   bigint NOT NULL,
                seen_at      timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(seen_ticks)) STORED
            );

            -- One row per ship part: writing only the dirty parts writes only their rows (the ships view joins them).
            CREATE TABLE spacetraders.ship_parts (
                ship_symbol  text   NOT NULL,
                part         text   NOT NULL,
                agent_symbol text   NOT NULL,
                version      bigint NOT NULL,
                data         jsonb  NOT NULL,
                taken_ticks  bigint NOT NULL,
                taken_at     timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(taken_ticks)) STORED,
                PRIMARY KEY (ship_symbol, part)
            );
            CREATE INDEX ship_parts_agent ON spacetraders.ship_parts (agent_symbol);

            -- A free lease has no owner; an expired one is free to take. Times are the runtime's, not the database's.
            CREATE TABLE spacetraders.leases (
                ship_symbol   text PRIMARY KEY,
                agent_symbol  text   NOT NULL,
                owner         text,
                expires_ticks bigint NOT NULL,
                expires_at    timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(expires_ticks)) STORED
            );
            CREATE INDEX leases_agent_expiry ON spacetraders.leases (agent_symbol, expires_ticks);

            CREATE TABLE spacetraders.sessions (
                session_id        uuid PRIMARY KEY,
                agent_symbol      text   NOT NULL,
                ship_symbol       text   NOT NULL,
                ship_type         text,
                behaviour_id      text   NOT NULL,
                behaviour_version text   NOT NULL,
                conductor         text,
                node              text   NOT NULL,
                started_ticks     bigint NOT NULL,
                ended_ticks       bigint,
                outcome           text,
                reason            text,
                start_writer_seq  bigint NOT NULL,
                started_at        timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(started_ticks)) STORED,
                ended_at          timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(ended_ticks)) STORED
            );
            CREATE INDEX sessions_started ON spacetraders.sessions (started_ticks, session_id);
            CREATE INDEX sessions_agent ON spacetraders.sessions (agent_symbol, started_ticks);
            CREATE INDEX sessions_ship ON spacetraders.sessions (ship_symbol, started_ticks);
            CREATE INDEX sessions_behaviour ON spacetraders.sessions (behaviour_id, behaviour_version);

            -- Appended records carry (writer_id, writer_seq): a batch retried after an unknown outcome inserts nothing twice.
            CREATE TABLE spacetraders.requests (
                writer_id        uuid    NOT NULL,
                writer_seq       bigint  NOT NULL,
                session_id       uuid,
                agent_symbol     text    NOT NULL,
                method           text    NOT NULL,
                endpoint         text    NOT NULL,
                status           integer NOT NULL,
                priority         text    NOT NULL,
                queue_wait_ticks bigint  NOT NULL,
                duration_ticks   bigint  NOT NULL,
                attempts         integer NOT NULL,
                rate_limited     integer NOT NULL,
                delayed          boolean NOT NULL,
                at_ticks         bigint  NOT NULL,
                at               timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(at_ticks)) STORED,
                PRIMARY KEY (writer_id, writer_seq)
            );
            CREATE INDEX requests_session ON spacetraders.requests (session_id) WHERE session_id IS NOT NULL;
            CREATE INDEX requests_at ON spacetraders.requests (at_ticks);

            CREATE TABLE spacetraders.credit_movements (
                writer_id     uuid   NOT NULL,
                writer_seq    bigint NOT NULL,
                session_id    uuid,
                agent_symbol  text   NOT NULL,
                kind          text   NOT NULL,
                amount        bigint NOT NULL,
                balance_after bigint NOT NULL,
                ship_symbol   text,
                trade_symbol  text,
                units         integer,
                at_ticks      bigint NOT NULL,
                at            timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(at_ticks)) STORED,
                PRIMARY KEY (writer_id, writer_seq)
            );
            CREATE INDEX credit_movements_agent ON spacetraders.credit_movements (agent_symbol, at_ticks, writer_seq);
            CREATE INDEX credit_movements_session ON spacetraders.credit_movements (session_id) WHERE session_id IS NOT NULL;

            CREATE TABLE spacetraders.market_observations (
                writer_id       uuid    NOT NULL,
                writer_seq      bigint  NOT NULL,
                waypoint_symbol text    NOT NULL,
                trade_symbol    text    NOT NULL,
                type            text    NOT NULL,
                purchase_price  integer NOT NULL,
                sell_price      integer NOT NULL,
                trade_volume    integer NOT NULL,
                supply          text    NOT NULL,
                activity        text,
                at_ticks        bigint  NOT NULL,
                at              timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(at_ticks)) STORED,
                PRIMARY KEY (writer_id, writer_seq)
            );
            CREATE INDEX market_observations_at ON spacetraders.market_observations (at_ticks);
            CREATE INDEX market_observations_good ON spacetraders.market_observations (waypoint_symbol, trade_symbol, at_ticks);

            -- Sums (not means) are kept so that an hour rolled up in two passes merges exactly.
            CREATE TABLE spacetraders.market_hours (
                waypoint_symbol   text    NOT NULL,
                trade_symbol      text    NOT NULL,
                hour_ticks        bigint  NOT NULL,
                observations      integer NOT NULL,
                min_purchase      integer NOT NULL,
                max_purchase      integer NOT NULL,
                sum_purchase      bigint  NOT NULL,
                last_purchase     integer NOT NULL,
                min_sell          integer NOT NULL,
                max_sell          integer NOT NULL,
                sum_sell          bigint  NOT NULL,
                last_sell         integer NOT NULL,
                last_trade_volume integer NOT NULL,
                last_supply       text    NOT NULL,
                last_ticks        bigint  NOT NULL,
                last_writer_seq   bigint  NOT NULL,
                hour              timestamptz GENERATED ALWAYS AS (spacetraders.ticks_to_time(hour_ticks)) STORED,
                PRIMARY KEY (waypoint_symbol, trade_symbol, hour_ticks)
            );
            CREATE INDEX market_hours_hour ON spacetraders.market_hours (hour_ticks);
            """),
        new(2, "views: ships, session totals, session figures, requests per minute, credits over time, market hours", """
            -- Each ship as one JSON document assembled from its parts, with the time of its latest change.
            CREATE VIEW spacetraders.ships AS
            SELECT ship_symbol,
                   min(agent_symbol) AS agent_symbol,
                   jsonb_object_agg(part, data) AS ship,
                   spacetraders.ticks_to_time(max(taken_ticks)) AS changed_at
            FROM spacetraders.ship_parts
            GROUP BY ship_symbol;

            -- Requests and net credits per session (the store's queries add the duration up to their as-of time).
            CREATE VIEW spacetraders.session_totals AS
            SELECT s.*,
                   r.requests,
                   c.credits_earned
            FROM spacetraders.sessions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS requests FROM spacetraders.requests q WHERE q.session_id = s.session_id) r
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(m.amount), 0)::bigint AS credits_earned
                FROM spacetraders.credit_movements m WHERE m.session_id = s.session_id) c;

            -- For people: CPR and CPH of every session, running sessions measured up to the database's clock.
            CREATE VIEW spacetraders.session_figures AS
            SELECT t.*,
                   d.hours,
                   CASE WHEN t.requests = 0 THEN 0 ELSE t.credits_earned::double precision / t.requests END AS cpr,
                   CASE WHEN d.hours <= 0 THEN 0 ELSE t.credits_earned / d.hours END AS cph
            FROM spacetraders.session_totals t
            CROSS JOIN LATERAL (
                SELECT greatest(0, coalesce(t.ended_ticks,
                           ((extract(epoch FROM clock_timestamp()) * 10000000)::bigint + 621355968000000000))
                       - t.started_ticks)::double precision / 36000000000 AS hours) d;

            -- Saturation: requests, 429s, delayed requests and queue wait per minute.
            CREATE VIEW spacetraders.requests_per_minute AS
            SELECT at_ticks - at_ticks % 600000000 AS minute_ticks,
                   spacetraders.ticks_to_time(at_ticks - at_ticks % 600000000) AS minute,
                   count(*) AS requests,
                   sum(rate_limited)::bigint AS rate_limited,
                   count(*) FILTER (WHERE delayed) AS delayed,
                   sum(queue_wait_ticks)::bigint AS queue_wait_ticks
            FROM spacetraders.requests
            GROUP BY 1;

            -- Credits over time: the balance after every movement.
            CREATE VIEW spacetraders.credits_over_time AS
            SELECT agent_symbol, at_ticks, at, writer_seq, kind, amount, balance_after
            FROM spacetraders.credit_movements;

            -- Hourly market summaries with their means.
            CREATE VIEW spacetraders.market_hour_figures AS
            SELECT h.*,
                   h.sum_purchase::double precision / h.observations AS mean_purchase,
                   h.sum_sell::double precision / h.observations AS mean_sell
            FROM spacetraders.market_hours h;
            """),
        new(3, "runs: a run id on sessions, requests and credit movements; the runs view", """
            -- The run (one FleetRuntime) that recorded each row, so that a database holding several runs of one agent
            -- reports each run alone. Rows written before this migration have none.
            ALTER TABLE spacetraders.sessions ADD COLUMN run_id uuid;
            ALTER TABLE spacetraders.requests ADD COLUMN run_id uuid;
            ALTER TABLE spacetraders.credit_movements ADD COLUMN run_id uuid;
            CREATE INDEX sessions_run ON spacetraders.sessions (run_id, started_ticks) WHERE run_id IS NOT NULL;
            CREATE INDEX requests_run ON spacetraders.requests (run_id, at_ticks) WHERE run_id IS NOT NULL;
            CREATE INDEX credit_movements_run ON spacetraders.credit_movements (run_id, at_ticks) WHERE run_id IS NOT NULL;

            -- The session views list the sessions' columns as they were when created: make them again with run_id.
            DROP VIEW spacetraders.session_figures;
            DROP VIEW spacetraders.session_totals;
            CREATE VIEW spacetraders.session_totals AS
            SELECT s.*,
                   r.requests,
                   c.credits_earned
            FROM spacetraders.sessions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS requests FROM spacetraders.requests q WHERE q.session_id = s.session_id) r
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(m.amount), 0)::bigint AS credits_earned
                FROM spacetraders.credit_movements m WHERE m.session_id = s.session_id) c;
            CREATE VIEW spacetraders.session_figures AS
            SELECT t.*,
                   d.hours,
                   CASE WHEN t.requests = 0 THEN 0 ELSE t.credits_earned::double precision / t.requests END AS cpr,
                   CASE WHEN d.hours <= 0 THEN 0 ELSE t.credits_earned / d.hours END AS cph
            FROM spacetraders.session_totals t
            CROSS JOIN LATERAL (
                SELECT greatest(0, coalesce(t.ended_ticks,
                           ((extract(epoch FROM clock_timestamp()) * 10000000)::bigint + 621355968000000000))
                       - t.started_ticks)::double precision / 36000000000 AS hours) d;

            -- For people: every run with its agent, span, requests and net credits (earlier runs stay queryable).
            CREATE VIEW spacetraders.runs AS
            SELECT q.run_id,
                   q.agent_symbol,
                   spacetraders.ticks_to_time(q.first_ticks) AS first_request_at,
                   spacetraders.ticks_to_time(q.last_ticks) AS last_request_at,
                   q.requests,
                   q.rate_limited,
                   coalesce(c.credits, 0) AS credits_moved,
                   coalesce(c.capital, 0) AS capital_moved -- ships, mounts, modules (CapitalSpending)
            FROM (SELECT run_id, agent_symbol, min(at_ticks) AS first_ticks, max(at_ticks) AS last_ticks,
                         count(*) AS requests, sum(rate_limited)::bigint AS rate_limited
                  FROM spacetraders.requests WHERE run_id IS NOT NULL GROUP BY 1, 2) q
            LEFT JOIN (SELECT run_id, agent_symbol, sum(amount)::bigint AS credits,
                              (sum(amount) FILTER (WHERE kind IN ('ship-purchase', 'mount', 'module', 'scrap')
                                                     OR (kind IN ('purchase', 'sell') AND (trade_symbol LIKE 'MOUNT\_%' OR trade_symbol LIKE 'MODULE\_%'))))::bigint AS capital
                       FROM spacetraders.credit_movements WHERE run_id IS NOT NULL GROUP BY 1, 2) c
                   USING (run_id, agent_symbol);
            """),
        new(4, "the node that made each request and saw each credit movement; per-agent and per-node request indexes; runs by node", """
            -- Several nodes on one agent: each node's figures are its own rows; the agent's are every node's. Rows written
            -- before this migration have no node.
            -- Written so that it also completes a database of a development build that numbered the node columns 3 and
            -- never had the run ids (nothing of it was released): every step is IF NOT EXISTS, the views are made again.
            ALTER TABLE spacetraders.requests ADD COLUMN IF NOT EXISTS node text;
            ALTER TABLE spacetraders.credit_movements ADD COLUMN IF NOT EXISTS node text;
            CREATE INDEX IF NOT EXISTS requests_agent_at ON spacetraders.requests (agent_symbol, at_ticks);
            CREATE INDEX IF NOT EXISTS requests_node_at ON spacetraders.requests (node, at_ticks) WHERE node IS NOT NULL;
            CREATE INDEX IF NOT EXISTS sessions_open ON spacetraders.sessions (ship_symbol, node) WHERE ended_ticks IS NULL;

            ALTER TABLE spacetraders.sessions ADD COLUMN IF NOT EXISTS run_id uuid;
            ALTER TABLE spacetraders.requests ADD COLUMN IF NOT EXISTS run_id uuid;
            ALTER TABLE spacetraders.credit_movements ADD COLUMN IF NOT EXISTS run_id uuid;
            CREATE INDEX IF NOT EXISTS sessions_run ON spacetraders.sessions (run_id, started_ticks) WHERE run_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS requests_run ON spacetraders.requests (run_id, at_ticks) WHERE run_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS credit_movements_run ON spacetraders.credit_movements (run_id, at_ticks) WHERE run_id IS NOT NULL;

            -- The session views list the sessions' columns as they were when created: make them again.
            DROP VIEW IF EXISTS spacetraders.session_figures;
            DROP VIEW IF EXISTS spacetraders.session_totals;
            CREATE VIEW spacetraders.session_totals AS
            SELECT s.*,
                   r.requests,
                   c.credits_earned
            FROM spacetraders.sessions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS requests FROM spacetraders.requests q WHERE q.session_id = s.session_id) r
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(m.amount), 0)::bigint AS credits_earned
                FROM spacetraders.credit_movements m WHERE m.session_id = s.session_id) c;
            CREATE VIEW spacetraders.session_figures AS
            SELECT t.*,
                   d.hours,
                   CASE WHEN t.requests = 0 THEN 0 ELSE t.credits_earned::double precision / t.requests END AS cpr,
                   CASE WHEN d.hours <= 0 THEN 0 ELSE t.credits_earned / d.hours END AS cph
            FROM spacetraders.session_totals t
            CROSS JOIN LATERAL (
                SELECT greatest(0, coalesce(t.ended_ticks,
                           ((extract(epoch FROM clock_timestamp()) * 10000000)::bigint + 621355968000000000))
                       - t.started_ticks)::double precision / 36000000000 AS hours) d;

            -- For people: every run with the node that ran it (one runtime: one node), its agent, span, requests and
            -- net credits. A run's rows written before this migration have no node.
            DROP VIEW IF EXISTS spacetraders.runs;
            CREATE VIEW spacetraders.runs AS
            SELECT q.run_id,
                   q.node,
                   q.agent_symbol,
                   spacetraders.ticks_to_time(q.first_ticks) AS first_request_at,
                   spacetraders.ticks_to_time(q.last_ticks) AS last_request_at,
                   q.requests,
                   q.rate_limited,
                   coalesce(c.credits, 0) AS credits_moved,
                   coalesce(c.capital, 0) AS capital_moved -- ships, mounts, modules (CapitalSpending)
            FROM (SELECT run_id, agent_symbol, max(node) AS node, min(at_ticks) AS first_ticks, max(at_ticks) AS last_ticks,
                         count(*) AS requests, sum(rate_limited)::bigint AS rate_limited
                  FROM spacetraders.requests WHERE run_id IS NOT NULL GROUP BY 1, 2) q
            LEFT JOIN (SELECT run_id, agent_symbol, sum(amount)::bigint AS credits,
                              (sum(amount) FILTER (WHERE kind IN ('ship-purchase', 'mount', 'module', 'scrap')
                                                     OR (kind IN ('purchase', 'sell') AND (trade_symbol LIKE 'MOUNT\_%' OR trade_symbol LIKE 'MODULE\_%'))))::bigint AS capital
                       FROM spacetraders.credit_movements WHERE run_id IS NOT NULL GROUP BY 1, 2) c
                   USING (run_id, agent_symbol);
            """),
        new(5, "server resets: the reset on every row; agents and ship parts per reset; the resets view", """
            -- The game resets every week or two and the same agent and ship symbols come back in the new galaxy: every
            -- row says which reset it belongs to (the agent token's reset date, yyyy-MM-dd), so one reset's records are
            -- never counted in another's. Rows written before this migration have none (NULL, or '' in a key).
            ALTER TABLE spacetraders.sessions ADD COLUMN reset text;
            ALTER TABLE spacetraders.requests ADD COLUMN reset text;
            ALTER TABLE spacetraders.credit_movements ADD COLUMN reset text;
            ALTER TABLE spacetraders.market_observations ADD COLUMN reset text;
            CREATE INDEX sessions_reset ON spacetraders.sessions (reset, started_ticks) WHERE reset IS NOT NULL;
            CREATE INDEX requests_run_reset ON spacetraders.requests (run_id, reset, at_ticks) WHERE run_id IS NOT NULL;
            CREATE INDEX credit_movements_reset ON spacetraders.credit_movements (agent_symbol, reset, at_ticks);

            -- An agent or a ship of one reset is another than the same symbol in the next: both are kept.
            ALTER TABLE spacetraders.agents ADD COLUMN reset text NOT NULL DEFAULT '';
            ALTER TABLE spacetraders.agents DROP CONSTRAINT agents_pkey;
            ALTER TABLE spacetraders.agents ADD PRIMARY KEY (agent_symbol, reset);
            ALTER TABLE spacetraders.ship_parts ADD COLUMN reset text NOT NULL DEFAULT '';
            ALTER TABLE spacetraders.ship_parts DROP CONSTRAINT ship_parts_pkey;
            ALTER TABLE spacetraders.ship_parts ADD PRIMARY KEY (ship_symbol, part, reset);

            DROP VIEW spacetraders.ships;
            CREATE VIEW spacetraders.ships AS
            SELECT ship_symbol,
                   min(agent_symbol) AS agent_symbol,
                   jsonb_object_agg(part, data) AS ship,
                   spacetraders.ticks_to_time(max(taken_ticks)) AS changed_at,
                   reset
            FROM spacetraders.ship_parts
            GROUP BY ship_symbol, reset;

            -- The session views list the sessions' columns as they were when created: make them again with reset.
            DROP VIEW spacetraders.session_figures;
            DROP VIEW spacetraders.session_totals;
            CREATE VIEW spacetraders.session_totals AS
            SELECT s.*,
                   r.requests,
                   c.credits_earned
            FROM spacetraders.sessions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS requests FROM spacetraders.requests q WHERE q.session_id = s.session_id) r
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(m.amount), 0)::bigint AS credits_earned
                FROM spacetraders.credit_movements m WHERE m.session_id = s.session_id) c;
            CREATE VIEW spacetraders.session_figures AS
            SELECT t.*,
                   d.hours,
                   CASE WHEN t.requests = 0 THEN 0 ELSE t.credits_earned::double precision / t.requests END AS cpr,
                   CASE WHEN d.hours <= 0 THEN 0 ELSE t.credits_earned / d.hours END AS cph
            FROM spacetraders.session_totals t
            CROSS JOIN LATERAL (
                SELECT greatest(0, coalesce(t.ended_ticks,
                           ((extract(epoch FROM clock_timestamp()) * 10000000)::bigint + 621355968000000000))
                       - t.started_ticks)::double precision / 36000000000 AS hours) d;

            -- For people: every reset of every agent with its span, requests and net credits, to compare resets.
            CREATE VIEW spacetraders.resets AS
            SELECT q.reset,
                   q.agent_symbol,
                   spacetraders.ticks_to_time(q.first_ticks) AS first_request_at,
                   spacetraders.ticks_to_time(q.last_ticks) AS last_request_at,
                   q.requests,
                   q.rate_limited,
                   coalesce(c.credits, 0) AS credits_moved,
                   coalesce(c.capital, 0) AS capital_moved, -- ships, mounts, modules (CapitalSpending)
                   CASE WHEN q.requests = 0 THEN 0 ELSE (coalesce(c.credits, 0) - coalesce(c.capital, 0))::double precision / q.requests END AS cpr
            FROM (SELECT reset, agent_symbol, min(at_ticks) AS first_ticks, max(at_ticks) AS last_ticks,
                         count(*) AS requests, sum(rate_limited)::bigint AS rate_limited
                  FROM spacetraders.requests WHERE reset IS NOT NULL GROUP BY 1, 2) q
            LEFT JOIN (SELECT reset, agent_symbol, sum(amount)::bigint AS credits,
                              (sum(amount) FILTER (WHERE kind IN ('ship-purchase', 'mount', 'module', 'scrap')
                                                     OR (kind IN ('purchase', 'sell') AND (trade_symbol LIKE 'MOUNT\_%' OR trade_symbol LIKE 'MODULE\_%'))))::bigint AS capital
                       FROM spacetraders.credit_movements WHERE reset IS NOT NULL GROUP BY 1, 2) c
                   USING (reset, agent_symbol);
            """),
        new(6, "the history's reads: a span index on credit movements and sessions; session counts", """
            -- The span of a history (min and max of every table's times): credit movements had no index on their time alone,
            -- and a session's last moment is an expression.
            CREATE INDEX credit_movements_at ON spacetraders.credit_movements (at_ticks);
            CREATE INDEX sessions_last ON spacetraders.sessions ((coalesce(ended_ticks, started_ticks)));

            -- Every session's requests and net credits (the session_totals view's figures), kept by the triggers below:
            -- reading every session no longer groups every request and credit movement by session.
            CREATE TABLE spacetraders.session_counts (
                session_id     uuid   PRIMARY KEY,
                requests       bigint NOT NULL,
                credits_earned bigint NOT NULL
            );

            -- Once per INSERT statement, over the rows it inserted (a retried batch's duplicates are not among them). Keys in
            -- order, so that two writers adding to the same session lock its row in the same order.
            CREATE FUNCTION spacetraders.count_requests() RETURNS trigger
                LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO spacetraders.session_counts AS c (session_id, requests, credits_earned)
                SELECT session_id, count(*), 0 FROM inserted WHERE session_id IS NOT NULL GROUP BY 1 ORDER BY 1
                ON CONFLICT (session_id) DO UPDATE SET requests = c.requests + excluded.requests;
                RETURN NULL;
            END $$;
            CREATE TRIGGER requests_count AFTER INSERT ON spacetraders.requests
                REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION spacetraders.count_requests();

            CREATE FUNCTION spacetraders.count_credits() RETURNS trigger
                LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO spacetraders.session_counts AS c (session_id, requests, credits_earned)
                SELECT session_id, 0, sum(amount) FROM inserted WHERE session_id IS NOT NULL GROUP BY 1 ORDER BY 1
                ON CONFLICT (session_id) DO UPDATE SET credits_earned = c.credits_earned + excluded.credits_earned;
                RETURN NULL;
            END $$;
            CREATE TRIGGER credit_movements_count AFTER INSERT ON spacetraders.credit_movements
                REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION spacetraders.count_credits();

            -- The rows written before this migration (CREATE TRIGGER waited for the transactions writing them, and blocks new
            -- ones until this transaction commits).
            INSERT INTO spacetraders.session_counts (session_id, requests, credits_earned)
            SELECT session_id, sum(requests), sum(credits_earned)
            FROM (SELECT session_id, count(*) AS requests, 0 AS credits_earned
                  FROM spacetraders.requests WHERE session_id IS NOT NULL GROUP BY 1
                  UNION ALL
                  SELECT session_id, 0, sum(amount)
                  FROM spacetraders.credit_movements WHERE session_id IS NOT NULL GROUP BY 1) x
            GROUP BY 1;
            ANALYZE spacetraders.session_counts;
            """),
    ];

    /// <summary>
    /// Applies the migrations not yet recorded in <c>spacetraders.schema_migrations</c>, in one transaction under
    /// an advisory lock (safe when several nodes start at once).
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the work (the transaction rolls back).</param>
    /// <returns>The versions applied by this call (empty when the schema was current).</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", MigrationLockKey, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            """
            CREATE SCHEMA IF NOT EXISTS spacetraders;
            CREATE TABLE IF NOT EXISTS spacetraders.schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """,
            null,
            cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        using (var read = new NpgsqlCommand("SELECT version FROM spacetraders.schema_migrations", connection, transaction))
        {
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var appliedNow = new List<int>();
        foreach (var migration in Migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, null, cancellationToken).ConfigureAwait(false);
            using var record = new NpgsqlCommand("INSERT INTO spacetraders.schema_migrations (version, name) VALUES ($1, $2)", connection, transaction)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appliedNow;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long? parameter, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        if (parameter is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
