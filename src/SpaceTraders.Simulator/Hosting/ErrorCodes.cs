namespace SpaceTraders.Simulator.Hosting;

/// <summary>The error codes the hosting layer itself produces (FACTS.md §4). The game's own codes live with the game.</summary>
internal static class ErrorCodes
{
    /// <summary>The request body is not valid JSON for the operation; the body code is the HTTP status (422).</summary>
    public const int UnprocessableInput = 422;

    /// <summary>A query parameter is invalid (paging); the body code is the HTTP status.</summary>
    public const int BadRequest = 400;

    /// <summary>An unexpected failure in the simulator; the body code is the HTTP status.</summary>
    public const int InternalError = 500;

    /// <summary>The server is under maintenance; the body code is the HTTP status.</summary>
    public const int Maintenance = 503;

    /// <summary>The game's rate limiter; the body code is the HTTP status.</summary>
    public const int RateLimited = 429;

    /// <summary>No bearer token on a route that needs one (missingTokenRequestError).</summary>
    public const int MissingToken = 4103;

    /// <summary>The bearer token is not valid (invalidTokenRequestError).</summary>
    public const int InvalidToken = 4104;

    /// <summary>The token was issued before the last server reset (tokenResetDateMismatchError).</summary>
    public const int TokenResetDateMismatch = 4113;

    /// <summary>No account token on <c>POST /register</c> when the server requires a specific one (missingAccountTokenRequest).</summary>
    public const int MissingAccountToken = 4116;

    /// <summary>The request body is larger than the server reads; the body code is the HTTP status (413).</summary>
    public const int PayloadTooLarge = 413;

    /// <summary>The resource or route does not exist.</summary>
    public const int NotFound = 404;

    /// <summary>Another non-GET request on the same ship is in flight (the ship lock).</summary>
    public const int ShipLocked = 409;
}
