using System.Net;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// Thrown when a response lacks a field (or sends it as null) that the client cannot act without: the
/// <c>data</c> of a response, a ship's symbol, an agent's symbol, a contract's id, the token of a registration,
/// and the other identities the SDK keys its state by (see the SDK README). <see cref="Field"/> names it. Any
/// other missing field is read as its default and reported, never a failed call.
/// </summary>
public sealed class RequiredFieldMissingException : MalformedResponseException
{
    /// <summary>Initializes a new instance of the <see cref="RequiredFieldMissingException"/> class.</summary>
    public RequiredFieldMissingException()
        : base("The SpaceTraders API returned a response without a field the SDK cannot do without.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequiredFieldMissingException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RequiredFieldMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequiredFieldMissingException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RequiredFieldMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequiredFieldMissingException"/> class for a call.</summary>
    /// <param name="method">The HTTP method of the call, if known.</param>
    /// <param name="endpoint">The endpoint template of the call, if known.</param>
    /// <param name="statusCode">The HTTP status of the response, if known.</param>
    /// <param name="field">The field's path in the response, for example <c>data.symbol</c>.</param>
    /// <param name="typeName">The model type the field belongs to, for example <c>Ship</c>.</param>
    /// <param name="wasNull">Whether the field was present as <c>null</c> rather than absent.</param>
    public RequiredFieldMissingException(string? method, string? endpoint, HttpStatusCode? statusCode, string field, string typeName, bool wasNull)
        : base(BuildMessage(method, endpoint, statusCode, field, typeName, wasNull), method, endpoint, statusCode, null)
    {
        Field = field;
        TypeName = typeName;
        WasNull = wasNull;
    }

    /// <summary>Gets the field's path in the response, for example <c>data.symbol</c> or <c>data.ships[0].symbol</c>.</summary>
    public string? Field { get; }

    /// <summary>Gets the name of the model type the field belongs to, for example <c>Ship</c>.</summary>
    public string? TypeName { get; }

    /// <summary>Gets a value indicating whether the field was present as <c>null</c> rather than absent.</summary>
    public bool WasNull { get; }

    private static string BuildMessage(string? method, string? endpoint, HttpStatusCode? statusCode, string field, string typeName, bool wasNull)
    {
        var call = method is null && endpoint is null ? "The response" : $"{method} {endpoint}";
        var status = statusCode is { } code ? $" (HTTP {(int)code})" : string.Empty;
        var how = wasNull ? "null for" : "without";
        return $"{call}{status} answered {how} {field} ({typeName}), which the client cannot act without.";
    }
}
