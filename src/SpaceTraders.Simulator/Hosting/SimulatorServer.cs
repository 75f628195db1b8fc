using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.RateLimiting;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// The request pipeline both transports share: fault injection, authentication, the server's rate limits,
/// routing, the ship lock, the handler and the error envelope.
/// </summary>
internal sealed class SimulatorServer
{
    private static readonly ReadOnlyMemory<byte> HtmlTooManyRequests = "<html><head><title>429</title></head><body>429 Too Many Requests</body></html>"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> HtmlBadGateway = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> HtmlServiceUnavailable = "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>"u8.ToArray();

    private readonly TimeProvider _clock;
    private readonly ServerRateLimiter _limiter;
    private readonly FaultInjector _faults;
    private readonly SimulationOptions _options;
    private readonly SimulationStats _stats;
    private readonly Func<RouteTable> _createRoutes;
    private readonly ConcurrentDictionary<string, byte> _lockedShips = new(StringComparer.Ordinal);
    private readonly object _resetGate = new();
    private RouteTable _routes;
    private long _requestNumber;

    /// <summary>Initializes a new instance of the <see cref="SimulatorServer"/> class.</summary>
    /// <param name="options">The simulation's options.</param>
    /// <param name="clock">The simulation clock.</param>
    /// <param name="tokens">The token issuer.</param>
    /// <param name="faults">The fault script.</param>
    /// <param name="stats">The counters to update.</param>
    /// <param name="createRoutes">Builds the route table of a fresh world (called now and on every reset).</param>
    public SimulatorServer(SimulationOptions options, TimeProvider clock, AgentTokens tokens, FaultInjector faults, SimulationStats stats, Func<RouteTable> createRoutes)
    {
        _options = options;
        _clock = clock;
        Tokens = tokens;
        _faults = faults;
        _stats = stats;
        _createRoutes = createRoutes;
        _limiter = new ServerRateLimiter(options.RateLimits, clock);
        _routes = createRoutes();
    }

    /// <summary>Gets the token issuer.</summary>
    public AgentTokens Tokens { get; }

    /// <summary>Gets the current world's routes.</summary>
    public RouteTable Routes => Volatile.Read(ref _routes);

    /// <summary>Gets the rate limiter.</summary>
    public ServerRateLimiter RateLimiter => _limiter;

    /// <summary>Gets the clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Resets the server: a new world and reset date; every token issued before is rejected with 4113 from now on.</summary>
    public void Reset()
    {
        lock (_resetGate)
        {
            // The tokens move first, so no request authenticates an old agent against the new world.
            Tokens.BeginReset(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
            Volatile.Write(ref _routes, _createRoutes());
            _stats.CountReset();
        }
    }

    /// <summary>Handles one request.</summary>
    /// <param name="request">The request; <see cref="SimRequest.Method"/>, <see cref="SimRequest.Path"/>, query, body, token and IP set by the transport.</param>
    /// <param name="cancellationToken">Cancels waits (slow responses, timeouts) when the client gives up.</param>
    /// <returns>The response; <see cref="SimResponse.DropConnection"/> asks the transport to drop the connection instead.</returns>
    public ValueTask<SimResponse> HandleAsync(SimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = Interlocked.Increment(ref _requestNumber);
        request.RequestId = RequestId(number);
        request.Now = _clock.GetUtcNow();
        request.Tokens = Tokens;
        _stats.CountRequest();

        var fault = _faults.Next(request.Method, request.Path, request.Now);
        if (fault is not null)
        {
            _stats.CountFault();
            return HandleWithFaultAsync(request, fault, cancellationToken);
        }

        var response = Process(request, out var lockedShip, out var rateLimited);
        if (lockedShip is not null)
        {
            _lockedShips.TryRemove(lockedShip, out _);
        }

        _stats.CountStatus(response.Status, rateLimited);
        return ValueTask.FromResult(response);
    }

    private static string RequestId(long number)
        => string.Create(CultureInfo.InvariantCulture, $"sim-{number:x10}");

    private async ValueTask<SimResponse> HandleWithFaultAsync(SimRequest request, FaultRule fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.DropConnection:
                return Dropped();
            case FaultKind.Timeout:
                await _clock.DelayAsync(fault.Delay ?? _options.TimeoutDelay, cancellationToken).ConfigureAwait(false);
                return Dropped();
            case FaultKind.InternalServerError:
                return Counted(ErrorEnvelope.Create(500, ErrorCodes.InternalError, "Internal server error.", null, null, request.RequestId), false);
            case FaultKind.Maintenance:
                return Counted(ErrorEnvelope.Create(503, ErrorCodes.Maintenance, "The SpaceTraders API is currently undergoing maintenance. Please try again later.", null, null, request.RequestId), false);
            case FaultKind.BadGateway:
                return Counted(Html(502, HtmlBadGateway), false);
            case FaultKind.ServiceUnavailable:
                return Counted(Html(503, HtmlServiceUnavailable), false);
            case FaultKind.HtmlTooManyRequests:
                return Counted(Html(429, HtmlTooManyRequests), false);
            case FaultKind.ServerReset:
                Reset();
                break;
        }

        var response = Process(request, out var lockedShip, out var rateLimited);
        try
        {
            switch (fault.Kind)
            {
                case FaultKind.SlowResponse:
                    await _clock.DelayAsync(fault.Delay ?? _options.SlowResponseDelay, cancellationToken).ConfigureAwait(false);
                    break;
                case FaultKind.DropAfterProcessing:
                    return Dropped();
                case FaultKind.MalformedJson:
                    var body = response.EncodeBody();
                    response.RawBody = body[..(body.Length / 2)];
                    response.Status = response.Status is >= 200 and < 300 ? response.Status : 200;
                    break;
            }
        }
        finally
        {
            if (lockedShip is not null)
            {
                _lockedShips.TryRemove(lockedShip, out _);
            }
        }

        return Counted(response, rateLimited);
    }

    private SimResponse Counted(SimResponse response, bool rateLimited)
    {
        _stats.CountStatus(response.Status, rateLimited);
        return response;
    }

    private static SimResponse Dropped() => new() { Status = 0, DropConnection = true };

    private static SimResponse Html(int status, ReadOnlyMemory<byte> body)
        => new() { Status = status, RawBody = body, ContentType = "text/html" };

    /// <summary>Authenticates, rate-limits, routes, locks and runs the handler. The caller releases <paramref name="lockedShip"/>.</summary>
    private SimResponse Process(SimRequest request, out string? lockedShip, out bool rateLimited)
    {
        lockedShip = null;
        rateLimited = false;
        var route = Routes.Match(request.Method, request.Path, out var routeValues);
        request.RouteValues = routeValues;

        var authError = Authenticate(request, route?.Auth ?? RouteAuth.OptionalAgent);
        if (authError is not null)
        {
            return authError;
        }

        RateDecision decision = default;
        var limits = _options.RateLimits;
        if (limits.Enabled)
        {
            decision = _limiter.TryAcquire(request.ClientIp, request.AgentSymbol);
            if (!decision.Allowed)
            {
                rateLimited = true;
                _stats.CountRateLimited();
                return RateLimitedResponse(request, decision, limits);
            }
        }

        SimResponse response;
        if (route is null)
        {
            response = ErrorEnvelope.Create(404, ErrorCodes.NotFound, $"Route {request.Method} /v2{request.Path} was not found.", null, null, request.RequestId);
        }
        else if (route.LocksShip && !_lockedShips.TryAdd(routeValues["shipSymbol"], 0))
        {
            _stats.CountShipLockConflict();
            var ship = routeValues["shipSymbol"];
            response = ErrorEnvelope.Create(
                409,
                ErrorCodes.ShipLocked,
                $"Ship {ship} is locked by another request in flight. Wait for it to finish before sending another action for this ship.",
                null,
                null,
                request.RequestId);
        }
        else
        {
            if (route.LocksShip)
            {
                lockedShip = routeValues["shipSymbol"];
            }

            response = Run(route, request);
        }

        if (limits.Enabled && limits.HeadersOnEveryResponse)
        {
            AddRateHeaders(response, decision, limits);
        }

        return response;
    }

    private static SimResponse Run(RouteEntry route, SimRequest request)
    {
        try
        {
            if (request.Method == "GET" && (request.Query.ContainsKey("page") || request.Query.ContainsKey("limit")))
            {
                _ = request.ReadPaging(); // Central bounds check: handlers may trust page and limit.
            }

            return route.Handler(request) ?? throw new InvalidOperationException($"The handler of {route.Method} {route.Template} returned no response.");
        }
        catch (GameErrorException error)
        {
            return ErrorEnvelope.From(error, request.RequestId);
        }
#pragma warning disable CA1031 // A failing handler must become a 500 answer, not a crashed transport.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ErrorEnvelope.Create(500, ErrorCodes.InternalError, $"Internal server error in {route.Method} {route.Template}: {ex.GetType().Name}: {ex.Message}", null, null, request.RequestId);
        }
    }

    private SimResponse? Authenticate(SimRequest request, RouteAuth auth)
    {
        var token = request.Token;
        switch (auth)
        {
            case RouteAuth.Anonymous:
                return null;
            case RouteAuth.Account:
                var required = _options.AccountToken;
                if (required is null)
                {
                    return null;
                }

                if (string.IsNullOrEmpty(token))
                {
                    return Unauthorized(request, ErrorCodes.MissingAccountToken, "Missing account token in request. Send your account token from the dashboard as 'Authorization: Bearer <token>' to register an agent.");
                }

                return string.Equals(token, required, StringComparison.Ordinal)
                    ? null
                    : Unauthorized(request, ErrorCodes.InvalidToken, "Invalid account token. Use the account token from your dashboard to register an agent.");
        }

        if (string.IsNullOrEmpty(token))
        {
            return auth == RouteAuth.Agent
                ? Unauthorized(request, ErrorCodes.MissingToken, "Missing bearer token in request. Send your agent token as 'Authorization: Bearer <token>'.")
                : null;
        }

        switch (Tokens.Check(token, out var agent))
        {
            case TokenCheck.Valid:
                request.AgentSymbol = agent;
                return null;
            case TokenCheck.EarlierReset:
                return Unauthorized(request, ErrorCodes.TokenResetDateMismatch, $"Failed to parse token. Token reset_date does not match the server. Server resets happen on a weekly to bi-weekly frequency during alpha. After a reset, you should re-register your agent. Expected: {Tokens.ResetDate}.");
            default:
                return Unauthorized(request, ErrorCodes.InvalidToken, "Invalid bearer token: it was not issued by this server. Register an agent to get a token.");
        }
    }

    private static SimResponse Unauthorized(SimRequest request, int code, string message)
        => ErrorEnvelope.Create(401, code, message, null, null, request.RequestId);

    private static SimResponse RateLimitedResponse(SimRequest request, RateDecision decision, RateLimitSettings limits)
    {
        var data = new RateLimitErrorData
        {
            Type = decision.Type,
            RetryAfter = Math.Round(decision.RetryAfter.TotalSeconds, 3),
            LimitBurst = limits.BurstPoints,
            LimitPerSecond = limits.StaticPoints,
            Remaining = 0,
            Reset = decision.ResetText,
        };
        var response = ErrorEnvelope.Create(429, ErrorCodes.RateLimited, "You have reached your API limit.", data, HostingJsonContext.Default.RateLimitErrorData, request.RequestId);
        response.Headers["Retry-After"] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        AddRateHeaders(response, decision, limits);
        return response;
    }

    private static void AddRateHeaders(SimResponse response, RateDecision decision, RateLimitSettings limits)
    {
        var headers = response.Headers;
        headers["x-ratelimit-type"] = decision.Type;
        headers["x-ratelimit-limit"] = limits.BurstPoints.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = decision.ResetText;
        headers["x-ratelimit-limit-burst"] = limits.BurstPoints.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-limit-per-second"] = limits.StaticPoints.ToString(CultureInfo.InvariantCulture);
    }
}
