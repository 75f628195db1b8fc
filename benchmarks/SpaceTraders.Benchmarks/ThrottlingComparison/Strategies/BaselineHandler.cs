using System.Globalization;
using System.Net;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// What every baseline strategy shares: it sits in front of the transport as a <see cref="DelegatingHandler"/>
/// while the SDK's own throttling, retries and attempt timeout are switched off, so the SDK client above it
/// passes every request and every 429 straight through. The request's priority is the one the SDK would use
/// (the per-call override, else the endpoint's default), so strategies that care about priority see the same.
/// </summary>
internal abstract class BaselineHandler : DelegatingHandler
{
    private const string ResetHeader = "x-ratelimit-reset";

    protected BaselineHandler(HttpMessageHandler transport)
        : base(new BorrowedTransport(transport))
    {
    }

    /// <summary>Options for an SDK client over <paramref name="handler"/> that pass everything through: no limiter, one attempt, no attempt timeout.</summary>
    /// <param name="token">The agent token.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="handler">The strategy's handler.</param>
    /// <returns>The options.</returns>
    public static SpaceTradersClientOptions PassThroughOptions(string token, TimeProvider clock, HttpMessageHandler handler) => new()
    {
        Token = token,
        TimeProvider = clock,
        Transport = handler,
        // The baselines are other bots' limiters, which know no pause after a streak of 502s (the SDK now pauses with
        // pacing off too): they keep their own behaviour.
        Throttling = new ThrottlingOptions { Enabled = false, BadGatewayStreak = 0 },

        // The attempt timeout would count the strategy's own queue (it sits below the SDK handler), so it is off too.
        Retry = new RetryOptions { MaxAttempts = 1, MaxRateLimitRequeues = 0, AttemptTimeout = Timeout.InfiniteTimeSpan },
    };

    /// <summary>Gets the priority the SDK would give the request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The override set on the request, else the endpoint's default.</returns>
    public static RequestPriority PriorityOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SpaceTradersRequestOptions.GetPriority(request) is { } priority)
        {
            return priority;
        }

        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString ?? "/";
        var api = path.IndexOf("/v2/", StringComparison.Ordinal);
        return EndpointCatalog.DefaultPriority(request.Method.Method, api >= 0 ? path.AsSpan(api + 3) : path.AsSpan());
    }

    /// <summary>Tells a 429 from the game's rate limiter (it carries <c>x-ratelimit-*</c> headers) from any other answer.</summary>
    /// <param name="response">The response.</param>
    /// <returns><see langword="true"/> for the game's 429.</returns>
    public static bool IsGameRateLimited(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.Contains(ResetHeader);

    /// <summary>Reads <c>x-ratelimit-reset</c>, when the limit resets.</summary>
    /// <param name="response">A 429 from the game.</param>
    /// <returns>The reset time, or <see langword="null"/> when absent or unreadable.</returns>
    public static DateTimeOffset? ResetOf(HttpResponseMessage response)
        => response.Headers.TryGetValues(ResetHeader, out var values)
            && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var reset)
            ? reset
            : null;

    /// <summary>Sends once to the transport.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The response.</returns>
    protected Task<HttpResponseMessage> SendToTransportAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => base.SendAsync(request, cancellationToken);

    /// <summary>Passes requests to a handler owned by someone else, so disposing the strategy leaves it alone.</summary>
    private sealed class BorrowedTransport(HttpMessageHandler transport) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(transport, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _invoker.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
