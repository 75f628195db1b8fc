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
/// <para>
/// By default the recorder replaces an earlier recording at its path (and its rotated files) as it is created. With
/// <see cref="TrafficRecorderOptions.ReplaceOnCommit"/> it writes aside, to <c>file.partial</c> (rotated as
/// <c>file.partial.1</c> and so on), and leaves the earlier recording alone until <see cref="Commit"/>: a program whose
/// start can still fail (a registration refused) commits once it has started, and a start that fails, disposing the
/// recorder without a commit, deletes the aside files and loses nothing of the earlier recording; a crash before the
/// commit leaves the earlier recording intact too (the next recorder at that path deletes the stale aside files).
/// </para>
/// <para>Thread-safe. It owns the handler it sends through and the file; dispose it after the clients that use it.</para>
/// </remarks>
/// <example>
/// <code>
/// using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = "traffic.jsonl", Secrets = { token } });
/// using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = token, Transport = recorder });
/// </code>
/// Keeping the earlier recording until the program has started:
/// <code>
/// using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = "traffic.jsonl", ReplaceOnCommit = true });
/// var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(new SpaceTradersClientOptions { Transport = recorder }, symbol, faction, cancellationToken);
/// recorder.Commit(); // the registration went through: the recording (which begins with it) replaces the earlier one
/// </code>
/// </example>
public sealed class TrafficRecorder : DelegatingHandler
{
    /// <summary>What is added to the path of the file written aside until the commit.</summary>
    private const string AsideSuffix = ".partial";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly object _gate = new();
    private readonly TrafficRecorderOptions _options;
    private readonly string _path;
    private readonly string _aside;
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private FileStream? _file;
    private long _fileBytes;
    private long _exchanges;
    private long _rotations;
    private string _writing;
    private bool _committed;

    /// <summary>
    /// Initializes a new instance of the <see cref="TrafficRecorder"/> class and starts the file: at its path, replacing an
    /// earlier recording there, or aside until <see cref="Commit"/> with <see cref="TrafficRecorderOptions.ReplaceOnCommit"/>.
    /// </summary>
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

        _aside = _path + AsideSuffix;
        _committed = !options.ReplaceOnCommit;
        _writing = _committed ? _path : _aside;

        // Stale aside files are a crashed run's that never committed: never a recording anyone kept.
        Delete(_aside);
        if (_committed)
        {
            Delete(_path);
        }

        _file = Open();
    }

    /// <summary>Gets the recording's file (its full path), where it is once committed.</summary>
    public string Path => _path;

    /// <summary>
    /// Gets a value indicating whether the recording is at <see cref="Path"/>: always, unless
    /// <see cref="TrafficRecorderOptions.ReplaceOnCommit"/> was set and <see cref="Commit"/> has not been called yet.
    /// </summary>
    public bool IsCommitted
    {
        get
        {
            lock (_gate)
            {
                return _committed;
            }
        }
    }

    /// <summary>
    /// Puts the recording written aside so far (with <see cref="TrafficRecorderOptions.ReplaceOnCommit"/>) in place of the
    /// earlier recording at <see cref="Path"/> and its rotated files, which are deleted now; the recording goes on there.
    /// Call it once the program has started. Does nothing when the recording is already in place (committed before, or
    /// written in place from the start).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The recorder was disposed before the commit (its aside files are gone).</exception>
    /// <exception cref="IOException">A file could not be replaced or moved.</exception>
    public void Commit()
    {
        lock (_gate)
        {
            if (_committed)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_file is null, this);
            _file.Dispose();
            _file = null;
            Delete(_path);
            foreach (var file in TrafficRecording.Files(_aside))
            {
                File.Move(file, _path + file[_aside.Length..]);
            }

            _writing = _path;
            _committed = true;
            _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
    }

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
                if (!_committed)
                {
                    Delete(_aside); // a start that failed: the earlier recording stays as it was
                }
            }
        }

        base.Dispose(disposing);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Deletes a recording's file and its rotated files.</summary>
    private static void Delete(string path)
    {
        foreach (var file in TrafficRecording.Files(path))
        {
            File.Delete(file);
        }
    }

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
            var from = number == 1 ? _writing : Rotated(number - 1);
            if (File.Exists(from))
            {
                File.Move(from, Rotated(number), overwrite: true);
            }
        }

        if (_options.MaxFiles == 0)
        {
            File.Delete(_writing);
        }

        _file = Open();
        Interlocked.Increment(ref _rotations);
    }

    private string Rotated(int number) => _writing + "." + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private FileStream Open()
    {
        _fileBytes = 0;
        return new FileStream(_writing, FileMode.Create, FileAccess.Write, FileShare.Read);
    }
}
