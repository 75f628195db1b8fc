namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// Who gets the next request slot when the rate limit is the bottleneck. Lower values go first.
/// </summary>
/// <remarks>
/// Every endpoint has a default (see <see cref="Http.EndpointCatalog"/>, which explains the scheme); any call can
/// override it.
/// </remarks>
public enum RequestPriority
{
    /// <summary>
    /// Requests that turn value already in hand into credits: sell, deliver and fulfil a contract, supply a
    /// construction, refuel. A ship makes a few per trip, so this class stays far under the rate limit and its
    /// requests go at once.
    /// </summary>
    Critical = 0,

    /// <summary>
    /// Requests that start new work or move a ship: extract, siphon, survey, refine, scans, navigate, warp, jump,
    /// dock, orbit and flight mode, purchases, jettison, transfers, contracts, and reads of the agent's own ships.
    /// </summary>
    Normal = 1,

    /// <summary>Market reads, listing systems and waypoints, bulk refreshes, paging through catalogues.</summary>
    Background = 2,
}
