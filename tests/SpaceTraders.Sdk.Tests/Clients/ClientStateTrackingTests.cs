using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>
/// The client keeps <see cref="SpaceTradersClient.State"/> current from every response, against the simulator in
/// virtual time: a bot learns from an action's answer what it would otherwise GET, and the agent's credit changes
/// arrive as events that reconcile exactly.
/// </summary>
[TestFixture]
public sealed class ClientStateTrackingTests
{
    [Test]
    public async Task Registration_seeds_the_state_and_actions_update_it_without_any_get()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var transport = simulation.CreateTransport();
        var observer = new EndpointLog();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };
        options.Observers.Add(observer);

        await clock.RunActorAsync("bot", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "TRACKER", FactionSymbol.Cosmic, ct);
            using (client)
            {
                Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(registration.Agent.Credits));
                Assert.That(client.State.Ships.Select(s => s.Symbol), Is.EquivalentTo(registration.Ships.Select(s => s.Symbol)));
                Assert.That(client.State.TryGetContract(registration.Contract.Id, out _), Is.True);

                var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);
                var destination = await NearestMarketAsync(client, ship, ct);
                var fuelBefore = ship.Current.Fuel!.Current;
                observer.Clear();

                await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken: ct);
                await client.Fleet.NavigateShipAsync(ship.Symbol, destination, cancellationToken: ct);

                Assert.That(observer.Endpoints, Is.EqualTo(new[] { "/my/ships/{shipSymbol}/orbit", "/my/ships/{shipSymbol}/navigate" }), "no GET needed");
                Assert.That(ship.IsInTransit, Is.True);
                Assert.That(ship.Current.Nav!.Route.Destination.Symbol, Is.EqualTo(destination));
                Assert.That(ship.Current.Fuel!.Current, Is.LessThan(fuelBefore));
                Assert.That(ship.TimeToArrival, Is.GreaterThan(TimeSpan.Zero));

                await clock.DelayAsync(ship.TimeToArrival, ct);
                Assert.That(ship.IsInTransit, Is.False);
                Assert.That(ship.WaypointSymbol, Is.EqualTo(destination));
            }
        }, CancellationToken.None);
    }

    [Test]
    public async Task Credit_changes_arrive_with_their_cause_and_add_up_to_the_balance_change()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };
        var movements = new List<CreditsChangedEventArgs>();
        var observedMarkets = new List<string>();

        await clock.RunActorAsync("trader", async ct =>
        {
            var (client, _) = await SpaceTradersClient.RegisterAgentAsync(options, "LEDGER", FactionSymbol.Cosmic, ct);
            using (client)
            {
                client.State.CreditsChanged += (_, e) => movements.Add(e);
                client.State.MarketObserved += (_, m) => observedMarkets.Add(m.Symbol);
                var start = client.State.Agent.Value!.Credits;
                var ship = client.State.Ships.Single(s => s.Current.Registration!.Role == ShipRole.Command);

                var destination = await NearestMarketAsync(client, ship, ct);
                if (ship.WaypointSymbol != destination)
                {
                    await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken: ct);
                    await client.Fleet.NavigateShipAsync(ship.Symbol, destination, cancellationToken: ct);
                    await clock.DelayAsync(ship.TimeToArrival, ct);
                }

                await client.Fleet.DockShipAsync(ship.Symbol, cancellationToken: ct);
                var market = await client.Systems.GetMarketAsync(destination, cancellationToken: ct);
                var good = market.TradeGoods!.Where(g => g.Type != MarketTradeGoodType.Import).OrderBy(g => g.PurchasePrice).First();

                await client.Fleet.PurchaseCargoAsync(ship.Symbol, good.Symbol, 2, cancellationToken: ct);
                await client.Fleet.SellCargoAsync(ship.Symbol, good.Symbol, 2, cancellationToken: ct);
                await client.Agents.GetMyAgentAsync(cancellationToken: ct);

                var end = client.State.Agent.Value!.Credits;
                Assert.That(movements.Select(m => m.Cause), Is.EqualTo(new[] { "purchase", "sell" }), "a refresh with the same balance adds nothing");
                Assert.That(movements[0].Delta, Is.Negative);
                Assert.That(movements[0].Good, Is.EqualTo(good.Symbol));
                Assert.That(movements[0].Units, Is.EqualTo(2));
                Assert.That(movements[1].Delta, Is.Positive);
                Assert.That(movements.Sum(m => m.Delta), Is.EqualTo(end - start));
                Assert.That(observedMarkets, Is.EqualTo(new[] { destination }));
                Assert.That(client.Markets.TryGet(destination, out _), Is.True, "the market cache holds what the response said");
            }
        }, CancellationToken.None);
    }

    [Test]
    public async Task An_exhausted_survey_is_retired_in_the_shared_cache_when_an_extraction_is_refused()
    {
        var expiration = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var survey = new Survey
        {
            Signature = "X1-A1-SIG",
            Symbol = "X1-A1-B2",
            Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }],
            Expiration = expiration,
            Size = SurveySize.Small,
        };
        using var transport = new CannedTransport(System.Net.HttpStatusCode.Conflict, """{"error":{"message":"Ship extract failed. Survey X1-A1-SIG has been exhausted.","code":4224}}""");
        using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = "t", Transport = transport, Throttling = new ThrottlingOptions { Enabled = false } });
        client.Surveys.Add(survey);
        Assert.That(client.Surveys.GetStatus(survey.Signature), Is.EqualTo(SpaceTraders.Sdk.Caches.SurveyStatus.Usable));

        var error = Assert.ThrowsAsync<SpaceTraders.Sdk.Errors.SpaceTradersApiException>(() => client.Fleet.ExtractResourcesWithSurveyAsync("SHIP-1", survey));

        Assert.That(error!.IsSurveyExhausted, Is.True);
        Assert.That(client.Surveys.GetStatus(survey.Signature), Is.EqualTo(SpaceTraders.Sdk.Caches.SurveyStatus.Exhausted), "no other ship tries it again");
        await Task.CompletedTask;
    }

    [Test]
    public void A_survey_the_server_cannot_verify_is_retired_in_the_shared_cache_when_an_extraction_is_refused()
    {
        var survey = new Survey
        {
            Signature = "X1-A1-SIG",
            Symbol = "X1-A1-B2",
            Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }],
            Expiration = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Size = SurveySize.Small,
        };
        using var transport = new CannedTransport(System.Net.HttpStatusCode.BadRequest, """{"error":{"message":"Ship survey failed. Survey X1-A1-SIG is not a valid, unmodified survey.","code":4220,"data":{"signature":"X1-A1-SIG","symbol":"X1-A1-B2"}}}""");
        using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = "t", Transport = transport, Throttling = new ThrottlingOptions { Enabled = false } });
        client.Surveys.Add(survey);

        var error = Assert.ThrowsAsync<SpaceTraders.Sdk.Errors.SpaceTradersApiException>(() => client.Fleet.ExtractResourcesWithSurveyAsync("SHIP-1", survey));

        Assert.That(error!.ErrorCode, Is.EqualTo(SpaceTraders.Sdk.Errors.ErrorCodes.ShipSurveyVerification));
        Assert.That(error.IsSurveyInvalid, Is.True);
        Assert.That(client.Surveys.GetStatus(survey.Signature), Is.EqualTo(SpaceTraders.Sdk.Caches.SurveyStatus.Invalid), "no other ship sends it again");
        Assert.That(client.Surveys.GetBest("X1-A1-B2", SpaceTraders.Sdk.Caches.SurveyGoal.ForGood(TradeSymbol.IronOre)), Is.Null);
    }

    [Test]
    public async Task Systems_waypoints_and_jump_gates_fetched_directly_also_fill_the_world_cache()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 7, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } };

        await clock.RunActorAsync("explorer", async ct =>
        {
            var (client, _) = await SpaceTradersClient.RegisterAgentAsync(options, "WORLDLY", FactionSymbol.Cosmic, ct);
            using (client)
            {
                var system = client.State.Ships[0].Current.Nav!.SystemSymbol;
                var page = await client.Systems.GetSystemWaypointsAsync(system, type: WaypointType.JumpGate, cancellationToken: ct);
                var gate = page.Items.Single();
                var jumpGate = await client.Systems.GetJumpGateAsync(gate.Symbol, cancellationToken: ct);

                Assert.That(client.World.TryGetWaypoint(gate.Symbol, out _), Is.True);
                Assert.That(client.World.TryGetJumpGate(gate.Symbol, out var cached), Is.True);
                Assert.That(cached!.Connections, Is.EqualTo(jumpGate.Connections));
            }
        }, CancellationToken.None);
    }

    private static async Task<string> NearestMarketAsync(SpaceTradersClient client, TrackedShip ship, CancellationToken ct)
    {
        var here = ship.Current.Nav!;
        var waypoints = await client.Systems.GetSystemWaypointsAsync(here.SystemSymbol, traits: [WaypointTraitSymbol.Marketplace], limit: 20, cancellationToken: ct);
        var origin = waypoints.Items.FirstOrDefault(w => w.Symbol == here.WaypointSymbol) ?? await client.Systems.GetWaypointAsync(here.SystemSymbol, here.WaypointSymbol, cancellationToken: ct);
        return waypoints.Items
            .Where(w => w.Symbol != here.WaypointSymbol)
            .OrderBy(w => Math.Pow(w.X - origin.X, 2) + Math.Pow(w.Y - origin.Y, 2))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal)
            .First()
            .Symbol;
    }

    private sealed class EndpointLog : IRequestObserver
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
                _endpoints.Add(record.Endpoint);
            }
        }
    }

    private sealed class CannedTransport(System.Net.HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
