using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// Logs the virtual clock's slow turns (<see cref="VirtualClock.SlowTurn"/>): an actor that held virtual time still for a
/// second or more of real time, which slows a <c>--virtual-time</c> run without changing a figure. The first of each actor
/// is a warning, later ones are debug messages; the summary counts them all (<see cref="SummaryLine"/>).
/// </summary>
internal sealed partial class SlowTurnLog : IDisposable
{
    private readonly VirtualClock _clock;
    private readonly ILogger _logger;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    private SlowTurnLog(VirtualClock clock, ILogger logger)
    {
        _clock = clock;
        _logger = logger;
        _clock.SlowTurn += OnSlowTurn;
    }

    /// <summary>Starts logging the slow turns of <paramref name="clock"/> when it is a virtual clock.</summary>
    /// <param name="clock">The run's clock.</param>
    /// <param name="loggers">Where to log, if anywhere.</param>
    /// <returns>The log (dispose it to stop), or <see langword="null"/> for a clock that is not virtual.</returns>
    public static SlowTurnLog? Attach(TimeProvider clock, ILoggerFactory? loggers) =>
        clock is VirtualClock virtualClock && loggers is not null
            ? new SlowTurnLog(virtualClock, loggers.CreateLogger("SpaceTraders.BotRunner.VirtualTime"))
            : null;

    /// <summary>
    /// The summary's line on the slow turns of a virtual clock, or <see langword="null"/> when there were none (or the
    /// clock is not virtual).
    /// </summary>
    /// <param name="clock">The run's clock.</param>
    /// <returns>The line, or <see langword="null"/>.</returns>
    public static string? SummaryLine(TimeProvider clock)
    {
        if (clock is not VirtualClock virtualClock || virtualClock.SlowTurns is not { Count: > 0 } turns)
        {
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"Slow turns: virtual time stood still {turns.Count:N0} {(turns.Count == 1 ? "time" : "times")} for {turns.Total.TotalSeconds:0.0} s of real time (longest {turns.Longest.TotalSeconds:0.0} s, {turns.LongestActor}): code that computes for long, blocks a thread or awaits something outside the clock, or a busy machine");
    }

    /// <inheritdoc />
    public void Dispose() => _clock.SlowTurn -= OnSlowTurn;

    // Raised on the clock's dispatch thread, one turn at a time.
    private void OnSlowTurn(object? sender, SlowTurnEventArgs turn)
    {
        var seconds = turn.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (_warned.Add(turn.Actor))
        {
            LogFirst(_logger, seconds, turn.Actor);
        }
        else
        {
            LogAgain(_logger, seconds, turn.Actor);
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "Virtual time stood still for {Seconds} s of real time while {Actor} ran: it computed for long, blocked its thread (Thread.Sleep, a lock) or awaited something outside the clock (a bare Task.Delay, real I/O), or the machine was busy. The run is slower by that much, its figures are the same. Later slow turns of this actor are logged at Debug and counted in the summary.")]
    private static partial void LogFirst(ILogger logger, string seconds, string actor);

    [LoggerMessage(EventId = 321, Level = LogLevel.Debug, Message = "Virtual time stood still for {Seconds} s of real time while {Actor} ran")]
    private static partial void LogAgain(ILogger logger, string seconds, string actor);
}
