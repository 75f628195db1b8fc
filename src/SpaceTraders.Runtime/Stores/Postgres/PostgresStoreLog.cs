using Microsoft.Extensions.Logging;

namespace SpaceTraders.Runtime.Stores.Postgres;

/// <summary>The PostgreSQL store's log messages. The database is named by host, port, database and user only.</summary>
internal static partial class PostgresStoreLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Applied store migrations {Versions} to {Database}")]
    public static partial void Migrated(ILogger logger, string database, string versions);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Writing to {Database} failed ({Error}); {Pending} records wait in memory, retrying in {Delay}")]
    public static partial void WriteFailed(ILogger logger, int pending, string database, string error, TimeSpan delay, Exception exception);

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
}
