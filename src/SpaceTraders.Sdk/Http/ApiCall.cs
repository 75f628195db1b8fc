using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// One logical API call as the pipeline's handlers see it across its attempts: what it is (endpoint, priority,
/// request id) and what happened to it so far (attempts, queue wait, 429s). The outermost handler starts it; it
/// travels in <see cref="HttpRequestMessage.Options"/>, so each handler reads and updates the same instance.
/// </summary>
/// <remarks>The attempts of one call run one after the other, so the instance needs no locking.</remarks>
internal sealed class ApiCall
{
    private static readonly HttpRequestOptionsKey<ApiCall> Key = new("SpaceTraders.Call");

    private Action? _whenSending;

    private ApiCall(HttpRequestMessage request, string basePath, TimeProvider time)
    {
        Method = request.Method.Method;
        Info = EndpointCatalog.Find(request, basePath);
        Endpoint = Info?.Template ?? "(outside the API)";
        Priority = SpaceTradersRequestOptions.GetPriority(request) ?? Info?.DefaultPriority ?? RequestPriority.Normal;
        IsIdempotent = Info?.IsIdempotent ?? IsIdempotentMethod(request.Method);
        StartedAt = time.GetUtcNow();
        StartTimestamp = time.GetTimestamp();
        RequestId = SpaceTradersRequestOptions.GetRequestId(request) ?? RequestIds.Current ?? RequestIds.New(time);
        if (!request.Headers.Contains(SpaceTradersRequestOptions.RequestIdHeader))
        {
            request.Headers.TryAddWithoutValidation(SpaceTradersRequestOptions.RequestIdHeader, RequestId);
        }
    }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the operation, or <see langword="null"/> for a path outside the API.</summary>
    public Endpoint? Info { get; }

    /// <summary>Gets the endpoint template, or <c>(outside the API)</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the priority the call queues with.</summary>
    public RequestPriority Priority { get; }

    /// <summary>Gets a value indicating whether a second send has the effect of one (<see cref="Http.Endpoint.IsIdempotent"/>).</summary>
    public bool IsIdempotent { get; }

    /// <summary>Gets the call's <see cref="SpaceTradersRequestOptions.RequestIdHeader"/> value.</summary>
    public string RequestId { get; }

    /// <summary>Gets when the call started, on the client's clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the clock's timestamp when the call started.</summary>
    public long StartTimestamp { get; }

    /// <summary>Gets or sets how many times the call was sent.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets how many 429 answers it received.</summary>
    public int RateLimited { get; set; }

    /// <summary>Gets or sets the time it waited for the rate limiter, all attempts together.</summary>
    public TimeSpan QueueWait { get; set; }

    /// <summary>Gets or sets a value indicating whether the next attempt goes back to the front of its queue (after a game 429).</summary>
    public bool Requeued { get; set; }

    /// <summary>Gets or sets what the game's rate limiter said in the last attempt's 429, until the retry handler takes it.</summary>
    public RateLimitAnswer? GameRateLimit { get; set; }

    /// <summary>
    /// Sets what to do once the current attempt has its slot and goes out (the retry handler starts the attempt's
    /// timeout then, so that waiting for the rate limiter never counts as a request that got no answer).
    /// </summary>
    /// <param name="action">What to do, or <see langword="null"/> for nothing.</param>
    public void WhenSending(Action? action) => _whenSending = action;

    /// <summary>Marks that the current attempt has its slot and goes out now (called by the throttling handler).</summary>
    public void Sending()
    {
        var action = _whenSending;
        _whenSending = null;
        action?.Invoke();
    }

    /// <summary>Gets the call a request belongs to, starting it if no handler has yet.</summary>
    /// <param name="request">The request.</param>
    /// <param name="basePath">The path of the API root (<c>/v2</c>), cut from request paths to find the endpoint.</param>
    /// <param name="time">The client's clock.</param>
    /// <returns>The call.</returns>
    public static ApiCall For(HttpRequestMessage request, string basePath, TimeProvider time)
    {
        if (request.Options.TryGetValue(Key, out var call))
        {
            return call;
        }

        call = new ApiCall(request, basePath, time);
        request.Options.Set(Key, call);
        return call;
    }

    /// <summary>HTTP's own idempotent methods, for paths outside the catalog.</summary>
    private static bool IsIdempotentMethod(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;
}
