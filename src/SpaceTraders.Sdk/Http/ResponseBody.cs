using System.Net.Http.Headers;
using System.Text.Json;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// A response body read to its end by the retry handler: the bytes, and the call they answer, so that the
/// response reader can name the endpoint and request id in what it reports.
/// </summary>
internal sealed class ResponseBody : ByteArrayContent
{
    private readonly byte[] _bytes;
    private readonly int _length;

    private ResponseBody(byte[] bytes, int length, ApiCall? call)
        : base(bytes, 0, length)
    {
        _bytes = bytes;
        _length = length;
        Call = call;
    }

    /// <summary>Gets the call this body answers, when the pipeline started one.</summary>
    public ApiCall? Call { get; }

    /// <summary>Gets the bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, _length);

    /// <summary>
    /// Reads a response's body to its end and puts it back as a <see cref="ResponseBody"/>, with the same content
    /// headers. A body that breaks off (the connection ended, an I/O error) is kept as far as it came.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="call">The call it answers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, and whether it broke off.</returns>
    public static async Task<(ResponseBody Body, bool BrokeOff)> ReadAsync(HttpResponseMessage response, ApiCall? call, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var buffer = new MemoryStream(original?.Headers.ContentLength is long length and > 0 and < int.MaxValue ? (int)length : 0);
        var brokeOff = false;
        if (original is not null)
        {
            try
            {
                var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                brokeOff = true;
            }
        }

        var body = new ResponseBody(buffer.GetBuffer(), (int)buffer.Length, call);
        if (original is not null)
        {
            CopyHeaders(original.Headers, body.Headers);
            original.Dispose();
        }

        response.Content = body;
        return (body, brokeOff);
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
