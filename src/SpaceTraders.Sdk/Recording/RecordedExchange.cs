namespace SpaceTraders.Sdk.Recording;

/// <summary>
/// One request and its answer as <see cref="TrafficRecorder"/> wrote it (one JSON line of a recording), with every
/// token redacted: what <see cref="ReplayTransport"/> serves back.
/// </summary>
/// <param name="At">When the request was sent, on the recorder's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, for example <c>/v2/my/ships/BADGER-1/navigate</c>.</param>
/// <param name="Authorized">Whether the request carried a bearer token (its value is never recorded).</param>
/// <param name="RequestBody">The request body, or <see langword="null"/> for none.</param>
/// <param name="Status">The HTTP status, or 0 when no answer arrived (see <paramref name="Error"/>).</param>
/// <param name="Headers">The answer's headers that matter to a client: <c>Content-Type</c>, <c>Retry-After</c> and the <c>x-ratelimit-*</c> family.</param>
/// <param name="Body">The answer's body, or <see langword="null"/> for none.</param>
/// <param name="Error">
/// How the exchange failed, when it did: an <see cref="HttpRequestError"/> name (<c>ConnectionError</c>,
/// <c>ResponseEnded</c>, ...) for a request that got no answer, <c>IOException</c> for one whose answer broke off
/// after <paramref name="Body"/> (its status and headers arrived); <see langword="null"/> otherwise.
/// </param>
public sealed record RecordedExchange(
    DateTimeOffset At,
    string Method,
    string Path,
    bool Authorized,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    string? Error);
