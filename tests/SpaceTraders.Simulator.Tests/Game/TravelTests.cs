using System.Globalization;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Tests.Api;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class TravelTests
{
    // FACTS.md §5: time = round(round(max(1, d)) × multiplier / speed + 15); fuel CRUISE/STEALTH round(d) (min 1),
    // DRIFT 1, BURN 2 × round(d) (min 2). Worked by hand for d = 50, speed 30.
    [TestCase("CRUISE", 57, 50)]
    [TestCase("DRIFT", 432, 1)]
    [TestCase("BURN", 36, 100)]
    [TestCase("STEALTH", 65, 50)]
    public void Navigation_time_and_fuel_follow_the_formulas(string mode, int seconds, int fuel)
    {
        Assert.That(TravelRules.NavigateSeconds(50, 30, mode), Is.EqualTo(seconds));
        Assert.That(TravelRules.FuelCost(50, mode), Is.EqualTo(fuel));
    }

    [Test]
    public void Rounding_is_half_away_from_zero_and_short_hops_cost_the_minimum()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TravelRules.NavigateSeconds(3, 10, "CRUISE"), Is.EqualTo(23), "7.5 + 15 = 22.5 rounds up");
            Assert.That(TravelRules.FuelCost(2.5, "CRUISE"), Is.EqualTo(3));
            Assert.That(TravelRules.NavigateSeconds(0, 30, "CRUISE"), Is.EqualTo(16), "distance counts as at least 1");
            Assert.That(TravelRules.FuelCost(0, "CRUISE"), Is.EqualTo(1));
            Assert.That(TravelRules.FuelCost(0.4, "BURN"), Is.EqualTo(2));
            Assert.That(TravelRules.WarpSeconds(100, 30, "CRUISE"), Is.EqualTo(182), "100 × 50 / 30 + 15 = 181.67");
            Assert.That(TravelRules.JumpCooldown(55), Is.EqualTo(32), "15 + 16.5 rounds up");
            Assert.That(TravelRules.ActionCooldown(2), Is.EqualTo(80));
        });
    }

    [TestCase("CRUISE", 25.0)]
    [TestCase("DRIFT", 250.0)]
    [TestCase("BURN", 12.5)]
    [TestCase("STEALTH", 30.0)]
    public void A_flight_takes_the_formula_time_burns_the_formula_fuel_and_arrives_lazily(string mode, double multiplier)
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("NAV");
        var ship = h.Ship("NAV-1");
        var destination = FarthestInSystem(ship.Location);
        var d = ship.Location.DistanceTo(destination);
        var rounded = (int)Math.Round(d, MidpointRounding.AwayFromZero);
        var expectedSeconds = (int)Math.Round((Math.Max(1, rounded) * multiplier / ship.Engine.Speed) + 15, MidpointRounding.AwayFromZero);
        var expectedFuel = mode switch
        {
            "DRIFT" => 1,
            "BURN" => Math.Max(2, 2 * rounded),
            _ => Math.Max(1, rounded),
        };

        h.Call("POST", "/my/ships/NAV-1/orbit", agent);
        h.Call("PATCH", "/my/ships/NAV-1/nav", agent, $$"""{"flightMode":"{{mode}}"}""");
        var data = h.Call("POST", "/my/ships/NAV-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""")["data"]!;

        var departure = Time(data["nav"]!["route"]!["departureTime"]!);
        var arrival = Time(data["nav"]!["route"]!["arrival"]!);
        Assert.Multiple(() =>
        {
            Assert.That((arrival - departure).TotalSeconds, Is.EqualTo(expectedSeconds));
            Assert.That(data["fuel"]!["current"]!.GetValue<int>(), Is.EqualTo(400 - expectedFuel));
            Assert.That(data["fuel"]!["consumed"]!["amount"]!.GetValue<int>(), Is.EqualTo(expectedFuel));
            Assert.That(data["nav"]!["status"]!.GetValue<string>(), Is.EqualTo("IN_TRANSIT"));
            Assert.That(data["nav"]!["flightMode"]!.GetValue<string>(), Is.EqualTo(mode));
            Assert.That(data["nav"]!["route"]!["origin"]!["symbol"]!.GetValue<string>(), Is.EqualTo(h.Game.Universe.Headquarters["COSMIC"].Symbol));
        });

        h.Advance(expectedSeconds - 1);
        Assert.That(h.Call("GET", "/my/ships/NAV-1/nav", agent)["data"]!["status"]!.GetValue<string>(), Is.EqualTo("IN_TRANSIT"));
        h.Advance(1);
        var nav = h.Call("GET", "/my/ships/NAV-1/nav", agent)["data"]!;
        Assert.That(nav["status"]!.GetValue<string>(), Is.EqualTo("IN_ORBIT"));
        Assert.That(nav["waypointSymbol"]!.GetValue<string>(), Is.EqualTo(destination.Symbol));
    }

    [Test]
    public void Acting_in_transit_is_4214_with_the_route_and_seconds_to_arrival()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("TRANSIT");
        var destination = FarthestInSystem(h.Ship("TRANSIT-1").Location);
        h.Call("POST", "/my/ships/TRANSIT-1/orbit", agent);
        var route = h.Call("POST", "/my/ships/TRANSIT-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""")["data"]!["nav"]!["route"]!;
        var total = (int)(Time(route["arrival"]!) - Time(route["departureTime"]!)).TotalSeconds;
        h.Advance(10);

        foreach (var action in new[] { "dock", "orbit", "extract", "navigate" })
        {
            var error = h.Fail("POST", $"/my/ships/TRANSIT-1/{action}", agent, $$"""{"waypointSymbol":"{{h.Ship("TRANSIT-1").Origin.Symbol}}"}""");
            var data = ApiHarness.DataOf(error)!;
            Assert.That((error.Code, error.HttpStatus), Is.EqualTo((4214, 400)), action);
            Assert.That(data["secondsToArrival"]!.GetValue<int>(), Is.EqualTo(total - 10), action);
            Assert.That(data["destinationSymbol"]!.GetValue<string>(), Is.EqualTo(destination.Symbol));
            Assert.That(data["departureSymbol"]!.GetValue<string>(), Is.EqualTo(h.Game.Universe.Headquarters["COSMIC"].Symbol));
            Assert.That(Time(data["arrival"]!), Is.EqualTo(Time(route["arrival"]!)));
            Assert.That(Time(data["departureTime"]!), Is.EqualTo(Time(route["departureTime"]!)));
        }
    }

    [Test]
    public void Not_enough_fuel_is_4203_with_what_was_needed_and_available()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("DRY");
        var ship = h.Ship("DRY-1");
        var destination = FarthestInSystem(ship.Location);
        ship.Fuel = 3;
        h.Call("POST", "/my/ships/DRY-1/orbit", agent);

        var error = h.Fail("POST", "/my/ships/DRY-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""");
        var data = ApiHarness.DataOf(error)!;

        Assert.That(error.Code, Is.EqualTo(4203));
        Assert.That(data["fuelAvailable"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(data["fuelRequired"]!.GetValue<int>(), Is.EqualTo(TravelRules.FuelCost(ship.Location.DistanceTo(destination), "CRUISE")));
        Assert.That(h.Call("PATCH", "/my/ships/DRY-1/nav", agent, """{"flightMode":"DRIFT"}""")["data"]!["nav"]!["flightMode"]!.GetValue<string>(), Is.EqualTo("DRIFT"));
        Assert.That(h.Call("POST", "/my/ships/DRY-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""")["data"]!["fuel"]!["current"]!.GetValue<int>(), Is.EqualTo(2), "drifting costs 1");
    }

    // The live message names the shortfall, not the total: "requires 14 more fuel" with fuelRequired 39 and
    // fuelAvailable 25 (eseidel/space_traders packages/cli/lib/net/exceptions.dart, FACTS.md [ES-EXC]).
    [Test]
    public void The_4203_message_names_the_shortfall_not_the_fuel_required()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("SHORT");
        var ship = h.Ship("SHORT-1");
        var destination = FarthestInSystem(ship.Location);
        var required = TravelRules.FuelCost(ship.Location.DistanceTo(destination), "CRUISE");
        Assume.That(required, Is.GreaterThan(5), "the far waypoint costs more than the fuel left aboard");
        ship.Fuel = 5;
        h.Call("POST", "/my/ships/SHORT-1/orbit", agent);

        var error = h.Fail("POST", "/my/ships/SHORT-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""");

        Assert.That(error.Message, Is.EqualTo(string.Create(CultureInfo.InvariantCulture, $"Navigate request failed. Ship SHORT-1 requires {required - 5} more fuel for navigation.")));
        Assert.That(ApiHarness.DataOf(error)!["fuelRequired"]!.GetValue<int>(), Is.EqualTo(required));
    }

    [Test]
    public void Probes_fly_without_fuel()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("PROBER");
        var destination = FarthestInSystem(h.Ship("PROBER-2").Location);
        h.Call("POST", "/my/ships/PROBER-2/orbit", agent);

        var data = h.Call("POST", "/my/ships/PROBER-2/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""")["data"]!;

        Assert.That(data["fuel"]!["current"]!.GetValue<int>(), Is.Zero);
        Assert.That(data["fuel"]!["capacity"]!.GetValue<int>(), Is.Zero);
        Assert.That(data["fuel"]!["consumed"], Is.Null);
    }

    [Test]
    public void Speeding_up_in_transit_costs_fuel_and_brings_arrival_forward_and_slowing_down_is_4269()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("HURRY");
        var ship = h.Ship("HURRY-1");
        var destination = FarthestInSystem(ship.Location);
        var d = ship.Location.DistanceTo(destination);
        h.Call("POST", "/my/ships/HURRY-1/orbit", agent);
        h.Call("POST", "/my/ships/HURRY-1/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""");
        var cruiseArrival = ship.Arrival;
        var fuelAfterCruise = ship.Fuel;
        var total = (ship.Arrival - ship.DepartureTime).TotalSeconds;
        h.Advance((int)(total / 2));

        Assert.That(h.Fail("PATCH", "/my/ships/HURRY-1/nav", agent, """{"flightMode":"DRIFT"}""").Code, Is.EqualTo(4269));
        var data = h.Call("PATCH", "/my/ships/HURRY-1/nav", agent, """{"flightMode":"BURN"}""")["data"]!;

        var fraction = (cruiseArrival - h.Now).TotalSeconds / total;
        var extra = (int)Math.Ceiling(fraction * (TravelRules.FuelCost(d, "BURN") - TravelRules.FuelCost(d, "CRUISE")));
        Assert.That(Time(data["nav"]!["route"]!["arrival"]!), Is.LessThan(cruiseArrival));
        Assert.That(data["fuel"]!["current"]!.GetValue<int>(), Is.EqualTo(fuelAfterCruise - extra));
        Assert.That(data["nav"]!["flightMode"]!.GetValue<string>(), Is.EqualTo("BURN"));
    }

    [Test]
    public void Navigation_outside_the_system_or_to_the_same_waypoint_or_while_docked_is_refused()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("RULES");
        var here = h.Ship("RULES-1").Location;
        var elsewhere = h.Game.Universe.Systems.First(s => s != here.System).Waypoints[0];

        Assert.That(h.Fail("POST", "/my/ships/RULES-1/navigate", agent, $$"""{"waypointSymbol":"{{FarthestInSystem(here).Symbol}}"}""").Code, Is.EqualTo(4236), "docked");
        h.Call("POST", "/my/ships/RULES-1/orbit", agent);
        Assert.That(h.Fail("POST", "/my/ships/RULES-1/navigate", agent, $$"""{"waypointSymbol":"{{elsewhere.Symbol}}"}""").Code, Is.EqualTo(4202));
        Assert.That(h.Fail("POST", "/my/ships/RULES-1/navigate", agent, $$"""{"waypointSymbol":"{{here.Symbol}}"}""").Code, Is.EqualTo(4204));
        Assert.That(h.Fail("POST", "/my/ships/RULES-1/navigate", agent, """{"waypointSymbol":"X1-NOPE-A1"}""").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("POST", "/my/ships/RULES-1/navigate", agent, "{}").HttpStatus, Is.EqualTo(422));
        Assert.That(h.Fail("POST", "/my/ships/RULES-1/warp", agent, $$"""{"waypointSymbol":"{{elsewhere.Symbol}}"}""").Code, Is.EqualTo(4241), "no warp drive");
    }

    [Test]
    public void A_jump_moves_the_ship_to_a_connected_gate_charges_antimatter_and_cools_the_reactor()
    {
        using var h = new ApiHarness(options: new WorldOptions { StartingGatesUnderConstruction = false });
        var (agent, _) = h.Register("JUMPER");
        var gate = h.HomeSystem().JumpGate!;
        h.FlyTo("JUMPER-2", agent, gate);
        var target = gate.Connections.Select(c => h.Game.Universe.FindWaypoint(c)!).First(w => !w.IsUnderConstruction);
        var credits = h.Game.FindAgent(agent)!.Credits;

        var data = h.Call("POST", "/my/ships/JUMPER-2/jump", agent, $$"""{"waypointSymbol":"{{target.Symbol}}"}""")["data"]!;

        var distance = gate.System.DistanceTo(target.System);
        Assert.Multiple(() =>
        {
            Assert.That(data["nav"]!["waypointSymbol"]!.GetValue<string>(), Is.EqualTo(target.Symbol));
            Assert.That(data["nav"]!["systemSymbol"]!.GetValue<string>(), Is.EqualTo(target.System.Symbol));
            Assert.That(data["nav"]!["status"]!.GetValue<string>(), Is.EqualTo("IN_ORBIT"));
            Assert.That(data["cooldown"]!["totalSeconds"]!.GetValue<int>(), Is.EqualTo((int)Math.Round(15 + (0.3 * distance), MidpointRounding.AwayFromZero)));
            Assert.That(data["transaction"]!["tradeSymbol"]!.GetValue<string>(), Is.EqualTo("ANTIMATTER"));
            Assert.That(data["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(credits - data["transaction"]!["totalPrice"]!.GetValue<int>()));
        });
        Assert.That(h.Fail("POST", "/my/ships/JUMPER-2/jump", agent, $$"""{"waypointSymbol":"{{gate.Symbol}}"}""").Code, Is.EqualTo(4000), "cooling down");
    }

    /// <summary>The farthest waypoint a full frigate tank (400) reaches even at BURN.</summary>
    private static Waypoint FarthestInSystem(Waypoint from) =>
        from.System.Waypoints.Where(w => w.DistanceTo(from) <= 190).OrderByDescending(w => w.DistanceTo(from)).First();

    private static DateTimeOffset Time(System.Text.Json.Nodes.JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
