using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>Writes the error envelope: <c>{"error":{"message","code","data"?,"requestId"}}</c>.</summary>
internal static class ErrorEnvelope
{
    /// <summary>Renders a game error.</summary>
    /// <param name="error">The error.</param>
    /// <param name="requestId">The request id.</param>
    /// <returns>The response.</returns>
    public static SimResponse From(GameErrorException error, string requestId)
        => Create(error.HttpStatus, error.Code, error.Message, error.Data, error.DataType, requestId);

    /// <summary>Renders an error.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The body code.</param>
    /// <param name="message">The message.</param>
    /// <param name="data">The data, or <see langword="null"/>.</param>
    /// <param name="dataType">The data's metadata.</param>
    /// <param name="requestId">The request id.</param>
    /// <returns>The response.</returns>
    public static SimResponse Create(int status, int code, string message, object? data, JsonTypeInfo? dataType, string requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteNumber("code", code);
            if (data is not null && dataType is not null)
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, data, dataType);
            }

            writer.WriteString("requestId", requestId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new SimResponse { Status = status, RawBody = buffer.WrittenMemory };
    }
}
