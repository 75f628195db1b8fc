using System.Globalization;
using System.Net;
using System.Text.Json;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>What a response says about the server's rate limit: from <c>x-ratelimit-*</c> headers or a 429 body.</summary>
/// <param name="Scope">The limit concerned (<c>x-ratelimit-type</c> / <c>data.type</c>).</param>
/// <param name="Reset">When the limit resets (<c>x-ratelimit-reset</c> / <c>data.reset</c>, else <c>Retry-After</c>).</param>
/// <param name="Remaining">The points left (<c>x-ratelimit-remaining</c> / <c>data.remaining</c>), when stated.</param>
/// <param name="Limit">The size of the pool <paramref name="Remaining"/> counts (<c>x-ratelimit-limit</c>), when stated.</param>
internal readonly record struct RateLimitAnswer(RateLimitScope Scope, DateTimeOffset Reset, int? Remaining, int? Limit = null)
{
    private const string TypeHeader = "x-ratelimit-type";
    private const string ResetHeader = "x-ratelimit-reset";
    private const string RemainingHeader = "x-ratelimit-remaining";
    private const string LimitHeader = "x-ratelimit-limit";

    /// <summary>
    /// The burst points left, when the headers clearly speak of the burst pool: <c>x-ratelimit-remaining</c> together
    /// with an <c>x-ratelimit-limit</c> larger than the per-second pool. The game documents these headers only on 429
    /// answers; on other answers a count without its pool's size, or out of a pool no larger than the per-second one,
    /// may be the per-second points, and taking those as burst points would empty the burst pool on every answer
    /// (about 120 requests a minute instead of 150). Such counts are not applied.
    /// </summary>
    /// <param name="staticPoolSize">The client's per-second pool (<see cref="ThrottlingOptions.StaticPoolSize"/>).</param>
    /// <returns>The burst points left, or <see langword="null"/> when the headers do not clearly state them.</returns>
    public int? BurstPointsLeft(int staticPoolSize) =>
        Remaining is { } remaining && Limit is { } limit && limit > staticPoolSize ? remaining : null;

    /// <summary>Reads the rate-limit headers of any response, if the server sent them.</summary>
    /// <param name="response">The response.</param>
    /// <param name="answer">The headers' content.</param>
    /// <returns><see langword="true"/> when at least a reset time was present.</returns>
    public static bool TryReadHeaders(HttpResponseMessage response, out RateLimitAnswer answer)
    {
        answer = default;
        if (!TryGetHeader(response, ResetHeader, out var resetText) || !TryParseTime(resetText, out var reset))
        {
            return false;
        }

        var scope = TryGetHeader(response, TypeHeader, out var type) ? ParseScope(type) : RateLimitScope.Unknown;
        answer = new RateLimitAnswer(scope, reset, ReadCount(response, RemainingHeader), ReadCount(response, LimitHeader));
        return true;
    }

    /// <summary>
    /// Tells a 429 from the game's rate limiter (rate-limit headers, or a JSON error body with code 429) from
    /// one sent by the infrastructure (an HTML page without headers), and reads when the limit resets.
    /// </summary>
    /// <param name="response">A 429 response; its content is buffered, so it can still be read afterwards.</param>
    /// <param name="now">The current time, for a reset given only as <c>Retry-After</c> seconds.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The answer for a game 429, or <see langword="null"/> for an infrastructure 429.</returns>
    public static async Task<RateLimitAnswer?> ReadGameRateLimitAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var fromHeaders = TryReadHeaders(response, out var headerAnswer);
        // Read (capped, with the call's token) into the response, where the retry handler finds it again.
        var (body, brokeOff) = await ResponseBody.ReadAsync(response, call: null, cancellationToken).ConfigureAwait(false);
        if (brokeOff)
        {
            return null;   // as before: a 429 whose body broke off is not taken for the game's
        }

        var fromBody = TryReadBody(body.Bytes, out var bodyAnswer);
        if (!fromHeaders && !fromBody)
        {
            return null;
        }

        var scope = fromHeaders && headerAnswer.Scope != RateLimitScope.Unknown ? headerAnswer.Scope : bodyAnswer.Scope;
        var reset = fromHeaders ? headerAnswer.Reset : bodyAnswer.Reset;
        var retryAfter = RetryAfter(response, now);
        if (reset == default)
        {
            reset = now + (retryAfter ?? TimeSpan.FromSeconds(1));
        }
        else if (reset <= now && retryAfter is { } wait && wait > TimeSpan.Zero)
        {
            // A 429 whose reset is already past on this clock: the server's clock runs behind it. Retry-After is
            // relative, so skew does not bend it; taking the past reset would send into the same empty pools again.
            reset = now + wait;
        }

        return new RateLimitAnswer(scope, reset, fromHeaders ? headerAnswer.Remaining : bodyAnswer.Remaining);
    }

    /// <summary>Reads <c>Retry-After</c> in either form HTTP allows: seconds, or a date (taken against <paramref name="now"/>).</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time on the client's clock.</param>
    /// <returns>How long the server asks to wait (zero for a date already past), or <see langword="null"/> without the header.</returns>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }

    private static int? ReadCount(HttpResponseMessage response, string name) =>
        TryGetHeader(response, name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>Maps <c>IP Address</c> / <c>Account</c> to a scope.</summary>
    /// <param name="type">The server's text.</param>
    /// <returns>The scope, or <see cref="RateLimitScope.Unknown"/>.</returns>
    public static RateLimitScope ParseScope(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return RateLimitScope.Unknown;
        }

        if (type.Contains("ip", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitScope.IpAddress;
        }

        return type.Contains("account", StringComparison.OrdinalIgnoreCase) || type.Contains("agent", StringComparison.OrdinalIgnoreCase)
            ? RateLimitScope.Account
            : RateLimitScope.Unknown;
    }

    private static bool TryReadBody(ReadOnlyMemory<byte> body, out RateLimitAnswer answer)
    {
        answer = default;
        if (body.Length == 0 || body.Span[0] is not ((byte)'{' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("code", out var code)
                || code.ValueKind != JsonValueKind.Number
                || !code.TryGetInt32(out var number)
                || number != 429)
            {
                return false;
            }

            var scope = RateLimitScope.Unknown;
            DateTimeOffset reset = default;
            int? remaining = null;
            if (error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                if (data.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    scope = ParseScope(type.GetString());
                }

                if (data.TryGetProperty("reset", out var resetElement) && resetElement.ValueKind == JsonValueKind.String
                    && TryParseTime(resetElement.GetString(), out var parsed))
                {
                    reset = parsed;
                }

                if (data.TryGetProperty("remaining", out var remainingElement) && remainingElement.ValueKind == JsonValueKind.Number
                    && remainingElement.TryGetInt32(out var r))
                {
                    remaining = r;
                }
            }

            answer = new RateLimitAnswer(scope, reset, remaining);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryGetHeader(HttpResponseMessage response, string name, out string? value)
    {
        value = null;
        if (response.Headers.TryGetValues(name, out var values))
        {
            value = values.FirstOrDefault();
        }

        return value is not null;
    }

    private static bool TryParseTime(string? text, out DateTimeOffset time)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
