using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>The week-12 extraction behaviours on the live-sized simulator, run by the real runtime in virtual time.</summary>
[TestFixture]
public sealed class ExtractTests
{
    private static readonly StrategyRef Siphon = new("siphon", Week12Plugin.VersionLabel);
    private static readonly string[] Gases = ["LIQUID_HYDROGEN", "LIQUID_NITROGEN", "HYDROCARBON"];

    private static IStrategyPlugin[] Plugins(params IStrategyPlugin[] extra) => [.. WeeklyPlugins.All, new Week12Plugin(), .. extra];

    [TestCase(false, 0, ExpectedResult = false)]
    [TestCase(true, 0, ExpectedResult = true)]
    [TestCase(false, 1, ExpectedResult = true)]
    public async Task<bool> A_drone_sells_its_hold_at_a_market_it_can_only_drift_to_only_when_told_to_or_given_a_drift_slot(bool sellByDrift, int driftSales)
    {
        // Seed 4's slow hours: the gas prices near the giant pushed down by the drones' own sales, a far market scored
        // best on revenue less distance, and dozens of drones drifted there together for an hour without a request. Here
        // the far market is made to score best (its gas prices, as the fleet's cache knows them, 10,000 credits a unit), and
        // it lies beyond what the drone's tank reaches from the giant without drifting (seed 4's world).
        using var game = new WeeklyGame(seed: 4, options => options.StartingCredits = 1_000_000);
        string? far = null, endedAt = null;
        var drifted = false;
        await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(3), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var command = Scenario.CommandShip(context);
            var system = command.Current.Nav!.SystemSymbol;
            var waypoints = await context.World.GetWaypointsAsync(system, ct);
            var giant = waypoints.First(w => w.Type == WaypointType.GasGiant).Symbol;
            await Scenario.BuyAsync(context, "SHIP_SIPHON_DRONE", 1, ct);
            var drone = context.Agent.Ships.Single(s => s.Current.Frame?.Symbol == ShipFrameSymbol.FrameDrone).Symbol;
            await MarketListings.EnsureLoadedAsync(context.Client, system, ct);
            var pilot = new ShipPilot(context.Client, drone);
            await pilot.NavigateAsync(giant, ct);

            // The market that buys a gas and that the drone, as it is at the giant, reaches only by drifting (in this world,
            // three of the four lie beyond its tank's reach from any fuel seller; the fourth orbits the giant).
            var planner = SystemRoutePlanner.For(system, context.Client.World, context.Client.Markets);
            var buyers = context.Client.Markets.GetMarkets(system)
                .Where(m => Gases.Any(g => Buys(m.GetListing(new TradeSymbol(g)))))
                .Select(m => m.WaypointSymbol)
                .ToList();
            bool DriftOnly(string market) => planner.Plan(giant, market, RouteShip.From(pilot.Ship.Current.Engine!, pilot.Ship.Current.Fuel!), new RoutePlannerOptions { Drift = DriftPolicy.Never }) is null;
            var routeShip = RouteShip.From(pilot.Ship.Current.Engine!, pilot.Ship.Current.Fuel!);
            far = buyers.Any(b => !DriftOnly(b))
                ? buyers.Where(DriftOnly).OrderByDescending(m => planner.Plan(giant, m, routeShip)?.Duration ?? TimeSpan.Zero).ThenBy(m => m, StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (far is null)
            {
                return;
            }

            var listed = context.Client.Markets.GetMarkets(system).Single(m => m.WaypointSymbol == far);
            context.Client.Markets.Record(new Market
            {
                Symbol = far,
                Exports = [],
                Imports = [],
                Exchange = [],
                TradeGoods = [.. Gases.Select(g => new TradeSymbol(g))
                    .Where(g => Buys(listed.GetListing(g)))
                    .Select(g => new MarketTradeGood { Symbol = g, Type = listed.GetListing(g)!.Value, TradeVolume = 100, Supply = SupplyLevel.Scarce, PurchasePrice = 20_000, SellPrice = 10_000 })],
            });

            context.Assign(drone, Siphon, StrategyParameters.Parse($"site={giant};sessionLength=00:00:01;sellByDrift={sellByDrift};driftSales={driftSales}"));
            var seen = context.Agent.GetShip(drone);
            while (!ct.IsCancellationRequested && context.Ships.First(s => s.Symbol == drone).State is not (FleetShipState.Waiting or FleetShipState.Unassigned))
            {
                drifted |= seen.Current.Nav?.FlightMode == ShipNavFlightMode.Drift && seen.Current.Nav.Status == ShipNavStatus.InTransit;
                await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), ct);
            }

            endedAt = context.Agent.GetShip(drone).WaypointSymbol;
        })));

        Assert.That(far, Is.Not.Null, "the scenario needs a gas market the drone reaches from the giant only by drifting");
        Assert.That(endedAt, Is.Not.Null, "the session ended");
        Assert.That(endedAt == far, Is.EqualTo(drifted), "the drone drifted exactly when it went to the far market");
        return endedAt == far;
    }

    [Test]
    public async Task A_drone_does_not_fly_to_its_asteroid_along_a_route_that_empties_its_tank()
    {
        // Seed 22: a new drone's fastest route from the shipyard to its asteroid cruised as far as the tank went and drifted
        // the rest, arriving with no fuel where none is sold; even a drift costs a unit, so it never left again (five drones,
        // 300-odd idle sessions each). Here the drone, full from the shipyard, is sent to the first asteroid whose fastest
        // route from there ends with an empty tank.
        using var game = new WeeklyGame(seed: 22, options => options.StartingCredits = 1_000_000);
        string? site = null, endedAt = null, route = null;
        var fuelAtEnd = -1;
        var sellsFuelAtEnd = false;
        SessionOutcome? outcome = null;
        await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(6), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var command = Scenario.CommandShip(context);
            var system = command.Current.Nav!.SystemSymbol;
            var yard = await Scenario.BuyAsync(context, "SHIP_MINING_DRONE", 1, ct);
            var drone = context.Agent.Ships.Single(s => s.Current.Frame?.Symbol == ShipFrameSymbol.FrameDrone).Symbol;
            var waypoints = await context.World.GetWaypointsAsync(system, ct);
            await MarketListings.EnsureLoadedAsync(context.Client, system, ct);
            var pilot = new ShipPilot(context.Client, drone);
            await pilot.RefreshAsync(ct);
            bool SellsFuel(string symbol) => waypoints.Any(w => w.Symbol == symbol && w.Type == WaypointType.FuelStation)
                || (context.Client.Markets.TryGet(symbol, out var market) && market.GetListing(TradeSymbol.Fuel) is not null);
            var planner = new SystemRoutePlanner(context.Client.World.GetSystemWaypoints(system), waypoints.Select(w => w.Symbol).Where(SellsFuel));
            var full = RouteShip.From(pilot.Ship.Current.Engine!, pilot.Ship.Current.Fuel!);
            site = waypoints
                .Where(w => MiningSites.IsMinable(w) && !SellsFuel(w.Symbol))
                .Select(w => w.Symbol)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault(s => planner.Plan(yard, s, full) is { FuelRemaining: 0 });
            if (site is null)
            {
                return;
            }

            route = planner.Plan(yard, site, full)?.ToString();
            context.Assign(drone, new StrategyRef("mine", Week12Plugin.VersionLabel), StrategyParameters.Parse($"site={site};sessionLength=00:00:01"));
            var ended = await Scenario.WaitUntilEndedAsync(context, drone, TimeSpan.FromHours(5), ct);
            outcome = ended.Session?.Outcome;
            var ship = context.Agent.GetShip(drone);
            endedAt = ship.WaypointSymbol;
            fuelAtEnd = ship.Current.Fuel?.Current ?? -1;
            sellsFuelAtEnd = endedAt is not null && SellsFuel(endedAt);
        })));

        Assert.That(site, Is.Not.Null, "the scenario needs an asteroid whose fastest route from the shipyard empties a full tank");
        await TestContext.Out.WriteLineAsync(route);
        Assert.That(outcome, Is.EqualTo(SessionOutcome.Completed), $"the cycle ended at {endedAt} with {fuelAtEnd} fuel");
        Assert.That(fuelAtEnd > 0 || sellsFuelAtEnd, Is.True, $"the drone can leave {endedAt} ({fuelAtEnd} fuel)");
    }

    private static bool Buys(MarketTradeGoodType? listing) => listing is { } type && (type == MarketTradeGoodType.Import || type == MarketTradeGoodType.Exchange);
}
