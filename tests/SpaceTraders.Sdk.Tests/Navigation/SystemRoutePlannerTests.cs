using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Tests.Navigation;

/// <summary>Route planning on small maps whose answers are worked by hand, and against an exhaustive search.</summary>
[TestFixture]
public sealed class SystemRoutePlannerTests
{
    private const string System = "X1-T";

    private static WaypointPosition At(string name, int x, int y) => new($"{System}-{name}", System, x, y);

    private static string W(string name) => $"{System}-{name}";

    [Test]
    public void A_hop_the_tank_covers_is_flown_direct_in_burn()
    {
        // d = 50 (3-4-5 triangle): BURN needs 100 fuel, the tank holds 100; 50 × 12.5 / 30 + 15 = 35.83 -> 36 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 30, 40)], []);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(30, 100, 100))!;

        Assert.That(plan.Legs, Has.Count.EqualTo(1));
        Assert.That(plan.Legs[0].Mode, Is.EqualTo(ShipNavFlightMode.Burn));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(36)));
        Assert.That(plan.FuelUsed, Is.EqualTo(100));
        Assert.That(plan.FuelRemaining, Is.Zero);
    }

    [Test]
    public void When_burn_is_too_thirsty_the_hop_is_cruised()
    {
        // 99 fuel: BURN (100) no longer fits, CRUISE (50) does: 50 × 25 / 30 + 15 = 56.67 -> 57 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 30, 40)], []);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(30, 100, 99))!;

        Assert.That(plan.Legs.Select(l => l.Mode), Is.EqualTo(new[] { ShipNavFlightMode.Cruise }));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(57)));
        Assert.That(plan.FuelRemaining, Is.EqualTo(49));
    }

    [Test]
    public void A_destination_beyond_the_tank_is_reached_through_a_refuel_stop()
    {
        // A -> C is 100 away, the tank holds 60. S (a fuel station) lies halfway. Each half: CRUISE 50 fuel,
        // 50 × 25 / 30 + 15 = 56.67 -> 57 s (BURN would need 100). Total 57 + 3 (refuel stop) + 57 = 117 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 50, 0), At("C", 100, 0)], [W("S")]);

        var plan = planner.Plan(W("A"), W("C"), new RouteShip(30, 60, 60))!;

        Assert.That(plan.Legs.Select(l => (l.From, l.To, l.Mode)), Is.EqualTo(new[]
        {
            (W("A"), W("S"), ShipNavFlightMode.Cruise),
            (W("S"), W("C"), ShipNavFlightMode.Cruise),
        }));
        Assert.That(plan.Legs[0].RefuelsBefore, Is.False);
        Assert.That(plan.Legs[1].RefuelUnits, Is.EqualTo(50), "fill the tank at S: 10 left + 50 bought");
        Assert.That(plan.RefuelStops, Is.EqualTo(1));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(117)));
        Assert.That(plan.UsesDrift, Is.False);
    }

    [Test]
    public void With_a_full_tank_at_the_stop_the_second_hop_is_burned()
    {
        // Same map, tank 100: burn to S (100 fuel, 50 × 12.5 / 30 + 15 = 35.8 -> 36 s), fill up, burn to C:
        // 36 + 3 + 36 = 75 s. Cruising A -> C direct (100 fuel) would take 100 × 25 / 30 + 15 = 98.3 -> 98 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 50, 0), At("C", 100, 0)], [W("S")]);

        var plan = planner.Plan(W("A"), W("C"), new RouteShip(30, 100, 100))!;

        Assert.That(plan.Legs.Select(l => l.Mode), Is.EqualTo(new[] { ShipNavFlightMode.Burn, ShipNavFlightMode.Burn }));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(75)));
    }

    [Test]
    public void When_only_drift_is_feasible_the_planner_cruises_as_far_as_it_can_then_drifts()
    {
        // A -> B is 100 away, 60 fuel, no station. Without DRIFT nothing works. Drifting all the way takes
        // 100 × 250 / 30 + 15 = 848.3 -> 848 s; cruising to M (50 fuel, 57 s) and drifting the other half
        // (1 fuel, 50 × 250 / 30 + 15 = 431.7 -> 432 s) takes 489 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("M", 50, 0), At("B", 100, 0)], []);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(30, 60, 60))!;

        Assert.That(plan.Legs.Select(l => (l.To, l.Mode)), Is.EqualTo(new[]
        {
            (W("M"), ShipNavFlightMode.Cruise),
            (W("B"), ShipNavFlightMode.Drift),
        }));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(489)));
        Assert.That(plan.UsesDrift, Is.True);
        Assert.That(planner.Plan(W("A"), W("B"), new RouteShip(30, 60, 60), new RoutePlannerOptions { Drift = DriftPolicy.Never }), Is.Null);
    }

    [Test]
    public void With_a_nearly_empty_tank_and_no_station_the_only_route_is_a_single_drift()
    {
        // 1 fuel: only one DRIFT hop fits. 100 × 250 / 30 + 15 -> 848 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("M", 50, 0), At("B", 100, 0)], []);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(30, 60, 1))!;

        Assert.That(plan.Legs.Select(l => (l.To, l.Mode)), Is.EqualTo(new[] { (W("B"), ShipNavFlightMode.Drift) }));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(848)));
    }

    [Test]
    public void Drift_is_avoided_while_a_refuel_route_exists_unless_drift_is_allowed_outright()
    {
        // B is 2 away but the tank holds 1. Refuel route: A -> S (d 1, CRUISE 1 fuel: 1 × 25/30 + 15 -> 16 s), fill up,
        // S -> B (d √5 -> 2, BURN 4 fuel: 2 × 12.5/30 + 15 -> 16 s) = 16 + 3 + 16 = 35 s.
        // Drifting A -> B: 2 × 250 / 30 + 15 = 31.7 -> 32 s, faster, but DRIFT is the last resort by default.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 0, -1), At("B", 2, 0)], [W("S")]);
        var ship = new RouteShip(30, 100, 1);

        var careful = planner.Plan(W("A"), W("B"), ship)!;
        var anything = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { Drift = DriftPolicy.Allowed })!;

        Assert.That(careful.UsesDrift, Is.False);
        Assert.That(careful.Duration, Is.EqualTo(TimeSpan.FromSeconds(35)));
        Assert.That(anything.Legs.Select(l => l.Mode), Is.EqualTo(new[] { ShipNavFlightMode.Drift }));
        Assert.That(anything.Duration, Is.EqualTo(TimeSpan.FromSeconds(32)));
    }

    [Test]
    public void A_probe_burns_straight_there_whatever_the_distance()
    {
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 400, 0), At("B", 800, 0)], [W("S")]);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(3, 0, 0))!;

        Assert.That(plan.Legs.Select(l => (l.To, l.Mode, l.Fuel)), Is.EqualTo(new[] { (W("B"), ShipNavFlightMode.Burn, 0) }));
        Assert.That(plan.RefuelStops, Is.Zero);
    }

    [Test]
    public void The_fuel_reserve_is_kept_after_every_hop()
    {
        // A -> B is 50: with 55 fuel and a reserve of 10 CRUISE (50) would leave 5, so the planner must drift.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 30, 40)], []);

        var plan = planner.Plan(W("A"), W("B"), new RouteShip(30, 100, 55), new RoutePlannerOptions { FuelReserve = 10 })!;

        Assert.That(plan.Legs.Single().Mode, Is.EqualTo(ShipNavFlightMode.Drift));
        Assert.That(plan.FuelRemaining, Is.EqualTo(54));
    }

    [Test]
    public void Keeping_the_fuel_to_leave_turns_a_cruise_that_empties_the_tank_then_a_drift_around()
    {
        // Week12's drones on seed 22: G17 (a fuel seller) -> K25 (an asteroid selling no fuel) is 100 away, the tank
        // holds 60. Fastest: cruise to F13 (59 fuel, 59 × 25 / 30 + 15 = 64.2 -> 64 s) and drift the rest (41 × 250 / 30
        // + 15 = 356.7 -> 357 s), arriving at K25 with 0 fuel: stuck there for good. Keeping the fuel to leave: drift to
        // F13 (59 × 250 / 30 + 15 = 506.7 -> 507 s), then cruise (41 fuel, 41 × 25 / 30 + 15 = 49.2 -> 49 s), 18 left.
        var planner = new SystemRoutePlanner([At("G17", 0, 0), At("F13", 59, 0), At("K25", 100, 0)], [W("G17")]);
        var ship = new RouteShip(30, 60, 60);

        var fastest = planner.Plan(W("G17"), W("K25"), ship)!;
        var leaving = planner.Plan(W("G17"), W("K25"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!;

        Assert.That(fastest.Legs.Select(l => (l.To, l.Mode)), Is.EqualTo(new[] { (W("F13"), ShipNavFlightMode.Cruise), (W("K25"), ShipNavFlightMode.Drift) }));
        Assert.That(fastest.FuelRemaining, Is.Zero);
        Assert.That(fastest.Duration, Is.EqualTo(TimeSpan.FromSeconds(421)));
        Assert.That(leaving.Legs.Select(l => (l.To, l.Mode)), Is.EqualTo(new[] { (W("F13"), ShipNavFlightMode.Drift), (W("K25"), ShipNavFlightMode.Cruise) }));
        Assert.That(leaving.FuelRemaining, Is.EqualTo(18));
        Assert.That(leaving.Duration, Is.EqualTo(TimeSpan.FromSeconds(556)));
    }

    [Test]
    public void Cruising_out_asks_for_the_cruise_to_the_nearest_fuel_seller_and_never_drifting_asks_the_same()
    {
        // Same map: from K25 the nearest fuel seller is G17, 100 away, more than the tank holds: no route lets the ship
        // cruise out, so there is none. Never drifting, the cheapest way out is a cruise too.
        var planner = new SystemRoutePlanner([At("G17", 0, 0), At("F13", 59, 0), At("K25", 100, 0)], [W("G17")]);
        var ship = new RouteShip(30, 60, 60);

        Assert.That(planner.Plan(W("G17"), W("K25"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToCruiseToFuelSeller }), Is.Null);

        // Moved to F13, 41 from the seller: a 45-fuel tank from G17 cannot cruise out any more (59 fuel), drifting to F13
        // keeps all but 1 of the 45, at least the 41 to cruise back.
        var near = new SystemRoutePlanner([At("G17", 0, 0), At("F13", 41, 0)], [W("G17")]);
        var small = new RouteShip(30, 60, 45);
        Assert.That(near.Plan(W("G17"), W("F13"), small)!.Legs.Single().Mode, Is.EqualTo(ShipNavFlightMode.Cruise), "41 fuel, 4 left");
        Assert.That(
            near.Plan(W("G17"), W("F13"), small, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToCruiseToFuelSeller })!.Legs.Single().Mode,
            Is.EqualTo(ShipNavFlightMode.Drift));
        Assert.That(
            near.Plan(W("G17"), W("F13"), small, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller, Drift = DriftPolicy.Never }),
            Is.Null,
            "never drifting, the way out is a 41-fuel cruise, and only a drift there keeps it");
    }

    [Test]
    public void A_destination_that_sells_fuel_is_unaffected()
    {
        var planner = new SystemRoutePlanner([At("G17", 0, 0), At("F13", 59, 0), At("K25", 100, 0)], [W("G17"), W("K25")]);
        var ship = new RouteShip(30, 60, 60);

        var fastest = planner.Plan(W("G17"), W("K25"), ship)!;
        var leaving = planner.Plan(W("G17"), W("K25"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToCruiseToFuelSeller })!;

        Assert.That(leaving.Legs, Is.EqualTo(fastest.Legs));
        Assert.That(leaving.FuelRemaining, Is.Zero, "the ship refuels where it arrives");
    }

    [Test]
    public void Keeping_the_fuel_to_leave_takes_a_refuel_stop_the_fastest_route_skips()
    {
        // B is 2 away, 1 fuel in the tank, drift allowed outright: drifting there (32 s) arrives empty. Via the fuel
        // station S: cruise to S (1 fuel, 16 s), fill up, burn to B (4 fuel, 16 s) = 35 s, 96 left.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 0, -1), At("B", 2, 0)], [W("S")]);
        var ship = new RouteShip(30, 100, 1);

        var fastest = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { Drift = DriftPolicy.Allowed })!;
        var leaving = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { Drift = DriftPolicy.Allowed, ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!;

        Assert.That(fastest.FuelRemaining, Is.Zero);
        Assert.That(leaving.Legs.Select(l => (l.To, l.Mode)), Is.EqualTo(new[] { (W("S"), ShipNavFlightMode.Cruise), (W("B"), ShipNavFlightMode.Burn) }));
        Assert.That(leaving.RefuelStops, Is.EqualTo(1));
        Assert.That(leaving.Duration, Is.EqualTo(TimeSpan.FromSeconds(35)));
        Assert.That(leaving.FuelRemaining, Is.EqualTo(96));
    }

    [Test]
    public void Without_a_route_that_keeps_the_fuel_to_leave_there_is_no_route()
    {
        // 1 fuel, no fuel seller anywhere: the only route, a drift, arrives empty. Keeping 1 fuel, there is none.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 3, 4)], []);
        var ship = new RouteShip(30, 100, 1);

        Assert.That(planner.Plan(W("A"), W("B"), ship)!.FuelRemaining, Is.Zero);
        Assert.That(planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller }), Is.Null);
        Assert.That(planner.Plan(W("A"), W("B"), new RouteShip(30, 100, 2), new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!.FuelRemaining, Is.EqualTo(1));
        Assert.That(planner.Plan(W("A"), W("A"), new RouteShip(30, 100, 0), new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!.Legs, Is.Empty, "already there");
        Assert.That(planner.Plan(W("A"), W("B"), new RouteShip(30, 0, 0), new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToCruiseToFuelSeller }), Is.Not.Null, "a probe needs no fuel");
    }

    [Test]
    public void The_fuel_reserve_holds_after_every_hop_the_fuel_to_leave_only_at_the_end()
    {
        // A -> S (a fuel station) -> B, 50 each, 50 fuel, tank 100. Fastest: cruise to S (57 s), arriving empty, fill up,
        // burn to B (36 s) = 96 s, arriving empty at B, which sells no fuel. Keeping the fuel to leave B: cruise instead
        // of burn at the end, 57 + 3 + 57 = 117 s, 50 left; arriving empty at S to refuel is fine. A reserve of 1 after
        // every hop forbids that too: drift to S (432 s), fill up, cruise: 492 s.
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("S", 30, 40), At("B", 60, 80)], [W("S")]);
        var ship = new RouteShip(30, 100, 50);

        var fastest = planner.Plan(W("A"), W("B"), ship)!;
        var leaving = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!;
        var cruising = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { ArrivalFuel = ArrivalFuelPolicy.ToCruiseToFuelSeller })!;
        var reserve = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { FuelReserve = 1 })!;
        var both = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { FuelReserve = 1, ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller })!;
        var more = planner.Plan(W("A"), W("B"), ship, new RoutePlannerOptions { FuelReserve = 51, ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller });

        Assert.That(fastest.Duration, Is.EqualTo(TimeSpan.FromSeconds(96)));
        Assert.That(fastest.FuelRemaining, Is.Zero);
        Assert.That(leaving.Legs.Select(l => l.Mode), Is.EqualTo(new[] { ShipNavFlightMode.Cruise, ShipNavFlightMode.Cruise }));
        Assert.That(leaving.Duration, Is.EqualTo(TimeSpan.FromSeconds(117)));
        Assert.That(leaving.FuelRemaining, Is.EqualTo(50));
        Assert.That(cruising.Duration, Is.EqualTo(TimeSpan.FromSeconds(117)), "the cruise from B to S takes 50, 50 are left");
        Assert.That(reserve.Legs.Select(l => l.Mode), Is.EqualTo(new[] { ShipNavFlightMode.Drift, ShipNavFlightMode.Cruise }));
        Assert.That(reserve.Duration, Is.EqualTo(TimeSpan.FromSeconds(492)));
        Assert.That(both.Duration, Is.EqualTo(reserve.Duration));
        Assert.That(more, Is.Null, "the larger need wins: 51 left after the last hop leaves at most 49 for it");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Routes_keeping_the_fuel_to_leave_are_as_good_as_an_exhaustive_search_on_random_maps(int seed)
    {
        var random = new Random(seed);
        var waypoints = Enumerable.Range(0, 9).Select(i => At($"W{i}", random.Next(-60, 61), random.Next(-60, 61))).ToArray();
        var stations = waypoints.Where((_, i) => i % 3 == 0).Select(w => w.Symbol).ToArray();
        var planner = new SystemRoutePlanner(waypoints, stations);
        var ships = new[] { new RouteShip(30, 80, 40), new RouteShip(10, 50, 50), new RouteShip(3, 120, 5), new RouteShip(30, 30, 30), new RouteShip(30, 60, 1) };
        var changed = 0;

        foreach (var ship in ships)
        {
            foreach (var from in waypoints)
            {
                foreach (var to in waypoints.Where(w => w != from))
                {
                    var cruiseOut = stations.Contains(to.Symbol)
                        ? 0
                        : stations.Min(s => FlightRules.Default.FuelCost(to.DistanceTo(waypoints.Single(w => w.Symbol == s)), ShipNavFlightMode.Cruise, ship.FuelCapacity));
                    var driftOut = stations.Contains(to.Symbol) ? 0 : 1;
                    foreach (var (drift, policy, need) in new[]
                    {
                        (DriftPolicy.Allowed, ArrivalFuelPolicy.ToReachFuelSeller, driftOut),
                        (DriftPolicy.Allowed, ArrivalFuelPolicy.ToCruiseToFuelSeller, cruiseOut),
                        (DriftPolicy.Never, ArrivalFuelPolicy.ToReachFuelSeller, cruiseOut),
                    })
                    {
                        var expected = Exhaustive(waypoints, stations, from.Symbol, to.Symbol, ship, allowDrift: drift == DriftPolicy.Allowed, arrivalFuel: need);
                        var plan = planner.Plan(from.Symbol, to.Symbol, ship, new RoutePlannerOptions { Drift = drift, ArrivalFuel = policy });
                        Assert.That(plan?.Duration.TotalSeconds, Is.EqualTo(expected), $"{from.Symbol} -> {to.Symbol} with {ship}, {drift}, {policy}");
                        if (plan is not null)
                        {
                            AssertFeasible(plan, stations, ship);
                            Assert.That(plan.FuelRemaining, Is.GreaterThanOrEqualTo(need));
                        }

                        var fastest = planner.Plan(from.Symbol, to.Symbol, ship, new RoutePlannerOptions { Drift = drift });
                        changed += fastest?.Duration != plan?.Duration ? 1 : 0;
                    }
                }
            }
        }

        Assert.That(changed, Is.Positive, "some fastest routes leave too little fuel on these maps");
    }

    [Test]
    public void Being_there_already_is_a_plan_without_legs_and_unknown_waypoints_are_rejected()
    {
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 3, 4)], []);

        var plan = planner.Plan(W("A"), W("A"), new RouteShip(30, 100, 7))!;

        Assert.That(plan.Legs, Is.Empty);
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.Zero));
        Assert.That(plan.FuelRemaining, Is.EqualTo(7));
        Assert.That(() => planner.Plan(W("A"), W("Z"), new RouteShip(30, 100, 100)), Throws.ArgumentException);
        Assert.That(
            () => new SystemRoutePlanner([At("A", 0, 0), new WaypointPosition("X1-OTHER-A", "X1-OTHER", 0, 0)], []),
            Throws.ArgumentException);
    }

    [Test]
    public void No_fuel_and_no_station_means_no_route()
    {
        var planner = new SystemRoutePlanner([At("A", 0, 0), At("B", 3, 4)], []);

        Assert.That(planner.Plan(W("A"), W("B"), new RouteShip(30, 100, 0)), Is.Null);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Plans_are_as_good_as_an_exhaustive_search_on_random_maps(int seed)
    {
        var random = new Random(seed);
        var waypoints = Enumerable.Range(0, 9).Select(i => At($"W{i}", random.Next(-60, 61), random.Next(-60, 61))).ToArray();
        var stations = waypoints.Where((_, i) => i % 3 == 0).Select(w => w.Symbol).ToArray();
        var planner = new SystemRoutePlanner(waypoints, stations);
        var ships = new[] { new RouteShip(30, 80, 40), new RouteShip(10, 50, 50), new RouteShip(3, 120, 5), new RouteShip(30, 30, 30) };

        foreach (var ship in ships)
        {
            foreach (var from in waypoints)
            {
                foreach (var to in waypoints)
                {
                    // Fastest with DRIFT as any other mode; and (the default) fastest without DRIFT, or else fastest with it.
                    var withDrift = Exhaustive(waypoints, stations, from.Symbol, to.Symbol, ship, allowDrift: true);
                    var withoutDrift = Exhaustive(waypoints, stations, from.Symbol, to.Symbol, ship, allowDrift: false);

                    var fastest = planner.Plan(from.Symbol, to.Symbol, ship, new RoutePlannerOptions { Drift = DriftPolicy.Allowed });
                    Assert.That(fastest?.Duration.TotalSeconds, Is.EqualTo(withDrift), $"{from.Symbol} -> {to.Symbol} with {ship}");

                    var careful = planner.Plan(from.Symbol, to.Symbol, ship);
                    Assert.That(careful?.Duration.TotalSeconds, Is.EqualTo(withoutDrift ?? withDrift), $"{from.Symbol} -> {to.Symbol} with {ship}, drift as a last resort");
                    if (withoutDrift is not null)
                    {
                        Assert.That(careful!.UsesDrift, Is.False, "a route without DRIFT exists");
                    }

                    var never = planner.Plan(from.Symbol, to.Symbol, ship, new RoutePlannerOptions { Drift = DriftPolicy.Never });
                    Assert.That(never?.Duration.TotalSeconds, Is.EqualTo(withoutDrift));

                    foreach (var plan in new[] { fastest, careful, never }.OfType<RoutePlan>())
                    {
                        AssertFeasible(plan, stations, ship);
                    }
                }
            }
        }
    }

    /// <summary>Replays a plan: every hop must fit the fuel in the tank, and refuels happen only at stations.</summary>
    private static void AssertFeasible(RoutePlan plan, string[] stations, RouteShip ship)
    {
        var fuel = ship.CurrentFuel;
        foreach (var leg in plan.Legs)
        {
            if (leg.RefuelsBefore)
            {
                Assert.That(stations, Does.Contain(leg.From));
                fuel += leg.RefuelUnits;
                Assert.That(fuel, Is.EqualTo(ship.FuelCapacity));
            }

            fuel -= leg.Fuel;
            Assert.That(fuel, Is.GreaterThanOrEqualTo(0));
            Assert.That(leg.FuelAfter, Is.EqualTo(fuel));
        }
    }

    /// <summary>Dijkstra over every (waypoint, fuel) state, with every mode including STEALTH: slow, obviously right.</summary>
    private static double? Exhaustive(WaypointPosition[] waypoints, string[] stations, string from, string to, RouteShip ship, bool allowDrift, int arrivalFuel = 0)
    {
        var rules = FlightRules.Default;
        var modes = allowDrift
            ? new[] { ShipNavFlightMode.Burn, ShipNavFlightMode.Cruise, ShipNavFlightMode.Drift, ShipNavFlightMode.Stealth }
            : new[] { ShipNavFlightMode.Burn, ShipNavFlightMode.Cruise, ShipNavFlightMode.Stealth };
        var best = new Dictionary<(string, int), double>();
        var queue = new PriorityQueue<(string Node, int Fuel), double>();
        queue.Enqueue((from, ship.CurrentFuel), 0);
        best[(from, ship.CurrentFuel)] = 0;
        while (queue.TryDequeue(out var state, out var cost))
        {
            if (cost > best[state])
            {
                continue;
            }

            if (state.Node == to && state.Fuel >= arrivalFuel)
            {
                return cost;
            }

            var here = waypoints.Single(w => w.Symbol == state.Node);
            var next = new List<((string, int) State, double Cost)>();
            if (stations.Contains(state.Node) && state.Fuel < ship.FuelCapacity)
            {
                next.Add(((state.Node, ship.FuelCapacity), cost + 3));
            }

            foreach (var there in waypoints.Where(w => w.Symbol != state.Node))
            {
                foreach (var mode in modes)
                {
                    var left = state.Fuel - rules.FuelCost(here.DistanceTo(there), mode, ship.FuelCapacity);
                    if (left >= 0)
                    {
                        var seconds = rules.NavigateSeconds(here.DistanceTo(there), ship.EngineSpeed, mode);
                        next.Add(((there.Symbol, left), cost + seconds));
                    }
                }
            }

            foreach (var (nextState, nextCost) in next)
            {
                if (!best.TryGetValue(nextState, out var known) || nextCost < known)
                {
                    best[nextState] = nextCost;
                    queue.Enqueue(nextState, nextCost);
                }
            }
        }

        return null;
    }
}
