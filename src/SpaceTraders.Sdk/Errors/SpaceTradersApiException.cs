using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// Thrown when the SpaceTraders API answers a call with an error: a game error (<c>{"error": {"code": 4000,
/// ...}}</c>), a 429 that outlasted the throttling, or an infrastructure failure with a non-JSON body (an
/// HTML 429 or 502 from a proxy), which has <see cref="ErrorCode"/> <see langword="null"/>.
/// </summary>
/// <remarks>
/// Bots branch on the helpers: <see cref="IsCooldown"/> with <see cref="Cooldown"/>, <see cref="IsShipInTransit"/>
/// with <see cref="Transit"/>, <see cref="IsSurveyExhausted"/>, <see cref="IsSurveyExpired"/>, <see cref="IsSurveyInvalid"/>,
/// <see cref="IsInsufficientCredits"/> with <see cref="InsufficientCredits"/>, and <see cref="IsCargoFull"/>.
/// Any other code's details are in <see cref="ErrorData"/> (see <see cref="GetErrorData{T}"/>). The agent
/// token never appears in the message or any property.
/// </remarks>
public sealed class SpaceTradersApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SpaceTradersApiException"/> class.</summary>
    public SpaceTradersApiException()
        : base("The SpaceTraders API returned an error.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpaceTradersApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    public SpaceTradersApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpaceTradersApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SpaceTradersApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="SpaceTradersApiException"/> class from the parts of an
    /// error response, for example to simulate a game error in a test of a bot.
    /// </summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The game's error code, or <see langword="null"/> when the body was not a game error.</param>
    /// <param name="errorMessage">The server's message.</param>
    /// <param name="errorData">The error's <c>data</c> object, if any.</param>
    /// <param name="requestId">The server's request id, if any.</param>
    /// <param name="method">The HTTP method of the failed call.</param>
    /// <param name="endpoint">The endpoint template of the failed call, for example <c>/my/ships/{shipSymbol}/extract</c>.</param>
    public SpaceTradersApiException(
        HttpStatusCode statusCode,
        int? errorCode,
        string? errorMessage,
        JsonElement? errorData = null,
        string? requestId = null,
        string? method = null,
        string? endpoint = null)
        : this(statusCode, errorCode, errorMessage, errorData, requestId, method, endpoint, hint: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpaceTradersApiException"/> class with advice the message ends with.</summary>
    internal SpaceTradersApiException(
        HttpStatusCode statusCode,
        int? errorCode,
        string? errorMessage,
        JsonElement? errorData,
        string? requestId,
        string? method,
        string? endpoint,
        string? hint)
        : base(BuildMessage(statusCode, errorCode, WithFieldErrors(errorMessage, errorData), requestId, method, endpoint, contentType: null) + (hint is null ? string.Empty : " " + hint))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        ErrorData = errorData?.Clone();
        RequestId = requestId;
        Method = method;
        Endpoint = endpoint;
    }

    internal SpaceTradersApiException(
        HttpStatusCode statusCode,
        string? method,
        string? endpoint,
        string? contentType,
        string? rawContent,
        string? errorMessage = null)
        : base(BuildMessage(statusCode, null, errorMessage, null, method, endpoint, contentType))
    {
        StatusCode = statusCode;
        Method = method;
        Endpoint = endpoint;
        RawContent = rawContent;
        ErrorMessage = errorMessage;
    }

    /// <summary>Gets the HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// Gets the game's error code (see <see cref="ErrorCodes"/>), or <see langword="null"/> when the body was
    /// not a game error (an HTML page from a proxy, an empty body).
    /// </summary>
    /// <remarks>
    /// The server also sends the HTTP status as the code for errors that are not the game's own: a route or
    /// resource not found (404), a body that fails validation (422, with each field's complaint in
    /// <see cref="ErrorData"/>), the rate limit (429) and maintenance (503). <see cref="Exception.Message"/> then
    /// shows the status alone, not "game error 404".
    /// </remarks>
    public int? ErrorCode { get; }

    /// <summary>Gets the server's name of <see cref="ErrorCode"/>, for example <c>cooldownConflictError</c>, when the SDK knows it.</summary>
    public string? ErrorName => ErrorCode is int code ? ErrorCodes.GetName(code) : null;

    /// <summary>
    /// Gets the server's message, for example <c>Ship action is still on cooldown for 12 second(s).</c>, as sent. It is
    /// also read from an error the server's web framework wrote instead of the game (<c>{"message", "error", "statusCode"}</c>,
    /// with no <see cref="ErrorCode"/>). <see cref="Exception.Message"/> adds what a validation error's
    /// <see cref="ErrorData"/> says about each field (<c>{"units": ["..."]}</c>) when the message does not.
    /// </summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets the error's <c>data</c> object, whose shape depends on the code, or <see langword="null"/>.</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>Gets the server's id of the failed request, when it sent one (quote it when reporting a server bug).</summary>
    public string? RequestId { get; }

    /// <summary>Gets the HTTP method of the failed call.</summary>
    public string? Method { get; }

    /// <summary>Gets the endpoint template of the failed call, for example <c>/my/ships/{shipSymbol}/extract</c>.</summary>
    public string? Endpoint { get; }

    /// <summary>
    /// Gets the start of the response body when it was not a game error (at most 4,096 characters), for
    /// diagnosing proxies and outages; <see langword="null"/> for game errors.
    /// </summary>
    public string? RawContent { get; }

    /// <summary>Gets a value indicating whether the ship is still on cooldown (<see cref="ErrorCodes.CooldownConflict"/>, 4000).</summary>
    public bool IsCooldown => ErrorCode == ErrorCodes.CooldownConflict;

    /// <summary>
    /// Gets the ship's cooldown from a cooldown error: <see cref="Models.Cooldown.RemainingSeconds"/> and
    /// <see cref="Models.Cooldown.Expiration"/> say when to try again. <see langword="null"/> for other errors.
    /// </summary>
    public Cooldown? Cooldown => IsCooldown ? ReadData(SpaceTradersJsonContext.Default.CooldownErrorData)?.Cooldown : null;

    /// <summary>
    /// Gets a value indicating whether the ship is in transit (<see cref="ErrorCodes.ShipInTransit"/>, 4214,
    /// or <see cref="ErrorCodes.NavigateInTransit"/>, 4200).
    /// </summary>
    public bool IsShipInTransit => ErrorCode is ErrorCodes.ShipInTransit or ErrorCodes.NavigateInTransit;

    /// <summary>Gets the flight from an in-transit error (its arrival and seconds to arrival), or <see langword="null"/>.</summary>
    public ShipInTransitError? Transit => IsShipInTransit ? ReadData(SpaceTradersJsonContext.Default.ShipInTransitError) : null;

    /// <summary>Gets a value indicating whether the survey used has been exhausted (<see cref="ErrorCodes.ShipSurveyExhausted"/>, 4224): discard it.</summary>
    public bool IsSurveyExhausted => ErrorCode == ErrorCodes.ShipSurveyExhausted;

    /// <summary>Gets a value indicating whether the survey used has expired (<see cref="ErrorCodes.ShipSurveyExpiration"/>, 4221): discard it.</summary>
    public bool IsSurveyExpired => ErrorCode == ErrorCodes.ShipSurveyExpiration;

    /// <summary>
    /// Gets a value indicating whether the server cannot verify the survey used (<see cref="ErrorCodes.ShipSurveyVerification"/>,
    /// 4220: altered, or not one the server made): discard it, it will never verify.
    /// </summary>
    public bool IsSurveyInvalid => ErrorCode == ErrorCodes.ShipSurveyVerification;

    /// <summary>
    /// Gets a value indicating whether the agent cannot afford the action: a market purchase (4600), a ship
    /// (4216), a mount or module fee (4248, 4268), or any other cost (4265).
    /// </summary>
    public bool IsInsufficientCredits => ErrorCode is ErrorCodes.MarketTradeInsufficientCredits
        or ErrorCodes.PurchaseShipCredits
        or ErrorCodes.AgentInsufficientCredits
        or ErrorCodes.ShipMountInsufficientCredits
        or ErrorCodes.ShipModuleInsufficientCredits;

    /// <summary>Gets the credits available and needed from an insufficient-credits error, or <see langword="null"/>.</summary>
    public InsufficientCreditsError? InsufficientCredits => IsInsufficientCredits ? ReadInsufficientCredits() : null;

    /// <summary>Gets a value indicating whether the ship's cargo hold is full (<see cref="ErrorCodes.ShipCargoFull"/>, 4228).</summary>
    public bool IsCargoFull => ErrorCode == ErrorCodes.ShipCargoFull;

    /// <summary>Gets the fuel required and available from an insufficient-fuel error (<see cref="ErrorCodes.NavigateInsufficientFuel"/>, 4203), or <see langword="null"/>.</summary>
    public InsufficientFuelError? InsufficientFuel
        => ErrorCode == ErrorCodes.NavigateInsufficientFuel ? ReadData(SpaceTradersJsonContext.Default.InsufficientFuelError) : null;

    /// <summary>Gets a value indicating whether the call was rate limited (HTTP 429, from the game or the infrastructure).</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Gets the details of a 429 from the game's rate limiter, or <see langword="null"/>.</summary>
    public RateLimitError? RateLimit => IsRateLimited ? ReadData(SpaceTradersJsonContext.Default.RateLimitError) : null;

    /// <summary>Reads <see cref="ErrorData"/> as <typeparamref name="T"/>, for codes without a helper.</summary>
    /// <typeparam name="T">The type of the data.</typeparam>
    /// <param name="typeInfo">The type's JSON metadata, for example from a source-generated <c>JsonSerializerContext</c>.</param>
    /// <returns>The data, or <see langword="null"/> when there is none or it does not fit <typeparamref name="T"/>.</returns>
    public T? GetErrorData<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ReadData(typeInfo);
    }

    private T? ReadData<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (ErrorData is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        try
        {
            return data.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private InsufficientCreditsError? ReadInsufficientCredits()
    {
        if (ErrorData is not { ValueKind: JsonValueKind.Object } data)
        {
            return new InsufficientCreditsError();
        }

        return new InsufficientCreditsError
        {
            CreditsAvailable = ReadInt64(data, "agentCredits") ?? ReadInt64(data, "creditsAvailable"),
            CreditsNeeded = ReadInt64(data, "totalPrice") ?? ReadInt64(data, "creditsNeeded"),
            TradeSymbol = data.TryGetProperty("tradeSymbol", out var symbol) && symbol.ValueKind == JsonValueKind.String
                ? new TradeSymbol(symbol.GetString()!)
                : (TradeSymbol?)null,
            Units = (int?)ReadInt64(data, "units"),
            PricePerUnit = (int?)ReadInt64(data, "purchasePrice"),
        };
    }

    private static long? ReadInt64(JsonElement data, string name)
        => data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    /// <summary>
    /// Adds to a message the field errors of a validation error's data (<c>{"units": ["must be at least 1"]}</c>,
    /// the shape of a 422) that it does not already say, so that a generic "Request failed validation." names the field.
    /// </summary>
    private static string? WithFieldErrors(string? message, JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } fields)
        {
            return message;
        }

        var missing = new List<string>();
        foreach (var field in fields.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Array || field.Value.GetArrayLength() == 0)
            {
                return message;   // not a validation error's data
            }

            foreach (var item in field.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return message;
                }

                var text = item.GetString();
                if (!string.IsNullOrEmpty(text) && message?.Contains(text, StringComparison.Ordinal) != true)
                {
                    missing.Add(field.Name + ": " + text);
                }
            }
        }

        if (missing.Count == 0)
        {
            return message;
        }

        var details = string.Join("; ", missing);
        return string.IsNullOrEmpty(message) ? details : $"{message} ({details})";
    }

    private static string BuildMessage(
        HttpStatusCode statusCode,
        int? errorCode,
        string? errorMessage,
        string? requestId,
        string? method,
        string? endpoint,
        string? contentType)
    {
        var text = new StringBuilder();
        if (method is not null || endpoint is not null)
        {
            text.Append(method).Append(' ').Append(endpoint).Append(" failed: ");
        }

        text.Append(CultureInfo.InvariantCulture, $"HTTP {(int)statusCode} {statusCode}");
        if (errorCode is int code)
        {
            // A body whose code is the HTTP status (404, 422, 429, 503) is the server's, not one of the game's 4xxx
            // codes: "game error 404" would only repeat the status.
            if (code != (int)statusCode)
            {
                text.Append(CultureInfo.InvariantCulture, $", game error {code}");
            }

            if (ErrorCodes.GetName(code) is { } name)
            {
                text.Append(" (").Append(name).Append(')');
            }
        }
        else if (contentType is not null)
        {
            text.Append(", not a SpaceTraders error (").Append(contentType).Append(" body)");
        }

        if (!string.IsNullOrEmpty(errorMessage))
        {
            text.Append(": ").Append(errorMessage);
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text.Append(" [request ").Append(requestId).Append(']');
        }

        return text.ToString();
    }
}
