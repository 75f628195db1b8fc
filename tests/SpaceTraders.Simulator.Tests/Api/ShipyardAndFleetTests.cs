using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Api;

public sealed class ShipyardAndFleetTests
{
    [Test]
    public void Buying_a_ship_needs_a_ship_present_and_the_credits_and_raises_the_price()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("BUYER");
        var yard = SmallShipyard(h);
        var path = $"/systems/{yard.System.Symbol}/waypoints/{yard.Symbol}/shipyard";
        var body = $$"""{"shipType":"SHIP_MINING_DRONE","waypointSymbol":"{{yard.Symbol}}"}""";

        Assert.That(h.Call("GET", path, agent)["data"]!.AsObject().ContainsKey("ships"), Is.False, "no ship there yet");
        Assert.That(h.Fail("POST", "/my/ships", agent, body).Code, Is.EqualTo(4245));
        h.FlyTo("BUYER-2", agent, yard);
        var listing = h.Call("GET", path, agent)["data"]!;
        var price = listing["ships"]!.AsArray().Single(s => s!["type"]!.GetValue<string>() == "SHIP_MINING_DRONE")!["purchasePrice"]!.GetValue<int>();

        var bought = h.Call("POST", "/my/ships", agent, body, 201)["data"]!;

        Assert.That(bought["ship"]!["symbol"]!.GetValue<string>(), Is.EqualTo("BUYER-3"));
        Assert.That(bought["ship"]!["nav"]!["status"]!.GetValue<string>(), Is.EqualTo("DOCKED"));
        Assert.That(bought["ship"]!["frame"]!["symbol"]!.GetValue<string>(), Is.EqualTo("FRAME_DRONE"));
        Assert.That(bought["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000 - price));
        Assert.That(bought["agent"]!["shipCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(bought["transaction"]!["price"]!.GetValue<int>(), Is.EqualTo(price));
        var after = h.Call("GET", path, agent)["data"]!;
        Assert.That(after["ships"]!.AsArray().Single(s => s!["type"]!.GetValue<string>() == "SHIP_MINING_DRONE")!["purchasePrice"]!.GetValue<int>(), Is.GreaterThan(price));
        Assert.That(after["transactions"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(h.Call("GET", "/my/ships?limit=20", agent)["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(3));

        h.Game.FindAgent(agent)!.Credits = 100;
        var broke = h.Fail("POST", "/my/ships", agent, body);
        Assert.That((broke.Code, broke.HttpStatus), Is.EqualTo((4216, 400)));
        Assert.That(ApiHarness.DataOf(broke)!["creditsAvailable"]!.GetValue<long>(), Is.EqualTo(100));
        Assert.That(ApiHarness.DataOf(broke)!["creditsNeeded"]!.GetValue<long>(), Is.GreaterThan(price));
        Assert.That(h.Fail("POST", "/my/ships", agent, $$"""{"shipType":"SHIP_BULK_FREIGHTER","waypointSymbol":"{{yard.Symbol}}"}""").Code, Is.EqualTo(4605));
    }

    [Test]
    public void Mounts_install_from_cargo_and_remove_into_cargo_for_the_shipyard_fee()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("FITTER");
        var yard = SmallShipyard(h);
        h.FlyTo("FITTER-1", agent, yard);
        h.Call("POST", "/my/ships/FITTER-1/dock", agent);
        var fee = h.Game.FindShipyard(yard, h.Now)!.ModificationsFee;

        Assert.That(h.Fail("POST", "/my/ships/FITTER-1/mounts/install", agent, """{"symbol":"MOUNT_MINING_LASER_I"}""").Code, Is.EqualTo(4218), "not in cargo");
        h.Ship("FITTER-1").Cargo.Add("MOUNT_MINING_LASER_I", 1);   // no market of a starting system sells mounts, as in the live game
        var credits = h.Game.FindAgent(agent)!.Credits;

        var installed = h.Call("POST", "/my/ships/FITTER-1/mounts/install", agent, """{"symbol":"MOUNT_MINING_LASER_I"}""", 201)["data"]!;

        Assert.That(installed["mounts"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That(installed["cargo"]!["units"]!.GetValue<int>(), Is.Zero);
        Assert.That(installed["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(credits - fee));
        Assert.That(installed["transaction"]!["totalPrice"]!.GetValue<int>(), Is.EqualTo(fee));
        Assert.That(h.Call("GET", "/my/ships/FITTER-1/mounts", agent)["data"]!.AsArray(), Has.Count.EqualTo(5));

        var removed = h.Call("POST", "/my/ships/FITTER-1/mounts/remove", agent, """{"symbol":"MOUNT_SURVEYOR_II"}""", 201)["data"]!;
        Assert.That(removed["mounts"]!.AsArray().Select(m => m!["symbol"]!.GetValue<string>()), Does.Not.Contain("MOUNT_SURVEYOR_II"));
        Assert.That(removed["cargo"]!["inventory"]![0]!["symbol"]!.GetValue<string>(), Is.EqualTo("MOUNT_SURVEYOR_II"));
        Assert.That(h.Fail("POST", "/my/ships/FITTER-1/mounts/remove", agent, """{"symbol":"MOUNT_SURVEYOR_II"}""").Code, Is.EqualTo(4247));

        var hq = h.Game.Universe.Headquarters["COSMIC"];
        h.FlyTo("FITTER-1", agent, h.HomeSystem().Waypoints.First(w => w.Shipyard is null && w.Type == "PLANET" && w.Market is not null && w != hq));
        h.Call("POST", "/my/ships/FITTER-1/dock", agent);
        Assert.That(h.Fail("POST", "/my/ships/FITTER-1/mounts/install", agent, """{"symbol":"MOUNT_SURVEYOR_II"}""").Code, Is.EqualTo(4246));
        Assert.That(h.Fail("POST", "/my/ships/FITTER-1/modules/remove", agent, """{"symbol":"MODULE_CREW_QUARTERS_I"}""").Code, Is.EqualTo(4266));
        Assert.That(h.Fail("GET", "/my/ships/FITTER-1/repair", agent).Code, Is.EqualTo(4264));
        Assert.That(h.Fail("GET", "/my/ships/FITTER-1/scrap", agent).Code, Is.EqualTo(4263));
    }

    [Test]
    public void Modules_respect_slots_and_cargo_holds_change_capacity()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("MODDER");
        var yard = SmallShipyard(h);
        h.FlyTo("MODDER-1", agent, yard);
        h.Call("POST", "/my/ships/MODDER-1/dock", agent);
        h.Ship("MODDER-1").Cargo.Add("MODULE_CARGO_HOLD_I", 1);   // no market of a starting system sells modules, as in the live game

        var installed = h.Call("POST", "/my/ships/MODDER-1/modules/install", agent, """{"symbol":"MODULE_CARGO_HOLD_I"}""", 201)["data"]!;

        Assert.That(installed["cargo"]!["capacity"]!.GetValue<int>(), Is.EqualTo(55));
        Assert.That(installed["modules"]!.AsArray(), Has.Count.EqualTo(5));
        h.Ship("MODDER-1").Cargo.Add("MODULE_CARGO_HOLD_I", 1);
        Assert.That(h.Fail("POST", "/my/ships/MODDER-1/modules/install", agent, """{"symbol":"MODULE_CARGO_HOLD_I"}""").Code, Is.EqualTo(4250), "8 slots are full");
        var removed = h.Call("POST", "/my/ships/MODDER-1/modules/remove", agent, """{"symbol":"MODULE_CARGO_HOLD_I"}""", 201)["data"]!;
        Assert.That(removed["cargo"]!["capacity"]!.GetValue<int>(), Is.EqualTo(40));
        Assert.That(removed["cargo"]!["units"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public void Repairs_restore_condition_and_scrapping_pays_and_removes_the_ship()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("WRECKER");
        var yard = SmallShipyard(h);
        h.FlyTo("WRECKER-1", agent, yard);
        h.Call("POST", "/my/ships/WRECKER-1/dock", agent);
        var ship = h.Ship("WRECKER-1");
        ship.FrameWear.Wear(0.3);
        ship.FrameWear.Condition = 0.7;
        ship.EngineWear.Condition = 1;
        ship.ReactorWear.Condition = 1;

        var quote = h.Call("GET", "/my/ships/WRECKER-1/repair", agent)["data"]!["transaction"]!["totalPrice"]!.GetValue<int>();
        var repaired = h.Call("POST", "/my/ships/WRECKER-1/repair", agent)["data"]!;

        Assert.That(quote, Is.EqualTo((int)Math.Round(500_000 * 0.2 * 0.3 / 3, MidpointRounding.AwayFromZero)));
        Assert.That(repaired["transaction"]!["totalPrice"]!.GetValue<int>(), Is.EqualTo(quote));
        Assert.That(repaired["ship"]!["frame"]!["condition"]!.GetValue<double>(), Is.EqualTo(1));
        Assert.That(repaired["ship"]!["frame"]!["integrity"]!.GetValue<double>(), Is.LessThan(1));
        Assert.That(repaired["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000 - quote));

        var value = h.Call("GET", "/my/ships/WRECKER-1/scrap", agent)["data"]!["transaction"]!["totalPrice"]!.GetValue<int>();
        var scrapped = h.Call("POST", "/my/ships/WRECKER-1/scrap", agent)["data"]!;

        Assert.That(value, Is.EqualTo(125_000));
        Assert.That(scrapped["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000 - quote + value));
        Assert.That(scrapped["agent"]!["shipCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(h.Fail("GET", "/my/ships/WRECKER-1", agent).HttpStatus, Is.EqualTo(404));
    }

    [Test]
    public void Cargo_moves_between_ships_at_the_same_place_and_can_be_jettisoned()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("MOVER");
        var yard = SmallShipyard(h);
        h.FlyTo("MOVER-2", agent, yard);
        h.FlyTo("MOVER-1", agent, yard);
        h.Call("POST", "/my/ships/MOVER-1/dock", agent);
        h.Call("POST", "/my/ships", agent, $$"""{"shipType":"SHIP_MINING_DRONE","waypointSymbol":"{{yard.Symbol}}"}""", 201);
        h.Ship("MOVER-1").Cargo.Add("IRON_ORE", 20);

        var moved = h.Call("POST", "/my/ships/MOVER-1/transfer", agent, """{"tradeSymbol":"IRON_ORE","units":12,"shipSymbol":"MOVER-3"}""")["data"]!;

        Assert.That(moved["cargo"]!["units"]!.GetValue<int>(), Is.EqualTo(8));
        Assert.That(moved["targetCargo"]!["units"]!.GetValue<int>(), Is.EqualTo(12));
        Assert.That(h.Fail("POST", "/my/ships/MOVER-1/transfer", agent, """{"tradeSymbol":"IRON_ORE","units":8,"shipSymbol":"MOVER-3"}""").Code, Is.EqualTo(4228), "the drone holds 15");
        Assert.That(h.Fail("POST", "/my/ships/MOVER-1/transfer", agent, """{"tradeSymbol":"IRON_ORE","units":1,"shipSymbol":"MOVER-2"}""").Code, Is.EqualTo(4271), "the probe is in orbit");
        Assert.That(h.Fail("POST", "/my/ships/MOVER-1/transfer", agent, """{"tradeSymbol":"IRON_ORE","units":1,"shipSymbol":"MOVER-1"}""").Code, Is.EqualTo(4233));
        Assert.That(h.Fail("POST", "/my/ships/MOVER-1/transfer", agent, """{"tradeSymbol":"IRON_ORE","units":1,"shipSymbol":"NOBODY-1"}""").Code, Is.EqualTo(4231));

        var jettisoned = h.Call("POST", "/my/ships/MOVER-1/jettison", agent, """{"symbol":"IRON_ORE","units":5}""")["data"]!;
        Assert.That(jettisoned["cargo"]!["inventory"]![0]!["units"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(h.Fail("POST", "/my/ships/MOVER-1/jettison", agent, """{"symbol":"IRON_ORE","units":5}""").Code, Is.EqualTo(4219));
        Assert.That(h.Call("GET", "/my/ships/MOVER-1/cargo", agent)["data"]!["units"]!.GetValue<int>(), Is.EqualTo(3));
    }

    private static Waypoint SmallShipyard(ApiHarness h) =>
        h.HomeSystem().Waypoints.Single(w => w.Shipyard is not null && w.Shipyard.ShipTypes.Contains("SHIP_MINING_DRONE"));
}
