namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// Where the runtime keeps what must outlive a process: ship leases, sessions, every request and credit
/// movement, the dirty parts of tracked state, and market history; and the analytics queries over them.
/// </summary>
/// <remarks>
/// <para>
/// <b>Writes</b> (<see cref="Append"/>) never block the game and never throw for database trouble: records go to
/// an outbox that a background writer flushes in batches, retrying transient errors with backoff, so the fleet
/// keeps playing from memory while the database is away and nothing is lost when it returns.
/// <see cref="FlushAsync"/> waits until everything appended so far is durable.
/// </para>
/// <para>
/// <b>Leases</b> make a ship run on exactly one dispatcher at a time, across processes: a lease has an owner and
/// an expiry, is renewed while the ship runs, and lapses by itself when its owner dies. They go to the
/// database directly (compare-and-set), since a lease is only as good as the database's word. Whoever takes over an
/// expired lease from another owner closes that owner's open sessions of the ship as <c>abandoned</c> at the lease's
/// expiry, in the same transaction: a killed node's sessions never stay open.
/// </para>
/// <para>
/// <b>Outages.</b> While the database is away, lease calls throw and a node keeps the leases it holds (nobody else can
/// take them then: nobody reaches the database either). When the database answers again, a store runs the work given
/// to <see cref="RegisterLeaseKeeper"/> (the runtime renews its leases there) before it writes the records queued meanwhile.
/// </para>
/// <para>Implementations: the in-memory store (default; simulations and tests) and the PostgreSQL store.</para>
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>Gets a short name for logs and the live view, for example <c>in-memory</c> or <c>postgres</c>.</summary>
    string Name { get; }

    /// <summary>Gets the writer's health: records waiting, the last error, whether the database answers.</summary>
    StoreHealth Health { get; }

    /// <summary>Prepares the store (for PostgreSQL: connects and applies schema migrations). Call once at start-up.</summary>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Queues a record for writing. Never blocks on the database and never throws for database trouble.</summary>
    /// <param name="record">The record.</param>
    void Append(StoreRecord record);

    /// <summary>Waits until every record appended before the call is durable, retrying while the database is away.</summary>
    /// <param name="cancellationToken">Stops waiting (the records stay queued).</param>
    /// <returns>A task that completes when the records are written.</returns>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease of a ship if it is free, expired, or already held by <paramref name="owner"/> (compare-and-set).
    /// Taking an expired lease from another owner closes that owner's open sessions of the ship as <c>abandoned</c>,
    /// ended at the lease's expiry (or at their start, if they started later).
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="agentSymbol">The agent owning the ship.</param>
    /// <param name="owner">The dispatcher asking (a stable node id).</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome: acquired, or held by another owner until a time.</returns>
    Task<LeaseResult> TryAcquireLeaseAsync(string shipSymbol, string agentSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Hands out up to <paramref name="max"/> of the agent's ships whose leases are free or expired to
    /// <paramref name="owner"/>, skipping rows another dispatcher is claiming at the same moment
    /// (<c>FOR UPDATE SKIP LOCKED</c> in PostgreSQL). Ships never seen before are registered from <paramref name="candidates"/>.
    /// Expired leases taken from another owner close its open sessions of those ships, as <see cref="TryAcquireLeaseAsync"/> does.
    /// </summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <param name="candidates">The agent's ships as this dispatcher knows them.</param>
    /// <param name="owner">The dispatcher asking.</param>
    /// <param name="max">The most ships to hand out.</param>
    /// <param name="duration">How long each lease lasts unless renewed.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ships now leased to <paramref name="owner"/>.</returns>
    Task<IReadOnlyList<string>> ClaimShipsAsync(string agentSymbol, IReadOnlyCollection<string> candidates, string owner, int max, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a lease held by <paramref name="owner"/>, even one that lapsed meanwhile (nobody else took it), or takes
    /// again a lease that was released; never one another owner holds or held last (that is a takeover: stop the ship).
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="owner">The dispatcher holding it.</param>
    /// <param name="duration">The new duration from <paramref name="now"/>.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when renewed; <see langword="false"/> when another owner holds it now (stop the ship).</returns>
    Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Extends several leases of <paramref name="owner"/> at once, as <see cref="RenewLeaseAsync"/> extends one (the
    /// runtime renews all its leases this way first when the database returns after an outage).
    /// </summary>
    /// <param name="shipSymbols">The ships.</param>
    /// <param name="owner">The dispatcher holding them.</param>
    /// <param name="duration">The new duration from <paramref name="now"/>.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ships whose leases were renewed, in ordinal order; the others are lost (stop them).</returns>
    Task<IReadOnlyList<string>> RenewLeasesAsync(IReadOnlyCollection<string> shipSymbols, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Registers work that renews the caller's leases. A store whose database went away runs every registered keeper
    /// when the database answers again, before it writes the records it queued meanwhile (a keeper that throws counts as
    /// the database still being away); a store that is never away never runs them.
    /// </summary>
    /// <param name="renewLeases">The work; it runs on the store's writer, not on a game actor.</param>
    /// <returns>Dispose to unregister.</returns>
    IDisposable RegisterLeaseKeeper(Func<CancellationToken, Task> renewLeases);

    /// <summary>Gives a lease up, if <paramref name="owner"/> holds it.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="owner">The dispatcher holding it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken);

    /// <summary>Gets per-session figures, running sessions counted up to <paramref name="asOf"/>.</summary>
    /// <param name="query">Which sessions.</param>
    /// <param name="asOf">The time running sessions are measured to.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per session, oldest first.</returns>
    Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>Gets figures grouped per ship, ship type, behaviour version or agent.</summary>
    /// <param name="grouping">The grouping.</param>
    /// <param name="asOf">The time running sessions are measured to.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per group, ordered by key.</returns>
    Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>Gets figures grouped per ship, ship type, behaviour version or agent, over the sessions of one server reset.</summary>
    /// <param name="grouping">The grouping.</param>
    /// <param name="asOf">The time running sessions are measured to.</param>
    /// <param name="reset">Only sessions of this server reset (<c>yyyy-MM-dd</c>); <see langword="null"/> for every session.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per group, ordered by key.</returns>
    Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken);

    /// <summary>Gets the agent's balance after every recorded credit movement.</summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The points, oldest first.</returns>
    Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken);

    /// <summary>Gets every recorded credit movement of the agent.</summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The movements, oldest first.</returns>
    Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken);

    /// <summary>
    /// Adds up requests: how many, their attempts, 429s, delayed requests, and the mean, median and 99th-percentile
    /// queue wait; per agent, per node (a node's own figures) or across nodes (the agent's), over a time window.
    /// </summary>
    /// <param name="query">Which requests.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The figures (<see cref="RequestFigures.None"/> when no request matches).</returns>
    Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken);

    /// <summary>Gets requests, 429s, delayed requests and mean queue wait per minute (saturation).</summary>
    /// <param name="from">The first minute (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per minute with requests, in order.</returns>
    Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Gets requests, 429s, delayed requests and mean queue wait per minute of one run (the requests recorded with
    /// <see cref="RequestRecordedRecord.RunId"/> equal to <paramref name="runId"/>), whatever else the store holds.
    /// </summary>
    /// <param name="runId">The run (<see cref="FleetRuntime.RunId"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per whole UTC minute with requests of the run, in order.</returns>
    Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>
    /// Gets requests, 429s, delayed requests and mean queue wait per minute of one run in one server reset (a run that
    /// played through resets has one series per reset; the minute of a reset holds requests of both).
    /// </summary>
    /// <param name="runId">The run (<see cref="FleetRuntime.RunId"/>).</param>
    /// <param name="reset">Only requests of this server reset (<c>yyyy-MM-dd</c>); <see langword="null"/> for the whole run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One report per whole UTC minute with requests of the run and reset, in order.</returns>
    Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken);

    /// <summary>Gets the server resets the store holds sessions or requests of, oldest first (records without a reset are left out).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The reset dates (<c>yyyy-MM-dd</c>).</returns>
    Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken);

    /// <summary>Gets the hourly market summaries of a waypoint, optionally for one good.</summary>
    /// <param name="waypointSymbol">The market's waypoint.</param>
    /// <param name="tradeSymbol">The good, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The summaries, oldest first.</returns>
    Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken);

    /// <summary>
    /// Rolls raw market observations older than the raw window into hourly summaries, and deletes raw
    /// observations past the window and summaries past their retention (the janitor's job).
    /// </summary>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="options">The windows.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was rolled up and pruned.</returns>
    Task<JanitorReport> RollUpMarketHistoryAsync(DateTimeOffset now, MarketHistoryOptions options, CancellationToken cancellationToken);

    /// <summary>Gets counters of what the store has written (rows by table), for benchmarks and the live view.</summary>
    /// <returns>A snapshot of the counters.</returns>
    StoreStatistics GetStatistics();
}
