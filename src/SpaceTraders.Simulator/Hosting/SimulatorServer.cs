using System.Collections.Concurrent;
using System.Globalization;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.RateLimiting;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// The request pipeline both transports share: scheduled resets, fault injection, routing, authentication, the
/// server's rate limits, the request body (read only then, within its limits), the ship lock, the handler, the error
/// envelope, the count of executed actions and omitted fields. The order is documented in <c>Hosting/README.md</c>.
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
    private readonly ResetSchedule _schedule;
    private readonly Func<GameReset, RouteTable> _createRoutes;
    private readonly FieldOmissions? _omissions;
    private readonly ConcurrentDictionary<string, byte> _lockedShips = new(StringComparer.Ordinal);
    private readonly Lock _resetGate = new();
    private RouteTable _routes;
    private GameReset _reset;
    private long _nextScheduledTicks;
    private long _requestNumber;

    /// <summary>Initializes a new instance of the <see cref="SimulatorServer"/> class and builds the first world.</summary>
    /// <param name="options">The simulation's options.</param>
    /// <param name="clock">The simulation clock.</param>
    /// <param name="tokens">The token issuer.</param>
    /// <param name="faults">The fault script.</param>
    /// <param name="stats">The counters to update.</param>
    /// <param name="schedule">When the server resets; its current reset is the first world's.</param>
    /// <param name="createRoutes">Builds the route table of a reset's fresh world (called now and on every reset).</param>
    /// <param name="omissions">The fields left out of every response, or <see langword="null"/>.</param>
    public SimulatorServer(
        SimulationOptions options,
        TimeProvider clock,
        AgentTokens tokens,
        FaultInjector faults,
        SimulationStats stats,
        ResetSchedule schedule,
        Func<GameReset, RouteTable> createRoutes,
        FieldOmissions? omissions)
    {
        _options = options;
        _clock = clock;
        Tokens = tokens;
        _faults = faults;
        _stats = stats;
        _schedule = schedule;
        _createRoutes = createRoutes;
        _omissions = omissions;
        _limiter = new ServerRateLimiter(options.RateLimits, clock);
        _reset = schedule.Current;
        _routes = createRoutes(_reset);
        _nextScheduledTicks = schedule.NextScheduled.UtcTicks;
    }

    /// <summary>Gets the token issuer.</summary>
    public AgentTokens Tokens { get; }

    /// <summary>Gets the current world's routes.</summary>
    public RouteTable Routes => Volatile.Read(ref _routes);

    /// <summary>Gets the rate limiter.</summary>
    public ServerRateLimiter RateLimiter => _limiter;

    /// <summary>Gets the clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Gets what reads request bodies within the server's limits.</summary>
    public RequestBodyReader Bodies { get; } = new();

    /// <summary>Gets the current reset, after any scheduled reset due on the clock.</summary>
    public GameReset CurrentReset
    {
        get
        {
            CatchUp(_clock.GetUtcNow());
            return Volatile.Read(ref _reset);
        }
    }

    /// <summary>Resets the server now: a new world from the next reset's seed, a new reset date; every token issued before is rejected with 4113 from now on.</summary>
    public void Reset()
    {
        var now = _clock.GetUtcNow();
        lock (_resetGate)
        {
            CatchUpLocked(now);
            Apply(_schedule.ResetNow(now), 1);
        }
    }

    /// <summary>Handles one request.</summary>
    /// <param name="request">The request; <see cref="SimRequest.Method"/>, <see cref="SimRequest.Path"/>, query, body (or pending body), token and IP set by the transport.</param>
    /// <param name="cancellationToken">Cancels waits (slow responses, timeouts) and body reads when the client gives up.</param>
    /// <returns>The response; <see cref="SimResponse.Drop"/> asks the transport to drop the connection instead.</returns>
    public ValueTask<SimResponse> HandleAsync(SimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = Interlocked.Increment(ref _requestNumber);
        request.RequestId = RequestId(number);
        request.Now = _clock.GetUtcNow();
        CatchUp(request.Now);
        request.Tokens = Tokens;
        _stats.CountRequest();

        var (fault, reorder) = _faults.Next(request.Method, request.Path, request.Now);
        if (reorder is not null)
        {
            _stats.CountFault();
        }

        if (fault is null && request.PendingBody is null)
        {
            // The fast path: nothing to wait for.
            var outcome = Process(request);
            Release(outcome.LockedShip);
            Reorder(outcome.Response, reorder);
            return ValueTask.FromResult(Counted(outcome.Response, outcome.RateLimited));
        }

        return HandleSlowlyAsync(request, fault, reorder, cancellationToken);
    }

    private static string RequestId(long number)
        => string.Create(CultureInfo.InvariantCulture, $"sim-{number:x10}");

    /// <summary>Shuffles the order-free lists of an answer when the request drew a <see cref="FaultKind.Reorder"/>.</summary>
    private static void Reorder(SimResponse response, Random? reorder)
    {
        if (reorder is not null)
        {
            OrderFreeLists.Apply(response, reorder);
        }
    }

    private async ValueTask<SimResponse> HandleSlowlyAsync(SimRequest request, FaultRule? fault, Random? reorder, CancellationToken cancellationToken)
    {
        switch (fault?.Kind)
        {
            case null:
                break;
            case FaultKind.DropConnection:
                _stats.CountFault();
                return Dropped(ConnectionDrop.BeforeProcessing);
            case FaultKind.Timeout:
                _stats.CountFault();
                await _clock.DelayAsync(fault.Delay ?? _options.TimeoutDelay, cancellationToken).ConfigureAwait(false);
                return Dropped(ConnectionDrop.BeforeProcessing);
            case FaultKind.InternalServerError:
                _stats.CountFault();
                return Counted(ErrorEnvelope.Create(500, ErrorCodes.InternalError, "Internal server error.", null, null, request.RequestId), false);
            case FaultKind.Maintenance:
                _stats.CountFault();
                return Counted(ErrorEnvelope.Create(503, ErrorCodes.Maintenance, "The SpaceTraders API is currently undergoing maintenance. Please try again later.", null, null, request.RequestId), false);
            case FaultKind.BadGateway:
                _stats.CountFault();
                return Counted(Html(502, HtmlBadGateway), false);
            case FaultKind.ServiceUnavailable:
                _stats.CountFault();
                return Counted(Html(503, HtmlServiceUnavailable), false);
            case FaultKind.HtmlTooManyRequests:
                _stats.CountFault();
                return Counted(Html(429, HtmlTooManyRequests), false);
            case FaultKind.ServerReset:
                _stats.CountFault();
                Reset();
                break;
            default:
                _stats.CountFault();
                break;
        }

        var outcome = await ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        var response = outcome.Response;
        try
        {
            Reorder(response, reorder);
            switch (fault?.Kind)
            {
                case FaultKind.SlowResponse:
                    await _clock.DelayAsync(fault.Delay ?? _options.SlowResponseDelay, cancellationToken).ConfigureAwait(false);
                    break;
                case FaultKind.DropAfterProcessing:
                    return Dropped(ConnectionDrop.AfterProcessing);
                case FaultKind.MalformedJson:
                    var body = response.EncodeBody();
                    response.RawBody = body[..(body.Length / 2)];
                    response.Status = response.Status is >= 200 and < 300 ? response.Status : 200;
                    break;
            }
        }
        finally
        {
            Release(outcome.LockedShip);
        }

        return Counted(response, outcome.RateLimited);
    }

    private void CatchUp(DateTimeOffset now)
    {
        if (now.UtcTicks < Volatile.Read(ref _nextScheduledTicks))
        {
            return;
        }

        lock (_resetGate)
        {
            CatchUpLocked(now);
        }
    }

    private void CatchUpLocked(DateTimeOffset now)
    {
        var due = _schedule.CatchUp(now);
        if (due > 0)
        {
            Apply(_schedule.Current, due);
        }
    }

    private void Apply(GameReset reset, int count)
    {
        // The tokens move first, so no request authenticates an old agent against the new world.
        Tokens.BeginReset(reset.Number, reset.Date);
        Volatile.Write(ref _routes, _createRoutes(reset));
        Volatile.Write(ref _reset, reset);
        Volatile.Write(ref _nextScheduledTicks, _schedule.NextScheduled.UtcTicks);
        _stats.CountResets(count);
    }

    private void Release(string? lockedShip)
    {
        if (lockedShip is not null)
        {
            _lockedShips.TryRemove(lockedShip, out _);
        }
    }

    private SimResponse Counted(SimResponse response, bool rateLimited)
    {
        _stats.CountStatus(response.Status, rateLimited);
        return response;
    }

    private static SimResponse Dropped(ConnectionDrop drop) => new() { Status = 0, Drop = drop };

    private static SimResponse Html(int status, ReadOnlyMemory<byte> body)
        => new() { Status = status, RawBody = body, ContentType = "text/html" };

    /// <summary>Authenticates, rate-limits, routes, locks and runs the handler of a request whose body is already read (or absent).</summary>
    private Outcome Process(SimRequest request)
    {
        var rejection = Admit(request, out var route, out var decision);
        return rejection is not null ? rejection.Value : Execute(request, route, decision);
    }

    /// <summary>As <see cref="Process"/>, reading the pending body once the request is admitted.</summary>
    private async ValueTask<Outcome> ProcessAsync(SimRequest request, CancellationToken cancellationToken)
    {
        var rejection = Admit(request, out var route, out var decision);
        if (rejection is not null)
        {
            return rejection.Value;
        }

        var read = await Bodies.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (read != BodyReadOutcome.Read)
        {
            var refused = read == BodyReadOutcome.TooLarge
                ? ErrorEnvelope.Create(413, ErrorCodes.PayloadTooLarge, $"Request body too large: the server reads at most {RequestBodyReader.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes.", null, null, request.RequestId)
                : ErrorEnvelope.Create(503, ErrorCodes.Maintenance, "The server is busy reading other request bodies. Try again in a moment.", null, null, request.RequestId);
            if (read == BodyReadOutcome.Busy)
            {
                refused.Headers["Retry-After"] = "1";
            }

            AddRateHeadersIfEnabled(refused, decision);
            return new Outcome(refused, null, false);
        }

        return Execute(request, route, decision);
    }

    /// <summary>Routes, authenticates and takes the rate-limit point: everything decided before a body is read.</summary>
    /// <returns>The rejection (401, 429), or <see langword="null"/> when the request may go on.</returns>
    private Outcome? Admit(SimRequest request, out RouteEntry? route, out RateDecision decision)
    {
        decision = default;
        route = Routes.Match(request.Method, request.Path, out var routeValues);
        request.RouteValues = routeValues;

        var authError = Authenticate(request, route?.Auth ?? RouteAuth.OptionalAgent);
        if (authError is not null)
        {
            return new Outcome(authError, null, false);
        }

        var limits = _options.RateLimits;
        if (limits.Enabled)
        {
            decision = _limiter.TryAcquire(request.ClientIp, request.AgentSymbol);
            if (!decision.Allowed)
            {
                _stats.CountRateLimited();
                return new Outcome(RateLimitedResponse(request, decision, limits), null, true);
            }
        }

        return null;
    }

    /// <summary>Takes the ship lock and runs the handler; counts the action when it changed the game. The caller releases the lock.</summary>
    private Outcome Execute(SimRequest request, RouteEntry? route, RateDecision decision)
    {
        string? lockedShip = null;
        SimResponse response;
        if (route is null)
        {
            response = ErrorEnvelope.Create(404, ErrorCodes.NotFound, $"Route {request.Method} /v2{request.Path} was not found.", null, null, request.RequestId);
        }
        else if (route.LocksShip && !_lockedShips.TryAdd(request.RouteValues["shipSymbol"], 0))
        {
            _stats.CountShipLockConflict();
            var ship = request.RouteValues["shipSymbol"];
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
                lockedShip = request.RouteValues["shipSymbol"];
            }

            response = Run(route, request);
            if (route.Method != "GET" && response.Status is >= 200 and < 300)
            {
                var ship = request.RouteValues.TryGetValue("shipSymbol", out var routeShip) ? routeShip : request.ActingShip;
                _stats.CountAction(request.ClientRequestId, route.Method, route.Template, ship, route.Idempotent);
            }

            _omissions?.Apply(response);
        }

        AddRateHeadersIfEnabled(response, decision);
        return new Outcome(response, lockedShip, false);
    }

    private void AddRateHeadersIfEnabled(SimResponse response, RateDecision decision)
    {
        var limits = _options.RateLimits;
        if (limits.Enabled && limits.HeadersOnEveryResponse && decision.Type is not null)
        {
            AddRateHeaders(response, decision, limits);
        }
    }

    private SimResponse Run(RouteEntry route, SimRequest request)
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
            var dataType = error.DataType is { } type && _omissions is not null ? _omissions.Shape(type) : error.DataType;
            return ErrorEnvelope.Create(error.HttpStatus, error.Code, error.Message, error.Data, dataType, request.RequestId);
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

        switch (Tokens.Check(token, out var claims))
        {
            case TokenCheck.Valid:
                request.AgentSymbol = claims.Agent;
                return null;
            case TokenCheck.EarlierReset:
                // The live game's answer as public clients logged it (2023-2026): 401, both reset dates in the message and in data.
                var expected = Tokens.ResetDate;
                return ErrorEnvelope.Create(
                    401,
                    ErrorCodes.TokenResetDateMismatch,
                    $"Failed to parse token. Token reset_date does not match the server. Server resets happen on a weekly to bi-weekly frequency during alpha. After a reset, you should re-register your agent. Expected: {expected}, Actual: {claims.ResetDate}",
                    new ResetDateMismatchData(expected, claims.ResetDate),
                    HostingJsonContext.Default.ResetDateMismatchData,
                    request.RequestId);
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

    /// <summary>A processed request: its response, the ship lock it holds, and whether the rate limiter rejected it.</summary>
    private readonly record struct Outcome(SimResponse Response, string? LockedShip, bool RateLimited);
}
