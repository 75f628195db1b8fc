using Microsoft.Extensions.Logging;

namespace SpaceTraders.BotRunner.Display;

/// <summary>
/// Logs one line per entry (<c>warn SpaceTraders.Runtime.Ship: message</c>) to a writer, for the status-line and quiet
/// views. Exception stack traces are left out unless asked for: the message already names the error, and a fleet whose
/// behaviours fail and restart would otherwise bury the status lines.
/// </summary>
/// <param name="writer">Where the lines go (standard error).</param>
/// <param name="minimum">The lowest level written.</param>
/// <param name="stackTraces">Whether exceptions are written in full.</param>
internal sealed class LineLoggerProvider(TextWriter writer, LogLevel minimum, bool stackTraces) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly LogLevel _minimum = minimum;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{Label(level)} {category}: {message.ReplaceLineEndings(" ")}";
        lock (_gate)
        {
            writer.WriteLine(line);
            if (stackTraces && exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
