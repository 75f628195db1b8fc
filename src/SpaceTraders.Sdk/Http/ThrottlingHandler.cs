using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Paces every attempt through the <see cref="PriorityRateLimiter"/> and keeps the limiter in step with the server:
/// it takes a slot (at the front of its priority when the attempt is a requeue), then reads what the answer says
/// about the server's pools. A 429 from the game's limiter (rate-limit headers, or a JSON body with code 429)
/// pauses the pools until the reset the server named and is marked on the call, so the retry handler requeues it;
/// an infrastructure 429 (HTML, no headers) is only counted. A 502 (the DDoS layer) is counted towards a streak that
/// pauses all sending (<see cref="ThrottlingOptions.BadGatewayStreak"/>); any other answer ends the streak. The streak
/// and its pause apply with pacing off too: then an attempt takes no slot but still waits out a pause.
/// </summary>
internal sealed partial class ThrottlingHandler : DelegatingHandler
{
    private readonly PriorityRateLimiter _limiter;
    private readonly SpaceTradersTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly string _basePath;
    private readonly bool _throttle;
    private readonly string? _account;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ThrottlingHandler"/> class.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The limiter the client's requests wait at.</param>
    /// <param name="telemetry">The client's instruments.</param>
    public ThrottlingHandler(SpaceTradersClientOptions options, PriorityRateLimiter limiter, SpaceTradersTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _time = options.TimeProvider;
        _basePath = HttpDefaults.BasePath(options);
        _throttle = IsThrottling(options, limiter);
        _account = AccountKey(options.Token);
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Http") ?? NullLogger.Instance;
    }

    /// <summary>Tells whether a client paces its requests: throttling on in its options and in the limiter.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="limiter">The limiter.</param>
    /// <returns><see langword="true"/> when requests wait for slots (and a game 429 is requeued).</returns>
    public static bool IsThrottling(SpaceTradersClientOptions options, PriorityRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limiter);
        return options.Throttling.Enabled && limiter.Options.Enabled;
    }

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

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ApiCall.For(request, _basePath, _time);
        if (_throttle)
        {
            await AcquireSlotAsync(call, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WaitOutPauseAsync(call, cancellationToken).ConfigureAwait(false);
        }

        call.Sending();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        NoteGateway(call, response.StatusCode);

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            call.RateLimited++;
            RateLimitAnswer? answer;
            try
            {
                answer = await RateLimitAnswer.ReadGameRateLimitAsync(response, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                answer = null;   // a 429 whose body broke off says nothing the headers did not
            }

            if (answer is { } game)
            {
                _telemetry.RateLimited.Add(1, new("endpoint", call.Endpoint), new("kind", "game"));
                _limiter.OnRateLimited(_account, game.Scope, game.Reset);
                call.GameRateLimit = game;
            }
            else
            {
                _telemetry.RateLimited.Add(1, new("endpoint", call.Endpoint), new("kind", "infrastructure"));
            }
        }
        else if (_throttle && RateLimitAnswer.TryReadHeaders(response, out var headers)
            && headers.BurstPointsLeft(_limiter.Options.StaticPoolSize) is { } remaining)
        {
            _limiter.OnRateLimitHeaders(_account, headers.Scope, remaining, headers.Reset);
        }

        return response;
    }

    /// <summary>Counts a 502 towards the streak that pauses all sending, or ends the streak on any other answer.</summary>
    private void NoteGateway(ApiCall call, HttpStatusCode status)
    {
        if (status != HttpStatusCode.BadGateway)
        {
            _limiter.OnAnswered();
            return;
        }

        if (_limiter.OnBadGateway())
        {
            _telemetry.BadGatewayPauses.Add(1, new KeyValuePair<string, object?>("endpoint", call.Endpoint));
            LogBadGatewayPause(_limiter.Options.BadGatewayStreak, call.Method, call.Endpoint, _limiter.Options.BadGatewayPause.TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Streak} answers in a row were 502 (the DDoS layer), the last to {Method} {Endpoint}: nothing is sent for {PauseSeconds:0.###} s")]
    private partial void LogBadGatewayPause(int streak, string method, string endpoint, double pauseSeconds);

    /// <summary>
    /// With pacing off no slot is taken, but the DDoS layer in front of the game is the same: an attempt made during a
    /// pause after a streak of 502s waits until it ends, on the limiter's clock, and the wait counts as queue wait.
    /// </summary>
    private async Task WaitOutPauseAsync(ApiCall call, CancellationToken cancellationToken)
    {
        while (_limiter.PausedUntil is { } until)
        {
            var asked = _time.GetTimestamp();
            await _limiter.TimeProvider.DelayUntilAsync(until, cancellationToken).ConfigureAwait(false);
            call.QueueWait += _time.GetElapsedTime(asked);
        }
    }

    private async Task AcquireSlotAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var asked = _time.GetTimestamp();
        var requeued = call.Requeued;
        call.Requeued = false;
        using var lease = await _limiter.AcquireAsync(new PermitRequest(call.Priority, _account, requeued), 1, cancellationToken).ConfigureAwait(false);
        var waited = _time.GetElapsedTime(asked);
        if (waited > TimeSpan.Zero)
        {
            call.QueueWait += waited;
        }

        if (!lease.IsAcquired)
        {
            var reason = lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) ? phrase : "the queue is full";
            throw new RequestQueueFullException($"{call.Method} {call.Endpoint} was not sent: {reason}");
        }
    }
}
