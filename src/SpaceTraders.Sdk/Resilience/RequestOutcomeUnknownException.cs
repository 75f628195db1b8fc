namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// Thrown when an action that changes game state may or may not have run and the SDK could not rebuild its result.
/// </summary>
/// <remarks>
/// <para>
/// An action whose outcome is unknown (a timeout, a connection lost after sending, a 502/503/504 without a game
/// error body, an HTML 429, a success whose body is unreadable: see <see cref="Cause"/>) is never resent blindly. The
/// client reads back what the action would have changed (the ship's cargo, fuel, nav or cooldown, the agent's
/// credits, the contract, the construction site, the market's recent transactions) and returns the result rebuilt
/// from it, or sends the action again when the reading proves it did not run. This exception is what is left: the
/// reading could not tell (<see cref="ActionOutcome.Unknown"/>), or the action ran but its result cannot be rebuilt
/// (<see cref="ActionOutcome.Applied"/>: the surveys of a lost survey response, say), or it did not run and may not
/// be sent again (<see cref="ActionOutcome.NotApplied"/>).
/// </para>
/// <para>
/// Either way the client's tracked state already holds what was read (<see cref="ReadBack"/>), so the agent's
/// credits and the ship are current: decide from them before acting again.
/// </para>
/// </remarks>
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

    /// <summary>Gets the request's <c>X-Request-Id</c>, the same on every attempt of it.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets why the outcome was unknown.</summary>
    public OutcomeUnknownCause Cause { get; init; }

    /// <summary>Gets the HTTP status of the last answer, or <see langword="null"/> when none arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// Gets what reading back the state concluded. <see cref="ActionOutcome.Unknown"/> also when nothing was read
    /// (the action has no sound read-back, for example <c>register</c>, whose lost answer held the only copy of the
    /// new token, or <c>repair</c>).
    /// </summary>
    public ActionOutcome Outcome { get; init; }

    /// <summary>Gets what was read back, or <see langword="null"/> when nothing was.</summary>
    public ActionReadBack? ReadBack { get; init; }
}
