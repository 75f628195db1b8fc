using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using SpaceTraders.Sdk.Errors;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// A response body read to its end by the retry handler: the bytes, and the call they answer, so that the
/// response reader can name the endpoint and request id in what it reports.
/// </summary>
internal sealed class ResponseBody : ByteArrayContent
{
    private readonly int _length;
    private byte[]? _rented;

    private ResponseBody(byte[] rented, int length, ApiCall? call)
        : base(rented, 0, length)
    {
        _rented = rented;
        _length = length;
        Call = call;
    }

    /// <summary>Gets the call this body answers, when the pipeline started one.</summary>
    public ApiCall? Call { get; }

    /// <summary>Gets a value indicating whether the pipeline already read the body (<see cref="Value"/>).</summary>
    public bool IsRead { get; private set; }

    /// <summary>Gets the value the pipeline read, when <see cref="IsRead"/>.</summary>
    public object? Value { get; private set; }

    /// <summary>Keeps the value the pipeline read, so the client does not read the body twice.</summary>
    /// <param name="value">The value.</param>
    public void Keep(object? value)
    {
        Value = value;
        IsRead = true;
    }

    /// <summary>Gets the bytes (valid until the content is disposed: they live in a pooled buffer).</summary>
    public ReadOnlyMemory<byte> Bytes => _rented is { } bytes ? bytes.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(ResponseBody));

    /// <summary>
    /// How much of an error body (any status but 2xx) is read: enough for every character the error mapping reads
    /// (<see cref="ApiErrorFactory.MaxErrorBodyChars"/>, up to four UTF-8 bytes each). The rest is never read, so a
    /// proxy's page that does not end cannot fill the memory.
    /// </summary>
    internal const int MaxErrorBodyBytes = 4 * ApiErrorFactory.MaxErrorBodyChars;

    /// <summary>
    /// Reads a response's body to its end and puts it back as a <see cref="ResponseBody"/>, with the same content
    /// headers. A body that breaks off (the connection ended, an I/O error) is kept as far as it came. An error body
    /// is read up to <see cref="MaxErrorBodyBytes"/> only. This is where every body is read from the network, with
    /// the call's token; what reads it later (the error mapping, which Refit gives no token) reads these bytes.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="call">The call it answers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, and whether it broke off.</returns>
    public static async Task<(ResponseBody Body, bool BrokeOff)> ReadAsync(HttpResponseMessage response, ApiCall? call, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var announced = original?.Headers.ContentLength;
        var limit = response.IsSuccessStatusCode ? int.MaxValue : MaxErrorBodyBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(announced is long size and > 0 and < 16 * 1024 * 1024 ? (int)Math.Min(size, limit) : 4096);
        var length = 0;
        var brokeOff = false;
        try
        {
            if (original is not null)
            {
                var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    while (length < limit)
                    {
                        if (length == buffer.Length)
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, length).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

                        var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            brokeOff = true;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var body = new ResponseBody(buffer, length, call);
        if (original is not null)
        {
            CopyHeaders(original.Headers, body.Headers);
            original.Dispose();
        }

        response.Content = body;
        return (body, brokeOff);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    /// <summary>Tells whether the bytes are exactly one complete JSON document (whitespace around it allowed).</summary>
    /// <param name="utf8">The bytes.</param>
    /// <returns><see langword="false"/> for an empty, cut-short or otherwise malformed body.</returns>
    public static bool IsCompleteJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();   // nothing may follow the document
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the game's error code from an error body (<c>{"error": {"code": 4000, ...}}</c>), if it is one.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The code, or <see langword="null"/> for any other body.</returns>
    public static int? GameErrorCode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (!isError || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isCode = reader.ValueTextEquals("code"u8);
                    reader.Read();
                    if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code))
                    {
                        return code;
                    }

                    reader.Skip();
                }

                return null;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        foreach (var header in from)
        {
            // The new content knows its own length; a body that broke off is shorter than the length announced.
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }
}
