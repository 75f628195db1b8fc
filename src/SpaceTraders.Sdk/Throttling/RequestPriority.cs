namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// Who gets the next request slot when the rate limit is the bottleneck. Lower values go first.
/// </summary>
/// <remarks>
/// Every endpoint has a default (see <see cref="Http.EndpointCatalog"/>); any call can override it.
/// </remarks>
public enum RequestPriority
{
    /// <summary>
    /// Actions that start a cooldown or a flight: extract, extract with survey, siphon, survey, refine, jump,
    /// the three scans, navigate and warp. Every second they wait is a second the ship idles.
    /// </summary>
    Critical = 0,

    /// <summary>Trading, docking and orbiting, refuelling, contracts, and reads of the agent's own ships.</summary>
    Normal = 1,

    /// <summary>Listing systems and waypoints, bulk refreshes, paging through catalogues.</summary>
    Background = 2,
}
