using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>The answer to a <see cref="SimRequest"/>, before a transport writes it out.</summary>
internal sealed class SimResponse
{
    /// <summary>Gets or sets the HTTP status code.</summary>
    public int Status { get; set; } = 200;

    /// <summary>Gets or sets the body object, serialized with <see cref="BodyType"/>; <see langword="null"/> for no body.</summary>
    public object? Body { get; set; }

    /// <summary>Gets or sets the metadata that serializes <see cref="Body"/>.</summary>
    public JsonTypeInfo? BodyType { get; set; }

    /// <summary>Gets or sets an already-encoded body; when set it wins over <see cref="Body"/> (faults, HTML pages).</summary>
    public ReadOnlyMemory<byte>? RawBody { get; set; }

    /// <summary>Gets or sets the media type of the body. The default value is <c>application/json; charset=utf-8</c>.</summary>
    public string ContentType { get; set; } = "application/json; charset=utf-8";

    /// <summary>Gets the extra response headers (rate-limit headers, <c>Retry-After</c>).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets whether the transport drops the connection instead of answering (faults), and whether the game had
    /// processed the request by then. The default value is <see cref="ConnectionDrop.None"/>.
    /// </summary>
    public ConnectionDrop Drop { get; set; }

    /// <summary>Encodes the body: <see cref="RawBody"/> when set, else <see cref="Body"/> with <see cref="BodyType"/>.</summary>
    /// <returns>The bytes (empty when there is no body).</returns>
    public ReadOnlyMemory<byte> EncodeBody()
    {
        if (RawBody is { } raw)
        {
            return raw;
        }

        if (Body is null || BodyType is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return JsonSerializer.SerializeToUtf8Bytes(Body, BodyType);
    }

    /// <summary>Creates a 200 response.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="body">The body.</param>
    /// <param name="typeInfo">Its source-generated metadata.</param>
    /// <returns>The response.</returns>
    public static SimResponse Ok<T>(T body, JsonTypeInfo<T> typeInfo) => new() { Status = 200, Body = body, BodyType = typeInfo };

    /// <summary>Creates a 201 response.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="body">The body.</param>
    /// <param name="typeInfo">Its source-generated metadata.</param>
    /// <returns>The response.</returns>
    public static SimResponse Created<T>(T body, JsonTypeInfo<T> typeInfo) => new() { Status = 201, Body = body, BodyType = typeInfo };

    /// <summary>Creates a response with any status and a JSON body.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body.</param>
    /// <param name="typeInfo">Its source-generated metadata.</param>
    /// <returns>The response.</returns>
    public static SimResponse WithStatus<T>(int status, T body, JsonTypeInfo<T> typeInfo) => new() { Status = status, Body = body, BodyType = typeInfo };

    /// <summary>Creates a 204 response with no body.</summary>
    /// <returns>The response.</returns>
    public static SimResponse NoContent() => new() { Status = 204 };
}

/// <summary>Handles one routed request. Throw <see cref="GameErrorException"/> for game errors.</summary>
/// <param name="request">The request, authenticated and routed.</param>
/// <returns>The response.</returns>
internal delegate SimResponse SimHandler(SimRequest request);

/// <summary>Which token a route needs.</summary>
internal enum RouteAuth
{
    /// <summary>No token is needed; a token sent is ignored.</summary>
    Anonymous,

    /// <summary>Anonymous calls are allowed; a valid agent token sets <see cref="SimRequest.AgentSymbol"/>, an invalid one is rejected.</summary>
    OptionalAgent,

    /// <summary>An agent token is required (401 4103 when missing, 4104 when invalid, 4113 when from an earlier reset).</summary>
    Agent,

    /// <summary>An account token (<c>POST /register</c>): any bearer, or none, unless the options name a specific account token.</summary>
    Account,
}

/// <summary>Whether a transport drops the connection instead of writing a response, and at which point.</summary>
internal enum ConnectionDrop
{
    /// <summary>The response is written.</summary>
    None,

    /// <summary>
    /// The connection drops before the game processed the request. In-process: <see cref="HttpRequestException"/> with
    /// <see cref="HttpRequestError.ConnectionError"/>; over HTTP: the connection is aborted before the request is handled.
    /// </summary>
    BeforeProcessing,

    /// <summary>
    /// The game processed the request, then the connection drops without the response. In-process:
    /// <see cref="HttpRequestException"/> with <see cref="HttpRequestError.ResponseEnded"/> (what <c>SocketsHttpHandler</c>
    /// reports when the peer closes mid-response); over HTTP: the connection is aborted without writing the response.
    /// </summary>
    AfterProcessing,
}
