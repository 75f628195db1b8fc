namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// The read side of a store: per-session and grouped figures, credits, request figures and saturation, resets and
/// market history, for the dashboard, the runner's report and the benchmarks. Every member only reads.
/// </summary>
/// <remarks>
/// The queries read what is durable: call <see cref="IRecordSink.FlushAsync"/> on the same store first to include
/// everything appended so far.
/// </remarks>
public interface IStoreReports
{
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
}
