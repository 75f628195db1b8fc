using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTraders.Simulator.Api;

/// <summary>Writes times as the live server does (<c>2026-01-01T00:00:00.000Z</c>); reads any ISO-8601 time.</summary>
/// <remarks>
/// It is the converter of the <see cref="UtcTimestamp"/> type (named on the type, not in the context's options): a
/// converter in the options would turn off the source-generated fast path for every type of the context.
/// </remarks>
internal sealed class UtcTimestampConverter : JsonConverter<UtcTimestamp>
{
    /// <inheritdoc/>
    public override UtcTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return value;
        }

        throw new JsonException("Expected an ISO-8601 date-time string.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, UtcTimestamp value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[32];
        var utc = value.Value.UtcDateTime;
        var written = Format(utc, buffer);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Formats a UTC time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[32];
        var written = Format(value.UtcDateTime, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    private static int Format(DateTime utc, Span<byte> buffer)
    {
        var position = 0;
        Append(utc.Year, 4, buffer, ref position);
        buffer[position++] = (byte)'-';
        Append(utc.Month, 2, buffer, ref position);
        buffer[position++] = (byte)'-';
        Append(utc.Day, 2, buffer, ref position);
        buffer[position++] = (byte)'T';
        Append(utc.Hour, 2, buffer, ref position);
        buffer[position++] = (byte)':';
        Append(utc.Minute, 2, buffer, ref position);
        buffer[position++] = (byte)':';
        Append(utc.Second, 2, buffer, ref position);
        buffer[position++] = (byte)'.';
        Append(utc.Millisecond, 3, buffer, ref position);
        buffer[position++] = (byte)'Z';
        return position;
    }

    private static void Append(int value, int digits, Span<byte> buffer, ref int position)
    {
        Utf8Formatter.TryFormat(value, buffer[position..], out var written, new System.Buffers.StandardFormat('D', (byte)digits));
        position += written;
    }
}
