using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>The pilot's cargo and fuel mechanics against the simulator in virtual time.</summary>
[TestFixture]
public sealed class ShipPilotCargoTests
{
    [Test]
    public async Task Selling_the_hold_goes_where_the_listings_say_the_goods_sell_and_leaves_only_what_nobody_buys()
    {
        await PlayAsync(seed: 21, async (client, log, ct) =>
        {
            var (pilot, asteroid) = await MinerAsync(client, ct);
            await MarketListings.EnsureLoadedAsync(client, pilot.Ship.Current.Nav!.SystemSymbol, ct);
            var fetches = log.Count("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/market");
            Assert.That(await MarketListings.EnsureLoadedAsync(client, pilot.Ship.Current.Nav!.SystemSymbol, ct), Is.Zero, "listings are fetched once");
            Assert.That(fetches, Is.Positive);

            await pilot.NavigateAsync(asteroid, ct);
            while (await pilot.ExtractAsync(survey: null, ct) is not null)
            {
            }

            var credits = client.State.Agent.Value!.Credits;
            var held = pilot.Ship.Current.Cargo!.Units;
            var sale = await pilot.SellHoldAsync(new SalePlanOptions { CreditsPerDistance = 5 }, ct);

            Assert.That(sale.Sales, Is.Not.Empty);
            Assert.That(sale.Sales.Sum(s => s.Units) + sale.Unsold.Sum(u => u.Units), Is.EqualTo(held));
            Assert.That(pilot.Ship.Current.Cargo!.Units, Is.EqualTo(sale.Unsold.Sum(u => u.Units)));
            Assert.That(client.State.Agent.Value!.Credits - credits, Is.EqualTo(sale.Revenue));
            Assert.That(sale.Unsold.Where(u => client.Markets.Markets.Any(m => m.SystemSymbol == pilot.Ship.Current.Nav!.SystemSymbol
                && m.GetListing(u.Symbol) is MarketTradeGoodType listing && listing != MarketTradeGoodType.Export)), Is.Empty, "only goods no market buys are left");
        });
    }

    [Test]
    public async Task Selling_the_hold_skips_a_declined_market_and_uses_the_best_one_when_every_market_is_declined()
    {
        // Declining the planner's first pick: the first sale happens at the next best market instead.
        await PlayAsync(seed: 21, async (client, log, ct) =>
        {
            var pilot = await FullHoldAsync(client, ct);
            var offered = new List<string>();
            var sale = await pilot.SellHoldAsync(
                new SalePlanOptions { CreditsPerDistance = 5 },
                (stop, _) =>
                {
                    offered.Add(stop.WaypointSymbol);
                    return ValueTask.FromResult(stop.WaypointSymbol != offered[0]);
                },
                ct);

            Assert.That(offered.Distinct().Count(), Is.GreaterThan(1), "another market was offered after the first was declined");
            Assert.That(sale.Sales, Is.Not.Empty);
            Assert.That(sale.Sales[0].WaypointSymbol, Is.Not.EqualTo(offered[0]));
        });

        // Declining every market: the hold is still sold, first at the planner's first pick.
        await PlayAsync(seed: 21, async (client, log, ct) =>
        {
            var pilot = await FullHoldAsync(client, ct);
            var offered = new List<string>();
            var sale = await pilot.SellHoldAsync(
                new SalePlanOptions { CreditsPerDistance = 5 },
                (stop, _) =>
                {
                    offered.Add(stop.WaypointSymbol);
                    return ValueTask.FromResult(false);
                },
                ct);

            Assert.That(sale.Sales, Is.Not.Empty);
            Assert.That(sale.Sales[0].WaypointSymbol, Is.EqualTo(offered[0]));
        });
    }

    [Test]
    public async Task Ensuring_fuel_flies_to_the_nearest_fuel_seller_only_when_the_tank_is_low()
    {
        await PlayAsync(seed: 22, async (client, log, ct) =>
        {
            var pilot = new ShipPilot(client, client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol);
            var system = pilot.Ship.Current.Nav!.SystemSymbol;
            var waypoints = await client.World.GetWaypointsAsync(system, ct);
            await MarketListings.EnsureLoadedAsync(client, system, ct);

            // A moon without a market: its planet (same place, one fuel away) sells fuel.
            var here = SpaceTraders.Sdk.Navigation.WaypointPosition.From(pilot.Ship.Current.Nav.Route.Destination);
            var moon = waypoints
                .Where(w => w.Type == WaypointType.Moon && w.Traits.All(t => t.Symbol != WaypointTraitSymbol.Marketplace))
                .OrderBy(w => Math.Sqrt(Math.Pow(w.X - here.X, 2) + Math.Pow(w.Y - here.Y, 2)))
                .First();
            await pilot.NavigateAsync(moon.Symbol, ct);
            var fuel = pilot.Ship.Current.Fuel!;
            log.Clear();

            Assert.That(await pilot.EnsureFuelAsync(fuel.Current / (double)fuel.Capacity, ct), Is.Zero);
            Assert.That(log.Endpoints, Is.Empty, "a full enough tank costs no request");

            var added = await pilot.EnsureFuelAsync(1.0, ct);

            Assert.That(added, Is.Positive);
            Assert.That(pilot.Ship.Current.Fuel!.Current, Is.EqualTo(pilot.Ship.Current.Fuel.Capacity));
            Assert.That(pilot.Ship.WaypointSymbol, Is.EqualTo(moon.Orbits), "the moon sells no fuel; its planet, in the same place, does");
            Assert.That(log.Count("POST", "/my/ships/{shipSymbol}/refuel"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Cargo_handed_to_another_ship_wakes_it_and_can_be_jettisoned()
    {
        await PlayAsync(seed: 23, async (client, log, ct) =>
        {
            var (pilot, asteroid) = await MinerAsync(client, ct);
            var yard = (await client.World.GetWaypointsAsync(pilot.Ship.Current.Nav!.SystemSymbol, ct))
                .First(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard) && w.X == pilot.Ship.Current.Nav!.Route.Destination.X && w.Y == pilot.Ship.Current.Nav.Route.Destination.Y);
            await pilot.NavigateAsync(yard.Symbol, ct);
            var drone = (await client.Fleet.PurchaseShipAsync(ShipType.ShipLightShuttle, yard.Symbol, cancellationToken: ct)).Ship.Symbol;
            var hauler = new ShipPilot(client, drone);
            await pilot.NavigateAsync(asteroid, ct);
            await hauler.NavigateAsync(asteroid, ct);
            await pilot.ExtractAsync(survey: null, ct);
            await hauler.OrbitAsync(ct);
            var item = pilot.Ship.Current.Cargo!.Inventory[0];
            var clock = client.Options.TimeProvider;
            var started = clock.GetUtcNow();
            Assert.That(await hauler.WaitForChangeAsync(SpaceTraders.Sdk.State.ShipParts.Cargo, TimeSpan.FromSeconds(30), ct), Is.False, "nothing changed: the wait times out");
            Assert.That(clock.GetUtcNow() - started, Is.EqualTo(TimeSpan.FromSeconds(30)));
            var done = clock.CreateSignal("hauler saw the cargo");
            bool? sawCargo = null;
            _ = clock.RunActorAsync("hauler waits", async token =>
            {
                sawCargo = await hauler.WaitForChangeAsync(SpaceTraders.Sdk.State.ShipParts.Cargo, TimeSpan.FromMinutes(10), token);
                done.Set();
            }, ct);
            await clock.DelayAsync(TimeSpan.FromSeconds(5), ct);
            var requests = log.Endpoints.Count;

            var moved = await pilot.TransferCargoAsync(drone, item.Symbol, item.Units, ct);
            await done.WaitAsync(ct);

            Assert.That(sawCargo, Is.True, "the transfer response woke the waiting hauler");
            Assert.That(clock.GetUtcNow() - started, Is.LessThan(TimeSpan.FromMinutes(1)));
            Assert.That(log.Endpoints.Count, Is.EqualTo(requests + 1), "waiting cost no request");

            Assert.That(moved, Is.EqualTo(Math.Min(item.Units, hauler.Ship.CargoFree + moved)));
            Assert.That(hauler.Ship.CargoUnitsOf(item.Symbol), Is.EqualTo(moved), "the receiving ship's cargo is tracked from the response");
            Assert.That(await hauler.JettisonAsync(item.Symbol, 1000, ct), Is.EqualTo(moved));
            Assert.That(hauler.Ship.Current.Cargo!.Units, Is.Zero);
            Assert.That(await hauler.JettisonAsync(item.Symbol, 1, ct), Is.Zero, "nothing left: no request");
        });
    }

    [Test]
    public async Task Cooldown_first_priorities_send_the_orbit_before_an_extraction_as_critical_and_market_reads_in_the_background()
    {
        await PlayAsync(seed: 24, async (client, log, ct) =>
        {
            var (_, asteroid) = await MinerAsync(client, ct);
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
            var pilot = new ShipPilot(client, ship, new PilotOptions { Priorities = PilotPriorities.CooldownFirst });
            await pilot.NavigateAsync(asteroid, ct);
            await pilot.DockAsync(ct);
            log.Clear();

            await pilot.ExtractAsync(survey: null, ct);
            await pilot.NavigateAsync(client.State.Agent.Value!.Headquarters, ct);
            await pilot.GetMarketAsync(ct);

            Assert.That(log.Priorities("POST", "/my/ships/{shipSymbol}/orbit"), Is.EqualTo(new[] { RequestPriority.Critical }));
            Assert.That(log.Priorities("POST", "/my/ships/{shipSymbol}/extract"), Is.EqualTo(new[] { RequestPriority.Critical }));
            Assert.That(log.Priorities("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/market"), Is.EqualTo(new[] { RequestPriority.Background }));
        });
    }

    [Test]
    public async Task Default_priorities_send_the_flight_and_the_extraction_as_normal_and_market_reads_in_the_background()
    {
        await PlayAsync(seed: 24, async (client, log, ct) =>
        {
            var (_, asteroid) = await MinerAsync(client, ct);
            var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
            var pilot = new ShipPilot(client, ship);
            await pilot.DockAsync(ct);
            log.Clear();

            await pilot.NavigateAsync(asteroid, ct);
            await pilot.ExtractAsync(survey: null, ct);
            await pilot.GetMarketAsync(ct);

            Assert.That(log.Priorities("POST", "/my/ships/{shipSymbol}/orbit"), Is.EqualTo(new[] { RequestPriority.Normal }));
            Assert.That(log.Priorities("POST", "/my/ships/{shipSymbol}/navigate"), Is.EqualTo(new[] { RequestPriority.Normal }));
            Assert.That(log.Priorities("POST", "/my/ships/{shipSymbol}/extract"), Is.EqualTo(new[] { RequestPriority.Normal }));
            Assert.That(log.Priorities("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/market"), Is.All.EqualTo(RequestPriority.Background));
        });
    }

    private static async Task<(ShipPilot Pilot, string Asteroid)> MinerAsync(SpaceTradersClient client, CancellationToken ct)
    {
        var miner = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
        var waypoints = await client.World.GetWaypointsAsync(miner.Current.Nav!.SystemSymbol, ct);
        var here = SpaceTraders.Sdk.Navigation.WaypointPosition.From(miner.Current.Nav.Route.Destination);
        return (new ShipPilot(client, miner.Symbol), MiningSites.Rank(waypoints, here)[0].Symbol);
    }

    /// <summary>The command ship at the best asteroid with a full hold (listings loaded).</summary>
    private static async Task<ShipPilot> FullHoldAsync(SpaceTradersClient client, CancellationToken ct)
    {
        var (pilot, asteroid) = await MinerAsync(client, ct);
        await MarketListings.EnsureLoadedAsync(client, pilot.Ship.Current.Nav!.SystemSymbol, ct);
        await pilot.NavigateAsync(asteroid, ct);
        while (await pilot.ExtractAsync(survey: null, ct) is not null)
        {
        }

        return pilot;
    }

    private static async Task PlayAsync(int seed, Func<SpaceTradersClient, RequestLog, CancellationToken, Task> play)
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock });
        using var transport = simulation.CreateTransport();
        var log = new RequestLog();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };
        options.Observers.Add(log);
        await clock.RunActorAsync("pilot cargo test", async ct =>
        {
            var (client, _) = await SpaceTradersClient.RegisterAgentAsync(options, "CARGO" + seed, FactionSymbol.Cosmic, ct);
            using (client)
            {
                await play(client, log, ct);
            }
        }, CancellationToken.None);
        Assert.That(simulation.Stats.RateLimited, Is.Zero);
    }

    private sealed class RequestLog : IRequestObserver
    {
        private readonly List<RequestRecord> _records = [];

        public IReadOnlyList<string> Endpoints
        {
            get
            {
                lock (_records)
                {
                    return [.. _records.Select(r => r.Method + " " + r.Endpoint)];
                }
            }
        }

        public int Count(string method, string endpoint) => Endpoints.Count(e => e == method + " " + endpoint);

        public IReadOnlyList<RequestPriority> Priorities(string method, string endpoint)
        {
            lock (_records)
            {
                return [.. _records.Where(r => r.Method == method && r.Endpoint == endpoint).Select(r => r.Priority)];
            }
        }

        public void Clear()
        {
            lock (_records)
            {
                _records.Clear();
            }
        }

        public void OnRequestCompleted(RequestRecord record)
        {
            lock (_records)
            {
                _records.Add(record);
            }
        }
    }
}
