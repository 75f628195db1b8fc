using System.Globalization;
using System.Net;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>
/// A transport that answers at once and notes when each request reached it. Each request's path names it
/// (<c>/v2/test/{name}</c>); <see cref="Answer"/> decides the answer per name and attempt: a 200, the game's 429 (with its
/// <c>x-ratelimit-reset</c> header), or an exception.
/// </summary>
/// <param name="clock">The clock sends are timed on.</param>
internal sealed class ScriptedTransport(TimeProvider clock) : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<(string Name, DateTimeOffset At)> _sends = [];
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>What a send of a request gets: <see cref="Outcome.Ok"/> by default.</summary>
    public Func<string, int, Outcome> Answer { get; set; } = static (_, _) => Outcome.Ok;

    /// <summary>Gets every send so far, in order: the request's name and when it reached the transport.</summary>
    public IReadOnlyList<(string Name, DateTimeOffset At)> Sends
    {
        get
        {
            lock (_gate)
            {
                return [.. _sends];
            }
        }
    }

    /// <summary>Gets the names in the order they reached the transport.</summary>
    public IReadOnlyList<string> Order => [.. Sends.Select(s => s.Name)];

    /// <summary>Builds a request the transport can name, with the priority the caller gave it.</summary>
    /// <param name="name">The request's name.</param>
    /// <param name="priority">Its priority.</param>
    /// <returns>The request.</returns>
    public static HttpRequestMessage Request(string name, RequestPriority priority)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://sim.test/v2/test/" + name));
        SpaceTradersRequestOptions.SetPriority(request, priority);
        return request;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = request.RequestUri!.AbsolutePath.Split('/')[^1];
        int attempt;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _sends.Add((name, now));
            attempt = _attempts[name] = _attempts.GetValueOrDefault(name) + 1;
        }

        switch (Answer(name, attempt))
        {
            case Outcome.RateLimited:
                var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                limited.Headers.Add("x-ratelimit-reset", now.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                return Task.FromResult(limited);
            case Outcome.Throws:
                throw new HttpRequestException("The connection was reset.");
            default:
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>What a send gets.</summary>
    public enum Outcome
    {
        /// <summary>A 200.</summary>
        Ok,

        /// <summary>The game's 429.</summary>
        RateLimited,

        /// <summary>A transport exception (the connection was reset).</summary>
        Throws,
    }
}
