using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Simulator;

/// <summary>
/// A mining trip against the simulator in virtual time while the server misbehaves on the actions that move cargo
/// and credits: every fault is ridden out, nothing is counted twice, and the tracked credits end at the server's.
/// </summary>
[TestFixture]
public sealed class SimulatorFaultTests
{
    [Test]
    public async Task A_mining_trip_under_faults_ends_with_the_servers_credits_and_no_action_counted_twice()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Retry = new RetryOptions { JitterSeed = 3 } };

        await clock.RunActorAsync("faulty trip", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "FAULTS", FactionSymbol.Cosmic, ct);
            using (client)
            {
                long ledger = 0;
                client.State.CreditsChanged += (_, e) => ledger += e.Delta;
                var start = registration.Agent.Credits;
                var miner = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
                var pilot = new ShipPilot(client, miner);
                var waypoints = await client.World.GetWaypointsAsync(pilot.Ship.Current.Nav!.SystemSymbol, ct);
                var asteroid = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid).Symbol;

                // Faults on what moves the ship, its hold and the credits. Not processed: an HTML 429, 502s, an HTML 503
                // and a 500. Processed, then answered with a body cut in half: an extraction and a sale.
                Inject(simulation, FaultKind.HtmlTooManyRequests, "POST", "/my/ships/*/navigate");
                Inject(simulation, FaultKind.BadGateway, "POST", "/my/ships/*/orbit");
                Inject(simulation, FaultKind.MalformedJson, "POST", "/my/ships/*/extract");
                Inject(simulation, FaultKind.BadGateway, "POST", "/my/ships/*/extract");
                Inject(simulation, FaultKind.InternalServerError, "GET", "/systems/*/waypoints/*/market");
                Inject(simulation, FaultKind.BadGateway, "POST", "/my/ships/*/dock");
                Inject(simulation, FaultKind.MalformedJson, "POST", "/my/ships/*/sell");
                Inject(simulation, FaultKind.ServiceUnavailable, "POST", "/my/ships/*/sell");

                await pilot.NavigateAsync(asteroid, ct);
                var extracted = new List<Extraction>();
                while (await pilot.ExtractAsync(survey: null, ct) is { } extraction)
                {
                    extracted.Add(extraction);
                }

                var hold = pilot.Ship.Current.Cargo!.Inventory;
                foreach (var marketplace in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
                {
                    await client.Systems.GetMarketAsync(marketplace.Symbol, cancellationToken: ct);
                }

                var buyer = Buyer(client, pilot);
                await pilot.NavigateAsync(buyer, ct);
                var sales = await pilot.SellCargoAsync(ct);

                var tracked = client.State.Agent.Value!.Credits;
                var server = (await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits;
                var market = await client.Systems.GetMarketAsync(buyer, cancellationToken: ct);
                var sold = market.Transactions!.Where(t => t.ShipSymbol == miner && t.Type == MarketTransactionType.Sell).ToList();

                Assert.Multiple(() =>
                {
                    Assert.That(simulation.Faults.Rules, Is.Empty, "every fault was met");
                    Assert.That(extracted.Sum(e => e.Yield.Units), Is.EqualTo(hold.Sum(i => i.Units)), "the hold holds exactly what the extractions reported: none ran unreported");
                    Assert.That(sales, Is.Not.Empty);
                    Assert.That(sold, Has.Count.EqualTo(sales.Count), "the market recorded each sale once");
                    Assert.That(sold.Sum(t => (long)t.TotalPrice), Is.EqualTo(sales.Sum(s => (long)s.TotalPrice)), "at the prices the client reported");
                    Assert.That(tracked, Is.EqualTo(server), "the tracked credits are the server's");
                    Assert.That(ledger, Is.EqualTo(server - start), "the credit ledger adds up to the server's change");
                });
            }
        }, CancellationToken.None);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_mining_trip_under_chaos_ends_with_the_servers_credits_and_each_sale_once(int seed)
    {
        // The chaos profile's faults at their rates (about 30% of requests), answers lost after the server acted included.
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock });
        foreach (var rule in FaultProfiles.Rules(FaultProfiles.Chaos))
        {
            simulation.Faults.Add(rule);
        }

        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Retry = new RetryOptions { JitterSeed = seed, MaxAttempts = 8 } };
        var outcome = new List<string>();
        await clock.RunActorAsync("chaotic trip", async ct =>
        {
            SpaceTradersClient? client = null;
            RegisterResult? registration = null;
            for (var attempt = 0; client is null; attempt++)
            {
                try
                {
                    (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, $"CHAOS{seed}X{attempt}", FactionSymbol.Cosmic, ct);
                }
                catch (RequestOutcomeUnknownException)
                {
                    // A registration whose answer was lost cannot be read back (its token is gone): register another agent.
                }
            }

            using (client)
            {
                long ledger = 0;
                client.State.CreditsChanged += (_, e) => ledger += e.Delta;
                var start = registration!.Agent.Credits;
                var miner = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
                var pilot = new ShipPilot(client, miner);
                var waypoints = await client.World.GetWaypointsAsync(pilot.Ship.Current.Nav!.SystemSymbol, ct);
                var asteroid = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid).Symbol;
                await pilot.NavigateAsync(asteroid, ct);
                var extracted = 0;
                while (await pilot.ExtractAsync(survey: null, ct) is { } extraction)
                {
                    extracted += extraction.Yield.Units;
                }

                var held = pilot.Ship.Current.Cargo!.Units;
                foreach (var marketplace in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
                {
                    await client.Systems.GetMarketAsync(marketplace.Symbol, cancellationToken: ct);
                }

                var buyer = Buyer(client, pilot);
                await pilot.NavigateAsync(buyer, ct);
                var sales = await pilot.SellCargoAsync(ct);
                var tracked = client.State.Agent.Value!.Credits;
                var server = (await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits;
                var sold = (await client.Systems.GetMarketAsync(buyer, cancellationToken: ct)).Transactions!
                    .Where(t => t.ShipSymbol == miner && t.Type == MarketTransactionType.Sell).ToList();
                Assert.Multiple(() =>
                {
                    Assert.That(simulation.Faults.InjectedCount, Is.GreaterThanOrEqualTo(5), "faults were met");
                    Assert.That(extracted, Is.EqualTo(held), "the hold holds exactly what the extractions reported");
                    Assert.That(sold, Has.Count.EqualTo(sales.Count), "the market recorded each sale once");
                    Assert.That(tracked, Is.EqualTo(server));
                    Assert.That(ledger, Is.EqualTo(server - start));
                });
            }
        }, CancellationToken.None);
    }

    [Test]
    public async Task A_ship_list_answered_late_does_not_undo_an_action_answered_meanwhile()
    {
        // The server builds the list, then answers 10 s late; the ship orbits meanwhile. Merging the late list set the
        // tracked ship back to docked, and behaviours then failed on a state the game no longer had.
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Retry = new RetryOptions { JitterSeed = 3 } };
        SpaceTradersClient? client = null;
        await clock.RunActorAsync("register", async ct => client = (await SpaceTradersClient.RegisterAgentAsync(options, "LATE", FactionSymbol.Cosmic, ct)).Client, CancellationToken.None);
        using (client)
        {
            var ship = client!.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
            Assume.That(client.State.GetShip(ship).Current.Nav!.Status, Is.EqualTo(ShipNavStatus.Docked));
            simulation.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Method = "GET", Path = "/my/ships", Count = 1, Delay = TimeSpan.FromSeconds(10) });
            IReadOnlyList<Ship> listed = [];

            await Task.WhenAll(
                clock.RunActorAsync("fleet refresh", async ct => listed = (await client.Fleet.GetMyShipsAsync(cancellationToken: ct)).Items, CancellationToken.None),
                clock.RunActorAsync("pilot", async ct =>
                {
                    await clock.DelayAsync(TimeSpan.FromSeconds(1), ct);
                    await client.Fleet.OrbitShipAsync(ship, cancellationToken: ct);
                }, CancellationToken.None));

            Assert.That(listed.Single(s => s.Symbol == ship).Nav.Status, Is.EqualTo(ShipNavStatus.Docked), "the list shows the ship before it orbited");
            Assert.That(client.State.GetShip(ship).Current.Nav!.Status, Is.EqualTo(ShipNavStatus.InOrbit), "the orbit's answer is newer than the list");
        }
    }

    [Test]
    public async Task Answers_dropped_after_the_server_acted_are_reconciled_never_resent()
    {
        // The contract with the simulator's transports: an answer lost after the server acted surfaces as
        // HttpRequestError.ResponseEnded (the in-process transport's drop after processing); a wrapper counts them.
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = clock });
        using var inner = simulation.CreateTransport();
        using var transport = new ResponseLost(inner);
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Retry = new RetryOptions { JitterSeed = 5 } };

        await clock.RunActorAsync("lost answers", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "LOST", FactionSymbol.Cosmic, ct);
            using (client)
            {
                long ledger = 0;
                client.State.CreditsChanged += (_, e) => ledger += e.Delta;
                var miner = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command).Symbol;
                var pilot = new ShipPilot(client, miner);
                var waypoints = await client.World.GetWaypointsAsync(pilot.Ship.Current.Nav!.SystemSymbol, ct);
                var asteroid = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid).Symbol;
                foreach (var action in new[] { "navigate", "extract", "sell", "refuel" })
                {
                    Inject(simulation, FaultKind.DropAfterProcessing, "POST", "/my/ships/*/" + action);
                }

                await pilot.NavigateAsync(asteroid, ct);
                var extracted = 0;
                while (await pilot.ExtractAsync(survey: null, ct) is { } extraction)
                {
                    extracted += extraction.Yield.Units;
                }

                var held = pilot.Ship.Current.Cargo!.Units;
                foreach (var marketplace in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
                {
                    await client.Systems.GetMarketAsync(marketplace.Symbol, cancellationToken: ct);
                }

                var buyer = Buyer(client, pilot);
                await pilot.NavigateAsync(buyer, ct);
                var sales = await pilot.SellCargoAsync(ct);
                await pilot.RefuelAsync(ct);
                var server = (await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits;
                var market = (await client.Systems.GetMarketAsync(buyer, cancellationToken: ct)).Transactions!.Where(t => t.ShipSymbol == miner).ToList();
                Assert.Multiple(() =>
                {
                    Assert.That(transport.Lost, Is.EqualTo(4), "four answers were lost after the server acted");
                    Assert.That(extracted, Is.EqualTo(held), "no extraction ran twice or unreported");
                    Assert.That(market.Count(t => t.Type == MarketTransactionType.Sell), Is.EqualTo(sales.Count), "no sale ran twice");
                    Assert.That(market.Count(t => t.TradeSymbol == TradeSymbol.Fuel), Is.LessThanOrEqualTo(1), "no refuel ran twice");
                    Assert.That(ledger, Is.EqualTo(server - registration.Agent.Credits));
                    Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(server));
                });
            }
        }, CancellationToken.None);
    }

    /// <summary>The market that imports the most of the goods in the ship's hold (a live-sized system spreads them).</summary>
    private static string Buyer(SpaceTradersClient client, ShipPilot pilot)
    {
        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var held = pilot.Ship.Current.Cargo!.Inventory.Select(i => i.Symbol).ToHashSet();
        return client.Markets.GetMarkets(system)
            .Select(m => (m.WaypointSymbol, Goods: held.Count(g => m.GetListing(g) == MarketTradeGoodType.Import)))
            .Where(m => m.Goods > 0)
            .OrderByDescending(m => m.Goods)
            .ThenBy(m => m.WaypointSymbol, StringComparer.Ordinal)
            .First().WaypointSymbol;
    }

    private static void Inject(Simulation simulation, FaultKind kind, string method, string path)
        => simulation.Faults.Inject(kind, count: 1, method: method, path: path);

    /// <summary>Counts the answers the simulator's transport lost after the server acted.</summary>
    private sealed class ResponseLost(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _lost;

        public int Lost => _lost;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException dropped) when (dropped.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                Interlocked.Increment(ref _lost);
                throw;
            }
        }
    }
}
