using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// The SDK's one retry loop. Each attempt goes through the throttling handler (so it waits for a slot again); the
/// answer, read to its end, decides what happens next:
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Answer</term><description>Idempotent request (GET; orbit, dock, flight mode) / other action</description></listheader>
/// <item><term>429 from the game's limiter</term><description>Both: back to the front of the queue, no sleep (the throttling handler paused the pools until the reset).</description></item>
/// <item><term>Connection refused, name or TLS failure (not sent)</term><description>Both: retried with backoff.</description></item>
/// <item><term>Timeout, connection lost after sending</term><description>Retried / outcome unknown.</description></item>
/// <item><term>503 with the game's maintenance body (code 503), or any 5xx with code 3100 (<c>systemStatusMaintenanceError</c>)</term><description>Both: retried with backoff (the game said it did nothing).</description></item>
/// <item><term>Any other 5xx without a game error code, or with a server-side one (3xxx, such as 3000 <c>responseSerializationError</c>)</term><description>Retried / outcome unknown.</description></item>
/// <item><term>HTML 429 from the infrastructure</term><description>Retried / outcome unknown.</description></item>
/// <item><term>2xx whose body is cut short, not JSON, or not the operation's shape</term><description>Retried / outcome unknown (it ran; its result is unreadable).</description></item>
/// <item><term>Any other answer (success, game error with a code)</term><description>Both: returned.</description></item>
/// </list>
/// <para>
/// "Outcome unknown" throws <see cref="RequestOutcomeUnknownException"/>: the action client that sent it reads back
/// the state the action would have changed (see <c>ActionRunner</c>). Retries wait with capped exponential backoff
/// and jitter (a server's <c>Retry-After</c> wins) on the client's clock, up to <see cref="RetryOptions.MaxAttempts"/>
/// attempts; then the last answer is returned or the last failure rethrown. The loop is a loop, never recursion.
/// </para>
/// </remarks>
internal sealed partial class RetryHandler : DelegatingHandler
{
    private readonly SpaceTradersTelemetry _telemetry;
    private readonly ResponseReader _reader;
    private readonly TimeProvider _time;
    private readonly RetryOptions _retry;
    private readonly Backoff _backoff;
    private readonly bool _requeue;
    private readonly string _basePath;
    private readonly ILogger _logger;
    private readonly string? _token;

    /// <summary>Initializes a new instance of the <see cref="RetryHandler"/> class.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The client's limiter (a game 429 is requeued only when requests are paced).</param>
    /// <param name="telemetry">The client's instruments.</param>
    public RetryHandler(SpaceTradersClientOptions options, PriorityRateLimiter limiter, SpaceTradersTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _reader = new ResponseReader(options, telemetry);
        _time = options.TimeProvider;
        _retry = options.Retry.Clone();
        _backoff = new Backoff(_retry);
        _requeue = ThrottlingHandler.IsThrottling(options, limiter);
        _basePath = HttpDefaults.BasePath(options);
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Http") ?? NullLogger.Instance;
        _token = string.IsNullOrEmpty(options.Token) ? null : options.Token;
    }

    /// <summary>What the retry rule makes of one attempt's answer.</summary>
    internal enum Verdict
    {
        /// <summary>Give the answer to the caller.</summary>
        Return,

        /// <summary>Wait (backoff) and send again.</summary>
        Retry,

        /// <summary>The action may have run: do not send again, let the caller reconcile.</summary>
        OutcomeUnknown,
    }

    /// <summary>The retry rule for an answer that arrived (a game 429 is handled before).</summary>
    /// <param name="idempotent">Whether a second send has the effect of one.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="bodyUnreadable">For a success: whether its body broke off or is not one JSON document.</param>
    /// <param name="gameErrorCode">The game's error code in the body, if the body is a game error.</param>
    /// <returns>The verdict, and the cause when the outcome is unknown.</returns>
    internal static (Verdict Verdict, OutcomeUnknownCause Cause) Classify(bool idempotent, int status, bool bodyUnreadable, int? gameErrorCode)
    {
        if (status is >= 200 and < 300)
        {
            return !bodyUnreadable ? (Verdict.Return, default)
                : idempotent ? (Verdict.Retry, default)
                : (Verdict.OutcomeUnknown, OutcomeUnknownCause.UnreadableResponse);
        }

        if (status == (int)HttpStatusCode.TooManyRequests)
        {
            // Only the infrastructure's 429 gets here. It most likely never reached the game, but an HTML page
            // cannot prove which layer answered: an action is reconciled rather than resent (a read-back that shows
            // it did not run sends it again).
            return idempotent ? (Verdict.Retry, default) : (Verdict.OutcomeUnknown, OutcomeUnknownCause.InfrastructureRateLimit);
        }

        if (status >= 500)
        {
            if (gameErrorCode is { } code && code != status && !IsServerSideCode(code))
            {
                return (Verdict.Return, default);   // the game refused the request by one of its rules: not retried
            }

            if ((status == (int)HttpStatusCode.ServiceUnavailable && gameErrorCode == status) || gameErrorCode == ErrorCodes.SystemStatusMaintenance)
            {
                return (Verdict.Retry, default);    // the game's maintenance answer (FACTS.md §3): it did nothing
            }

            var cause = status is 502 or 503 or 504 ? OutcomeUnknownCause.GatewayError : OutcomeUnknownCause.ServerError;
            return idempotent ? (Verdict.Retry, default) : (Verdict.OutcomeUnknown, cause);
        }

        return (Verdict.Return, default);
    }

    /// <summary>
    /// Whether a game error code names a failure of the server itself rather than a game rule: the 3xxx codes of
    /// <c>GET /error-codes</c> (<c>responseSerializationError</c> 3000, <c>allErrorHandlersFailedError</c> 3002,
    /// <c>systemStatusMaintenanceError</c> 3100, <c>resetError</c> 3200, ...). On a 5xx such a code says nothing
    /// about whether the action ran (3000 is raised after it ran, while its answer was written), so the answer is
    /// treated as one without a code.
    /// </summary>
    /// <param name="code">The body's <c>error.code</c>.</param>
    /// <returns><see langword="true"/> for a server-side code.</returns>
    internal static bool IsServerSideCode(int code) => code is >= 3000 and < 4000;

    /// <summary>Tells network failures from other exceptions, and whether the request may already have reached the server.</summary>
    /// <param name="exception">What the attempt threw.</param>
    /// <param name="maybeSent">
    /// <see langword="false"/> only when the request cannot have reached the server: the connection was refused or
    /// never set up (<see cref="HttpRequestError.ConnectionError"/>, name resolution, TLS, proxy tunnel).
    /// </param>
    /// <returns><see langword="true"/> for a network failure or a timeout.</returns>
    internal static bool IsTransportFailure(Exception exception, out bool maybeSent)
    {
        switch (exception)
        {
            case HttpRequestException http:
                maybeSent = http.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
                return true;
            case TimeoutException:
            case IOException:
                maybeSent = true;
                return true;
            default:
                maybeSent = false;
                return false;
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ApiCall.For(request, _basePath, _time);
        var requeues = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            call.Attempts++;
            HttpResponseMessage response;
            bool unreadable;
            try
            {
                (response, unreadable) = await SendAttemptAsync(request, call, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(ex, out var maybeSent))
            {
                if (maybeSent && !call.IsIdempotent)
                {
                    var cause = ex is TimeoutException ? OutcomeUnknownCause.Timeout : OutcomeUnknownCause.ResponseLost;
                    throw OutcomeUnknown(call, cause, null, $"no answer arrived ({Redact(ex.Message)})", ex);
                }

                if (call.Attempts >= _retry.MaxAttempts)
                {
                    throw;
                }

                await BackoffAsync(call, ex.GetType().Name, retryAfter: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (call.GameRateLimit is { } game)
            {
                call.GameRateLimit = null;
                if (!_requeue || ++requeues > _retry.MaxRateLimitRequeues)
                {
                    return response;
                }

                LogRequeued(call.Method, call.Endpoint, game.Scope, game.Reset);
                _telemetry.Retries.Add(1, new("endpoint", call.Endpoint), new("reason", "rate_limited"));
                response.Dispose();
                call.Requeued = true;
                continue;
            }

            var status = (int)response.StatusCode;
            var body = (response.Content as ResponseBody)?.Bytes ?? ReadOnlyMemory<byte>.Empty;
            var (verdict, unknownCause) = Classify(call.IsIdempotent, status, unreadable, status >= 500 ? ResponseBody.GameErrorCode(body.Span) : null);
            switch (verdict)
            {
                case Verdict.OutcomeUnknown:
                    response.Dispose();
                    throw OutcomeUnknown(
                        call,
                        unknownCause,
                        status,
                        unreadable ? $"it answered HTTP {status} with a body the SDK cannot read" : $"it answered HTTP {status}",
                        null);
                case Verdict.Retry when call.Attempts < _retry.MaxAttempts:
                    var retryAfter = RateLimitAnswer.RetryAfter(response, _time.GetUtcNow());
                    response.Dispose();
                    await BackoffAsync(call, unreadable ? "unreadable body" : "HTTP " + status, retryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    return response;
            }
        }
    }

    private async Task<(HttpResponseMessage Response, bool Unreadable)> SendAttemptAsync(HttpRequestMessage request, ApiCall call, CancellationToken cancellationToken)
    {
        var timeout = _retry.AttemptTimeout;
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            return await SendAndReadAsync(request, call, cancellationToken).ConfigureAwait(false);
        }

        // The attempt's clock starts when it leaves the rate limiter's queue: a long wait for a slot is not a
        // request without an answer (for an action, that would make its outcome unknown though it was never sent).
        using var timeoutSource = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        call.WhenSending(() => timeoutSource.CancelAfter(timeout));
        try
        {
            return await SendAndReadAsync(request, call, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No response within {timeout.TotalSeconds:0.###} s.", ex);
        }
        finally
        {
            call.WhenSending(null);
        }
    }

    /// <summary>
    /// Sends one attempt and reads its body to the end. A success body is read here, as the type its operation
    /// answers with (a body of a path outside the API only has to be one JSON document), so that one cut short,
    /// malformed or of another shape is found while the call can still be retried; the client gets what was read.
    /// </summary>
    private async Task<(HttpResponseMessage Response, bool Unreadable)> SendAndReadAsync(HttpRequestMessage request, ApiCall call, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return (response, false);
        }

        try
        {
            var (body, brokeOff) = await ResponseBody.ReadAsync(response, call, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (response, false);
            }

            var unreadable = brokeOff || (ResponseTypes.For(call.Info) is { } type
                ? !_reader.TryKeep(body, type)
                : !ResponseBody.IsCompleteJson(body.Bytes.Span));
            return (response, unreadable);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private RequestOutcomeUnknownException OutcomeUnknown(ApiCall call, OutcomeUnknownCause cause, int? status, string what, Exception? inner)
    {
        LogOutcomeUnknown(call.Method, call.Endpoint, what, call.RequestId);
        var message = $"{call.Method} {call.Endpoint} may have taken effect: {what}. It was not sent again.";
        return new RequestOutcomeUnknownException(message, inner ?? new HttpRequestException(what))
        {
            Method = call.Method,
            Endpoint = call.Endpoint,
            RequestId = call.RequestId,
            Cause = cause,
            StatusCode = status,
            Outcome = cause == OutcomeUnknownCause.UnreadableResponse ? ActionOutcome.Applied : ActionOutcome.Unknown,
        };
    }

    private async Task BackoffAsync(ApiCall call, string reason, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var delay = _backoff.Delay(call.Attempts, retryAfter);
        LogRetry(call.Method, call.Endpoint, reason, call.Attempts + 1, _retry.MaxAttempts, delay.TotalMilliseconds, call.RequestId);
        _telemetry.Retries.Add(1, new("endpoint", call.Endpoint), new("reason", reason));
        await _time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    private string Redact(string text) => _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Method} {Endpoint} hit the game's rate limit ({Scope}); requeued at the front until {Reset:O}")]
    private partial void LogRequeued(string method, string endpoint, RateLimitScope scope, DateTimeOffset reset);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Method} {Endpoint} failed ({Reason}); attempt {Attempt} of {MaxAttempts} in {DelayMs:0} ms [{RequestId}]")]
    private partial void LogRetry(string method, string endpoint, string reason, int attempt, int maxAttempts, double delayMs, string requestId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Method} {Endpoint} may have taken effect: {What}; not sent again, to be reconciled [{RequestId}]")]
    private partial void LogOutcomeUnknown(string method, string endpoint, string what, string requestId);
}
