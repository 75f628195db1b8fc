using System.Collections.Concurrent;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;

namespace SpaceTraders.Runtime.Tests.Support;

/// <summary>
/// An in-memory store that also keeps every appended record and every lease renewal call, so tests can see which node
/// ran what and when; its lease calls can be made to throw (<see cref="LeasesAway"/>), as a store whose database is away.
/// </summary>
internal sealed class RecordingStore : IStore
{
    private readonly InMemoryStore _inner = new();
    private readonly List<Func<CancellationToken, Task>> _keepers = [];
    private volatile bool _leasesAway;

    public ConcurrentQueue<StoreRecord> Records { get; } = new();

    public InMemoryStore Inner => _inner;

    public string Name => _inner.Name;

    public StoreHealth Health => _inner.Health;

    public IReadOnlyList<SessionStartedRecord> Starts => [.. Records.OfType<SessionStartedRecord>()];

    public IReadOnlyList<SessionEndedRecord> Ends => [.. Records.OfType<SessionEndedRecord>()];

    /// <summary>Gets every renewal call that reached the store: its time, its owner, the ships asked and whether it was the many-ship call.</summary>
    public ConcurrentQueue<(DateTimeOffset Now, string Owner, string[] Ships, bool Batch)> Renewals { get; } = new();

    /// <summary>Gets every renewal call refused because the store was away (<see cref="LeasesAway"/>), as <see cref="Renewals"/>.</summary>
    public ConcurrentQueue<(DateTimeOffset Now, string Owner, string[] Ships, bool Batch)> RefusedRenewals { get; } = new();

    /// <summary>Gets or sets whether lease calls throw, as when the database is away.</summary>
    public bool LeasesAway
    {
        get => _leasesAway;
        set => _leasesAway = value;
    }

    /// <summary>Runs the registered lease keepers, as a store does when its database answers again.</summary>
    /// <param name="cancellationToken">Cancels the keepers.</param>
    /// <returns>A task that completes when they have run.</returns>
    public async Task RunLeaseKeepersAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>[] keepers;
        lock (_keepers)
        {
            keepers = [.. _keepers];
        }

        foreach (var keeper in keepers)
        {
            await keeper(cancellationToken);
        }
    }

    public void Append(StoreRecord record)
    {
        Records.Enqueue(record);
        _inner.Append(record);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public Task<LeaseResult> TryAcquireLeaseAsync(string shipSymbol, string agentSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ThrowIfAway();
        return _inner.TryAcquireLeaseAsync(shipSymbol, agentSymbol, owner, duration, now, cancellationToken);
    }

    public Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Renewal((now, owner, [shipSymbol], false));
        return _inner.RenewLeaseAsync(shipSymbol, owner, duration, now, cancellationToken);
    }

    public Task<IReadOnlyList<string>> RenewLeasesAsync(IReadOnlyCollection<string> shipSymbols, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Renewal((now, owner, [.. shipSymbols.Order(StringComparer.Ordinal)], true));
        return _inner.RenewLeasesAsync(shipSymbols, owner, duration, now, cancellationToken);
    }

    public IDisposable RegisterLeaseKeeper(Func<CancellationToken, Task> renewLeases)
    {
        lock (_keepers)
        {
            _keepers.Add(renewLeases);
        }

        return new Registration(() =>
        {
            lock (_keepers)
            {
                _keepers.Remove(renewLeases);
            }
        });
    }

    public Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken)
    {
        ThrowIfAway();
        return _inner.ReleaseLeaseAsync(shipSymbol, owner, cancellationToken);
    }

    public Task<RequestFigures> GetRequestFiguresAsync(RequestQuery query, CancellationToken cancellationToken) => _inner.GetRequestFiguresAsync(query, cancellationToken);

    public Task<IReadOnlyList<SessionReport>> GetSessionReportsAsync(SessionQuery query, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        _inner.GetSessionReportsAsync(query, asOf, cancellationToken);

    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        _inner.GetGroupReportsAsync(grouping, asOf, cancellationToken);

    public Task<IReadOnlyList<GroupReport>> GetGroupReportsAsync(ReportGrouping grouping, DateTimeOffset asOf, string? reset, CancellationToken cancellationToken) =>
        _inner.GetGroupReportsAsync(grouping, asOf, reset, cancellationToken);

    public Task<IReadOnlyList<CreditPoint>> GetCreditsOverTimeAsync(string agentSymbol, CancellationToken cancellationToken) => _inner.GetCreditsOverTimeAsync(agentSymbol, cancellationToken);

    public Task<IReadOnlyList<CreditMovementRecord>> GetCreditMovementsAsync(string agentSymbol, CancellationToken cancellationToken) => _inner.GetCreditMovementsAsync(agentSymbol, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetSaturationAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => _inner.GetSaturationAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, CancellationToken cancellationToken) => _inner.GetRunSaturationAsync(runId, cancellationToken);

    public Task<IReadOnlyList<MinuteReport>> GetRunSaturationAsync(Guid runId, string? reset, CancellationToken cancellationToken) => _inner.GetRunSaturationAsync(runId, reset, cancellationToken);

    public Task<IReadOnlyList<string>> GetResetsAsync(CancellationToken cancellationToken) => _inner.GetResetsAsync(cancellationToken);

    public Task<IReadOnlyList<MarketHourSummary>> GetMarketHistoryAsync(string waypointSymbol, string? tradeSymbol, CancellationToken cancellationToken) =>
        _inner.GetMarketHistoryAsync(waypointSymbol, tradeSymbol, cancellationToken);

    public Task<JanitorReport> RollUpMarketHistoryAsync(DateTimeOffset now, MarketHistoryOptions options, CancellationToken cancellationToken) =>
        _inner.RollUpMarketHistoryAsync(now, options, cancellationToken);

    public StoreStatistics GetStatistics() => _inner.GetStatistics();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private void Renewal((DateTimeOffset Now, string Owner, string[] Ships, bool Batch) call)
    {
        if (_leasesAway)
        {
            RefusedRenewals.Enqueue(call);
        }

        ThrowIfAway();
        Renewals.Enqueue(call);
    }

    private void ThrowIfAway()
    {
        if (_leasesAway)
        {
            throw new TimeoutException("The database is away (test).");
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
