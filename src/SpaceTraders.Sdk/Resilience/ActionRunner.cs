using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Resilience;

/// <summary>Reads back what an action would have changed and says what that shows (see <see cref="ActionReadBacks"/>).</summary>
/// <typeparam name="T">The action's result type.</typeparam>
/// <param name="context">When the action was first sent, and how to read.</param>
/// <param name="cancellationToken">Cancels the reads.</param>
/// <returns>The conclusion, with the result rebuilt when the action ran and its result can be rebuilt.</returns>
internal delegate Task<Reconciliation<T>> ReadBack<T>(ReadBackContext context, CancellationToken cancellationToken);

/// <summary>
/// Sends an action that changes game state so that it happens once: a send whose outcome is unknown (the pipeline's
/// <see cref="RequestOutcomeUnknownException"/>, or a success whose body is unreadable) is never resent blindly.
/// </summary>
/// <remarks>
/// <para>
/// The runner waits a backoff (so a server still finishing the action is done), then reads back what the action would
/// have changed (<see cref="ActionReadBacks"/>), and:
/// </para>
/// <list type="bullet">
/// <item><description>returns the result rebuilt from what was read when the action ran (the client merges it into its state as it would the answer);</description></item>
/// <item><description>sends the action again, with the same <c>X-Request-Id</c>, when the reading proves it did not run (<see cref="RetryOptions.ResendWhenNotApplied"/>, at most <see cref="RetryOptions.MaxAttempts"/> sends);</description></item>
/// <item><description>otherwise throws <see cref="RequestOutcomeUnknownException"/> with the conclusion and what was read.</description></item>
/// </list>
/// <para>Every read also updates the tracked state, so the agent's credits match the server's whatever the outcome.</para>
/// </remarks>
internal sealed partial class ActionRunner
{
    private readonly TimeProvider _time;
    private readonly RetryOptions _retry;
    private readonly Backoff _backoff;
    private readonly SpaceTradersTelemetry? _telemetry;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ActionRunner"/> class.</summary>
    /// <param name="options">The client's options (clock, retry settings, logging).</param>
    /// <param name="readBacks">The reads, per action.</param>
    /// <param name="telemetry">The client's instruments, or <see langword="null"/>.</param>
    public ActionRunner(SpaceTradersClientOptions options, ActionReadBacks readBacks, SpaceTradersTelemetry? telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReadBacks = readBacks ?? throw new ArgumentNullException(nameof(readBacks));
        _time = options.TimeProvider;
        _retry = options.Retry.Clone();
        _backoff = new Backoff(_retry);
        _telemetry = telemetry;
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Resilience") ?? NullLogger.Instance;
    }

    /// <summary>Gets the reads, per action.</summary>
    public ActionReadBacks ReadBacks { get; }

    /// <summary>Sends an action, reconciling an unknown outcome.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="operationId">The action's operation id, for example <c>sell-cargo</c>.</param>
    /// <param name="send">Sends it once and returns the unwrapped answer (not yet merged into the state).</param>
    /// <param name="readBack">Reads back what it would have changed, or <see langword="null"/> when no sound read-back exists.</param>
    /// <param name="priority">The priority the call was made with, for the reads.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, or the result rebuilt from the read-back.</returns>
    /// <exception cref="RequestOutcomeUnknownException">The outcome stayed unknown, or the action ran but its result cannot be rebuilt.</exception>
    /// <exception cref="ServerResetException">The server reset before the outcome was read back.</exception>
    public async Task<T> RunAsync<T>(string operationId, Func<CancellationToken, Task<T>> send, ReadBack<T>? readBack, RequestPriority? priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var endpoint = EndpointCatalog.FindByOperationId(operationId);
        var requestId = RequestIds.New(_time);
        var context = new ReadBackContext(_time.GetUtcNow(), _retry.ServerClockSkew, priority);
        for (var sends = 1; ; sends++)
        {
            Unknown unknown;
            try
            {
                return await RequestIds.SendAsync(requestId, send, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestOutcomeUnknownException failure)
            {
                unknown = new Unknown(failure, failure.Cause, failure.StatusCode, failure.Outcome == ActionOutcome.Applied);
            }
            catch (MalformedResponseException failure) when (failure.StatusCode is { } status && (int)status is >= 200 and < 300)
            {
                // A success status: the action ran, but its answer cannot be read.
                unknown = new Unknown(failure, OutcomeUnknownCause.UnreadableResponse, (int)failure.StatusCode!.Value, Ran: true);
            }

            var name = endpoint?.ToString() ?? operationId;
            if (readBack is null)
            {
                Count(name, ActionOutcome.Unknown);
                throw Fail(name, requestId, unknown, unknown.Ran ? ActionOutcome.Applied : ActionOutcome.Unknown, null, "the action has no sound read-back");
            }

            // Give a server that is still acting (a proxy's 504 while the game finishes) the time to finish first.
            await _time.DelayAsync(_backoff.Delay(sends), cancellationToken).ConfigureAwait(false);
            Reconciliation<T> found;
            try
            {
                found = await readBack(context, cancellationToken).ConfigureAwait(false);
            }
            catch (ServerResetException)
            {
                // The server reset meanwhile: its galaxy, and the action's outcome with it, is gone. The caller must see the
                // reset (a runtime ends the session as reset, not failed), not an unknown outcome that hides it.
                Count(name, ActionOutcome.Unknown);
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Count(name, ActionOutcome.Unknown);
                throw Fail(name, requestId, unknown, ActionOutcome.Unknown, null, $"reading back its state failed ({ex.GetType().Name}: {ex.Message})");
            }

            var outcome = found.Outcome == ActionOutcome.NotApplied && unknown.Ran ? ActionOutcome.Unknown : found.Outcome;
            Count(name, outcome);
            if (outcome == ActionOutcome.Applied && found.Result is { } result)
            {
                LogReconciled(name, unknown.Cause, found.ReadBack.Finding, requestId);
                return result;
            }

            if (outcome == ActionOutcome.NotApplied && _retry.ResendWhenNotApplied && sends < _retry.MaxAttempts)
            {
                LogResending(name, unknown.Cause, found.ReadBack.Finding, sends + 1, requestId);
                continue;
            }

            throw Fail(name, requestId, unknown, outcome, found.ReadBack, found.ReadBack.Finding);
        }
    }

    private RequestOutcomeUnknownException Fail(string name, string requestId, Unknown unknown, ActionOutcome outcome, ActionReadBack? found, string finding)
    {
        var conclusion = outcome switch
        {
            ActionOutcome.Applied => "it ran, but its result cannot be rebuilt from what was read",
            ActionOutcome.NotApplied => "it did not run, and it was not sent again",
            _ => "whether it ran is unknown",
        };
        LogFailed(name, unknown.Cause, conclusion, finding, requestId);
        return new RequestOutcomeUnknownException($"{name}: {conclusion} ({unknown.Cause}: {finding}). The tracked state holds what was read.", unknown.Failure)
        {
            Method = (unknown.Failure as RequestOutcomeUnknownException)?.Method ?? (unknown.Failure as MalformedResponseException)?.Method,
            Endpoint = (unknown.Failure as RequestOutcomeUnknownException)?.Endpoint ?? (unknown.Failure as MalformedResponseException)?.Endpoint,
            RequestId = requestId,
            Cause = unknown.Cause,
            StatusCode = unknown.Status,
            Outcome = outcome,
            ReadBack = found,
        };
    }

    private void Count(string endpoint, ActionOutcome outcome)
        => _telemetry?.Reconciliations.Add(1, new("endpoint", endpoint), new("outcome", outcome switch
        {
            ActionOutcome.Applied => "applied",
            ActionOutcome.NotApplied => "not-applied",
            _ => "unknown",
        }));

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "{Action} ({Cause}) reconciled from its read-back: {Finding} [{RequestId}]")]
    private partial void LogReconciled(string action, OutcomeUnknownCause cause, string finding, string requestId);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "{Action} ({Cause}) did not run: {Finding}; sending it again (send {Send}) [{RequestId}]")]
    private partial void LogResending(string action, OutcomeUnknownCause cause, string finding, int send, string requestId);

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "{Action} ({Cause}): {Conclusion}: {Finding} [{RequestId}]")]
    private partial void LogFailed(string action, OutcomeUnknownCause cause, string conclusion, string finding, string requestId);

    /// <summary>One send whose outcome was unknown.</summary>
    private sealed record Unknown(Exception Failure, OutcomeUnknownCause Cause, int? Status, bool Ran);
}

/// <summary>What a read-back needs to know about the action it reconciles.</summary>
/// <param name="StartedAt">When the action was first sent, on the client's clock.</param>
/// <param name="ServerClockSkew">How far the server's clock may lag the client's.</param>
/// <param name="Priority">The priority the action was sent with, for the reads.</param>
internal sealed record ReadBackContext(DateTimeOffset StartedAt, TimeSpan ServerClockSkew, RequestPriority? Priority)
{
    /// <summary>Tells whether a server timestamp can belong to this action (it is not before the first send, allowing for the skew).</summary>
    /// <param name="serverTime">The server's timestamp.</param>
    /// <returns><see langword="true"/> when it may be this action's.</returns>
    public bool MayBeAfterStart(DateTimeOffset serverTime) => serverTime >= StartedAt - ServerClockSkew;
}

/// <summary>What a read-back concluded.</summary>
/// <typeparam name="T">The action's result type.</typeparam>
/// <param name="Outcome">Whether the action ran.</param>
/// <param name="Result">The result rebuilt from what was read, when it ran and that is possible.</param>
/// <param name="ReadBack">What was read.</param>
internal readonly record struct Reconciliation<T>(ActionOutcome Outcome, T? Result, ActionReadBack ReadBack)
{
    /// <summary>The action ran; here is its result.</summary>
    /// <param name="result">The rebuilt result.</param>
    /// <param name="readBack">What was read.</param>
    /// <returns>The conclusion.</returns>
    public static Reconciliation<T> Applied(T result, ActionReadBack readBack) => new(ActionOutcome.Applied, result, readBack);

    /// <summary>The action ran, but its result cannot be rebuilt.</summary>
    /// <param name="readBack">What was read.</param>
    /// <returns>The conclusion.</returns>
    public static Reconciliation<T> AppliedWithoutResult(ActionReadBack readBack) => new(ActionOutcome.Applied, default, readBack);

    /// <summary>The action did not run.</summary>
    /// <param name="readBack">What was read.</param>
    /// <returns>The conclusion.</returns>
    public static Reconciliation<T> NotApplied(ActionReadBack readBack) => new(ActionOutcome.NotApplied, default, readBack);

    /// <summary>What was read does not tell.</summary>
    /// <param name="readBack">What was read.</param>
    /// <returns>The conclusion.</returns>
    public static Reconciliation<T> Unknown(ActionReadBack readBack) => new(ActionOutcome.Unknown, default, readBack);

    /// <summary>Builds the conclusion from an outcome, with a result only when it ran.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="result">The result, when one could be rebuilt.</param>
    /// <param name="readBack">What was read.</param>
    /// <returns>The conclusion.</returns>
    public static Reconciliation<T> From(ActionOutcome outcome, Func<T?> result, ActionReadBack readBack)
        => outcome == ActionOutcome.Applied ? new(outcome, result(), readBack) : new(outcome, default, readBack);
}
