namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// Thrown when a request that changes game state (POST, PATCH, DELETE) was sent but no answer arrived (a
/// timeout or a dropped connection after sending). The server may or may not have carried it out, so the
/// SDK does not retry it: re-read the state (for example the ship) before acting again.
/// </summary>
public sealed class RequestOutcomeUnknownException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RequestOutcomeUnknownException"/> class.</summary>
    public RequestOutcomeUnknownException()
        : base("The request was sent but no response arrived; it was not retried because it may have taken effect.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestOutcomeUnknownException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RequestOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestOutcomeUnknownException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The failure that left the outcome unknown.</param>
    public RequestOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP method of the request.</summary>
    public string? Method { get; init; }

    /// <summary>Gets the endpoint template of the request, for example <c>/my/ships/{shipSymbol}/purchase</c>.</summary>
    public string? Endpoint { get; init; }
}
