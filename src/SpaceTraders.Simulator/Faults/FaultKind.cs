namespace SpaceTraders.Simulator.Faults;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 with a JSON error envelope (code 500); the request is not processed.</summary>
    InternalServerError,

    /// <summary>HTTP 502 with an HTML page, as the DDoS layer sends it; the request is not processed.</summary>
    BadGateway,

    /// <summary>HTTP 503 with an HTML page (the proxy's); the request is not processed.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 503 with a JSON error envelope whose code is 503 (the game under maintenance); the request is not processed.</summary>
    Maintenance,

    /// <summary>HTTP 429 from the cloud layer: an HTML body and none of the rate-limit headers; the request is not processed.</summary>
    HtmlTooManyRequests,

    /// <summary>The request is processed, then the response waits <see cref="FaultRule.Delay"/> on the simulation clock (holding the ship lock).</summary>
    SlowResponse,

    /// <summary>
    /// No answer: the request waits <see cref="FaultRule.Delay"/> on the simulation clock (or until cancelled), then the
    /// connection drops as with <see cref="DropConnection"/>; it is not processed.
    /// </summary>
    Timeout,

    /// <summary>
    /// The connection drops before the request is processed. The in-process transport throws
    /// <see cref="HttpRequestException"/> with <see cref="HttpRequestError.ConnectionError"/> (the request did not reach
    /// the game: safe to send again); the HTTP host aborts the connection without handling the request.
    /// </summary>
    DropConnection,

    /// <summary>
    /// The request is processed, then the connection drops before the answer is sent: the action happened, the client
    /// cannot know. The in-process transport throws <see cref="HttpRequestException"/> with
    /// <see cref="HttpRequestError.ResponseEnded"/> (what <c>SocketsHttpHandler</c> reports when the peer closes
    /// mid-response); the HTTP host aborts the connection without writing the response.
    /// </summary>
    DropAfterProcessing,

    /// <summary>The request is processed and answered with a success status whose JSON body is cut in half.</summary>
    MalformedJson,

    /// <summary>The server resets (new world, new reset date, every earlier token rejected with 4113), then the request is processed.</summary>
    ServerReset,

    /// <summary>
    /// The request is processed and a success answer lists the things whose order means nothing in the game (cargo
    /// inventory, a market's goods, waypoint traits, mounts...) in another order, shuffled with the simulation's seeded
    /// random; the content is the same. Paged <c>data</c> arrays and chronological lists keep their order; the lists are
    /// named in <c>Hosting/README.md</c>. Unlike the other kinds it does not end the rule search: a later rule's fault
    /// (a slow or cut answer...) may hit the same request.
    /// </summary>
    Reorder,
}
