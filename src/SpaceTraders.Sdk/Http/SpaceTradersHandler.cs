using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// The SDK's one handler: it takes a slot from the <see cref="PriorityRateLimiter"/>, sends, and runs the
/// one retry loop of the SDK, then reports the call to the meter, the activity, the log and the observers.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>
/// A 429 from the game's limiter (rate-limit headers or a JSON body with code 429) pauses the limiter's pools
/// until the reset the server gave and puts the request back at the <b>front</b> of its priority. There is no
/// sleep here: the limiter decides when it goes again. After <see cref="RetryOptions.MaxRateLimitRequeues"/>
/// requeues the 429 is returned.
/// </description></item>
/// <item><description>
/// An infrastructure 429 (no rate-limit headers, HTML body), 502, 503 and network failures get capped
/// exponential backoff with jitter (honouring <c>Retry-After</c> when given), up to
/// <see cref="RetryOptions.MaxAttempts"/> attempts; then the last response is returned (the client turns it
/// into an exception) or the last failure is rethrown.
/// </description></item>
/// <item><description>
/// A POST or PATCH whose outcome is unknown (a timeout or a dropped connection after it may have been sent)
/// is never retried: <see cref="RequestOutcomeUnknownException"/>.
/// </description></item>
/// </list>
/// All waiting goes through the client's <see cref="TimeProvider"/> (<see cref="ClockWaits"/>), so it works
/// in virtual time. The loop is a loop, never recursion.
/// </remarks>
internal sealed partial class SpaceTradersHandler : DelegatingHandler
{
    private readonly PriorityRateLimiter _limiter;
    private readonly SpaceTradersTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly RetryOptions _retry;
    private readonly bool _throttle;
    private readonly string? _account;
    private readonly string _basePath;
    private readonly IRequestObserver[] _observers;
    private readonly ILogger _logger;
    private readonly string? _token;
    private readonly Random _jitter;
    private readonly object _jitterGate = new();

    public SpaceTradersHandler(SpaceTradersClientOptions options, PriorityRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _telemetry = new SpaceTradersTelemetry(limiter);
        _time = options.TimeProvider;
        _retry = options.Retry.Clone();
        _throttle = options.Throttling.Enabled && limiter.Options.Enabled;
        _token = string.IsNullOrEmpty(options.Token) ? null : options.Token;
        _account = AccountKey(_token);
        _basePath = options.BaseAddress.AbsolutePath;
        _observers = [.. options.Observers];
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Http") ?? NullLogger.Instance;
        _jitter = _retry.JitterSeed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>Gets the key the client's requests count against in the limiter: a hash of the token, never the token.</summary>
    public string? Account => _account;

    /// <summary>Derives a stable, non-reversible account key from a token.</summary>
    /// <param name="token">The agent token.</param>
    /// <returns><c>agent-</c> and twelve hex digits of its SHA-256, or <see langword="null"/> without a token.</returns>
    public static string? AccountKey(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return "agent-" + Convert.ToHexStringLower(hash[..6]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _telemetry.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method.Method;
        var endpoint = EndpointCatalog.Find(method, RelativePath(request.RequestUri));
        var template = endpoint?.Template ?? "(outside the API)";
        var priority = SpaceTradersRequestOptions.GetPriority(request) ?? endpoint?.DefaultPriority ?? RequestPriority.Normal;
        var call = new Call(method, template, priority, _time.GetUtcNow(), _time.GetTimestamp());

        using var activity = SpaceTradersTelemetry.ActivitySource.StartActivity(endpoint?.OperationId ?? "spacetraders.request", ActivityKind.Client);
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("url.template", template);
        activity?.SetTag("spacetraders.priority", SpaceTradersTelemetry.PriorityName(priority));

        HttpResponseMessage? response = null;
        try
        {
            response = await SendWithRetriesAsync(request, call, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, Redact(ex.Message));
            throw;
        }
        finally
        {
            Complete(call, response, activity);
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, Call call, CancellationToken cancellationToken)
    {
        var requeued = false;
        var requeues = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_throttle)
            {
                await AcquireSlotAsync(call, requeued, cancellationToken).ConfigureAwait(false);
            }

            call.Attempts++;
            HttpResponseMessage response;
            try
            {
                response = await SendAttemptAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(ex, out var maybeSent))
            {
                if (maybeSent && !IsIdempotent(request.Method))
                {
                    LogOutcomeUnknown(call.Method, call.Endpoint, ex.GetType().Name);
                    throw new RequestOutcomeUnknownException(
                        $"{call.Method} {call.Endpoint} was sent but no response arrived ({Redact(ex.Message)}); it was not retried because it may have taken effect. Re-read the state before acting again.",
                        ex)
                    { Method = call.Method, Endpoint = call.Endpoint };
                }

                if (call.Attempts >= _retry.MaxAttempts)
                {
                    throw;
                }

                await BackoffAsync(call, ex.GetType().Name, retryAfter: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                call.RateLimited++;
                var answer = await RateLimitAnswer.ReadGameRateLimitAsync(response, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (answer is { } game)
                {
                    _telemetry.RateLimited.Add(1, new("endpoint", call.Endpoint), new("kind", "game"));
                    _limiter.OnRateLimited(_account, game.Scope, game.Reset);
                    if (++requeues > _retry.MaxRateLimitRequeues || !_throttle)
                    {
                        return response;
                    }

                    LogRequeued(call.Method, call.Endpoint, game.Scope, game.Reset);
                    _telemetry.Retries.Add(1, new("endpoint", call.Endpoint), new("reason", "rate_limited"));
                    response.Dispose();
                    requeued = true;
                    continue;
                }

                _telemetry.RateLimited.Add(1, new("endpoint", call.Endpoint), new("kind", "infrastructure"));
            }

            if (IsTransient(response.StatusCode))
            {
                if (call.Attempts >= _retry.MaxAttempts)
                {
                    return response;
                }

                var retryAfter = response.Headers.RetryAfter?.Delta;
                var status = (int)response.StatusCode;
                response.Dispose();
                await BackoffAsync(call, "HTTP " + status, retryAfter, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_throttle && RateLimitAnswer.TryReadHeaders(response, out var headers) && headers.Remaining is { } remaining)
            {
                _limiter.OnRateLimitHeaders(_account, headers.Scope, remaining, headers.Reset);
            }

            return response;
        }
    }

    private async Task AcquireSlotAsync(Call call, bool requeued, CancellationToken cancellationToken)
    {
        var asked = _time.GetTimestamp();
        using var lease = await _limiter.AcquireAsync(new PermitRequest(call.Priority, _account, requeued), 1, cancellationToken).ConfigureAwait(false);
        var waited = _time.GetElapsedTime(asked);
        if (waited > TimeSpan.Zero)
        {
            call.QueueWait += waited;
            call.Delayed = true;
        }

        if (!lease.IsAcquired)
        {
            var reason = lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.ReasonPhrase, out var phrase) ? phrase : "the queue is full";
            throw new RequestQueueFullException($"{call.Method} {call.Endpoint} was not sent: {reason}");
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = _retry.AttemptTimeout;
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No response within {timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    private async Task BackoffAsync(Call call, string reason, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var delay = retryAfter is { } serverSays && serverSays > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Min(serverSays.Ticks, _retry.MaxDelay.Ticks))
            : BackoffDelay(call.Attempts);
        LogRetry(call.Method, call.Endpoint, reason, call.Attempts + 1, _retry.MaxAttempts, delay.TotalMilliseconds);
        _telemetry.Retries.Add(1, new("endpoint", call.Endpoint), new("reason", reason));
        await _time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Capped exponential backoff with "equal jitter": half fixed, half random, so it never collapses to zero.</summary>
    private TimeSpan BackoffDelay(int failedAttempts)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ceiling = Math.Min(_retry.BaseDelay.Ticks * (double)(1L << exponent), _retry.MaxDelay.Ticks);
        double fraction;
        lock (_jitterGate)
        {
            fraction = _jitter.NextDouble();
        }

        return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * fraction)));
    }

    private void Complete(Call call, HttpResponseMessage? response, Activity? activity)
    {
        var status = response is null ? 0 : (int)response.StatusCode;
        var duration = _time.GetElapsedTime(call.StartTimestamp);
        var priorityName = SpaceTradersTelemetry.PriorityName(call.Priority);
        _telemetry.Requests.Add(1, new("endpoint", call.Endpoint), new("method", call.Method), new("status", status));
        _telemetry.QueueWait.Record(call.QueueWait.TotalSeconds, new KeyValuePair<string, object?>("priority", priorityName));
        _telemetry.Duration.Record(duration.TotalSeconds, new("endpoint", call.Endpoint), new("priority", priorityName));
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", status);
            activity.SetTag("spacetraders.attempts", call.Attempts);
            activity.SetTag("spacetraders.queue_wait_ms", call.QueueWait.TotalMilliseconds);
        }

        LogCompleted(call.Method, call.Endpoint, status, duration.TotalMilliseconds, call.QueueWait.TotalMilliseconds, call.Attempts);
        if (_observers.Length == 0)
        {
            return;
        }

        var record = new RequestRecord(call.Method, call.Endpoint, status, call.Priority, call.QueueWait, duration, call.Attempts, call.RateLimited, call.Delayed, call.StartedAt);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnRequestCompleted(record);
            }
#pragma warning disable CA1031 // An observer must never break the call it observes.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogObserverFailed(observer.GetType().Name, Redact(ex.Message));
            }
        }
    }

    private ReadOnlySpan<char> RelativePath(Uri? uri)
    {
        if (uri is null)
        {
            return [];
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath.AsSpan() : uri.OriginalString.AsSpan();
        var basePath = _basePath.AsSpan().TrimEnd('/');
        return basePath.Length > 0 && path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : path;
    }

    private static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;

    /// <summary>Network failures worth retrying, and whether the request may already have reached the server.</summary>
    private static bool IsTransportFailure(Exception ex, out bool maybeSent)
    {
        switch (ex)
        {
            case HttpRequestException http:
                maybeSent = http.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
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

    private string Redact(string text) => _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Endpoint} answered {Status} in {DurationMs:0.#} ms ({QueueMs:0.#} ms queued, {Attempts} attempt(s))")]
    private partial void LogCompleted(string method, string endpoint, int status, double durationMs, double queueMs, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Method} {Endpoint} hit the game's rate limit ({Scope}); requeued at the front until {Reset:O}")]
    private partial void LogRequeued(string method, string endpoint, RateLimitScope scope, DateTimeOffset reset);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Method} {Endpoint} failed ({Reason}); attempt {Attempt} of {MaxAttempts} in {DelayMs:0} ms")]
    private partial void LogRetry(string method, string endpoint, string reason, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Method} {Endpoint} was sent but no response arrived ({Failure}); not retried because it may have taken effect")]
    private partial void LogOutcomeUnknown(string method, string endpoint, string failure);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A request observer ({Observer}) threw: {Message}")]
    private partial void LogObserverFailed(string observer, string message);

    /// <summary>The state of one call across its attempts.</summary>
    private sealed class Call(string method, string endpoint, RequestPriority priority, DateTimeOffset startedAt, long startTimestamp)
    {
        public string Method { get; } = method;

        public string Endpoint { get; } = endpoint;

        public RequestPriority Priority { get; } = priority;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long StartTimestamp { get; } = startTimestamp;

        public int Attempts { get; set; }

        public int RateLimited { get; set; }

        public TimeSpan QueueWait { get; set; }

        public bool Delayed { get; set; }
    }
}
