namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// A fleet's history read from a store's records without a runtime, for a dashboard over a finished or running fleet
/// (the bot runner's <c>--dashboard-only</c>): the store's reports, and what a live view otherwise takes from the
/// runtime's memory (the ships' last recorded parts, a ship's latest requests and credit movements, pauses and resumes,
/// markets and a timeline). Every member only reads.
/// </summary>
/// <remarks>
/// <para>
/// The runtime does not implement it: a backend does, over the records it keeps. The PostgreSQL store's is
/// <c>PostgresHistory</c> (package <c>SpaceTraders.Runtime.PostgreSql</c>); the dashboard reads any implementation
/// through <c>DashboardSource.ForHistory</c>, so it depends on no database driver. Disposing it releases what it holds
/// (connections).
/// </para>
/// <para>
/// A history may show one run of the several a store can hold (<see cref="RunId"/>): then its sessions, requests, credit
/// movements, span, timeline, pauses and reports are that run's; its agents and ships are those the run played, as the
/// store last wrote them; markets are every run's (observations carry no run).
/// </para>
/// </remarks>
public interface IStoreHistory : IStoreReports, IAsyncDisposable
{
    /// <summary>Gets the backend's short name, as its record sink gives it (<see cref="IRecordSink.Name"/>), for example <c>postgres</c>.</summary>
    string Name { get; }

    /// <summary>Gets what the history reads, for display (PostgreSQL: <c>host:port/database as user</c>): never a password.</summary>
    string Database { get; }

    /// <summary>Gets the run this history shows (<see cref="FleetRuntime.RunId"/>), or <see langword="null"/> for every run the store holds.</summary>
    Guid? RunId { get; }

    /// <summary>Gets every run the store holds records of, whichever run this history shows (records written without a run id are in none).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The runs, oldest first: by their first record, then (runs that start together) by their last.</returns>
    Task<IReadOnlyList<StoredRun>> GetRunsAsync(CancellationToken cancellationToken);

    /// <summary>Checks that the history can be read: the store is reachable and holds the store's schema.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the history can be read.</returns>
    /// <exception cref="InvalidOperationException">The store cannot be reached, or holds no SpaceTraders records.</exception>
    Task CheckAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gets the current server reset: the latest one an agent was written in (<c>yyyy-MM-dd</c>), or <see langword="null"/>
    /// when the store holds none with a reset (rows written before resets were recorded). The agents and ships read here
    /// are this reset's.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The reset, or <see langword="null"/>.</returns>
    Task<string?> GetCurrentResetAsync(CancellationToken cancellationToken);

    /// <summary>Gets the first and the last time anything was recorded (sessions, requests, credit movements).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The span, or <see langword="null"/> for an empty store.</returns>
    Task<(DateTimeOffset First, DateTimeOffset Last)?> GetSpanAsync(CancellationToken cancellationToken);

    /// <summary>Gets every agent of the current server reset as last written: credits and the agent's record (the same symbol in an earlier reset was another agent).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The agents, by symbol.</returns>
    Task<IReadOnlyList<StoredAgent>> GetAgentsAsync(CancellationToken cancellationToken);

    /// <summary>Gets every ship's last recorded parts, in the current server reset (that of the latest agent written).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The ships, by symbol.</returns>
    Task<IReadOnlyList<StoredShip>> GetShipsAsync(CancellationToken cancellationToken);

    /// <summary>Gets a ship's latest requests (those of its sessions), newest first.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The requests.</returns>
    Task<IReadOnlyList<RequestRecordedRecord>> GetShipRequestsAsync(string shipSymbol, int limit, CancellationToken cancellationToken);

    /// <summary>Gets a ship's latest credit movements (its sessions' and those naming it), newest first.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The movements.</returns>
    Task<IReadOnlyList<CreditMovementRecord>> GetShipCreditMovementsAsync(string shipSymbol, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Gets the latest pauses (sessions that ended <c>paused</c>, with the conductor's reason) and resumes (the next
    /// session of a paused ship), newest first, each with the agent's request figures of the minute before.
    /// </summary>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<ShipControlEvent>> GetControlEventsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Gets every market observed: when last, and how many goods.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The markets, by waypoint symbol.</returns>
    Task<IReadOnlyList<StoredMarket>> GetMarketsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gets the latest observation of every good of a market: from the raw observations while they are kept, else the
    /// last values of the newest hourly summary (whose trade type is not kept: <c>?</c>).
    /// </summary>
    /// <param name="waypointSymbol">The market's waypoint.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The goods, by trade symbol.</returns>
    Task<IReadOnlyList<MarketObservationRecord>> GetLatestMarketGoodsAsync(string waypointSymbol, CancellationToken cancellationToken);

    /// <summary>
    /// Gets an agent's timeline as <see cref="FleetRuntime.GetTimeline"/> gives it live, over everything recorded: buckets
    /// of whole minutes, as few as fit <paramref name="maxPoints"/>, with exact queue-wait percentiles; credits from the
    /// balance after each movement, counted from the balance before the first; the fleet's size from the first session of
    /// each ship.
    /// </summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <param name="maxPoints">The most buckets.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The points, oldest first; buckets without requests or credit changes are left out.</returns>
    Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken);
}
