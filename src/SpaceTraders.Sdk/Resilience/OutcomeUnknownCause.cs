namespace SpaceTraders.Sdk.Resilience;

/// <summary>Why the outcome of an action was unknown (<see cref="RequestOutcomeUnknownException.Cause"/>).</summary>
public enum OutcomeUnknownCause
{
    /// <summary>No answer within <see cref="RetryOptions.AttemptTimeout"/>: the request may have reached the server.</summary>
    Timeout,

    /// <summary>The connection ended after the request was sent (<see cref="HttpRequestError.ResponseEnded"/>, an <see cref="IOException"/>).</summary>
    ResponseLost,

    /// <summary>A 502, 503 or 504 without a game error body: a proxy answered, and behind it the game may have acted.</summary>
    GatewayError,

    /// <summary>Another 5xx (a 500, say): the server failed while it may have been acting.</summary>
    ServerError,

    /// <summary>An HTML 429 from the infrastructure: most likely the request never reached the game, but a page cannot prove which layer answered.</summary>
    InfrastructureRateLimit,

    /// <summary>A success status whose body was cut short, not JSON, or lacked what the client needs: the action ran, its result is unreadable.</summary>
    UnreadableResponse,
}
