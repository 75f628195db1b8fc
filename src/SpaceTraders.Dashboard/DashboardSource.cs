using SpaceTraders.Dashboard.Sources;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard;

/// <summary>
/// Where a dashboard reads the fleet from: a live <see cref="FleetRuntime"/> (its snapshot, timeline and store), or a
/// store's history without a runtime (read-only; for PostgreSQL, <c>PostgresHistory</c> from the
/// <c>SpaceTraders.Runtime.PostgreSql</c> package). Create one with <see cref="ForRuntime"/> or <see cref="ForHistory"/>.
/// </summary>
/// <remarks>
/// Either source only reads: nothing the dashboard does changes the fleet, sends a game request or writes a record. A
/// live source reads memory and the store's reports, so it never holds up the runtime's clock, virtual or real.
/// </remarks>
public abstract class DashboardSource : IAsyncDisposable
{
    private protected DashboardSource()
    {
    }

    /// <summary>Gets what the source reads, for the page header, for example <c>live: node-a, in-memory store</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Creates a source over a running (or finished) runtime. The dashboard does not dispose the runtime.</summary>
    /// <param name="runtime">The runtime.</param>
    /// <returns>The source.</returns>
    public static DashboardSource ForRuntime(FleetRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new LiveSource(runtime);
    }

    /// <summary>
    /// Creates a source over a store's history, without a runtime (the fleet as its store recorded it). The history only
    /// reads; for PostgreSQL pass a <c>PostgresHistory</c> (package <c>SpaceTraders.Runtime.PostgreSql</c>) over a
    /// database a runner with <c>--postgres</c> wrote.
    /// </summary>
    /// <param name="history">The history.</param>
    /// <param name="ownsHistory">Whether disposing the source disposes <paramref name="history"/> (its connections).</param>
    /// <returns>The source.</returns>
    public static DashboardSource ForHistory(IStoreHistory history, bool ownsHistory)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new HistorySource(history, ownsHistory);
    }

    /// <summary>Releases what the source owns (a history source's connections).</summary>
    /// <returns>A task that completes when released.</returns>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    internal abstract Task CheckAsync(CancellationToken cancellationToken);

    internal abstract Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken);

    internal abstract Task<Health.FleetHealthReport> ReadHealthAsync(TimeSpan quietLimit, CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<TimelinePoint>> ReadTimelineAsync(string agentSymbol, int maxPoints, CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<SessionReport>> ReadSessionsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<GroupReport>> ReadGroupsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken);

    internal abstract Task<(IReadOnlyList<RequestRecordedRecord> Requests, IReadOnlyList<CreditMovementRecord> Movements)> ReadShipActivityAsync(string shipSymbol, int limit, CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<MarketView>> ReadMarketsAsync(CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<MarketHourSummary>> ReadMarketHistoryAsync(string waypointSymbol, CancellationToken cancellationToken);

    internal abstract Task<IReadOnlyList<WaypointView>> ReadWaypointsAsync(string systemSymbol, CancellationToken cancellationToken);

    /// <summary>The behaviours the source knows besides those with sessions (a live runtime's loaded plugins).</summary>
    internal abstract IReadOnlyList<string> KnownBehaviours();
}
