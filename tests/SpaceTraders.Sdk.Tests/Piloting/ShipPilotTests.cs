using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>The pilot against the simulator in virtual time: it does the job with no request the tracked state makes unnecessary.</summary>
[TestFixture]
public sealed class ShipPilotTests
{
    [Test]
    public async Task A_mining_trip_extracts_until_full_and_sells_without_asking_what_the_state_knows()
    {
        await PlayAsync(seed: 11, async (client, log, clock, ct) =>
        {
            var miner = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
            var pilot = new ShipPilot(client, miner.Symbol);
            var waypoints = await client.World.GetWaypointsAsync(miner.Current.Nav!.SystemSymbol, ct);
            var asteroid = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid).Symbol;
            var movements = new List<SpaceTraders.Sdk.State.CreditsChangedEventArgs>();
            client.State.CreditsChanged += (_, e) => movements.Add(e);
            log.Clear();

            await pilot.NavigateAsync(asteroid, ct);
            Assert.That(pilot.Ship.WaypointSymbol, Is.EqualTo(asteroid));
            var extractions = 0;
            while (await pilot.ExtractAsync(survey: null, ct) is not null)
            {
                extractions++;
            }

            Assert.That(pilot.Ship.CargoFree, Is.Zero);
            var ore = pilot.Ship.Current.Cargo!.Inventory.OrderByDescending(i => i.Units).First().Symbol;
            foreach (var marketplace in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
            {
                await client.Systems.GetMarketAsync(marketplace.Symbol, cancellationToken: ct);   // listings, no prices yet
            }

            var buyer = client.Markets.FindMarkets(pilot.Ship.Current.Nav!.SystemSymbol, ore, MarketTradeGoodType.Import)
                .Select(m => m.WaypointSymbol)
                .OrderBy(w => Distance(waypoints, asteroid, w))
                .First();
            await pilot.NavigateAsync(buyer, ct);
            var sales = await pilot.SellCargoAsync(ct);

            Assert.That(extractions, Is.GreaterThan(1));
            Assert.That(sales, Is.Not.Empty);
            Assert.That(movements.Where(m => m.Cause == "sell").Sum(m => m.Delta), Is.EqualTo(sales.Sum(s => (long)s.TotalPrice)));
            Assert.That(log.Count("GET", "/my/ships/{shipSymbol}"), Is.Zero, "the tracked ship answers every question");
            Assert.That(log.Count("GET", "/my/ships/{shipSymbol}/cooldown"), Is.Zero, "cooldowns are waited out from the extract responses");
            Assert.That(log.Count("POST", "/my/ships/{shipSymbol}/extract"), Is.EqualTo(extractions), "no extract is refused for a cooldown");
        });
    }

    [Test]
    public async Task Pilots_of_one_client_share_a_route_planner_until_a_fuel_seller_is_learned()
    {
        await PlayAsync(seed: 15, async (client, _, _, ct) =>
        {
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
            var system = ship.Current.Nav!.SystemSymbol;
            var waypoints = await client.World.GetWaypointsAsync(system, ct);
            var here = ship.Current.Nav.WaypointSymbol;
            var far = waypoints.Where(w => w.Symbol != here).OrderByDescending(w => Distance(waypoints, here, w.Symbol)).First().Symbol;

            // A pilot per session, as behaviours make them: the second and third plan with the first one's planner.
            var first = await new ShipPilot(client, ship.Symbol).PlanRouteAsync(far, ct);
            var second = await new ShipPilot(client, ship.Symbol).PlanRouteAsync(far, ct);
            var third = await new ShipPilot(client, ship.Symbol).PlanRouteAsync(far, ct);
            Assert.That(client.RoutePlanners.Builds, Is.EqualTo(1));
            Assert.That(second!.Legs, Is.EqualTo(first!.Legs));
            Assert.That(third!.Legs, Is.EqualTo(first.Legs));

            // A market selling FUEL that the client had not seen: the next plan uses a planner that knows it.
            var fuelBefore = client.Markets.GetFuelStations(system).Count;
            foreach (var marketplace in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
            {
                await client.Systems.GetMarketAsync(marketplace.Symbol, cancellationToken: ct);
            }

            Assert.That(client.Markets.GetFuelStations(system), Has.Count.GreaterThan(fuelBefore), "the markets read show FUEL sellers the client had not seen");
            await new ShipPilot(client, ship.Symbol).PlanRouteAsync(far, ct);
            await new ShipPilot(client, ship.Symbol).PlanRouteAsync(far, ct);
            Assert.That(client.RoutePlanners.Builds, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Orbit_and_dock_are_sent_only_when_the_ship_is_not_already_so()
    {
        await PlayAsync(seed: 12, async (client, log, _, ct) =>
        {
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
            var pilot = new ShipPilot(client, ship.Symbol);
            log.Clear();

            await pilot.DockAsync(ct);     // registered ships start docked
            await pilot.OrbitAsync(ct);
            await pilot.OrbitAsync(ct);
            await pilot.DockAsync(ct);

            Assert.That(log.Endpoints, Is.EqualTo(new[] { "POST /my/ships/{shipSymbol}/orbit", "POST /my/ships/{shipSymbol}/dock" }));
        });
    }

    [Test]
    public async Task Travelling_to_another_system_jumps_through_the_known_gate()
    {
        await PlayAsync(seed: 13, startingGatesWork: true, async (client, log, _, ct) =>
        {
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
            var pilot = new ShipPilot(client, ship.Symbol);
            var home = ship.Current.Nav!.SystemSymbol;
            var gate = (await client.World.GetWaypointsAsync(home, ct)).Single(w => w.Type == WaypointType.JumpGate);
            var jumpGate = await client.World.GetJumpGateAsync(gate.Symbol, ct);
            var neighbourGate = jumpGate.Connections[0];
            var neighbour = ShipPilot.SystemOf(neighbourGate);
            await client.World.GetWaypointsAsync(neighbour, ct);

            var jumps = await pilot.TravelToAsync(neighbourGate, ct);

            Assert.That(jumps, Is.EqualTo(1));
            Assert.That(pilot.Ship.Current.Nav!.SystemSymbol, Is.EqualTo(neighbour));
            Assert.That(pilot.Ship.WaypointSymbol, Is.EqualTo(neighbourGate));
            Assert.That(log.Count("POST", "/my/ships/{shipSymbol}/jump"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Refuelling_fills_the_tank_once_and_a_full_tank_sends_nothing()
    {
        await PlayAsync(seed: 14, async (client, log, _, ct) =>
        {
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
            var pilot = new ShipPilot(client, ship.Symbol);
            var here = ship.Current.Nav!;
            var waypoints = await client.World.GetWaypointsAsync(here.SystemSymbol, ct);
            var station = waypoints
                .Where(w => w.Type == WaypointType.FuelStation)
                .OrderBy(w => Distance(waypoints, here.WaypointSymbol, w.Symbol))
                .First().Symbol;

            await pilot.NavigateAsync(station, ct);
            Assert.That(pilot.Ship.Current.Fuel!.Current, Is.LessThan(pilot.Ship.Current.Fuel.Capacity), "the flight used fuel");
            log.Clear();

            var added = await pilot.RefuelAsync(ct);
            var again = await pilot.RefuelAsync(ct);

            Assert.That(added, Is.Positive);
            Assert.That(pilot.Ship.Current.Fuel!.Current, Is.EqualTo(pilot.Ship.Current.Fuel.Capacity));
            Assert.That(again, Is.Zero);
            Assert.That(log.Endpoints, Is.EqualTo(new[] { "POST /my/ships/{shipSymbol}/dock", "POST /my/ships/{shipSymbol}/refuel" }));
        });
    }

    [Test]
    public void A_waypoint_symbol_names_its_system()
    {
        Assert.That(ShipPilot.SystemOf("X1-DF55-B7"), Is.EqualTo("X1-DF55"));
        Assert.That(ShipPilot.SystemOf("X1-DF55-AB12C"), Is.EqualTo("X1-DF55"));
    }

    private static double Distance(IReadOnlyList<Waypoint> waypoints, string from, string to)
    {
        var a = waypoints.Single(w => w.Symbol == from);
        var b = waypoints.Single(w => w.Symbol == to);
        return Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
    }

    private static Task PlayAsync(int seed, Func<SpaceTradersClient, RequestLog, VirtualClock, CancellationToken, Task> play) =>
        PlayAsync(seed, startingGatesWork: false, play);

    private static async Task PlayAsync(int seed, bool startingGatesWork, Func<SpaceTradersClient, RequestLog, VirtualClock, CancellationToken, Task> play)
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, StartingGatesUnderConstruction = !startingGatesWork });
        using var transport = simulation.CreateTransport();
        var log = new RequestLog();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };
        options.Observers.Add(log);
        await clock.RunActorAsync("pilot test", async ct =>
        {
            var (client, _) = await SpaceTradersClient.RegisterAgentAsync(options, "PILOT" + seed, FactionSymbol.Cosmic, ct);
            using (client)
            {
                await play(client, log, clock, ct);
            }
        }, CancellationToken.None);
        Assert.That(simulation.Stats.RateLimited, Is.Zero);
    }

    private sealed class RequestLog : IRequestObserver
    {
        private readonly List<string> _endpoints = [];

        public IReadOnlyList<string> Endpoints
        {
            get
            {
                lock (_endpoints)
                {
                    return [.. _endpoints];
                }
            }
        }

        public int Count(string method, string endpoint) => Endpoints.Count(e => e == method + " " + endpoint);

        public void Clear()
        {
            lock (_endpoints)
            {
                _endpoints.Clear();
            }
        }

        public void OnRequestCompleted(RequestRecord record)
        {
            lock (_endpoints)
            {
                _endpoints.Add(record.Method + " " + record.Endpoint);
            }
        }
    }
}
