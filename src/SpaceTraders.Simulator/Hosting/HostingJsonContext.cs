using System.Text.Json.Serialization;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>Source-generated JSON metadata for what the hosting layer writes itself (error data, rate-limit data).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(RateLimitErrorData))]
[JsonSerializable(typeof(ResetDateMismatchData))]
internal sealed partial class HostingJsonContext : JsonSerializerContext
{
}

/// <summary>The <c>data</c> of a 429 from the game's rate limiter.</summary>
internal sealed class RateLimitErrorData
{
    /// <summary>Gets or sets <c>IP Address</c> or <c>Account</c>.</summary>
    public required string Type { get; set; }

    /// <summary>Gets or sets the seconds until a point is free (fractional).</summary>
    public double RetryAfter { get; set; }

    /// <summary>Gets or sets the burst pool's size.</summary>
    public int LimitBurst { get; set; }

    /// <summary>Gets or sets the static pool's size.</summary>
    public int LimitPerSecond { get; set; }

    /// <summary>Gets or sets the points left (always 0 on a 429).</summary>
    public int Remaining { get; set; }

    /// <summary>Gets or sets when a point is free again, ISO-8601.</summary>
    public required string Reset { get; set; }
}

/// <summary>The <c>data</c> of a 401 with code 4113: the server's reset date and the token's.</summary>
/// <param name="Expected">The current reset date (<c>yyyy-MM-dd</c>).</param>
/// <param name="Actual">The reset date the token was issued in.</param>
internal sealed record ResetDateMismatchData(string Expected, string Actual);
