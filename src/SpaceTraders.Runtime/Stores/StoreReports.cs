using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Stores;

/// <summary>The outcome of <see cref="IShipLeases.TryAcquireLeaseAsync"/>.</summary>
/// <param name="Acquired">Whether the caller holds the lease now.</param>
/// <param name="Owner">The owner holding it now.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record LeaseResult(bool Acquired, string Owner, DateTimeOffset ExpiresAt);

/// <summary>Which sessions a report covers; unset fields match everything.</summary>
/// <param name="AgentSymbol">Only this agent's sessions.</param>
/// <param name="ShipSymbol">Only this ship's sessions.</param>
/// <param name="SessionId">Only this session.</param>
/// <param name="RunId">Only the sessions of this run (<see cref="FleetRuntime.RunId"/>).</param>
/// <param name="Reset">Only the sessions of this server reset (<see cref="SessionStartedRecord.Reset"/>, <c>yyyy-MM-dd</c>).</param>
public sealed record SessionQuery(string? AgentSymbol = null, string? ShipSymbol = null, Guid? SessionId = null, Guid? RunId = null, string? Reset = null)
{
    /// <summary>Gets a query for every session.</summary>
    public static SessionQuery All { get; } = new();
}

/// <summary>One session's figures.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="ShipType">The ship's type, when known.</param>
/// <param name="BehaviourId">The behaviour.</param>
/// <param name="BehaviourVersion">Its plugin version.</param>
/// <param name="Conductor">The conductor, when any.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended; <see langword="null"/> while it runs.</param>
/// <param name="Outcome">How it ended; <see langword="null"/> while it runs; <see cref="SessionOutcome.Unknown"/> for a stored name this version does not know.</param>
/// <param name="Requests">Requests it made.</param>
/// <param name="CreditsEarned">Net credits of its movements (income minus spending).</param>
/// <param name="Hours">Its duration in hours, up to the report's time while it runs.</param>
public sealed record SessionReport(
    Guid SessionId,
    string AgentSymbol,
    string ShipSymbol,
    string? ShipType,
    string BehaviourId,
    string BehaviourVersion,
    string? Conductor,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    SessionOutcome? Outcome,
    long Requests,
    long CreditsEarned,
    double Hours)
{
    /// <summary>Gets the credits per request (CPR); zero without requests.</summary>
    public double CreditsPerRequest => Requests == 0 ? 0 : (double)CreditsEarned / Requests;

    /// <summary>Gets the pro-rata credits per hour (CPH); zero for a session of no duration.</summary>
    public double CreditsPerHour => Hours <= 0 ? 0 : CreditsEarned / Hours;

    /// <summary>Gets the node (dispatcher) that ran the session. The default value is <see langword="null"/> (not read).</summary>
    public string? Node { get; init; }

    /// <summary>Gets why the session ended (an exception's message, the behaviour's reason, the node that took the ship over). The default value is <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the server reset the session was played in (<c>yyyy-MM-dd</c>), when recorded. The default value is <see langword="null"/>.</summary>
    public string? Reset { get; init; }

    /// <summary>Gets the run that recorded the session, when recorded. The default value is <see langword="null"/>.</summary>
    public Guid? RunId { get; init; }
}

/// <summary>Which requests <see cref="IStoreReports.GetRequestFiguresAsync"/> adds up; unset fields match everything.</summary>
/// <param name="AgentSymbol">Only this agent's requests.</param>
/// <param name="Node">Only requests made by this node (dispatcher): a node's own figures. <see langword="null"/> for every node: the agent's figures across nodes.</param>
/// <param name="From">Only requests started at or after this time.</param>
/// <param name="To">Only requests started before this time.</param>
/// <param name="RunId">
/// Only requests of this run (<see cref="FleetRuntime.RunId"/>): a run's own figures, even when the store holds earlier
/// runs of the agent at the same game times. <see langword="null"/> for every run.
/// </param>
/// <param name="Reset">
/// Only requests made in this server reset (<see cref="RequestRecordedRecord.Reset"/>, <c>yyyy-MM-dd</c>): one reset's
/// figures, never another's. <see langword="null"/> for every reset.
/// </param>
public sealed record RequestQuery(string? AgentSymbol = null, string? Node = null, DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? RunId = null, string? Reset = null)
{
    /// <summary>Gets a query for every request.</summary>
    public static RequestQuery All { get; } = new();
}

/// <summary>What a set of requests added up to.</summary>
/// <param name="Requests">How many logical calls (one record each, whatever their attempts).</param>
/// <param name="Attempts">How many times they were sent, retries included.</param>
/// <param name="RateLimited">429 answers they received.</param>
/// <param name="Delayed">How many waited for the rate limiter longer than the delay threshold.</param>
/// <param name="MeanQueueWait">Their mean rate-limiter wait, in whole ticks.</param>
/// <param name="QueueWaitP50">The median rate-limiter wait (nearest rank: the smallest wait at least half of them did not exceed).</param>
/// <param name="QueueWaitP99">The 99th-percentile rate-limiter wait (nearest rank).</param>
public sealed record RequestFigures(long Requests, long Attempts, long RateLimited, long Delayed, TimeSpan MeanQueueWait, TimeSpan QueueWaitP50, TimeSpan QueueWaitP99)
{
    /// <summary>Gets figures of no requests.</summary>
    public static RequestFigures None { get; } = new(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>
    /// Gets the nearest-rank percentile of sorted values, exactly as PostgreSQL's <c>percentile_disc</c> computes it
    /// (the value at rank <c>ceil(p * n)</c>, at least the first), so that every store answers alike.
    /// </summary>
    /// <param name="sortedTicks">The values, ascending.</param>
    /// <param name="fraction">The percentile as a fraction (0.5, 0.99).</param>
    /// <returns>The value; zero for no values.</returns>
    public static TimeSpan Percentile(IReadOnlyList<long> sortedTicks, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sortedTicks);
        if (sortedTicks.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(fraction * sortedTicks.Count);
        return TimeSpan.FromTicks(sortedTicks[(int)Math.Clamp(rank, 1, sortedTicks.Count) - 1]);
    }
}

/// <summary>How <see cref="IStoreReports.GetGroupReportsAsync(ReportGrouping, DateTimeOffset, CancellationToken)"/> groups sessions.</summary>
public enum ReportGrouping
{
    /// <summary>Per ship symbol.</summary>
    Ship,

    /// <summary>Per ship type (shipyard type).</summary>
    ShipType,

    /// <summary>Per behaviour id and version (<c>id@version</c>).</summary>
    Behaviour,

    /// <summary>Per agent.</summary>
    Agent,
}

/// <summary>Figures for a group of sessions: the sums of their requests, credits and hours.</summary>
/// <param name="Key">The group's key (a ship symbol, a ship type, <c>id@version</c>, an agent).</param>
/// <param name="Sessions">How many sessions.</param>
/// <param name="Requests">Their requests.</param>
/// <param name="CreditsEarned">Their net credits.</param>
/// <param name="Hours">Their summed durations in hours.</param>
public sealed record GroupReport(string Key, int Sessions, long Requests, long CreditsEarned, double Hours)
{
    /// <summary>Gets the credits per request (CPR); zero without requests.</summary>
    public double CreditsPerRequest => Requests == 0 ? 0 : (double)CreditsEarned / Requests;

    /// <summary>Gets the credits per session-hour (CPH); zero without duration.</summary>
    public double CreditsPerHour => Hours <= 0 ? 0 : CreditsEarned / Hours;
}

/// <summary>The agent's balance after a credit movement.</summary>
/// <param name="At">When.</param>
/// <param name="Balance">The credits after it.</param>
public sealed record CreditPoint(DateTimeOffset At, long Balance);

/// <summary>One minute of requests: how saturated the rate limit was.</summary>
/// <param name="Minute">The minute's start.</param>
/// <param name="Requests">Requests that started in it.</param>
/// <param name="RateLimited">429 answers they received.</param>
/// <param name="Delayed">How many of them waited for the rate limiter.</param>
/// <param name="MeanQueueWait">Their mean rate-limiter wait.</param>
public sealed record MinuteReport(DateTimeOffset Minute, int Requests, int RateLimited, int Delayed, TimeSpan MeanQueueWait);

/// <summary>One hour of one good at one market, rolled up from raw observations.</summary>
/// <param name="WaypointSymbol">The market's waypoint.</param>
/// <param name="TradeSymbol">The good.</param>
/// <param name="Hour">The hour's start.</param>
/// <param name="Observations">How many observations were rolled up.</param>
/// <param name="MinPurchasePrice">The lowest purchase price.</param>
/// <param name="MaxPurchasePrice">The highest purchase price.</param>
/// <param name="MeanPurchasePrice">The mean purchase price.</param>
/// <param name="LastPurchasePrice">The last purchase price.</param>
/// <param name="MinSellPrice">The lowest sell price.</param>
/// <param name="MaxSellPrice">The highest sell price.</param>
/// <param name="MeanSellPrice">The mean sell price.</param>
/// <param name="LastSellPrice">The last sell price.</param>
/// <param name="LastTradeVolume">The last trade volume.</param>
/// <param name="LastSupply">The last supply level.</param>
public sealed record MarketHourSummary(
    string WaypointSymbol,
    string TradeSymbol,
    DateTimeOffset Hour,
    int Observations,
    int MinPurchasePrice,
    int MaxPurchasePrice,
    double MeanPurchasePrice,
    int LastPurchasePrice,
    int MinSellPrice,
    int MaxSellPrice,
    double MeanSellPrice,
    int LastSellPrice,
    int LastTradeVolume,
    string LastSupply);

/// <summary>How long market history is kept.</summary>
public sealed record MarketHistoryOptions
{
    /// <summary>Gets how long raw observations are kept before they are rolled up and deleted. The default value is 2 hours.</summary>
    public TimeSpan RawWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Gets how long hourly summaries are kept. The default value is 30 days.</summary>
    public TimeSpan SummaryRetention { get; init; } = TimeSpan.FromDays(30);
}

/// <summary>What one run of the market-history janitor did.</summary>
/// <param name="HoursRolledUp">Hourly summaries written or updated.</param>
/// <param name="RawPruned">Raw observations deleted.</param>
/// <param name="SummariesPruned">Summaries deleted past their retention.</param>
public sealed record JanitorReport(int HoursRolledUp, int RawPruned, int SummariesPruned);

/// <summary>The store writer's health.</summary>
/// <param name="Pending">Records appended and not yet durable.</param>
/// <param name="Connected">Whether the last write or query reached the database.</param>
/// <param name="LastError">The last error's message, when any.</param>
/// <param name="LastErrorAt">When it happened.</param>
public sealed record StoreHealth(int Pending, bool Connected, string? LastError, DateTimeOffset? LastErrorAt)
{
    /// <summary>
    /// Gets how many records were dropped unwritten because too many waited while the database was away (request
    /// records first, then market observations; never credit movements, sessions, ship parts or agents). The default value is 0.
    /// </summary>
    public long Dropped { get; init; }
}

/// <summary>What a store has written since it started.</summary>
/// <param name="RowsWritten">Rows inserted or updated, by table.</param>
/// <param name="Batches">Write batches committed.</param>
/// <param name="Retries">Batches retried after a transient error.</param>
public sealed record StoreStatistics(IReadOnlyDictionary<string, long> RowsWritten, long Batches, long Retries)
{
    /// <summary>Gets the records dropped unwritten at the store's queue bound, by table (see <see cref="StoreHealth.Dropped"/>). The default value is empty.</summary>
    public IReadOnlyDictionary<string, long> RowsDropped { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the rows written, all tables together.</summary>
    public long TotalRows => RowsWritten.Values.Sum();
}
