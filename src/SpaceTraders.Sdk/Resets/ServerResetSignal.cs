namespace SpaceTraders.Sdk.Resets;

/// <summary>How a client learned that the server had reset.</summary>
public enum ServerResetSignal
{
    /// <summary>
    /// The server rejected the agent token with 401 and error 4113 (<c>tokenResetDateMismatchError</c>), 401 with code
    /// 401 and both reset dates, or error 4109 (<c>tokenInvalidVersionError</c>) on a call other than
    /// <c>POST /register</c>: the token belongs to an earlier reset.
    /// </summary>
    TokenRejected,

    /// <summary>The status endpoint (<c>GET /</c>) showed a <c>resetDate</c> later than the reset the client plays.</summary>
    StatusResetDate,
}
