using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// An in-process <see cref="HttpMessageHandler"/>: requests go straight into the <see cref="SimulatorServer"/>
/// pipeline without sockets. Any base address whose path ends in <c>/v2/</c> works.
/// </summary>
/// <remarks>
/// Dropped connections fail as <c>SocketsHttpHandler</c> fails on a real network, and say whether the game acted: a
/// request dropped before it was processed throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConnectionError"/> (safe to send again); a response dropped after the game processed the
/// request throws it with <see cref="HttpRequestError.ResponseEnded"/> (the action may have happened).
/// </remarks>
internal sealed class SimulatorTransport(SimulatorServer server, string clientIp) : HttpMessageHandler
{
    private static readonly Dictionary<string, string[]> NoQuery = new(0, StringComparer.Ordinal);

    /// <summary>Gets the client IP address this transport's requests come from.</summary>
    public string ClientIp => clientIp;

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var simRequest = new SimRequest
        {
            Method = request.Method.Method,
            Path = ApiPath(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]),
            Query = uri.IsAbsoluteUri && uri.Query.Length > 1 ? ParseQuery(uri.Query) : NoQuery,
            Token = BearerToken(request.Headers.Authorization),
            ClientIp = clientIp,
            ClientRequestId = request.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null,
        };

        if (request.Content is { } content && content.Headers.ContentLength is not 0)
        {
            // Read by the pipeline after authentication, like the HTTP host does.
            simRequest.PendingBody = new ContentBody(content);
        }

        var response = await server.HandleAsync(simRequest, cancellationToken).ConfigureAwait(false);
        return response.Drop switch
        {
            ConnectionDrop.BeforeProcessing => throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                "The simulator dropped the connection before the request was processed (fault injection).",
                new SocketException((int)SocketError.ConnectionReset)),
            ConnectionDrop.AfterProcessing => throw new HttpRequestException(
                HttpRequestError.ResponseEnded,
                "The response ended prematurely: the simulator dropped the connection after processing the request (fault injection).",
                new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.")),
            _ => ToHttpResponse(response, request),
        };
    }

    /// <summary>The header carrying the client's id of a logical call (the same on every retry of it).</summary>
    internal const string RequestIdHeader = "X-Request-Id";

    /// <summary>Extracts the path after <c>/v2</c> (<c>/</c> for the root), or the whole path when it has no <c>/v2</c> (then no route matches).</summary>
    /// <param name="absolutePath">The URI's path.</param>
    /// <returns>The API path.</returns>
    internal static string ApiPath(string absolutePath)
    {
        var at = absolutePath.IndexOf("/v2/", StringComparison.Ordinal);
        if (at >= 0)
        {
            return absolutePath[(at + 3)..];
        }

        return absolutePath.EndsWith("/v2", StringComparison.Ordinal) ? "/" : "/.." + absolutePath;
    }

    /// <summary>Parses a query string (with or without the leading '?').</summary>
    /// <param name="query">The query.</param>
    /// <returns>Each key with all its values, URL-decoded.</returns>
    internal static Dictionary<string, string[]> ParseQuery(string query)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            result[key] = result.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
        }

        return result;
    }

    private static string Decode(string text)
        => text.Contains('%', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal)
            ? Uri.UnescapeDataString(text.Replace('+', ' '))
            : text;

    private static string? BearerToken(AuthenticationHeaderValue? authorization)
        => authorization is { Scheme: var scheme, Parameter: var parameter } && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? parameter
            : null;

    private static HttpResponseMessage ToHttpResponse(SimResponse response, HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.Status) { RequestMessage = request };
        var body = response.EncodeBody();
        if (response.Status != 204)
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", response.ContentType);
            message.Content = content;
        }

        foreach (var (name, value) in response.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>An <see cref="HttpContent"/> read only when the pipeline asks.</summary>
    /// <remarks>
    /// <see cref="HttpContent.ReadAsStreamAsync(CancellationToken)"/> hands every caller the same stream, so a request
    /// message sent again (a client's retry) would find it at its end: it is rewound before this attempt reads it, so
    /// every attempt carries the whole body, as a real network sends it again.
    /// </remarks>
    private sealed class ContentBody(HttpContent content) : PendingBody
    {
        private Stream? _stream;

        public override long? DeclaredLength => content.Headers.ContentLength;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (_stream is null)
            {
                _stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                if (_stream.CanSeek)
                {
                    _stream.Position = 0;
                }
            }

            return await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
    }
}
