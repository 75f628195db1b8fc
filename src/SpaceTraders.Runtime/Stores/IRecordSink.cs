namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// The write side of a store: where the runtime's recorders (sessions, requests, credit movements, ship parts, agents,
/// market observations) append what must outlive the process.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Append"/> never blocks the game and never throws for database trouble: a backend with a database puts
/// records in an outbox that a background writer flushes in batches, retrying transient errors with backoff, so the
/// fleet keeps playing from memory while the database is away and nothing is lost when it returns.
/// <see cref="FlushAsync"/> waits until everything appended so far is durable.
/// </para>
/// <para>
/// The market-history roll-up (<see cref="RollUpMarketHistoryAsync"/>) belongs here, not with the reports: it rewrites
/// and deletes what the sink wrote (raw observations into hourly summaries), its rows count in
/// <see cref="GetStatistics"/>, and keeping it off <see cref="IStoreReports"/> leaves the reports read-only (a
/// dashboard that only reads cannot prune history).
/// </para>
/// <para>A record type a backend has no writer for is refused (see <see cref="StoreRecord"/> for adding one).</para>
/// </remarks>
public interface IRecordSink
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
