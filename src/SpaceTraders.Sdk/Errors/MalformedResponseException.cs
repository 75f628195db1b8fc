using System.Net;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// Thrown when the API answered a call successfully but its body cannot be read as the documented shape (not
/// JSON, truncated, the wrong shape, or without a field the client cannot act without:
/// <see cref="RequiredFieldMissingException"/>). A missing field the client can do without is read as its default
/// and reported instead (<see cref="Diagnostics.IRequestObserver.OnFieldMissing"/>). The call may have taken effect on
/// the server: an action client reconciles it by reading back its state. <see cref="Exception.InnerException"/>
/// holds the parser's error, if any.
/// </summary>
public class MalformedResponseException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MalformedResponseException"/> class.</summary>
    public MalformedResponseException()
        : base("The SpaceTraders API returned a response the SDK could not read.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedResponseException"/> class.</summary>
    /// <param name="message">The message.</param>
    public MalformedResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedResponseException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The parser's error.</param>
    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedResponseException"/> class for a call.</summary>
    /// <param name="method">The HTTP method of the call.</param>
    /// <param name="endpoint">The endpoint template of the call, for example <c>/my/ships/{shipSymbol}</c>.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="innerException">The parser's error.</param>
    public MalformedResponseException(string method, string endpoint, HttpStatusCode statusCode, Exception innerException)
        : base($"{method} {endpoint} returned HTTP {(int)statusCode} {statusCode} with a body that is not the documented JSON: {innerException?.Message}", innerException)
    {
        Method = method;
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedResponseException"/> class for a call, with a message of its own.</summary>
    /// <param name="message">The message.</param>
    /// <param name="method">The HTTP method of the call.</param>
    /// <param name="endpoint">The endpoint template of the call.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="innerException">The parser's error, or <see langword="null"/>.</param>
    protected MalformedResponseException(string message, string? method, string? endpoint, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, innerException)
    {
        Method = method;
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP method of the call.</summary>
    public string? Method { get; }

    /// <summary>Gets the endpoint template of the call, for example <c>/my/ships/{shipSymbol}</c>.</summary>
    public string? Endpoint { get; }

    /// <summary>Gets the HTTP status of the response.</summary>
    public HttpStatusCode? StatusCode { get; }
}
