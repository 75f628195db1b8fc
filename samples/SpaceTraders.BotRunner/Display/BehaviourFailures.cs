using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Sdk.Errors;

namespace SpaceTraders.BotRunner.Display;

/// <summary>One behaviour session that ended by throwing.</summary>
/// <param name="At">When, on the game clock.</param>
/// <param name="Ship">The ship.</param>
/// <param name="Behaviour">The behaviour, <c>id@version</c>.</param>
/// <param name="ErrorCode">The game's error code, when the failure was an API error (for example 4214).</param>
/// <param name="ErrorName">The error code's name, for example <c>ShipInTransit</c>.</param>
/// <param name="Message">What the behaviour's exception said.</param>
internal sealed record BehaviourFailure(DateTimeOffset At, string Ship, string Behaviour, int? ErrorCode, string? ErrorName, string Message)
{
    /// <summary>Describes the failure in one line: ship, behaviour, error code and message.</summary>
    /// <returns>The line.</returns>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Ship} {Behaviour}: {(ErrorCode is { } code ? $"{code} {ErrorName} " : string.Empty)}{Message}");
}

/// <summary>
/// Collects behaviour failures for the Problems panel and the report, as a logging provider: the runtime logs every
/// failed session (category <c>SpaceTraders.Runtime.Ship</c>, event 202, with the ship, the behaviour and the exception),
/// and this provider keeps the last ones with the game's error code. Thread-safe.
/// </summary>
internal sealed class BehaviourFailures : ILoggerProvider
{
    /// <summary>The runtime's category for ship actors.</summary>
    public const string ShipCategory = "SpaceTraders.Runtime.Ship";

    /// <summary>The runtime's event id for a failed behaviour session.</summary>
    public const int FailedEventId = 202;

    private const int Kept = 50;

    private readonly Lock _gate = new();
    private readonly Queue<BehaviourFailure> _recent = new();
    private int _count;

    /// <summary>Gets or sets the clock failures are stamped with (the game's, once the run has one). The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Gets how many failures were seen in all.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Gets the last failures, oldest first.</summary>
    /// <param name="count">How many at most.</param>
    /// <returns>The failures.</returns>
    public IReadOnlyList<BehaviourFailure> Recent(int count = Kept)
    {
        lock (_gate)
        {
            return [.. _recent.Skip(Math.Max(0, _recent.Count - count))];
        }
    }

    /// <summary>Records a failure.</summary>
    /// <param name="failure">The failure.</param>
    public void Add(BehaviourFailure failure)
    {
        lock (_gate)
        {
            _count++;
            _recent.Enqueue(failure);
            while (_recent.Count > Kept)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, ShipCategory, StringComparison.Ordinal) ? new FailureLogger(this) : NoLogger.Instance;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Capture(object? state, Exception? exception)
    {
        string? ship = null, behaviour = null, reason = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                switch (key)
                {
                    case "Ship":
                        ship = value?.ToString();
                        break;
                    case "Behaviour":
                        behaviour = value?.ToString();
                        break;
                    case "Reason":
                        reason = value?.ToString();
                        break;
                }
            }
        }

        var api = exception;
        while (api is not null and not SpaceTradersApiException)
        {
            api = api.InnerException;
        }

        var error = api as SpaceTradersApiException;
        var message = error?.ErrorMessage ?? reason ?? exception?.Message ?? "failed";
        Add(new BehaviourFailure(Clock.GetUtcNow(), ship ?? "?", behaviour ?? "?", error?.ErrorCode, error?.ErrorName, message.ReplaceLineEndings(" ")));
    }

    private sealed class FailureLogger(BehaviourFailures owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == FailedEventId && logLevel >= LogLevel.Error)
            {
                owner.Capture(state, exception);
            }
        }
    }

    private sealed class NoLogger : ILogger
    {
        public static readonly NoLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
