using System.Net;
using System.Reflection;
using Refit;
using SpaceTraders.Sdk.Http;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The client's Refit content serializer: request bodies are written by the SDK's JSON context; a response body the
/// pipeline already read (<see cref="ResponseBody.IsRead"/>) is returned as read, any other is read by the
/// <see cref="ResponseReader"/>.
/// </summary>
internal sealed class ResponseContentSerializer : IHttpContentSerializer
{
    private readonly ResponseReader _reader;
    private readonly IHttpContentSerializer _writer;

    /// <summary>Initializes a new instance of the <see cref="ResponseContentSerializer"/> class.</summary>
    /// <param name="reader">Reads response bodies.</param>
    /// <param name="writer">Writes request bodies.</param>
    public ResponseContentSerializer(ResponseReader reader, IHttpContentSerializer writer)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <inheritdoc />
    public HttpContent ToHttpContent<T>(T item) => _writer.ToHttpContent(item);

    /// <inheritdoc />
    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => _writer.GetFieldNameForProperty(propertyInfo);

    /// <inheritdoc />
    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is ResponseBody body)
        {
            return body.IsRead && body.Value is T read ? read : _reader.Read<T>(body.Bytes.Span, body.Call, HttpStatusCode.OK);
        }

        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return _reader.Read<T>(bytes, call: null, statusCode: null);
    }
}
