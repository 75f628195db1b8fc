using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The API's global endpoints: the server's status and its error codes.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IGlobalClient
{
    /// <summary>Gets the server's status: version, last and next reset, statistics, leaderboards and announcements (<c>GET /</c>).</summary>
    /// <remarks>Return the status of the game server. This also includes a few global elements, such as announcements, server reset dates and leaderboards.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetStatusResult"/> the server returned.</returns>
    Task<GetStatusResult> GetStatusAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists every error code the game server can return, with its name (<c>GET /error-codes</c>).</summary>
    /// <remarks>Return a list of all possible error codes thrown by the game server.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetErrorCodesResult"/> the server returned.</returns>
    Task<GetErrorCodesResult> GetErrorCodesAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
