using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// Makes sure the client's <see cref="MarketCache"/> knows what every market of a system trades: one
/// <c>GET .../market</c> per marketplace it has never recorded, at <see cref="RequestPriority.Background"/>. Without a
/// ship present the answer lists imports, exports and exchange goods but no prices; that is enough to know where a good
/// can be sold or bought.
/// </summary>
public static class MarketListings
{
    /// <summary>Loads the listings of the system's markets the cache does not know yet.</summary>
    /// <param name="client">The agent's client.</param>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="cancellationToken">Cancels the fetches.</param>
    /// <returns>How many markets were fetched (0 when all were known).</returns>
    public static async Task<int> EnsureLoadedAsync(SpaceTradersClient client, string systemSymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        var waypoints = await client.World.GetWaypointsAsync(systemSymbol, cancellationToken).ConfigureAwait(false);
        var fetched = 0;
        foreach (var waypoint in waypoints)
        {
            if (waypoint.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace) && !client.Markets.TryGet(waypoint.Symbol, out _))
            {
                await client.Systems.GetMarketAsync(waypoint.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
                fetched++;
            }
        }

        return fetched;
    }
}
