using System.Net;
using SpaceTraders.Sdk.Resilience;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// Tells the faults a call can still end with after the client's retries (the network or the server failed, not the
/// game's rules) from the game's own answers, so that a bot can carry on after one instead of giving up.
/// </summary>
/// <remarks>
/// The client retries idempotent requests and reconciles actions whose outcome is unknown (see
/// <see cref="RetryOptions"/>); what still fails after that is rare on the live server but not impossible (five faults
/// in a row). The tracked state then holds what the client last read (an action's read-back included), so reading the
/// ship again and deciding anew is safe: nothing is sent twice by doing so.
/// </remarks>
public static class CallFaults
{
    /// <summary>
    /// Tells whether a call failed through a fault of the network or the server the client's retries did not outlast:
    /// a connection lost or refused (<see cref="HttpRequestException"/>), a timeout, a 5xx without a game error
    /// code (or with the 500 the server gives for an internal error), a 429 the rate limiter's requeues did not outlast
    /// (<see cref="SpaceTradersApiException"/>), a body that cannot be read (<see cref="MalformedResponseException"/>, except a missing field
    /// the client cannot act without), or an action whose outcome the client could not settle
    /// (<see cref="RequestOutcomeUnknownException"/>). Game errors (4xxx codes) and cancellations are not faults.
    /// </summary>
    /// <param name="exception">What the call threw.</param>
    /// <returns><see langword="true"/> for a fault the caller may carry on after, once it has read the state again.</returns>
    public static bool IsFault(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RequiredFieldMissingException => false,
            HttpRequestException or TimeoutException or MalformedResponseException or RequestOutcomeUnknownException => true,
            SpaceTradersApiException api => (int)api.StatusCode >= 500 && api.ErrorCode is null or < 4000
                || api.StatusCode == HttpStatusCode.TooManyRequests,
            _ => false,
        };
    }
}
