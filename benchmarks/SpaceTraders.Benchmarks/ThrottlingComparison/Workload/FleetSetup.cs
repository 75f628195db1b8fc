using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What the setup phase leaves behind for the measured part of the run.</summary>
/// <param name="Client">The setup's own client (the SDK's pipeline).</param>
/// <param name="Token">The agent's token.</param>
/// <param name="World">The system as the API described it.</param>
/// <param name="Miners">The bought mining drones, as the purchases returned them.</param>
/// <param name="Siphoners">The bought siphon drones.</param>
/// <param name="Haulers">The bought light haulers.</param>
public sealed record FleetSetupResult(SpaceTradersClient Client, string Token, FleetWorld World, IReadOnlyList<Ship> Miners, IReadOnlyList<Ship> Siphoners, IReadOnlyList<Ship> Haulers);

/// <summary>
/// The setup phase, excluded from the measurement and the same for every strategy: it always runs through the
/// SDK's own pipeline, so the world, the fleet and the credits are identical when the strategy takes over.
/// Register an agent, read the starting system (waypoints, markets, shipyards), then fly the command frigate to
/// the three shipyards and buy the fleet there: light haulers at the headquarters, mining drones at the drone
/// shipyard, siphon drones at the gas giant's station.
/// </summary>
public static class FleetSetup
{
    private const string AgentSymbol = "THROTTLE";

    /// <summary>Runs the setup phase. Call from inside an actor.</summary>
    /// <param name="clock">The run's clock.</param>
    /// <param name="transport">A transport to the simulation.</param>
    /// <param name="options">The workload.</param>
    /// <param name="cancellationToken">Cancels the setup.</param>
    /// <returns>The fleet and what was learned.</returns>
    public static async Task<FleetSetupResult> RunAsync(TimeProvider clock, HttpMessageHandler transport, WorkloadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (client, registration, world) = await DiscoverAsync(clock, transport, cancellationToken).ConfigureAwait(false);
        var frigate = registration.Ships.First(s => s.Frame.Symbol == ShipFrameSymbol.FrameFrigate);
        var at = frigate.Nav.WaypointSymbol;
        var docked = frigate.Nav.Status == ShipNavStatus.Docked;

        async Task<IReadOnlyList<Ship>> BuyAsync(string yard, ShipType type, int count)
        {
            // A ship must be at a shipyard to buy there: fly the command frigate over (its tank reaches every yard).
            if (at != yard)
            {
                if (docked)
                {
                    await client.Fleet.OrbitShipAsync(frigate.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                var flight = await client.Fleet.NavigateShipAsync(frigate.Symbol, yard, cancellationToken: cancellationToken).ConfigureAwait(false);
                await clock.DelayUntilAsync(flight.Nav.Route.Arrival.AddMilliseconds(1), cancellationToken).ConfigureAwait(false);
                await client.Fleet.DockShipAsync(frigate.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                await client.Fleet.RefuelShipAsync(frigate.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                at = yard;
                docked = true;
            }

            var ships = new List<Ship>(count);
            for (var i = 0; i < count; i++)
            {
                ships.Add((await client.Fleet.PurchaseShipAsync(type, yard, cancellationToken: cancellationToken).ConfigureAwait(false)).Ship);
            }

            return ships;
        }

        var plan = FleetPlan.For(options, world);
        var haulers = await BuyAsync(world.HaulerYard, ShipType.ShipLightHauler, plan.Haulers).ConfigureAwait(false);
        var miners = await StageAsync(clock, client, world, await BuyAsync(world.MinerYard, ShipType.ShipMiningDrone, plan.Miners).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var siphoners = await BuyAsync(world.SiphonYard, ShipType.ShipSiphonDrone, plan.Siphoners).ConfigureAwait(false);
        return new FleetSetupResult(client, client.Options.Token!, world, miners, siphoners, haulers);
    }

    /// <summary>
    /// Brings the mining drones within cruising reach of the engineered asteroid when their shipyard is not: on some seeds
    /// (44) the drone shipyard lies more than a tank (80) from every other fuel stop, so no cruise plan leaves it. Then
    /// every drone drifts (1 fuel, hours of virtual time, part of the unmeasured setup) to the fuel stop nearest the
    /// asteroid, docks, fills up and is set back to CRUISE there; elsewhere the drones stay where they were bought.
    /// </summary>
    private static async Task<IReadOnlyList<Ship>> StageAsync(TimeProvider clock, SpaceTradersClient client, FleetWorld world, IReadOnlyList<Ship> miners, CancellationToken cancellationToken)
    {
        if (miners.Count == 0)
        {
            return miners;
        }

        var stop = world.Marketplaces.Where(m => world.Traded.TryGetValue(m, out var traded) && traded.Contains(TradeSymbol.Fuel))
            .OrderBy(m => world.Distance(world.Mine, m)).ThenBy(m => m, StringComparer.Ordinal)
            .First();
        var drone = miners[0];
        var cruise = new RoutePlannerOptions { Drift = DriftPolicy.Never };
        if (drone.Nav.WaypointSymbol == stop
            || world.Planner.Plan(drone.Nav.WaypointSymbol, stop, new RouteShip(drone.Engine.Speed, drone.Fuel.Capacity, drone.Fuel.Current), cruise) is not null)
        {
            return miners;
        }

        var arrival = clock.GetUtcNow();
        foreach (var ship in miners)
        {
            await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.Fleet.PatchShipNavAsync(ship.Symbol, ShipNavFlightMode.Drift, cancellationToken: cancellationToken).ConfigureAwait(false);
            var flight = await client.Fleet.NavigateShipAsync(ship.Symbol, stop, cancellationToken: cancellationToken).ConfigureAwait(false);
            arrival = flight.Nav.Route.Arrival > arrival ? flight.Nav.Route.Arrival : arrival;
        }

        await clock.DelayUntilAsync(arrival.AddMilliseconds(1), cancellationToken).ConfigureAwait(false);
        var staged = new List<Ship>(miners.Count);
        foreach (var ship in miners)
        {
            await client.Fleet.DockShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.Fleet.RefuelShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.Fleet.PatchShipNavAsync(ship.Symbol, ShipNavFlightMode.Cruise, cancellationToken: cancellationToken).ConfigureAwait(false);
            staged.Add(await client.Fleet.GetMyShipAsync(ship.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return staged;
    }

    /// <summary>Registers the agent and reads the starting system: waypoints, markets and shipyards. Call from inside an actor.</summary>
    /// <param name="clock">The run's clock.</param>
    /// <param name="transport">A transport to the simulation.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The setup's client, the registration and the world.</returns>
    public static async Task<(SpaceTradersClient Client, RegisterResult Registration, FleetWorld World)> DiscoverAsync(TimeProvider clock, HttpMessageHandler transport, CancellationToken cancellationToken)
    {
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

        var yards = new Dictionary<string, HashSet<ShipType>>(StringComparer.Ordinal);
        foreach (var waypoint in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)))
        {
            var shipyard = await client.Systems.GetShipyardAsync(system, waypoint.Symbol, RequestPriority.Background, cancellationToken).ConfigureAwait(false);
            yards[waypoint.Symbol] = [.. shipyard.ShipTypes.Select(t => t.Type)];
        }

        string YardSelling(ShipType type) => yards.Where(y => y.Value.Contains(type)).Select(y => y.Key).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException($"No shipyard in {system} sells {type}; the workload's world has changed shape.");

        var positions = waypoints.ToDictionary(w => w.Symbol, WaypointPosition.From, StringComparer.Ordinal);
        var traded = markets.ToDictionary(
            m => m.Key,
            m => (IReadOnlySet<TradeSymbol>)m.Value.Imports.Concat(m.Value.Exports).Concat(m.Value.Exchange).Select(g => g.Symbol).ToHashSet(),
            StringComparer.Ordinal);
        var buys = markets.ToDictionary(
            m => m.Key,
            m => (IReadOnlySet<TradeSymbol>)m.Value.Imports.Concat(m.Value.Exchange).Select(g => g.Symbol).ToHashSet(),
            StringComparer.Ordinal);
        var world = new FleetWorld
        {
            System = system,
            Positions = positions,
            HaulerYard = YardSelling(ShipType.ShipLightHauler),
            MinerYard = YardSelling(ShipType.ShipMiningDrone),
            SiphonYard = YardSelling(ShipType.ShipSiphonDrone),
            Mine = waypoints.Where(w => w.Type == WaypointType.EngineeredAsteroid).Select(w => w.Symbol).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException($"{system} has no engineered asteroid; the workload's world has changed shape."),
            GasGiant = waypoints.Where(w => w.Type == WaypointType.GasGiant).OrderBy(w => positions[w.Symbol].DistanceTo(positions[YardSelling(ShipType.ShipSiphonDrone)])).Select(w => w.Symbol).FirstOrDefault()
                ?? throw new InvalidOperationException($"{system} has no gas giant; the workload's world has changed shape."),
            Routes = Routes(positions, markets),
            Marketplaces = [.. markets.Keys.Order(StringComparer.Ordinal)],
            Waypoints = [.. waypoints.Select(w => w.Symbol).Order(StringComparer.Ordinal)],
            Traded = traded,
            Buys = buys,
            Planner = new SystemRoutePlanner(positions.Values, traded.Where(m => m.Value.Contains(TradeSymbol.Fuel)).Select(m => m.Key)),
        };

        return (client, registration, world);
    }

    /// <summary>Every (exporter, importer, good) pair of the system within a hauler's short flight, nearest first.</summary>
    private static List<TradeRoute> Routes(Dictionary<string, WaypointPosition> positions, Dictionary<string, Market> markets)
    {
        var routes = new List<TradeRoute>();
        foreach (var (from, exporter) in markets)
        {
            foreach (var good in exporter.Exports.Select(g => g.Symbol))
            {
                foreach (var (to, importer) in markets)
                {
                    if (from != to && importer.Imports.Any(g => g.Symbol == good))
                    {
                        var distance = positions[from].DistanceTo(positions[to]);
                        if (distance <= FleetWorld.MaxRouteDistance)
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

/// <summary>How many ships of each kind a fleet of <see cref="WorkloadOptions.Ships"/> has in a given world.</summary>
/// <param name="Haulers">Light haulers: the share asked for, at most one per trade route.</param>
/// <param name="Miners">Mining drones on the engineered asteroid.</param>
/// <param name="Siphoners">Siphon drones on the gas giant: the rest.</param>
public readonly record struct FleetPlan(int Haulers, int Miners, int Siphoners)
{
    /// <summary>Splits a fleet.</summary>
    /// <param name="options">The workload.</param>
    /// <param name="world">The world.</param>
    /// <returns>The split.</returns>
    public static FleetPlan For(WorkloadOptions options, FleetWorld world)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(world);
        var haulers = Math.Min(options.Haulers, world.Routes.Count);
        var miners = Math.Min(options.Miners, options.Ships - haulers);
        return new FleetPlan(haulers, miners, options.Ships - haulers - miners);
    }
}
