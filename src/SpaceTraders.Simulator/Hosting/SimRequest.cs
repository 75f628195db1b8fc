using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>One API call, independent of the transport that carried it (in-process or HTTP).</summary>
internal sealed class SimRequest
{
    private static readonly Dictionary<string, string> NoRouteValues = new(0, StringComparer.Ordinal);
    private static readonly Dictionary<string, string[]> NoQuery = new(0, StringComparer.Ordinal);

    /// <summary>Gets or sets the HTTP method in upper case: "GET", "POST", "PATCH".</summary>
    public string Method { get; set; } = "GET";

    /// <summary>Gets or sets the path after <c>/v2</c>, for example <c>/my/ships/AGENT-1/navigate</c>; always starts with '/'.</summary>
    public string Path { get; set; } = "/";

    /// <summary>Gets or sets the values captured by the route template, for example <c>shipSymbol</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; set; } = NoRouteValues;

    /// <summary>Gets or sets the query string, each key with all its values (<c>traits=A&amp;traits=B</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Query { get; set; } = NoQuery;

    /// <summary>Gets or sets the raw JSON body; empty when the request had none (or before the pipeline read <see cref="PendingBody"/>).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>
    /// Gets or sets the body as the transport received it, not read yet: the pipeline reads it into <see cref="Body"/> only
    /// after authentication and the rate limit, within <see cref="RequestBodyReader.MaxBodyBytes"/>. <see langword="null"/>
    /// when the request has no body or <see cref="Body"/> is already set.
    /// </summary>
    public PendingBody? PendingBody { get; set; }

    /// <summary>
    /// Gets or sets the client's id of the logical call (the <c>X-Request-Id</c> header; the same on every retry of one
    /// call), or <see langword="null"/> when absent. The server counts executed actions per id to find duplicates.
    /// </summary>
    public string? ClientRequestId { get; set; }

    /// <summary>
    /// Gets or sets the ship an action is counted for when the route has no <c>shipSymbol</c> (a contract delivery names
    /// its ship in the body); handlers set it. The route's <c>shipSymbol</c> wins when there is one.
    /// </summary>
    public string? ActingShip { get; set; }

    /// <summary>Gets or sets the agent symbol, set by authentication on agent-token routes (and on optional-agent routes when a valid token was sent).</summary>
    public string? AgentSymbol { get; set; }

    /// <summary>Gets or sets the bearer token as sent, or <see langword="null"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the simulation clock's time for this request.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Gets or sets the client's IP address (the rate limiter's IP key).</summary>
    public string ClientIp { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the request id that error envelopes carry.</summary>
    public string RequestId { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's token issuer; set by the pipeline (tests may set their own).</summary>
    public AgentTokens? Tokens { get; set; }

    /// <summary>Issues an agent token for <paramref name="agentSymbol"/>, bound to the current server reset (for <c>POST /register</c>).</summary>
    /// <param name="agentSymbol">The new agent's symbol.</param>
    /// <returns>The token; the pipeline authenticates it on later requests without asking the game.</returns>
    /// <exception cref="InvalidOperationException">No issuer was set on this request.</exception>
    public string IssueAgentToken(string agentSymbol)
        => (Tokens ?? throw new InvalidOperationException("This request has no token issuer (SimRequest.Tokens).")).Issue(agentSymbol, Now);

    /// <summary>Gets the first value of query parameter <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name (case-sensitive).</param>
    /// <returns>The first value, or <see langword="null"/> when absent.</returns>
    public string? QueryValue(string name)
        => Query.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>Reads the <c>page</c> (at least 1, default 1) and <c>limit</c> (1 to 20, default 10) query parameters.</summary>
    /// <returns>The page and limit.</returns>
    /// <exception cref="GameErrorException">A value is not a whole number or is out of range (HTTP 400, with the field in <c>data</c>).</exception>
    public (int Page, int Limit) ReadPaging()
        => (ReadBoundedQuery("page", 1, 1, int.MaxValue), ReadBoundedQuery("limit", 10, 1, 20));

    /// <summary>Deserializes the body.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="typeInfo">The source-generated metadata for <typeparamref name="T"/>.</param>
    /// <returns>The body, or <see langword="default"/> when the request had no body (or the JSON literal <c>null</c>).</returns>
    /// <exception cref="GameErrorException">The body is not valid JSON for <typeparamref name="T"/> (HTTP 422).</exception>
    public T? ReadBody<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (Body.IsEmpty)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(Body.Span, typeInfo);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? string.Empty : " at " + ex.Path;
            throw new GameErrorException(
                ErrorCodes.UnprocessableInput,
                422,
                "Invalid request body" + where + ": " + ex.Message);
        }
    }

    private int ReadBoundedQuery(string name, int fallback, int min, int max)
    {
        var text = QueryValue(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            var rule = max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
            throw new GameErrorException(
                ErrorCodes.BadRequest,
                400,
                $"Invalid query parameter '{name}': expected {rule}, got '{text}'.",
                new Dictionary<string, string[]> { [name] = [$"Expected {rule}."] },
                HostingJsonContext.Default.DictionaryStringStringArray);
        }

        return value;
    }
}
