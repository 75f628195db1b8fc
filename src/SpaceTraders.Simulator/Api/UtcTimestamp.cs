using System.Text.Json.Serialization;

namespace SpaceTraders.Simulator.Api;

/// <summary>
/// A time in a DTO: written as the live server writes times (<c>2026-01-01T00:00:00.000Z</c>) by
/// <see cref="UtcTimestampConverter"/>, and converted implicitly to and from <see cref="DateTimeOffset"/>.
/// </summary>
/// <param name="Value">The time.</param>
[JsonConverter(typeof(UtcTimestampConverter))]
internal readonly record struct UtcTimestamp(DateTimeOffset Value)
{
    /// <summary>Wraps a time.</summary>
    /// <param name="value">The time.</param>
    public static implicit operator UtcTimestamp(DateTimeOffset value) => new(value);

    /// <summary>Unwraps a time.</summary>
    /// <param name="timestamp">The timestamp.</param>
    public static implicit operator DateTimeOffset(UtcTimestamp timestamp) => timestamp.Value;
}
