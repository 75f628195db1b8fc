using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Keys of the per-request values the SDK's handlers read from <see cref="HttpRequestMessage.Options"/>.
/// Refit interface methods pass them with <c>[Property(...)]</c> parameters.
/// </summary>
public static class SpaceTradersRequestOptions
{
    /// <summary>
    /// The header every request carries: an id unique per logical call, the same on every attempt of it (retries,
    /// requeues after a 429, a resend after a read-back showed the first send had no effect), so that a server can
    /// tell a repeated attempt from a new call. A request that already has the header keeps it.
    /// </summary>
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The option name of the request's priority override (a <see cref="RequestPriority"/>, or null for the endpoint's default).</summary>
    public const string PriorityKey = "SpaceTraders.Priority";

    /// <summary>The typed key of the request's priority override.</summary>
    public static readonly HttpRequestOptionsKey<RequestPriority?> Priority = new(PriorityKey);

    /// <summary>Reads the priority override from a request, if one was set.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The override, or <see langword="null"/> to use the endpoint's default.</returns>
    public static RequestPriority? GetPriority(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(new HttpRequestOptionsKey<object?>(PriorityKey), out var value) && value is RequestPriority priority
            ? priority
            : null;
    }

    /// <summary>Reads the request id a request carries (<see cref="RequestIdHeader"/>), if any.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The id, or <see langword="null"/>.</returns>
    public static string? GetRequestId(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValues(RequestIdHeader, out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>Sets a priority override on a request built by hand.</summary>
    /// <param name="request">The request.</param>
    /// <param name="priority">The priority it should queue with.</param>
    public static void SetPriority(HttpRequestMessage request, RequestPriority priority)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Priority, priority);
    }
}
