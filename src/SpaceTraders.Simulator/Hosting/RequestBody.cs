using System.Buffers;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// A request body a transport has received the headers of but not read: the pipeline reads it (with
/// <see cref="RequestBodyReader"/>) only once the request is authenticated and within the rate limit, so an anonymous
/// client cannot make the server buffer anything.
/// </summary>
internal abstract class PendingBody
{
    /// <summary>Gets the length the client declared (<c>Content-Length</c>), or <see langword="null"/> when unknown (chunked).</summary>
    public abstract long? DeclaredLength { get; }

    /// <summary>Gets a value indicating whether the pipeline read the whole body (a transport that answers without reading it may close the connection instead of draining it).</summary>
    public bool Consumed { get; private set; }

    /// <summary>Reads the next bytes of the body.</summary>
    /// <param name="buffer">Where to put them.</param>
    /// <param name="cancellationToken">Cancels the read (the client went away).</param>
    /// <returns>How many bytes were read; 0 at the end of the body.</returns>
    /// <exception cref="RequestBodyTooLargeException">The transport's own limit was hit.</exception>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Marks the body as read to its end.</summary>
    internal void MarkConsumed() => Consumed = true;
}

/// <summary>A transport's own body-size limit was hit while reading (Kestrel's <c>MaxRequestBodySize</c>).</summary>
internal sealed class RequestBodyTooLargeException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RequestBodyTooLargeException"/> class.</summary>
    public RequestBodyTooLargeException()
        : base("The request body is larger than the server accepts.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestBodyTooLargeException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestBodyTooLargeException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The transport's exception.</param>
    public RequestBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>How reading a request body ended.</summary>
internal enum BodyReadOutcome
{
    /// <summary>The body was read into <see cref="SimRequest.Body"/>.</summary>
    Read,

    /// <summary>The body is larger than <see cref="RequestBodyReader.MaxBodyBytes"/> (declared or found while reading): 413.</summary>
    TooLarge,

    /// <summary>Accepting it would take the bodies being read past <see cref="RequestBodyReader.MaxBufferedBytes"/>: 503, try again.</summary>
    Busy,
}

/// <summary>
/// Reads request bodies within two bounds: at most <see cref="MaxBodyBytes"/> per request (the server answers 413
/// beyond it, without reading further), and at most <see cref="MaxBufferedBytes"/> for all bodies being read at once (503
/// beyond it), so the memory bodies take stays bounded whatever the clients send.
/// </summary>
internal sealed class RequestBodyReader
{
    /// <summary>The largest body the server reads: 1 MiB (the game's largest bodies, a survey to extract with, are about 1 KB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The most bytes all bodies being read may hold at once: 64 MiB.</summary>
    public const long MaxBufferedBytes = 64L * 1024 * 1024;

    private const int ChunkBytes = 16 * 1024;

    private readonly long _maxBuffered;
    private long _reserved;

    /// <summary>Initializes a new instance of the <see cref="RequestBodyReader"/> class.</summary>
    /// <param name="maxBuffered">The most bytes all bodies being read may hold at once. The default value is <see cref="MaxBufferedBytes"/>.</param>
    public RequestBodyReader(long maxBuffered = MaxBufferedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuffered, MaxBodyBytes);
        _maxBuffered = maxBuffered;
    }

    /// <summary>Gets the bytes reserved by bodies being read right now.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>Reads <paramref name="request"/>'s pending body into <see cref="SimRequest.Body"/>.</summary>
    /// <param name="request">The request; nothing happens when it has no <see cref="SimRequest.PendingBody"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether the body was read, too large, or refused for now.</returns>
    public async ValueTask<BodyReadOutcome> ReadAsync(SimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PendingBody is not { } pending)
        {
            return BodyReadOutcome.Read;
        }

        var declared = pending.DeclaredLength;
        if (declared > MaxBodyBytes)
        {
            return BodyReadOutcome.TooLarge;
        }

        // Reserve the declared length, or the whole per-request limit when the client did not say (chunked).
        var reservation = declared ?? MaxBodyBytes;
        if (Interlocked.Add(ref _reserved, reservation) > _maxBuffered)
        {
            Interlocked.Add(ref _reserved, -reservation);
            return BodyReadOutcome.Busy;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var body = new MemoryStream(declared is { } known ? (int)known : ChunkBytes);
            while (true)
            {
                int read;
                try
                {
                    read = await pending.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestBodyTooLargeException)
                {
                    return BodyReadOutcome.TooLarge;
                }

                if (read == 0)
                {
                    break;
                }

                if (body.Length + read > MaxBodyBytes)
                {
                    return BodyReadOutcome.TooLarge;
                }

                body.Write(chunk, 0, read);
            }

            pending.MarkConsumed();
            request.Body = body.GetBuffer().AsMemory(0, (int)body.Length);
            request.PendingBody = null;
            return BodyReadOutcome.Read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            Interlocked.Add(ref _reserved, -reservation);
        }
    }
}
