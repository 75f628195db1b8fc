using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Global area (the spec's <c>Global</c> tag), unwrapped by <see cref="Clients.GlobalClient"/>.</summary>
internal interface IGlobalApi
{
    /// <summary>Gets the server's status: version, last and next reset, statistics, leaderboards and announcements (<c>get-status</c>).</summary>
    [Get("/")]
    Task<GetStatusResult> GetStatusAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Lists every error code the game server can return, with its name (<c>get-error-codes</c>).</summary>
    [Get("/error-codes")]
    Task<GetErrorCodesResult> GetErrorCodesAsync(
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
