using System.Net;
using System.Net.Http.Headers;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// An in-process <see cref="HttpMessageHandler"/>: requests go straight into the <see cref="SimulatorServer"/>
/// pipeline without sockets. Any base address whose path ends in <c>/v2/</c> works.
/// </summary>
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
        };

        if (request.Content is not null)
        {
            simRequest.Body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await server.HandleAsync(simRequest, cancellationToken).ConfigureAwait(false);
        if (response.DropConnection)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                "The simulator dropped the connection (fault injection).",
                new IOException("The response ended prematurely."));
        }

        return ToHttpResponse(response, request);
    }

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
}
