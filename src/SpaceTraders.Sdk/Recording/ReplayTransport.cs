using System.Net;
using System.Text;

namespace SpaceTraders.Sdk.Recording;

/// <summary>
/// A transport that answers from a recording (<see cref="TrafficRecorder"/>) instead of a server: each request gets the
/// next recorded answer to the same method, path and body, in the order they were recorded. Give it to a client as
/// its <see cref="SpaceTradersClientOptions.Transport"/> and the client parses the recorded answers exactly as it
/// parsed them live: live traffic becomes a regression test, or a reference to check the simulator against.
/// </summary>
/// <remarks>
/// <para>
/// Matching ignores headers (the token, the request id), so a recording replays with any token. Requests to one method
/// and path with one body are answered in the recorded order; requests to different ones may come in any order, so a
/// concurrent bot replays as long as each of its conversations is the same. A request the recording has no (more)
/// answer for throws <see cref="InvalidOperationException"/> and is listed in <see cref="Unmatched"/>. A recorded
/// failure is replayed as one: no answer (<see cref="HttpRequestException"/> with the recorded
/// <see cref="HttpRequestError"/>), or a body that breaks off (<see cref="IOException"/> while it is read).
/// </para>
/// <para>Thread-safe. It never touches the network or the clock.</para>
/// </remarks>
/// <example>
/// <code>
/// var replay = await ReplayTransport.LoadAsync("traffic.jsonl");
/// using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = "any", Transport = replay });
/// var agent = await client.Agents.GetMyAgentAsync();   // the recorded answer, parsed by the SDK
/// </code>
/// </example>
public sealed class ReplayTransport : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Method, string Path, string Body), Queue<RecordedExchange>> _answers = [];
    private readonly List<string> _unmatched = [];
    private int _served;
    private int _remaining;

    /// <summary>Initializes a new instance of the <see cref="ReplayTransport"/> class.</summary>
    /// <param name="exchanges">The recorded exchanges, oldest first.</param>
    public ReplayTransport(IEnumerable<RecordedExchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        foreach (var exchange in exchanges)
        {
            var key = (exchange.Method.ToUpperInvariant(), exchange.Path, exchange.RequestBody ?? string.Empty);
            if (!_answers.TryGetValue(key, out var queue))
            {
                _answers[key] = queue = new Queue<RecordedExchange>();
            }

            queue.Enqueue(exchange);
            _remaining++;
            FirstAt ??= exchange.At;
        }
    }

    /// <summary>Gets when the recording's first request was sent (start a virtual clock there to replay a bot), or <see langword="null"/> for an empty recording.</summary>
    public DateTimeOffset? FirstAt { get; }

    /// <summary>Gets how many requests were answered from the recording.</summary>
    public int Served
    {
        get
        {
            lock (_gate)
            {
                return _served;
            }
        }
    }

    /// <summary>Gets how many recorded answers no request has asked for yet.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    /// <summary>Gets the requests the recording had no answer for (<c>METHOD path</c>), in the order they came.</summary>
    public IReadOnlyList<string> Unmatched
    {
        get
        {
            lock (_gate)
            {
                return [.. _unmatched];
            }
        }
    }

    /// <summary>Loads a recording (with its rotated files) into a transport.</summary>
    /// <param name="path">The recording's file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transport.</returns>
    public static async Task<ReplayTransport> LoadAsync(string path, CancellationToken cancellationToken = default)
        => new(await TrafficRecording.ReadAsync(path, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? string.Empty;
        var key = (request.Method.Method.ToUpperInvariant(), path, Redaction.Apply(body, []) ?? string.Empty);
        RecordedExchange? exchange;
        lock (_gate)
        {
            if (_answers.TryGetValue(key, out var queue) && queue.TryDequeue(out exchange))
            {
                _served++;
                _remaining--;
            }
            else
            {
                exchange = null;
                _unmatched.Add(request.Method.Method + " " + path);
            }
        }

        if (exchange is null)
        {
            throw new InvalidOperationException($"The recording has no (more) answers to {request.Method.Method} {path}{(body is { Length: > 0 } ? " with this body" : string.Empty)}.");
        }

        if (exchange.Status == 0)
        {
            var error = Enum.TryParse<HttpRequestError>(exchange.Error, out var kind) ? kind : HttpRequestError.Unknown;
            throw new HttpRequestException(error, $"Replayed failure: {exchange.Error ?? "no answer"}.");
        }

        var bytes = exchange.Body is null ? [] : Encoding.UTF8.GetBytes(exchange.Body);
        var response = new HttpResponseMessage((HttpStatusCode)exchange.Status)
        {
            RequestMessage = request,
            Content = exchange.Error is not null ? new BreakingContent(bytes) : new ByteArrayContent(bytes),
        };
        foreach (var (name, value) in exchange.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
