using System.Buffers;
using SpaceTraders.Sdk.Api;

namespace SpaceTraders.Sdk.Recording;

/// <summary>
/// Records every request sent through it and its answer as JSON lines (<see cref="RecordedExchange"/>), with every
/// token blanked out, into a file of bounded size that rotates. Put it where the transport goes
/// (<see cref="SpaceTradersClientOptions.Transport"/>), in front of the real one, so it sees each attempt as the server
/// saw it (retries and 429s included); <see cref="ReplayTransport"/> serves a recording back.
/// </summary>
/// <remarks>
/// <para>
/// Writes are synchronous and serialised, one line per exchange, flushed as written (a crash loses at most the line
/// being written), so the recorder also works under a virtual clock. A request cancelled by its caller is not recorded.
/// Never recorded: the <c>Authorization</c> header; bearer tokens seen on requests, the
/// <see cref="TrafficRecorderOptions.Secrets"/>, JWT-shaped strings and <c>"token"</c> properties are replaced with
/// <see cref="TrafficRecorderOptions.Redacted"/> in bodies and headers.
/// </para>
/// <para>Thread-safe. It owns the handler it sends through and the file; dispose it after the clients that use it.</para>
/// </remarks>
/// <example>
/// <code>
/// using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = "traffic.jsonl", Secrets = { token } });
/// using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = token, Transport = recorder });
/// </code>
/// </example>
public sealed class TrafficRecorder : DelegatingHandler
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly object _gate = new();
    private readonly TrafficRecorderOptions _options;
    private readonly string _path;
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private FileStream? _file;
    private long _fileBytes;
    private long _exchanges;
    private long _rotations;

    /// <summary>Initializes a new instance of the <see cref="TrafficRecorder"/> class and starts the file (replacing an earlier recording at its path).</summary>
    /// <param name="options">Where and how to write.</param>
    /// <param name="innerHandler">The transport to send through (the simulator's, a test's); <see langword="null"/> for a pooled <see cref="SocketsHttpHandler"/>, as the client uses by default.</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public TrafficRecorder(TrafficRecorderOptions options, HttpMessageHandler? innerHandler = null)
        : base(innerHandler ?? HttpDefaults.CreateTransport())
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFileBytes, 4096, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFiles, nameof(options));
        _options = options;
        _path = System.IO.Path.GetFullPath(options.Path);
        foreach (var secret in options.Secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            _secrets.Add(secret);
        }

        foreach (var file in TrafficRecording.Files(_path))
        {
            File.Delete(file);
        }

        _file = Open();
    }

    /// <summary>Gets the recording's file (its full path).</summary>
    public string Path => _path;

    /// <summary>Gets how many exchanges have been recorded.</summary>
    public long Exchanges => Interlocked.Read(ref _exchanges);

    /// <summary>Gets how many times the file was rotated.</summary>
    public long Rotations => Interlocked.Read(ref _rotations);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = _options.TimeProvider.GetUtcNow();
        if (request.Headers.Authorization?.Parameter is { Length: > 0 } bearer)
        {
            lock (_gate)
            {
                _secrets.Add(bearer);
            }
        }

        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var method = request.Method.Method;
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? string.Empty;
        var authorized = request.Headers.Authorization is not null;

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Record(new RecordedExchange(at, method, path, authorized, requestBody, 0, Empty, null, ex.HttpRequestError.ToString()));
            throw;
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            Record(new RecordedExchange(at, method, path, authorized, requestBody, 0, Empty, null, nameof(HttpRequestError.ResponseEnded)));
            throw;
        }

        var (bytes, brokeOff) = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var headers = Headers(response);
        HttpContent content = brokeOff ? new BreakingContent(bytes) : new ByteArrayContent(bytes);
        if (response.Content is { } original)
        {
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            original.Dispose();
        }

        response.Content = content;
        var body = bytes.Length == 0 && !brokeOff ? null : System.Text.Encoding.UTF8.GetString(bytes);
        Record(new RecordedExchange(at, method, path, authorized, requestBody, (int)response.StatusCode, headers, body, brokeOff ? nameof(IOException) : null));
        return response;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _file?.Dispose();
                _file = null;
            }
        }

        base.Dispose(disposing);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static async Task<(byte[] Bytes, bool BrokeOff)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return ([], false);
        }

        using var copy = new MemoryStream();
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            }

            return (copy.ToArray(), false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return (copy.ToArray(), true);
        }
    }

    private Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (response.Content?.Headers.ContentType is { } type)
        {
            headers["Content-Type"] = type.ToString();
        }

        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith("x-ratelimit", StringComparison.OrdinalIgnoreCase) || name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        return headers;
    }

    private void Record(RecordedExchange exchange)
    {
        lock (_gate)
        {
            if (_file is null)
            {
                return; // disposed: a request still in flight at the end
            }

            var redacted = exchange with
            {
                Path = Redaction.Apply(exchange.Path, _secrets)!,
                RequestBody = Redaction.Apply(exchange.RequestBody, _secrets),
                Headers = exchange.Headers.ToDictionary(h => h.Key, h => Redaction.Apply(h.Value, _secrets)!, StringComparer.OrdinalIgnoreCase),
                Body = Redaction.Apply(exchange.Body, _secrets),
            };
            var line = new ArrayBufferWriter<byte>(1024);
            TrafficRecording.Write(redacted, line);
            line.Write(NewLine);
            if (_fileBytes > 0 && _fileBytes + line.WrittenCount > _options.MaxFileBytes)
            {
                Rotate();
            }

            _file.Write(line.WrittenSpan);
            _file.Flush();
            _fileBytes += line.WrittenCount;
            Interlocked.Increment(ref _exchanges);
        }
    }

    /// <summary>Closes the file, shifts the rotated files by one (dropping the oldest past the bound) and starts a new file. Under the gate.</summary>
    private void Rotate()
    {
        _file!.Dispose();
        File.Delete(Rotated(_options.MaxFiles + 1));
        for (var number = _options.MaxFiles; number >= 1; number--)
        {
            var from = number == 1 ? _path : Rotated(number - 1);
            if (File.Exists(from))
            {
                File.Move(from, Rotated(number), overwrite: true);
            }
        }

        if (_options.MaxFiles == 0)
        {
            File.Delete(_path);
        }

        _file = Open();
        Interlocked.Increment(ref _rotations);
    }

    private string Rotated(int number) => _path + "." + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private FileStream Open()
    {
        _fileBytes = 0;
        return new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read);
    }
}
