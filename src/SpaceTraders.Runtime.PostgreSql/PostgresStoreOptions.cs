using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>Settings of the <see cref="PostgresStore"/>.</summary>
/// <remarks>
/// <para>
/// <b>Two clocks.</b> The runtime's clock (virtual or real) reaches the store only as the times carried by the
/// records and the <c>now</c> arguments of the lease and janitor calls. The background writer is not a game actor:
/// it waits on <see cref="WriterClock"/> between retries, which is <see cref="TimeProvider.System"/> by default
/// even when the game runs in virtual time, because the database's outage is real time, not game time.
/// </para>
/// <para>
/// <b>Secrets.</b> The connection string holds a password: the store never logs it nor puts it in an exception
/// message; it describes the database by host, port, database and user only.
/// </para>
/// </remarks>
public sealed record PostgresStoreOptions
{
    /// <summary>
    /// Gets the Npgsql connection string, for example <c>Host=127.0.0.1;Port=5432;Database=st;Username=st;Password=...</c>.
    /// Required unless the store is built on an existing <c>NpgsqlDataSource</c>.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Gets the clock the background writer waits on between retries. The default value is
    /// <see cref="TimeProvider.System"/>, also under virtual time (an outage lasts real seconds).
    /// </summary>
    public TimeProvider WriterClock { get; init; } = TimeProvider.System;

    /// <summary>Gets the most records written in one transaction. The default value is 1000.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>
    /// Gets the shortest time between two of the writer's commits on <see cref="WriterClock"/> (group commit): a record
    /// appended after a quiet spell is written at once, but one appended sooner after a commit waits for the rest of the
    /// interval, so that what arrives meanwhile shares its transaction. A flusher waiting, a full batch or a retry ends
    /// the wait at once. The default value is 25 ms (internal: for tests and measurements).
    /// </summary>
    internal TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Gets how many records may wait in memory for the database (while it is away) before the oldest request records,
    /// then the oldest market observations, are dropped to make room, one per append, and counted
    /// (<see cref="StoreHealth.Dropped"/>). Credit movements, sessions, ship parts and agents are never dropped: with only
    /// those waiting the queue grows past the bound. About 200 bytes a record: the default holds about 20 MB, some 13
    /// hours of requests at the live server's 2 a second. The default value is 100,000.
    /// </summary>
    public int MaxPendingRecords { get; init; } = 100_000;

    /// <summary>Gets the wait before the first retry of a failed batch; it doubles on each further failure. The default value is 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the longest wait between retries of a failed batch. The default value is 30 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets how long <see cref="PostgresStore.DisposeAsync"/> keeps trying to write what is still queued before it
    /// gives up (and logs how many records were lost). The default value is 10 seconds on <see cref="WriterClock"/>.
    /// </summary>
    public TimeSpan DisposeFlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the id that makes this process's records unique in the database (with a per-record sequence number), so
    /// that a batch retried after an unknown outcome is never written twice. The default value is a new id per
    /// store instance; set it only for deterministic tests.
    /// </summary>
    public Guid? WriterId { get; init; }

    /// <summary>Gets the logger factory for the writer's warnings. The default value is none (nothing is logged).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Prints the settings as a record does, but never the connection string: it holds the password (a record's
    /// <c>ToString</c> would print it into any log, exception or assertion message that shows the options).
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ConnectionString = {(ConnectionString is null ? "null" : "[redacted]")}, ");
        builder.Append(CultureInfo.InvariantCulture, $"WriterClock = {WriterClock}, MaxBatchSize = {MaxBatchSize}, CommitInterval = {CommitInterval}, MaxPendingRecords = {MaxPendingRecords}, ");
        builder.Append(CultureInfo.InvariantCulture, $"RetryBaseDelay = {RetryBaseDelay}, RetryMaxDelay = {RetryMaxDelay}, DisposeFlushTimeout = {DisposeFlushTimeout}, ");
        builder.Append(CultureInfo.InvariantCulture, $"WriterId = {WriterId}, LoggerFactory = {LoggerFactory}");
        return true;
    }
}
