using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week10;

/// <summary>The week-10 behaviours and conductor on the simulator, run by the real runtime in virtual time.</summary>
[TestFixture]
public sealed class Week10Tests
{
    private static IStrategyPlugin[] Plugins(params IStrategyPlugin[] extra) => [.. WeeklyPlugins.All, new Week10Plugin(), .. extra];

    [Test]
    public async Task Extraction_stops_when_more_than_half_of_the_yield_would_not_fit_and_the_ship_sells_instead()
    {
        using var game = new WeeklyGame(seed: 1001);
        var steps = new List<(int Before, int After)>();
        var capacity = 0;
        double expected = 0;
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(2), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            capacity = ship.Current.Cargo!.Capacity;
            expected = YieldEstimate.ExpectedUnits(ship.Current.Mounts);
            var selling = false;
            var last = ship.Current.Cargo.Units;
            ship.Changed += (_, e) =>
            {
                var units = e.Snapshot.Cargo?.Units ?? last;
                if (units > last && !selling)
                {
                    steps.Add((last, units));
                }

                selling |= units < last;
                last = units;
            };
            context.Assign(ship.Symbol, new StrategyRef("extract-and-sell", "week10"), StrategyParameters.Parse("cycles=1"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(2), ct);
        })));

        var session = run.Sessions.Single(s => s.BehaviourId == "extract-and-sell");
        Assert.Multiple(() =>
        {
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(steps, Has.Count.GreaterThan(3), "the ship mined");
            Assert.That(steps.Select(s => capacity - s.Before), Is.All.GreaterThanOrEqualTo(expected / 2), "no extraction with less than half the expected yield free");
            Assert.That(capacity - steps[^1].After, Is.LessThan(expected / 2), "it mined until the next extraction would have wasted more than half");
            Assert.That(run.Earned("sell"), Is.Positive, "and sold the hold");
        });
    }

    [Test]
    public async Task A_market_tour_prices_every_market_of_the_system_with_one_read_per_visit()
    {
        using var game = new WeeklyGame(seed: 1002);
        var markets = 0;
        var priced = 0;
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(3), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var system = probe.Current.Nav!.SystemSymbol;
            var waypoints = await context.World.GetWaypointsAsync(system, ct);
            markets = waypoints.Count(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace));
            context.Assign(probe.Symbol, new StrategyRef("tour-markets", "week10"), StrategyParameters.Parse($"visits={markets}"));
            await Scenario.WaitUntilEndedAsync(context, probe.Symbol, TimeSpan.FromHours(3), ct);
            priced = context.Markets.GetMarkets(system).Count(m => m.HasPrices);
        })));

        var session = run.Sessions.Single(s => s.BehaviourId == "tour-markets");
        Assert.Multiple(() =>
        {
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(priced, Is.EqualTo(markets), "every market has prices");
            Assert.That(session.Requests, Is.LessThanOrEqualTo(2 * markets + 1), "an orbit, then a flight and a read per market");
        });
    }

    [Test]
    public async Task A_market_tour_carries_on_after_a_flight_the_clients_retries_did_not_outlast()
    {
        // Every send of the first flight answers 502 (read back, not run, resent, five times, then given up): the tour
        // reads its ship again and still prices every market.
        using var game = new WeeklyGame(seed: 1002);
        var markets = 0;
        var priced = 0;
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(4), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var system = probe.Current.Nav!.SystemSymbol;
            var waypoints = await context.World.GetWaypointsAsync(system, ct);
            markets = waypoints.Count(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace));
            game.Simulation.Faults.Inject(FaultKind.BadGateway, count: 5, method: "POST", path: "/my/ships/*/navigate");
            context.Assign(probe.Symbol, new StrategyRef("tour-markets", "week10"), StrategyParameters.Parse($"visits={markets}"));
            await Scenario.WaitUntilEndedAsync(context, probe.Symbol, TimeSpan.FromHours(4), ct);
            priced = context.Markets.GetMarkets(system).Count(m => m.HasPrices);
        })));

        var session = run.Sessions.Single(s => s.BehaviourId == "tour-markets");
        Assert.Multiple(() =>
        {
            Assert.That(game.Simulation.Faults.InjectedCount, Is.EqualTo(5), "every send of the first flight failed");
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Completed), session.Reason);
            Assert.That(priced, Is.EqualTo(markets), "every market has prices");
        });
    }

    [Test]
    public async Task A_trade_route_run_buys_where_the_good_is_cheap_and_sells_it_dearer()
    {
        using var game = new WeeklyGame(seed: 1003);
        TradeRoute? planned = null;
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(4), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var ship = Scenario.CommandShip(context);
            var waypoints = await context.World.GetWaypointsAsync(probe.Current.Nav!.SystemSymbol, ct);
            var markets = waypoints.Count(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace));
            context.Assign(probe.Symbol, new StrategyRef("tour-markets", "week10"), StrategyParameters.Parse($"visits={markets}"));
            await Scenario.WaitUntilEndedAsync(context, probe.Symbol, TimeSpan.FromHours(3), ct);
            // Plan as trade-routes does with its defaults (minProfit 1500, reserve 5000, prices at most 45 minutes old): a
            // tour of a live-sized system's 25 markets takes over an hour, so the best route over prices of any age may
            // use prices the trader no longer trusts.
            planned = new TradeRouteEvaluator(context.Markets, context.World)
                .FindRoutes(TradeShipProfile.From(ship, context.Agent.Agent.Value!.Credits - 5000), new TradeRouteOptions { MinProfit = 1500, MaxPriceAge = TimeSpan.FromMinutes(45) })
                .FirstOrDefault();
            context.Assign(ship.Symbol, new StrategyRef("trade-routes", "week10"), StrategyParameters.Parse("trips=1"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(1), ct);
        })));

        var session = run.Sessions.Single(s => s.BehaviourId == "trade-routes");
        var bought = run.Movements.Where(m => m.Kind == "purchase").ToList();
        var sold = run.Movements.Where(m => m.Kind == "sell").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(planned, Is.Not.Null, "the tour's prices show a route worth flying");
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(bought.Select(m => m.TradeSymbol).Distinct(), Is.EqualTo(new[] { planned!.Good.Value }), "it bought the planned good");
            Assert.That(sold.Sum(m => m.Units), Is.EqualTo(bought.Sum(m => m.Units)), "and sold all of it");
            Assert.That(session.CreditsEarned, Is.GreaterThanOrEqualTo(1500), "for a profit of at least minProfit");
        });
    }

    [Test]
    public async Task A_trade_route_run_carries_on_after_a_purchase_the_clients_retries_did_not_outlast()
    {
        // Every send of the first purchase answers 502 (the client reads back, sees it did not run, resends, five
        // times, then gives up with RequestOutcomeUnknownException): the trader reads its ship again and buys anew.
        using var game = new WeeklyGame(seed: 1003);
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(4), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var ship = Scenario.CommandShip(context);
            var waypoints = await context.World.GetWaypointsAsync(probe.Current.Nav!.SystemSymbol, ct);
            var markets = waypoints.Count(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace));
            context.Assign(probe.Symbol, new StrategyRef("tour-markets", "week10"), StrategyParameters.Parse($"visits={markets}"));
            await Scenario.WaitUntilEndedAsync(context, probe.Symbol, TimeSpan.FromHours(3), ct);
            game.Simulation.Faults.Inject(FaultKind.BadGateway, count: 5, method: "POST", path: "/my/ships/*/purchase");
            context.Assign(ship.Symbol, new StrategyRef("trade-routes", "week10"), StrategyParameters.Parse("trips=1"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(1), ct);
        })));

        var session = run.Sessions.Single(s => s.BehaviourId == "trade-routes");
        var bought = run.Movements.Where(m => m.Kind == "purchase").ToList();
        var sold = run.Movements.Where(m => m.Kind == "sell").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(game.Simulation.Faults.InjectedCount, Is.EqualTo(5), "every send of the first purchase failed");
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Completed), session.Reason);
            Assert.That(bought, Is.Not.Empty, "it bought after the fault");
            Assert.That(sold.Sum(m => m.Units), Is.EqualTo(bought.Sum(m => m.Units)), "and sold all of it");
            Assert.That(game.Simulation.Stats.DuplicatedActions, Is.Zero);
        });
    }

    [Test]
    public async Task Under_saturation_the_conductor_pauses_the_lowest_earner_per_request_and_resumes_it_when_capacity_returns()
    {
        // One ship flooding alone waits about half a second a request: count that as delayed (the runtime's default
        // threshold, 1 s, is the live one), so that the flood shows as saturation.
        using var game = new WeeklyGame(seed: 1004) { DelayedThreshold = TimeSpan.FromMilliseconds(100) };
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromMinutes(40), null, Plugins(new FloodPlugin(), new ScriptPlugin(async (context, ct) =>
        {
            // The command ship floods the rate limit while the week-10 conductor runs the fleet.
            context.Assign(Scenario.CommandShip(context).Symbol, FloodPlugin.Flood);
            await new Week10Conductor().RunAsync(context, ct);
        })));

        var floods = run.Sessions.Where(s => s.BehaviourId == "flood").OrderBy(s => s.StartedAt).ToList();
        var tours = run.Sessions.Where(s => s.BehaviourId == "tour-markets").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(floods, Has.Count.GreaterThanOrEqualTo(2), "paused, then resumed in a new session");
            Assert.That(floods[0].Outcome, Is.EqualTo(SessionOutcome.Paused), "the flood (negative credits per request) was paused first");
            Assert.That(floods[1].StartedAt, Is.GreaterThan(floods[0].EndedAt!.Value), "and resumed once capacity returned");
            Assert.That(tours.Where(s => s.Outcome == SessionOutcome.Paused), Is.Empty, "the probe (earning nothing, but not less) kept touring");
            Assert.That(run.Agent.Totals.Delayed, Is.Positive, "requests did saturate");
        });
    }

    [Test]
    public async Task Without_contracts_the_week10_conductor_trades_and_the_probe_tours_the_markets()
    {
        using var game = new WeeklyGame(seed: 1005);

        var run = await game.RunAsync(new StrategyRef("week10"), TimeSpan.FromHours(3), StrategyParameters.Parse("contracts=false"), Plugins());

        Assert.Multiple(() =>
        {
            Assert.That(run.Agent.Ships.Single(s => s.Role == "SATELLITE").Assignment?.ToString(), Is.EqualTo("tour-markets@week10"));
            Assert.That(run.Sessions.Where(s => s.BehaviourId == "trade-routes").Sum(s => s.CreditsEarned), Is.Positive, "trading paid");
            Assert.That(run.CreditsEarned, Is.Positive);
            Assert.That(run.Agent.Metrics.CreditsPerRequest, Is.GreaterThan(50));
        });
    }
}
