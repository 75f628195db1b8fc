using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week02;

/// <summary>The week-2 behaviours and conductor on the simulator, run by the real runtime in virtual time.</summary>
[TestFixture]
public sealed class Week02Tests
{
    [Test]
    public async Task Extract_and_sell_mines_a_full_hold_and_sells_it_at_a_market_that_buys_it()
    {
        using var game = new WeeklyGame(seed: 101);
        FleetShip? ended = null;
        int held = 0, left = -1;
        string? asteroid = null;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            ship.Changed += (_, e) => held = Math.Max(held, e.Snapshot.Cargo?.Units ?? 0);
            context.Assign(ship.Symbol, new StrategyRef("extract-and-sell", "week02"), StrategyParameters.Parse("cycles=1"));
            ended = await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(2), ct);
            left = ship.Current.Cargo!.Units;
            asteroid = context.Agent.Ships.Count > 0 ? (await context.World.GetWaypointAsync(ship.WaypointSymbol!, ct)).Type.Value : null;
        }, TimeSpan.FromHours(3));

        var session = run.Sessions.Single(s => s.BehaviourId == "extract-and-sell");
        Assert.Multiple(() =>
        {
            Assert.That(ended!.Session!.Outcome, Is.EqualTo(SessionOutcome.Completed), "one cycle, then back to the conductor");
            Assert.That(held, Is.EqualTo(40), "the command ship's 40-unit hold was filled");
            Assert.That(left, Is.Zero, "everything was sold or, if nobody buys it, jettisoned");
            Assert.That(run.Earned("sell"), Is.GreaterThan(40 * 10), "the hold sold for real money");
            Assert.That(session.CreditsEarned, Is.EqualTo(run.Earned("sell") + run.Earned("refuel")), "the session's credits are its sales less its fuel");
            Assert.That(session.Requests, Is.LessThan(45), "the system's market listings once, about ten extractions, two flights, a dock, a few sales, a refuel");
            Assert.That(asteroid, Is.Not.EqualTo("ASTEROID").And.Not.EqualTo("ENGINEERED_ASTEROID"), "it ends at the market, not the asteroid");
        });
    }

    [Test]
    public async Task Watch_market_parks_at_the_market_and_reads_it_once_per_interval()
    {
        using var game = new WeeklyGame(seed: 102);
        string? market = null;
        DateTimeOffset? pricesSeen = null;
        DateTimeOffset end = default;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var waypoints = await context.World.GetWaypointsAsync(probe.Current.Nav!.SystemSymbol, ct);
            market = waypoints.First(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard) && w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)).Symbol;
            context.Assign(probe.Symbol, new StrategyRef("watch-market", "week02"), StrategyParameters.Parse($"market={market};interval=00:10:00"));
            await context.Clock.DelayAsync(TimeSpan.FromMinutes(65), ct);
            pricesSeen = context.Markets.TryGet(market, out var snapshot) ? snapshot.PricesObservedAt : null;
            end = context.Clock.GetUtcNow();
        }, TimeSpan.FromMinutes(70));

        var session = run.Sessions.Single(s => s.BehaviourId == "watch-market");
        Assert.Multiple(() =>
        {
            Assert.That(pricesSeen, Is.Not.Null.And.GreaterThan(end - TimeSpan.FromMinutes(10)), "prices no older than the interval");
            Assert.That(session.Requests, Is.InRange(7 * 2, (7 * 2) + 4), "a market and a shipyard read every ten minutes, plus the flight");
            Assert.That(run.Agent.Ships.Single(s => s.Assignment?.Id == "watch-market").Activity, Does.Contain(market!));
        });
    }

    [Test]
    public async Task The_week02_conductor_mines_with_the_command_ship_and_grows_the_fleet_with_drones()
    {
        using var game = new WeeklyGame(seed: 103);

        var run = await game.RunAsync(new StrategyRef("week02"), TimeSpan.FromHours(3));

        Assert.Multiple(() =>
        {
            Assert.That(run.ShipsBought, Is.InRange(1, 3), "drones bought while the credits covered them, no more than maxPurchases");
            Assert.That(run.Agent.Ships, Has.Count.EqualTo(2 + run.ShipsBought));
            Assert.That(run.Agent.Ships.Where(s => s.Role == "EXCAVATOR").Select(s => s.Assignment?.ToString()), Is.All.EqualTo("extract-and-sell@week02"));
            Assert.That(run.Agent.Ships.Single(s => s.Role == "SATELLITE").Assignment?.ToString(), Is.EqualTo("watch-market@week02"));
            Assert.That(run.Earned("sell"), Is.Positive);
            Assert.That(run.Agent.Totals.RateLimited, Is.Zero);
        });
    }
}
