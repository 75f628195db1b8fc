using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Simulator;

/// <summary>
/// The SDK against the simulator, end to end under virtual time: register, fly to the engineered asteroid, mine,
/// fly to a market that buys the ore, sell. Once in-process, once over loopback HTTP (Kestrel).
/// </summary>
[TestFixture]
public sealed class SimulatorEndToEndTests
{
    private const string AccountToken = "e2e-account-token";

    [Test]
    public async Task Register_navigate_extract_and_sell_through_the_in_process_transport()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 42, Clock = clock, AccountToken = AccountToken });
        using var transport = simulation.CreateTransport();

        var outcome = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = transport });

        AssertOutcome(outcome, simulation);
    }

    [Test]
    public async Task Register_navigate_extract_and_sell_over_loopback_http()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 42, Clock = clock, AccountToken = AccountToken });
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0");

        var outcome = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, BaseAddress = server.BaseAddress });

        AssertOutcome(outcome, simulation);
    }

    [Test]
    public async Task Both_transports_play_the_same_game_for_the_same_seed()
    {
        using var inProcessClock = new VirtualClock();
        var inProcess = new Simulation(new SimulationOptions { Seed = 9, Clock = inProcessClock });
        using var transport = inProcess.CreateTransport();
        var first = await PlayAsync(inProcessClock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = inProcessClock, Transport = transport });

        using var httpClock = new VirtualClock();
        var overHttp = new Simulation(new SimulationOptions { Seed = 9, Clock = httpClock });
        await using var server = await overHttp.StartHttpServerAsync("http://127.0.0.1:0");
        var second = await PlayAsync(httpClock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = httpClock, BaseAddress = server.BaseAddress });

        Assert.That(second.Mined, Is.EqualTo(first.Mined));
        Assert.That(second.Sales, Is.EqualTo(first.Sales));
        Assert.That(second.FinalCredits, Is.EqualTo(first.FinalCredits));
        Assert.That(second.FinishedAt, Is.EqualTo(first.FinishedAt));
    }

    private static void AssertOutcome(Outcome outcome, Simulation simulation)
    {
        Assert.That(outcome.StartingCredits, Is.EqualTo(175_000));
        Assert.That(outcome.ArrivedAtAsteroid, Is.True, "the ship is at the asteroid when the nav says it arrives");
        Assert.That(outcome.Mined.Sum(m => m.Units), Is.GreaterThan(0));
        Assert.That(outcome.Sales, Is.Not.Empty, "something mined was sold");
        Assert.That(outcome.Sales.All(s => s.TotalPrice > 0 && s.TotalPrice == s.Units * s.PricePerUnit), Is.True);
        Assert.That(outcome.FinalCredits, Is.EqualTo(outcome.StartingCredits + outcome.Sales.Sum(s => (long)s.TotalPrice)));
        Assert.That(simulation.Stats.RateLimited, Is.Zero, "the SDK's limiter kept to the server's limits");
        Assert.That(simulation.Stats.ServerErrors, Is.Zero);
    }

    private static async Task<Outcome> PlayAsync(VirtualClock clock, SpaceTradersClientOptions options)
    {
        Outcome? outcome = null;
        await clock.RunActorAsync("e2e bot", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "E2E", FactionSymbol.Cosmic, ct);
            using (client)
            {
                var ship = registration.Ships.First(s => s.Registration.Role.ToString() == "COMMAND").Symbol;
                var system = registration.Ships[0].Nav.SystemSymbol;
                var asteroid = (await client.Systems.GetSystemWaypointsAsync(system, type: WaypointType.EngineeredAsteroid, cancellationToken: ct)).Items[0].Symbol;

                await client.Fleet.OrbitShipAsync(ship, cancellationToken: ct);
                var flight = await client.Fleet.NavigateShipAsync(ship, asteroid, cancellationToken: ct);
                await clock.DelayUntilAsync(flight.Nav.Route.Arrival, ct);
                var arrived = (await client.Fleet.GetMyShipAsync(ship, cancellationToken: ct)).Nav;

                var mined = new List<(string Symbol, int Units)>();
                for (var i = 0; i < 4; i++)
                {
                    var extraction = await client.Fleet.ExtractResourcesAsync(ship, cancellationToken: ct);
                    mined.Add((extraction.Extraction.Yield.Symbol.ToString(), extraction.Extraction.Yield.Units));
                    await clock.DelayAsync(TimeSpan.FromSeconds(extraction.Cooldown.RemainingSeconds), ct);
                }

                var cargo = (await client.Fleet.GetMyShipCargoAsync(ship, cancellationToken: ct)).Inventory.Select(i => i.Symbol).ToHashSet();
                string? marketSymbol = null;
                await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Marketplace], cancellationToken: ct))
                {
                    var market = await client.Systems.GetMarketAsync(system, waypoint.Symbol, cancellationToken: ct);
                    if (market.Imports.Concat(market.Exchange).Any(g => cargo.Contains(g.Symbol)))
                    {
                        marketSymbol = waypoint.Symbol;
                        break;
                    }
                }

                Assert.That(marketSymbol, Is.Not.Null, "no market in the system buys " + string.Join(", ", cargo));
                var toMarket = await client.Fleet.NavigateShipAsync(ship, marketSymbol!, cancellationToken: ct);
                await clock.DelayUntilAsync(toMarket.Nav.Route.Arrival, ct);
                await client.Fleet.DockShipAsync(ship, cancellationToken: ct);
                var listing = await client.Systems.GetMarketAsync(system, marketSymbol!, cancellationToken: ct);
                var buys = listing.Imports.Concat(listing.Exchange).Select(g => g.Symbol).ToHashSet();

                var sales = new List<(string Symbol, int Units, int PricePerUnit, int TotalPrice)>();
                foreach (var item in (await client.Fleet.GetMyShipCargoAsync(ship, cancellationToken: ct)).Inventory.Where(i => buys.Contains(i.Symbol)))
                {
                    var volume = listing.TradeGoods!.First(g => g.Symbol == item.Symbol).TradeVolume;
                    for (var left = item.Units; left > 0; left -= volume)
                    {
                        var sale = await client.Fleet.SellCargoAsync(ship, item.Symbol, Math.Min(left, volume), cancellationToken: ct);
                        sales.Add((sale.Transaction.TradeSymbol.ToString(), sale.Transaction.Units, sale.Transaction.PricePerUnit, sale.Transaction.TotalPrice));
                    }
                }

                var agent = await client.Agents.GetMyAgentAsync(cancellationToken: ct);
                outcome = new Outcome(registration.Agent.Credits, arrived.WaypointSymbol == asteroid && arrived.Status.ToString() == "IN_ORBIT", mined, sales, agent.Credits, clock.GetUtcNow());
            }
        }, CancellationToken.None);

        return outcome!;
    }

    private sealed record Outcome(
        long StartingCredits,
        bool ArrivedAtAsteroid,
        List<(string Symbol, int Units)> Mined,
        List<(string Symbol, int Units, int PricePerUnit, int TotalPrice)> Sales,
        long FinalCredits,
        DateTimeOffset FinishedAt);
}
