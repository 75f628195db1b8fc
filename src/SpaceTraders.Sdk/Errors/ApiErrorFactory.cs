using System.Net;
using System.Text;
using System.Text.Json;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Serialization;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// The one place that turns HTTP failures into the SDK's exceptions: error responses into
/// <see cref="SpaceTradersApiException"/> (a token rejected for a server reset, 401 with error 4113 or with code 401 and the reset dates, or
/// error 4109 on any call but <c>POST /register</c>, into
/// <see cref="ServerResetException"/>, reported to the client's <see cref="ServerResetWatch"/>), unreadable success
/// bodies into <see cref="MalformedResponseException"/>. Refit calls it through <c>RefitSettings.ExceptionFactory</c> and <c>DeserializationExceptionFactory</c>.
/// </summary>
internal sealed class ApiErrorFactory
{
    /// <summary>How much of an error body is read (game errors are a few hundred bytes; proxy pages more).</summary>
    internal const int MaxErrorBodyChars = 64 * 1024;

    /// <summary>How much of a non-JSON body the exception keeps in <see cref="SpaceTradersApiException.RawContent"/>.</summary>
    internal const int MaxRawContentChars = 4096;

    private const string Redacted = "[redacted]";

    private readonly string _basePath;
    private readonly string[] _secrets;
    private readonly ServerResetWatch? _resets;
    private readonly TimeProvider _clock;

    /// <summary>Initializes a new instance of the <see cref="ApiErrorFactory"/> class.</summary>
    /// <param name="options">The client's options: the base address (to name endpoints) and the tokens (to keep them out of messages).</param>
    /// <param name="resets">The client's view of server resets, told of every token rejected for a reset; <see langword="null"/> for none.</param>
    public ApiErrorFactory(SpaceTradersClientOptions options, ServerResetWatch? resets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resets = resets;
        _clock = options.TimeProvider;
        _basePath = HttpDefaults.BasePath(options);
        _secrets = new[] { options.Token, options.AccountToken }
            .Where(secret => !string.IsNullOrEmpty(secret))
            .Select(secret => secret!)
            .ToArray();
    }

    /// <summary>
    /// Maps a response to an exception: a <see cref="SpaceTradersApiException"/> for an error, a
    /// <see cref="MalformedResponseException"/> for a success without the body every success but 204 has,
    /// and <see langword="null"/> otherwise.
    /// </summary>
    /// <remarks>
    /// Refit gives this method no cancellation token, so it must never wait on the network: the SDK's pipeline has
    /// already read the body, capped (<see cref="ResponseBody.MaxErrorBodyBytes"/>) and with the call's token, into
    /// a <see cref="ResponseBody"/> in memory (<see cref="RetryHandler"/>), and only that is read here. A server that
    /// sends an error's headers and then stalls its body is cancelled there, with the call.
    /// </remarks>
    /// <param name="response">The response.</param>
    /// <returns>The exception to throw, or <see langword="null"/>.</returns>
    public async ValueTask<Exception?> CreateAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return response.StatusCode != HttpStatusCode.NoContent && response.Content.Headers.ContentLength == 0
                ? await CreateDeserializationException(response, new JsonException("The response body is empty.")).ConfigureAwait(false)
                : null;
        }

        var (method, endpoint) = Describe(response.RequestMessage);
        var body = await ReadCappedAsync(response.Content).ConfigureAwait(false);
        var error = TryParse(body);
        if (error is not null)
        {
            var apiError = new SpaceTradersApiException(
                response.StatusCode,
                error.Code,
                Redact(error.Message),
                error.Data,
                Redact(error.RequestId),
                method,
                endpoint,
                HintFor(error.Code, response.RequestMessage));
            return IsServerReset(apiError) ? new ServerResetException(ResetOf(apiError), method, endpoint, apiError) : apiError;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType ?? (body.Length == 0 ? "empty" : "unknown");
        var raw = body.Length > MaxRawContentChars ? body[..MaxRawContentChars] : body;
        return new SpaceTradersApiException(response.StatusCode, method, endpoint, contentType, Redact(raw), Redact(TryReadFrameworkMessage(body)));
    }

    /// <summary>
    /// What to do about a token the server missed, when the client sent none: the server's message speaks of HTTP
    /// headers, the fix is an option of the client.
    /// </summary>
    /// <param name="code">The game's error code.</param>
    /// <param name="request">The request that was answered.</param>
    /// <returns>The advice, or <see langword="null"/>.</returns>
    private static string? HintFor(int? code, HttpRequestMessage? request)
    {
        if (request is null || request.Headers.Authorization is not null)
        {
            return null;
        }

        return code switch
        {
            ErrorCodes.MissingTokenRequest => "The client sent no token: set SpaceTradersClientOptions.Token to the agent's token (SpaceTradersClient.RegisterAgentAsync returns a client with it).",
            ErrorCodes.MissingAccountTokenRequest => "The client sent no token: set SpaceTradersClientOptions.AccountToken to the account token from the SpaceTraders dashboard.",
            _ => null,
        };
    }

    /// <summary>
    /// Reads the message of an error the server's web framework wrote instead of the game (an unknown route, a 404
    /// from some calls): <c>{"message": "...", "error": "Not Found", "statusCode": 404}</c>, whose <c>message</c> may
    /// also be a list of strings. Not a game error (no game code), but its message says what went wrong.
    /// </summary>
    /// <param name="body">The error body.</param>
    /// <returns>The message (a list joined with <c>"; "</c>), or <see langword="null"/> for any other body.</returns>
    internal static string? TryReadFrameworkMessage(string body)
    {
        if (body.Length == 0 || body.TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("statusCode", out var status) || status.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("message", out var message))
            {
                return null;
            }

            return message.ValueKind switch
            {
                JsonValueKind.String => message.GetString(),
                JsonValueKind.Array => string.Join("; ", message.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString())),
                _ => null,
            } is { Length: > 0 } text ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Maps a failure to read a success body to a <see cref="MalformedResponseException"/> that names the endpoint
    /// (a <see cref="RequiredFieldMissingException"/> from the reader stays one).
    /// </summary>
    /// <param name="response">The response whose body could not be read.</param>
    /// <param name="exception">The serializer's exception.</param>
    /// <returns>The exception to throw.</returns>
    public ValueTask<Exception?> CreateDeserializationException(HttpResponseMessage response, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (method, endpoint) = Describe(response.RequestMessage);
        Exception mapped = exception switch
        {
            // The reader already named the field; add the call when it could not know it.
            RequiredFieldMissingException { Field: { } field, TypeName: { } type } missing => missing.Endpoint is null
                ? new RequiredFieldMissingException(method, endpoint, response.StatusCode, field, type, missing.WasNull)
                : missing,
            MalformedResponseException malformed => malformed,
            _ => new MalformedResponseException(method, endpoint, response.StatusCode, exception),
        };
        return ValueTask.FromResult<Exception?>(mapped);
    }

    /// <summary>Names a request by its method and endpoint template, never by values that could be secret.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The method and the endpoint template (or the path, for a path outside the API).</returns>
    internal (string Method, string Endpoint) Describe(HttpRequestMessage? request)
    {
        if (request?.RequestUri is not { } uri)
        {
            return (request?.Method.Method ?? "?", "?");
        }

        var endpoint = EndpointCatalog.Find(request, _basePath);
        return (request.Method.Method, endpoint?.Template ?? EndpointCatalog.RelativePath(uri, _basePath));
    }

    /// <summary>
    /// Whether the answer is the game's rejection of a token from an earlier reset: 401 with error 4113, or 401 with
    /// the HTTP status as its code and both reset dates (in <c>data</c> or the message), as the live server answered
    /// in public bots' logs ("Token reset_date does not match the server ... Expected: ..., Actual: ...", code 401);
    /// or error 4109 (<c>tokenInvalidVersionError</c> in the newer error list: a token of an earlier reset), with any
    /// HTTP status, on any call but <c>POST /register</c>, where 4109 keeps its older meaning
    /// <c>registerAgentExistsError</c> (the symbol is taken). A 4109 whose call is not known is not taken as a reset.
    /// </summary>
    /// <param name="error">The answer, with the method and endpoint of its call.</param>
    /// <returns><see langword="true"/> for a server reset.</returns>
    internal static bool IsServerReset(SpaceTradersApiException error)
        => (error.ErrorCode == ErrorCodes.TokenInvalidVersion && IsAgentCall(error))
           || (error.StatusCode == HttpStatusCode.Unauthorized
               && (error.ErrorCode == ErrorCodes.TokenResetDateMismatch
                   || (error.ErrorCode == (int)HttpStatusCode.Unauthorized && ServerResetWatch.ReadDates(error) is { Expected: not null, Actual: not null })));

    /// <summary>Whether the answer is to a known call other than <c>POST /register</c> (where 4109 means the symbol is taken).</summary>
    private static bool IsAgentCall(SpaceTradersApiException error)
        => error.Method is { } method && error.Endpoint is { } endpoint && endpoint != "?"
           && !(string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && string.Equals(endpoint, "/register", StringComparison.Ordinal));

    private ServerResetEventArgs ResetOf(SpaceTradersApiException error)
    {
        if (_resets is not null)
        {
            return _resets.TokenRejected(error);
        }

        var (expected, actual) = ServerResetWatch.ReadDates(error);
        return new ServerResetEventArgs(actual, expected, ServerResetSignal.TokenRejected, _clock.GetUtcNow());
    }

    private static ApiError? TryParse(string body)
    {
        if (body.Length == 0 || body.TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(body, SpaceTradersJsonContext.Default.ApiErrorEnvelope);
            return envelope?.Error is { } error && (error.Code is not null || error.Message is not null) ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads up to <see cref="MaxErrorBodyChars"/> of a body the pipeline buffered (see <see cref="CreateAsync"/>).</summary>
    private static async Task<string> ReadCappedAsync(HttpContent? content)
    {
        if (content is null)
        {
            return string.Empty;
        }

        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxErrorBodyChars];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return new string(buffer, 0, length);
        }
    }

    private string? Redact(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }
}
