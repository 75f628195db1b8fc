using System.Net;
using SpaceTraders.Sdk.Resets;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// Thrown when the server has reset since the agent was registered: the agent token was rejected with 401 and error
/// 4113 (<c>tokenResetDateMismatchError</c>), with code 401 and both reset dates (the live server's older answer), or
/// with error 4109 (<c>tokenInvalidVersionError</c>, on any call but <c>POST /register</c>), or the client already knows of the reset (a rejection or a newer
/// <c>resetDate</c> on the status endpoint) and refuses to send the dead token again. The galaxy, the agent and its
/// ships are gone: register the agent again with the account token (<see cref="SpaceTradersClient.RegisterAgentAsync"/>).
/// </summary>
/// <remarks>
/// It is not a <see cref="SpaceTradersApiException"/>, so that code handling game errors (retrying a cooldown,
/// skipping a market) does not swallow it; the server's answer, when there was one, is the
/// <see cref="Exception.InnerException"/>. The token never appears in the message or any property.
/// </remarks>
public sealed class ServerResetException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ServerResetException"/> class.</summary>
    public ServerResetException()
        : base("The SpaceTraders server has reset: register the agent again.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServerResetException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ServerResetException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServerResetException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ServerResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServerResetException"/> class for a detected reset.</summary>
    /// <param name="reset">What the client knows of the reset.</param>
    /// <param name="method">The HTTP method of the refused call, if any.</param>
    /// <param name="endpoint">The endpoint template of the refused call, if any.</param>
    /// <param name="apiError">The server's answer (401 with 4113, or 4109), or <see langword="null"/> when the call was not sent.</param>
    public ServerResetException(ServerResetEventArgs reset, string? method, string? endpoint, SpaceTradersApiException? apiError)
        : base(BuildMessage(reset, method, endpoint, apiError is not null), apiError)
    {
        ArgumentNullException.ThrowIfNull(reset);
        Reset = reset;
        Method = method;
        Endpoint = endpoint;
        StatusCode = apiError?.StatusCode;
    }

    /// <summary>Gets what the client knows of the reset; <see langword="null"/> for an exception built without one.</summary>
    public ServerResetEventArgs? Reset { get; }

    /// <summary>Gets the reset the agent token belongs to (<c>yyyy-MM-dd</c>), when known.</summary>
    public string? PreviousResetDate => Reset?.PreviousResetDate;

    /// <summary>Gets the server's reset date now (<c>yyyy-MM-dd</c>), when known.</summary>
    public string? ResetDate => Reset?.ResetDate;

    /// <summary>Gets the HTTP method of the refused call, if any.</summary>
    public string? Method { get; }

    /// <summary>Gets the endpoint template of the refused call, for example <c>/my/ships/{shipSymbol}/extract</c>, if any.</summary>
    public string? Endpoint { get; }

    /// <summary>Gets the HTTP status the server answered with (401, or whatever status came with a 4109), or <see langword="null"/> when the call was not sent.</summary>
    public HttpStatusCode? StatusCode { get; }

    private static string BuildMessage(ServerResetEventArgs reset, string? method, string? endpoint, bool answered)
    {
        ArgumentNullException.ThrowIfNull(reset);
        var call = method is null && endpoint is null ? string.Empty : $"{method} {endpoint}: ";
        var dates = (reset.PreviousResetDate, reset.ResetDate) switch
        {
            ({ } before, { } now) => $" (the agent belongs to the reset of {before}; the server's reset is {now})",
            (null, { } now) => $" (the server's reset is {now})",
            ({ } before, null) => $" (the agent belongs to the reset of {before})",
            _ => string.Empty,
        };
        var how = answered ? "the server rejected the agent token" : "not sent: the agent token belongs to an earlier reset";
        return $"{call}{how}; the SpaceTraders server has reset{dates}. Register the agent again with the account token.";
    }
}
