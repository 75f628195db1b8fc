using System.Text.Json;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The JSON settings the SDK reads and writes the API with, for code that stores or sends the SDK's models
/// itself (a cache on disk, a database column, a test fixture).
/// </summary>
public static class SpaceTradersJson
{
    /// <summary>
    /// Gets the options of the SDK's source-generated context: camelCase names, absent optional values left
    /// out, dates as <c>2025-06-08T14:15:22.000Z</c>, unknown enum values kept. They are read-only and cover
    /// every type in <c>SpaceTraders.Sdk.Models</c>.
    /// </summary>
    public static JsonSerializerOptions Options => SpaceTradersJsonContext.Default.Options;
}
