using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What the setup phase leaves behind for the measured hour.</summary>
/// <param name="Client">The setup's own client (the SDK's pipeline); used again only after the hour, to read the credits.</param>
/// <param name="Token">The agent's token.</param>
/// <param name="World">The system as the API described it.</param>
/// <param name="Miners">The bought mining drones, as the purchases returned them.</param>
/// <param name="Haulers">The bought light haulers.</param>
/// <param name="Credits">The agent's credits once the fleet is bought.</param>
public sealed record FleetSetupResult(SpaceTradersClient Client, string Token, FleetWorld World, IReadOnlyList<Ship> Miners, IReadOnlyList<Ship> Haulers, long Credits);

/// <summary>
/// The setup phase, excluded from the measurement and the same for every strategy: it always runs through the
/// SDK's own pipeline, so the world, the fleet and the credits are identical when the measured hour starts.
/// Register an agent, read the starting system (waypoints, markets), fly the command frigate to the shipyard and
/// buy the fleet there.
/// </summary>
public static class FleetSetup
{
    private const string AgentSymbol = "THROTTLE";
    private const double MaxRouteDistance = 40;

    /// <summary>Runs the setup phase. Call from inside an actor.</summary>
    /// <param name="clock">The run's clock.</param>
    /// <param name="transport">A transport to the simulation.</param>
    /// <param name="options">The workload.</param>
    /// <param name="cancellationToken">Cancels the setup.</param>
    /// <returns>The fleet and what was learned.</returns>
    public static async Task<FleetSetupResult> RunAsync(TimeProvider clock, HttpMessageHandler transport, WorkloadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(
            new SpaceTradersClientOptions
            {
                BaseAddress = Simulation.DefaultBaseAddress,
                TimeProvider = clock,
                Transport = transport,
                Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero },
            },
            AgentSymbol,
            FactionSymbol.Cosmic,
            cancellationToken).ConfigureAwait(false);

        var system = registration.Ships[0].Nav.SystemSymbol;
        var waypoints = new List<Waypoint>();
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            waypoints.Add(waypoint);
        }

        var markets = new Dictionary<string, Market>(StringComparer.Ordinal);
        foreach (var waypoint in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
        {
            markets[waypoint.Symbol] = await client.Systems.GetMarketAsync(system, waypoint.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
        }

        var shipyard = await FindShipyardAsync(client, system, waypoints, cancellationToken).ConfigureAwait(false);
        var mine = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid);
        var oreMarket = waypoints.Where(w => markets.ContainsKey(w.Symbol))
            .OrderByDescending(w => markets[w.Symbol].Imports.Count(g => g.Symbol.ToString().EndsWith("_ORE", StringComparison.Ordinal)))
            .ThenBy(w => Distance(w, mine))
            .First();
        var world = new FleetWorld
        {
            System = system,
            Shipyard = shipyard.Symbol,
            Mine = mine.Symbol,
            OreMarket = oreMarket.Symbol,
            Routes = Routes(waypoints, markets),
            Marketplaces = [.. markets.Keys.Order(StringComparer.Ordinal)],
            Waypoints = [.. waypoints.Select(w => w.Symbol).Order(StringComparer.Ordinal)],
            Traded = markets.ToDictionary(
                m => m.Key,
                m => (IReadOnlySet<TradeSymbol>)m.Value.Imports.Concat(m.Value.Exports).Concat(m.Value.Exchange).Select(g => g.Symbol).ToHashSet(),
                StringComparer.Ordinal),
        };

        // A ship must be at the shipyard to buy there: fly the command frigate over.
        var frigate = registration.Ships.First(s => s.Frame.Symbol == ShipFrameSymbol.FrameFrigate).Symbol;
        if (registration.Ships.First(s => s.Symbol == frigate).Nav.WaypointSymbol != world.Shipyard)
        {
            await client.Fleet.OrbitShipAsync(frigate, cancellationToken: cancellationToken).ConfigureAwait(false);
            var flight = await client.Fleet.NavigateShipAsync(frigate, world.Shipyard, cancellationToken: cancellationToken).ConfigureAwait(false);
            await clock.DelayUntilAsync(flight.Nav.Route.Arrival.AddMilliseconds(1), cancellationToken).ConfigureAwait(false);
            await client.Fleet.DockShipAsync(frigate, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var miners = new List<Ship>();
        var haulers = new List<Ship>();
        long credits = registration.Agent.Credits;
        for (var i = 0; i < options.Miners; i++)
        {
            var bought = await client.Fleet.PurchaseShipAsync(ShipType.ShipMiningDrone, world.Shipyard, cancellationToken: cancellationToken).ConfigureAwait(false);
            miners.Add(bought.Ship);
            credits = bought.Agent.Credits;
        }

        for (var i = 0; i < options.Haulers; i++)
        {
            var bought = await client.Fleet.PurchaseShipAsync(ShipType.ShipLightHauler, world.Shipyard, cancellationToken: cancellationToken).ConfigureAwait(false);
            haulers.Add(bought.Ship);
            credits = bought.Agent.Credits;
        }

        return new FleetSetupResult(client, client.Options.Token!, world, miners, haulers, credits);
    }

    /// <summary>The distance between two waypoints.</summary>
    /// <param name="a">One waypoint.</param>
    /// <param name="b">The other.</param>
    /// <returns>The Euclidean distance.</returns>
    public static double Distance(Waypoint a, Waypoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
    }

    private static async Task<Waypoint> FindShipyardAsync(SpaceTradersClient client, string system, List<Waypoint> waypoints, CancellationToken cancellationToken)
    {
        foreach (var waypoint in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)))
        {
            var shipyard = await client.Systems.GetShipyardAsync(system, waypoint.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
            var types = shipyard.ShipTypes.Select(t => t.Type).ToHashSet();
            if (types.Contains(ShipType.ShipMiningDrone) && types.Contains(ShipType.ShipLightHauler))
            {
                return waypoint;
            }
        }

        throw new InvalidOperationException($"No shipyard in {system} sells both mining drones and light haulers.");
    }

    /// <summary>Every (exporter, importer, good) pair of the system within a short flight, nearest first.</summary>
    private static List<TradeRoute> Routes(List<Waypoint> waypoints, Dictionary<string, Market> markets)
    {
        var bySymbol = waypoints.ToDictionary(w => w.Symbol, StringComparer.Ordinal);
        var routes = new List<TradeRoute>();
        foreach (var (from, exporter) in markets)
        {
            foreach (var good in exporter.Exports.Select(g => g.Symbol))
            {
                foreach (var (to, importer) in markets)
                {
                    if (from != to && importer.Imports.Any(g => g.Symbol == good))
                    {
                        var distance = Distance(bySymbol[from], bySymbol[to]);
                        if (distance <= MaxRouteDistance)
                        {
                            routes.Add(new TradeRoute(from, to, good, distance));
                        }
                    }
                }
            }
        }

        return [.. routes.OrderBy(r => r.Distance).ThenBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).ThenBy(r => r.Good.ToString(), StringComparer.Ordinal)];
    }
}
