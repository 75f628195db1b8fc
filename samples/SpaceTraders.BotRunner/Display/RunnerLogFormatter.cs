using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SpaceTraders.BotRunner.Display;

/// <summary>Options of <see cref="RunnerLogFormatter"/>.</summary>
internal sealed class RunnerLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Gets or sets a value indicating whether exceptions are written in full (stack traces). The default value is <see langword="false"/>.</summary>
    public bool IncludeExceptions { get; set; }
}

/// <summary>
/// The console logger's format for the status-line and quiet views: one line per entry
/// (<c>warn SpaceTraders.Runtime.Ship: message</c>). Exceptions are left out unless asked for (<c>--verbose</c>): the
/// message already names the error, and a fleet whose behaviours fail and restart would otherwise bury the status lines.
/// Choose another formatter (<c>simple</c>, <c>json</c>) with <c>Logging:Console:FormatterName</c> in appsettings.json.
/// </summary>
internal sealed class RunnerLogFormatter(IOptionsMonitor<RunnerLogFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name.</summary>
    public const string FormatterName = "runner";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Label(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.WriteLine(message.ReplaceLineEndings(" "));
        if (options.CurrentValue.IncludeExceptions && logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(exception.ToString());
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
}
