using System.Text.Json;

namespace SpaceTraders.Sdk.Errors;

/// <summary>The body of every game error: <c>{"error": {"message", "code", "data"?, "requestId"?}}</c>.</summary>
internal sealed class ApiErrorEnvelope
{
    /// <summary>Gets the error.</summary>
    public ApiError? Error { get; init; }
}

/// <summary>The <c>error</c> object of a game error response.</summary>
internal sealed class ApiError
{
    /// <summary>Gets the human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the game's error code (see <see cref="ErrorCodes"/>), or the HTTP status for 429 and 503.</summary>
    public int? Code { get; init; }

    /// <summary>Gets the error's details, whose shape depends on the code.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>Gets the server's id of the failed request.</summary>
    public string? RequestId { get; init; }
}

/// <summary>The <c>data</c> of a cooldown error (4000): <c>{"cooldown": {...}}</c>.</summary>
internal sealed class CooldownErrorData
{
    /// <summary>Gets the ship's cooldown.</summary>
    public SpaceTraders.Sdk.Models.Cooldown? Cooldown { get; init; }
}
