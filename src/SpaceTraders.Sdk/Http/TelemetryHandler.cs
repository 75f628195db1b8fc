using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// The outermost handler of the pipeline: it starts the logical call (its endpoint, priority and
/// <c>X-Request-Id</c>), wraps every attempt in one activity, and when the call ends records it to the meter, the
/// log and the <see cref="IRequestObserver"/>s as one <see cref="RequestRecord"/>.
/// </summary>
internal sealed partial class TelemetryHandler : DelegatingHandler
{
    private readonly SpaceTradersTelemetry _telemetry;
    private readonly bool _ownsTelemetry;
    private readonly TimeProvider _time;
    private readonly string _basePath;
    private readonly TimeSpan _delayedThreshold;
    private readonly IRequestObserver[] _observers;
    private readonly ILogger _logger;
    private readonly string? _token;

    /// <summary>Initializes a new instance of the <see cref="TelemetryHandler"/> class.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="telemetry">The client's instruments.</param>
    /// <param name="ownsTelemetry">Whether disposing the handler disposes <paramref name="telemetry"/>.</param>
    public TelemetryHandler(SpaceTradersClientOptions options, SpaceTradersTelemetry telemetry, bool ownsTelemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _ownsTelemetry = ownsTelemetry;
        _time = options.TimeProvider;
        _basePath = HttpDefaults.BasePath(options);
        _delayedThreshold = options.DelayedThreshold;
        _observers = [.. options.Observers];
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Http") ?? NullLogger.Instance;
        _token = string.IsNullOrEmpty(options.Token) ? null : options.Token;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsTelemetry)
        {
            _telemetry.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ApiCall.For(request, _basePath, _time);
        using var activity = SpaceTradersTelemetry.ActivitySource.StartActivity(call.Info?.OperationId ?? "spacetraders.request", ActivityKind.Client);
        activity?.SetTag("http.request.method", call.Method);
        activity?.SetTag("url.template", call.Endpoint);
        activity?.SetTag("spacetraders.priority", SpaceTradersTelemetry.PriorityName(call.Priority));
        activity?.SetTag("spacetraders.request_id", call.RequestId);

        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

    private void Complete(ApiCall call, HttpResponseMessage? response, Activity? activity)
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

        LogCompleted(call.Method, call.Endpoint, status, duration.TotalMilliseconds, call.QueueWait.TotalMilliseconds, call.Attempts, call.RequestId);
        if (_observers.Length == 0)
        {
            return;
        }

        var delayed = call.QueueWait > _delayedThreshold;
        var record = new RequestRecord(call.Method, call.Endpoint, status, call.Priority, call.QueueWait, duration, call.Attempts, call.RateLimited, delayed, call.StartedAt)
        {
            RequestId = call.RequestId,
        };
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

    private string Redact(string text) => _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Endpoint} answered {Status} in {DurationMs:0.#} ms ({QueueMs:0.#} ms queued, {Attempts} attempt(s)) [{RequestId}]")]
    private partial void LogCompleted(string method, string endpoint, int status, double durationMs, double queueMs, int attempts, string requestId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A request observer ({Observer}) threw: {Message}")]
    private partial void LogObserverFailed(string observer, string message);
}
