using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// Reads any ISO 8601 date and time, and writes UTC with milliseconds and a <c>Z</c>
/// (<c>2025-06-08T14:15:22.000Z</c>), exactly as the server writes them. Objects the server signs, such
/// as surveys, must go back unaltered, so the SDK writes dates in the server's own format.
/// </summary>
internal sealed class IsoDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
