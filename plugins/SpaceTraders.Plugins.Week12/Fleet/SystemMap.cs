using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.Week12.Fleet;

/// <summary>
/// What the conductor knows of its home system: the shipyards (the headquarters' first) and the ship types each sells,
/// the gas giant, the asteroids worth mining (next to a market that sells fuel, the engineered asteroid first) and the
/// markets, for sharing among scouts.
/// </summary>
internal sealed class SystemMap
{
    private const double FuelNearby = 30;
    private readonly List<Waypoint> _markets;
    private readonly WaypointPosition _center;

    private SystemMap(string system, List<(string Symbol, IReadOnlyList<ShipType> Types)> yards, string? gasGiant, List<string> miningSites, List<Waypoint> markets, WaypointPosition center)
    {
        System = system;
        ShipyardTypes = yards;
        GasGiant = gasGiant;
        MiningSites = miningSites;
        _markets = markets;
        _center = center;
    }

    /// <summary>Gets the system.</summary>
    public string System { get; }

    /// <summary>Gets the shipyards and what each sells, the headquarters' nearest first.</summary>
    public IReadOnlyList<(string Symbol, IReadOnlyList<ShipType> Types)> ShipyardTypes { get; }

    /// <summary>Gets the shipyards' waypoints, the headquarters' nearest first.</summary>
    public IReadOnlyList<string> Shipyards => [.. ShipyardTypes.Select(y => y.Symbol)];

    /// <summary>Gets the gas giant nearest the headquarters, if any.</summary>
    public string? GasGiant { get; }

    /// <summary>Gets the asteroids to mine, best first.</summary>
    public IReadOnlyList<string> MiningSites { get; }

    /// <summary>Gets the system's markets.</summary>
    public IReadOnlyList<string> Markets => [.. _markets.Select(m => m.Symbol)];

    /// <summary>Reads the system (waypoints, market listings, shipyard listings).</summary>
    /// <param name="context">The conductor's context.</param>
    /// <param name="system">The system.</param>
    /// <param name="headquarters">The headquarters waypoint.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The map.</returns>
    public static async Task<SystemMap> LoadAsync(IConductorContext context, string system, string headquarters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, system, cancellationToken).ConfigureAwait(false);
        var hq = waypoints.FirstOrDefault(w => w.Symbol == headquarters) is { } found ? WaypointPosition.From(found) : new WaypointPosition(headquarters, system, 0, 0);
        var yards = new List<(string, IReadOnlyList<ShipType>)>();
        foreach (var yard in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard))
            .OrderBy(w => hq.DistanceTo(WaypointPosition.From(w))).ThenBy(w => w.Symbol, StringComparer.Ordinal))
        {
            var listing = await context.World.GetShipyardAsync(yard.Symbol, cancellationToken).ConfigureAwait(false);
            yards.Add((yard.Symbol, [.. listing.ShipTypes.Select(t => t.Type)]));
        }

        var gasGiant = waypoints.Where(w => w.Type == WaypointType.GasGiant)
            .OrderBy(w => hq.DistanceTo(WaypointPosition.From(w))).ThenBy(w => w.Symbol, StringComparer.Ordinal).FirstOrDefault()?.Symbol;
        var fuelSellers = waypoints.Where(w => context.Markets.TryGet(w.Symbol, out var market) && market.GetListing(TradeSymbol.Fuel) is not null)
            .Select(WaypointPosition.From)
            .ToList();
        var sites = waypoints
            .Where(w => Sdk.Piloting.MiningSites.IsMinable(w) && fuelSellers.Any(f => f.DistanceTo(WaypointPosition.From(w)) <= FuelNearby))
            .OrderBy(w => w.Type == WaypointType.EngineeredAsteroid ? 0 : 1)
            .ThenBy(w => hq.DistanceTo(WaypointPosition.From(w)))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal)
            .Select(w => w.Symbol)
            .ToList();
        var markets = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).ToList();
        return new SystemMap(system, yards, gasGiant, sites, markets, new WaypointPosition(system, system, 0, 0));
    }

    /// <summary>Gets one of <paramref name="count"/> sectors of the markets, split by their angle around the star.</summary>
    /// <param name="index">The sector, from 0.</param>
    /// <param name="count">How many sectors.</param>
    /// <returns>The sector's markets.</returns>
    public IReadOnlyList<string> MarketSector(int index, int count)
    {
        var ordered = _markets
            .OrderBy(m => Math.Atan2(m.Y - _center.Y, m.X - _center.X))
            .ThenBy(m => m.Symbol, StringComparer.Ordinal)
            .ToList();
        var size = (int)Math.Ceiling(ordered.Count / (double)Math.Max(1, count));
        return [.. ordered.Skip(index * size).Take(size).Select(m => m.Symbol)];
    }
}
