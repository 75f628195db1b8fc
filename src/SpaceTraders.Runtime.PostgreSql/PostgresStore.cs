using System.Data;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>
/// The PostgreSQL store: schema migrations at start-up, batched background writes that survive the database going
/// away, ship leases by compare-and-set, and the analytics as SQL.
/// </summary>
/// <remarks>
/// <para>
/// <b>Writes.</b> <see cref="Append"/> puts the record in an in-memory outbox and returns. One background writer
/// takes up to <see cref="PostgresStoreOptions.MaxBatchSize"/> records from the front, writes them as one statement
/// per table in one transaction, and only then removes them, calls <see cref="StoreRecord.OnDurable"/> and
/// releases <see cref="FlushAsync"/>. When the database fails (connection refused, server restarted, any error
/// that is not about the data itself) the batch stays at the front and is retried after a capped exponential
/// backoff on <see cref="PostgresStoreOptions.WriterClock"/>; appends go on into memory meanwhile, and everything
/// owed is written in order once the database answers. Every statement is idempotent (records are keyed by this
/// store's writer id and their sequence number), so a batch whose commit outcome was lost is never written twice.
/// A record the database refuses as invalid (a data or constraint error) is isolated, logged, reported in
/// <see cref="Health"/> and dropped, so that it cannot hold back the records behind it.
/// </para>
/// <para>
/// <b>Outages.</b> The outbox is bounded by <see cref="PostgresStoreOptions.MaxPendingRecords"/>: past it, each append
/// drops the oldest request record waiting (then the oldest market observation) and counts it in
/// <see cref="StoreHealth.Dropped"/> and <see cref="StoreStatistics.RowsDropped"/>; credit movements, sessions, ship
/// parts and agents are never dropped. When the database answers again after it was lost, the writer first runs the
/// lease keepers (<see cref="RegisterLeaseKeeper"/>: the runtime renews its leases), then writes what was queued.
/// </para>
/// <para>
/// <b>Reads.</b> The analytics and market-history calls read what is durable: call <see cref="FlushAsync"/> first to
/// include everything appended so far. They never wait for the writer, so while the database is away they fail
/// at once (an <see cref="NpgsqlException"/>) instead of holding the caller, and under virtual time they never keep
/// the clock still for long. <see cref="FlushAsync"/> does wait, for real time: the runtime never flushes from a game
/// actor (it flushes after its actors have stopped), and neither should a host.
/// </para>
/// <para>
/// <b>Leases</b> go straight to the database (a lease is only as good as the database's word) and throw when it
/// cannot be reached; see <see cref="TryAcquireLeaseAsync"/> for the clock assumption of multi-node runs.
/// </para>
/// </remarks>
public sealed partial class PostgresStore : IStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresStoreOptions _options;
    private readonly Guid _writerId;
    private readonly ILogger _logger;
    private readonly PostgresOutbox _outbox;
    private readonly PostgresRecordWriters _writers = PostgresRecordWriters.Default;
    private readonly List<Func<CancellationToken, Task>> _leaseKeepers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _rowsWritten = new(StringComparer.Ordinal);
    private long _batches;
    private long _retries;
    private long _rejected;
    private bool _connected;
    private bool _renewLeasesFirst;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private Task? _writer;
    private NpgsqlConnection? _writerConnection;
    private DateTimeOffset? _lastCommitAt;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgresStore"/> class from a connection string.</summary>
    /// <param name="options">The settings; <see cref="PostgresStoreOptions.ConnectionString"/> is required.</param>
    public PostgresStore(PostgresStoreOptions options)
        : this(CreateDataSource(options), options, ownsDataSource: true)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="PostgresStore"/> class on an existing data source (for example one
    /// registered with <c>AddNpgsqlDataSource</c>); the store does not dispose it.
    /// </summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="options">The settings (the connection string is ignored); <see langword="null"/> for the defaults.</param>
    public PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions? options = null)
        : this(dataSource, options ?? new PostgresStoreOptions(), ownsDataSource: false)
    {
    }

    private PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions options, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryBaseDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryMaxDelay, options.RetryBaseDelay, nameof(options));
        ArgumentNullException.ThrowIfNull(options.WriterClock, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingRecords, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitInterval, TimeSpan.Zero, nameof(options));
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _writerId = options.WriterId ?? Guid.NewGuid();
        _outbox = new PostgresOutbox(options.MaxPendingRecords, _writers.Sheddable);
        _logger = options.LoggerFactory?.CreateLogger<PostgresStore>() ?? NullLogger<PostgresStore>.Instance;
        Database = Describe(dataSource.ConnectionString);
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <summary>Gets the database as <c>host:port/database as user</c>, for logs: never the password.</summary>
    public string Database { get; }

    /// <inheritdoc />
    public StoreHealth Health
    {
        get
        {
            var pending = _outbox.Pending;
            var dropped = _outbox.DroppedTotal;
            lock (_gate)
            {
                return new StoreHealth(pending, _connected, _lastError, _lastErrorAt) { Dropped = dropped };
            }
        }
    }

    /// <summary>Gets how many records the database refused as invalid and were dropped (each is logged).</summary>
    public long RejectedRecords => Interlocked.Read(ref _rejected);

    /// <summary>Raised by the writer after each attempt to write a batch, with the error when it failed (for tests and diagnostics).</summary>
    internal event Action<Exception?>? BatchAttempted;

    /// <summary>Raised by the writer when, after the database came back, the lease keepers have run and before it writes again (for tests).</summary>
    internal event Action? LeasesRenewedFirst;

    /// <inheritdoc />
    /// <remarks>Applies the schema migrations (once, even when several nodes start at once) and starts the background writer.</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            try
            {
                var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var connectionScope = connection.ConfigureAwait(false);
                var applied = await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    PostgresStoreLog.Migrated(_logger, Database, string.Join(", ", applied));
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                Failed(ex);
                throw new InvalidOperationException($"The PostgreSQL store could not prepare the database {Database}: {ex.Message}", ex);
            }

            Succeeded();

            // The writer belongs to no game actor: under a virtual clock it must not count as one of its actors.
            using (ExecutionContext.SuppressFlow())
            {
                _writer = Task.Run(() => RunWriterAsync(_stop.Token), CancellationToken.None);
            }
        }
        finally
        {
            _initialization.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>A record of a type this store does not know, or one appended after disposal, is logged and dropped.</remarks>
    public void Append(StoreRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_writers.Knows(record))
        {
            PostgresStoreLog.UnknownRecord(_logger, record.GetType().Name);
            return;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            PostgresStoreLog.AppendAfterDispose(_logger, record.GetType().Name);
            return;
        }

        if (_outbox.Enqueue(record).ReachedBound)
        {
            PostgresStoreLog.BoundReached(_logger, _outbox.Pending, Database, _options.MaxPendingRecords);
        }
    }

    /// <inheritdoc />
    /// <remarks>Records dropped at the bound count as gone. The wait is real time: never flush from a game actor of a virtual clock.</remarks>
    public Task FlushAsync(CancellationToken cancellationToken) => _outbox.WaitUntilWrittenAsync(cancellationToken);

    /// <inheritdoc />
    public IDisposable RegisterLeaseKeeper(Func<CancellationToken, Task> renewLeases)
    {
        ArgumentNullException.ThrowIfNull(renewLeases);
        lock (_gate)
        {
            _leaseKeepers.Add(renewLeases);
        }

        return new KeeperRegistration(this, renewLeases);
    }

    /// <inheritdoc />
    public StoreStatistics GetStatistics()
    {
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var writer in _writers.SheddableWriters)
        {
            if (_outbox.Dropped(writer.RecordType) is var count and > 0)
            {
                dropped[writer.Table] = dropped.GetValueOrDefault(writer.Table) + count;
            }
        }

        lock (_gate)
        {
            return new StoreStatistics(new Dictionary<string, long>(_rowsWritten, StringComparer.Ordinal), _batches, _retries) { RowsDropped = dropped };
        }
    }

    /// <summary>Writes what is queued (waiting up to <see cref="PostgresStoreOptions.DisposeFlushTimeout"/>), stops the writer and closes the connections.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_writer is not null)
        {
            using var timeout = new CancellationTokenSource(_options.DisposeFlushTimeout, _options.WriterClock);
            try
            {
                await _outbox.WaitUntilWrittenAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported below.
            }

            await _stop.CancelAsync().ConfigureAwait(false);
            await _writer.ConfigureAwait(false);
        }

        var lost = _outbox.Pending;
        if (lost > 0)
        {
            PostgresStoreLog.LostOnDispose(_logger, lost, Database, _lastError ?? "the store was never initialised");
        }

        _stop.Dispose();
        _initialization.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static NpgsqlDataSource CreateDataSource(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgresStoreOptions.ConnectionString is required.", nameof(options));
        }

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);

        // The store changes no session state (no SET, no session advisory lock, no prepared statement), so a pooled
        // connection needs no DISCARD ALL when it is used again: that reset is a transaction of its own on the server
        // for every lease call and read (half of a runner's commits). A data source the host gives is left as it is.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (options.LoggerFactory is { } loggers)
        {
            builder.UseLoggerFactory(loggers);
        }

        return builder.Build();
    }

    private static string Describe(string connectionString)
    {
        // NpgsqlDataSource.ConnectionString has the password removed already (Persist Security Info is off by
        // default); describe the database by its parts anyway, so no setting can leak it.
        // A part left out of the connection string is Npgsql's default: say so rather than leave a gap ("/ as ").
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{parts.Host}:{parts.Port}/{parts.Database ?? "(default database)"} as {parts.Username ?? "(default user)"}";
    }

    /// <summary>Whether the database refused the data itself (data exception, constraint violation, a value Npgsql cannot send): retrying cannot help.</summary>
    private static bool IsDataError(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal),
        InvalidCastException or ArgumentException => true,
        _ => false,
    };

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * factor));
        return delay;
    }

    private async Task RunWriterAsync(CancellationToken stop)
    {
        try
        {
            await WriteUntilStoppedAsync(stop).ConfigureAwait(false);
        }
        finally
        {
            await DropWriterConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteUntilStoppedAsync(CancellationToken stop)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                await _outbox.WaitForWorkAsync(stop).ConfigureAwait(false);
                await GatherAsync(stop).ConfigureAwait(false);
                var entries = _outbox.Take(_options.MaxBatchSize);
                if (entries.Length == 0)
                {
                    continue;
                }

                if (Volatile.Read(ref _renewLeasesFirst))
                {
                    await RenewLeasesFirstAsync(stop).ConfigureAwait(false);
                }

                await WriteOrIsolateAsync(entries, stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                await DropWriterConnectionAsync().ConfigureAwait(false);
                failures++;
                lock (_gate)
                {
                    _retries++;
                }

                Failed(ex);
                var delay = Backoff(failures);
                PostgresStoreLog.WriteFailed(_logger, _outbox.Pending, Database, ex.Message, delay.TotalSeconds, ex);

                // The timer starts before anyone hears of the failure, so a test clock advanced on hearing it
                // always finds the wait in place.
                var wait = Task.Delay(delay, _options.WriterClock, stop);
                BatchAttempted?.Invoke(ex);
                try
                {
                    await wait.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Group commit: when the last commit was less than <see cref="PostgresStoreOptions.CommitInterval"/> ago, waits
    /// for the rest of the interval on <see cref="PostgresStoreOptions.WriterClock"/> so that the records appended
    /// meanwhile share one transaction; a flusher, a full batch or a batch owed (a retry) ends the wait at once.
    /// </summary>
    private async Task GatherAsync(CancellationToken stop)
    {
        if (_lastCommitAt is not { } last)
        {
            return;
        }

        var rest = last + _options.CommitInterval - _options.WriterClock.GetUtcNow();
        if (rest <= TimeSpan.Zero)
        {
            return;
        }

        using var gathering = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var due = _outbox.WaitUntilDueAsync(_options.MaxBatchSize, gathering.Token);
        if (!due.IsCompleted)
        {
            var interval = Task.Delay(rest, _options.WriterClock, gathering.Token);
            await Task.WhenAny(due, interval).ConfigureAwait(false);
            await gathering.CancelAsync().ConfigureAwait(false);
        }

        stop.ThrowIfCancellationRequested();
    }

    /// <summary>Closes the writer's connection (after a failure, or when the writer stops); the next batch opens a new one.</summary>
    private async Task DropWriterConnectionAsync()
    {
        if (_writerConnection is { } connection)
        {
            _writerConnection = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                // The connection is broken already: nothing to close.
            }
        }
    }

    /// <summary>
    /// After the database was lost: runs every lease keeper (the runtime renews its leases) before any queued record is
    /// written. A keeper that throws leaves the flag set, so the retry loop backs off and tries again.
    /// </summary>
    private async Task RenewLeasesFirstAsync(CancellationToken stop)
    {
        Func<CancellationToken, Task>[] keepers;
        lock (_gate)
        {
            keepers = [.. _leaseKeepers];
        }

        PostgresStoreLog.RenewingLeasesFirst(_logger, Database, _outbox.Pending);
        foreach (var keeper in keepers)
        {
            try
            {
                await keeper(stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                PostgresStoreLog.LeaseKeeperFailed(_logger, Database, ex.Message, ex);
                throw;
            }
        }

        Volatile.Write(ref _renewLeasesFirst, false);
        LeasesRenewedFirst?.Invoke();
    }

    private async Task WriteOrIsolateAsync(OutboxEntry[] entries, CancellationToken stop)
    {
        try
        {
            await CommitAsync(entries, stop).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (IsDataError(ex) && entries.Length > 1)
        {
            // One record (or more) is bad: write them one by one, dropping only the bad ones. A connection error
            // on the way leaves the rest queued for the retry loop.
            Failed(ex);
        }
        catch (Exception ex) when (IsDataError(ex))
        {
            Reject(entries[0], ex);
            return;
        }

        foreach (var entry in entries)
        {
            try
            {
                await CommitAsync([entry], stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDataError(ex))
            {
                Reject(entry, ex);
            }
        }
    }

    private async Task CommitAsync(OutboxEntry[] entries, CancellationToken stop)
    {
        var statements = _writers.BuildCommands(_writerId, entries);
        if (statements.Count > 0)
        {
            // The writer keeps one connection from batch to batch: no pool round trip and no reset between batches. It
            // is dropped after any failure (the retry opens another).
            if (_writerConnection is { State: not ConnectionState.Open })
            {
                await DropWriterConnectionAsync().ConfigureAwait(false);
            }

            try
            {
                var connection = _writerConnection ??= await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(stop).ConfigureAwait(false);
                await using var transactionScope = transaction.ConfigureAwait(false);
                using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var (_, command) in statements)
                {
                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                await transaction.CommitAsync(stop).ConfigureAwait(false);
                _lastCommitAt = _options.WriterClock.GetUtcNow();
            }
            catch
            {
                await DropWriterConnectionAsync().ConfigureAwait(false);
                throw;
            }
        }

        lock (_gate)
        {
            foreach (var (table, command) in statements)
            {
                _rowsWritten[table] = _rowsWritten.GetValueOrDefault(table) + command.RecordsAffected;
            }

            _batches++;
        }

        Succeeded();
        BatchAttempted?.Invoke(null);
        foreach (var entry in entries)
        {
            if (entry.Record.OnDurable is { } onDurable)
            {
                try
                {
                    onDurable();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    PostgresStoreLog.CallbackFailed(_logger, ex);
                }
            }
        }

        _outbox.Remove(entries.Length);
    }

    private void Reject(OutboxEntry entry, Exception ex)
    {
        Interlocked.Increment(ref _rejected);
        Failed(ex);
        PostgresStoreLog.Rejected(_logger, entry.Record.GetType().Name, entry.Record.At, ex.Message, ex);
        _outbox.Remove(1);
    }

    private void Succeeded()
    {
        lock (_gate)
        {
            _connected = true;
        }
    }

    /// <summary>Whether the connection itself failed (refused, reset, server shut down or restarting) rather than a statement.</summary>
    private static bool IsConnectionLost(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    private void Failed(Exception ex)
    {
        var lost = IsConnectionLost(ex);
        if (lost)
        {
            // Pooled connections are likely dead too (the server restarted): drop them so the next call opens a fresh one.
            _dataSource.Clear();

            // When it answers again, leases are renewed before the queue is written.
            Volatile.Write(ref _renewLeasesFirst, true);
        }

        var at = _options.WriterClock.GetUtcNow();
        lock (_gate)
        {
            _connected = !lost;
            _lastError = $"{ex.GetType().Name}: {ex.Message}";
            _lastErrorAt = at;
        }
    }

    /// <summary>Runs a read or a lease call on a connection of its own, keeping <see cref="Health"/> current.</summary>
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var result = await work(connection).ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            Failed(ex);
            throw;
        }
    }

    private sealed class KeeperRegistration(PostgresStore store, Func<CancellationToken, Task> keeper) : IDisposable
    {
        public void Dispose()
        {
            lock (store._gate)
            {
                store._leaseKeepers.Remove(keeper);
            }
        }
    }
}
