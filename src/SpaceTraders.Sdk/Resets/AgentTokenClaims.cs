using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace SpaceTraders.Sdk.Resets;

/// <summary>
/// Reads what an agent token says about itself. SpaceTraders agent tokens are JWTs whose payload carries the reset they
/// belong to (<c>reset_date</c>, <c>yyyy-MM-dd</c>); the signature is not checked (only the server can), and nothing
/// read here is ever logged.
/// </summary>
internal static class AgentTokenClaims
{
    private const int MaxTokenLength = 8192;

    /// <summary>Reads the token's <c>reset_date</c> claim.</summary>
    /// <param name="token">The agent token, or <see langword="null"/>.</param>
    /// <returns>The reset date as <c>yyyy-MM-dd</c>, or <see langword="null"/> when the token is not a JWT with that claim.</returns>
    public static string? ResetDate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1)
        {
            return null;
        }

        var payload = token.AsSpan(first + 1, second - first - 1);
        if (!Base64Url.IsValid(payload))
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(payload);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reset_date", out var claim)
                && claim.ValueKind == JsonValueKind.String
                ? Normalize(claim.GetString())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Keeps a reset date as <c>yyyy-MM-dd</c> (a full timestamp is cut to its date); anything else as given.</summary>
    /// <param name="date">The date text, or <see langword="null"/>.</param>
    /// <returns>The date, or <see langword="null"/> for an empty one.</returns>
    public static string? Normalize(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return null;
        }

        var text = date.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return text;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : text;
    }
}
