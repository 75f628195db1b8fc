using Microsoft.Extensions.Logging;

namespace SpaceTraders.Runtime.PostgreSql;

/// <summary>The PostgreSQL store's log messages. The database is named by host, port, database and user only.</summary>
internal static partial class PostgresStoreLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Applied store migrations {Versions} to {Database}")]
    public static partial void Migrated(ILogger logger, string database, string versions);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Writing to {Database} failed ({Error}); {Pending} records wait in memory, retrying in {DelaySeconds:0.#} s")]
    public static partial void WriteFailed(ILogger logger, int pending, string database, string error, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "The database refused a {RecordType} of {At} as invalid and it was dropped: {Error}")]
    public static partial void Rejected(ILogger logger, string recordType, DateTimeOffset at, string error, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "{Pending} records were not written to {Database} before the store closed (last error: {Error})")]
    public static partial void LostOnDispose(ILogger logger, int pending, string database, string error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "A {RecordType} was appended after the store closed and was dropped")]
    public static partial void AppendAfterDispose(ILogger logger, string recordType);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "The PostgreSQL store does not know how to write a {RecordType}; dropped")]
    public static partial void UnknownRecord(ILogger logger, string recordType);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "A ship-parts OnDurable callback threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Closed {Sessions} open session(s) of {Ship} as abandoned: {PreviousOwner}'s lease lapsed and {NewOwner} took the ship over")]
    public static partial void SessionsTakenOver(ILogger logger, int sessions, string ship, string previousOwner, string newOwner);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "{Pending} records wait for {Database}, more than the bound of {Bound}: dropping the oldest request records (then market observations) from now on; credit movements, sessions, ship parts and agents are never dropped")]
    public static partial void BoundReached(ILogger logger, int pending, string database, int bound);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Information, Message = "{Database} answers again: renewing leases before writing the {Pending} records queued meanwhile")]
    public static partial void RenewingLeasesFirst(ILogger logger, string database, int pending);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "{Database} answered again, but renewing the leases before writing failed ({Error}); retrying")]
    public static partial void LeaseKeeperFailed(ILogger logger, string database, string error, Exception exception);
}
