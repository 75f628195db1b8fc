using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Api;

public sealed class WorldEndpointTests
{
    [Test]
    public void Status_has_no_envelope_and_counts_the_world()
    {
        using var h = new ApiHarness();
        h.Register("RICH");

        var status = h.Call("GET", "/");

        Assert.That(status["data"], Is.Null);
        Assert.That(status["version"]!.GetValue<string>(), Is.EqualTo("v2.3.0"));
        Assert.That(status["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-01"));
        Assert.That(status["serverResets"]!["next"]!.GetValue<string>(), Is.EqualTo("2026-01-08T00:00:00.000Z"));
        Assert.That(status["serverResets"]!["frequency"]!.GetValue<string>(), Is.EqualTo("weekly"));
        Assert.That(status["stats"]!["agents"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(status["stats"]!["ships"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(status["stats"]!["systems"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(status["stats"]!["waypoints"]!.GetValue<int>(), Is.EqualTo(h.Game.Universe.Waypoints.Count));
        Assert.That(status["leaderboards"]!["mostCredits"]![0]!["agentSymbol"]!.GetValue<string>(), Is.EqualTo("RICH"));
    }

    [Test]
    public void Error_codes_and_the_supply_chain_are_listed()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("READER");

        var codes = h.Call("GET", "/error-codes")["errorCodes"]!.AsArray();
        var chain = h.Call("GET", "/market/supply-chain", agent)["data"]!["exportToImportMap"]!;

        Assert.That(codes.Select(c => c!["code"]!.GetValue<int>()), Is.SupersetOf(new[] { 4000, 4203, 4214, 4216, 4221, 4224, 4228, 4600, 4604 }));
        Assert.That(codes.Single(c => c!["code"]!.GetValue<int>() == 4224)!["name"]!.GetValue<string>(), Is.EqualTo("shipSurveyExhaustedError"));
        Assert.That(chain["IRON"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EqualTo(new[] { "IRON_ORE" }));
        Assert.That(chain["FAB_MATS"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EquivalentTo(new[] { "IRON", "QUARTZ_SAND" }));
    }

    [Test]
    public void Systems_waypoints_gates_and_factions_answer_from_the_world()
    {
        using var h = new ApiHarness();
        var home = h.HomeSystem();
        var gate = home.JumpGate!;
        var hq = h.Game.Universe.Headquarters["COSMIC"];

        var system = h.Call("GET", $"/systems/{home.Symbol}")["data"]!;
        var waypoint = h.Call("GET", $"/systems/{home.Symbol}/waypoints/{hq.Symbol}")["data"]!;
        var jumpGate = h.Call("GET", $"/systems/{home.Symbol}/waypoints/{gate.Symbol}/jump-gate")["data"]!;
        var faction = h.Call("GET", "/factions/COSMIC")["data"]!;

        Assert.That(system["waypoints"]!.AsArray(), Has.Count.EqualTo(home.Waypoints.Count));
        Assert.That(system["factions"]![0]!["symbol"]!.GetValue<string>(), Is.EqualTo("COSMIC"));
        Assert.That(waypoint["orbitals"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(waypoint["traits"]!.AsArray().Select(t => t!["symbol"]!.GetValue<string>()), Does.Contain("MARKETPLACE"));
        Assert.That(waypoint["chart"]!["submittedBy"]!.GetValue<string>(), Is.EqualTo("COSMIC"));
        Assert.That(waypoint["isUnderConstruction"]!.GetValue<bool>(), Is.False);
        Assert.That(jumpGate["connections"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(gate.Connections));
        Assert.That(faction["headquarters"]!.GetValue<string>(), Is.EqualTo(hq.Symbol));
        Assert.That(faction["isRecruiting"]!.GetValue<bool>(), Is.True);

        Assert.That(h.Fail("GET", "/systems/X1-NOPE").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("GET", $"/systems/{home.Symbol}/waypoints/{hq.Symbol}/jump-gate").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("GET", $"/systems/{home.Symbol}/waypoints/{home.Waypoints.First(w => w.Type == "ASTEROID").Symbol}/market").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("GET", $"/systems/{home.Symbol}/waypoints/{hq.Symbol}/construction").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("GET", "/factions/NOPE").HttpStatus, Is.EqualTo(404));
        Assert.That(h.Fail("GET", $"/systems/{h.Game.Universe.Systems.First(s => s != home).Symbol}/waypoints/{hq.Symbol}").HttpStatus, Is.EqualTo(404));
    }

    [Test]
    public void Supplying_a_construction_site_completes_the_gate()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("BUILDER");
        var site = h.HomeSystem().JumpGate!;
        var path = $"/systems/{site.System.Symbol}/waypoints/{site.Symbol}/construction";
        var ship = h.Ship("BUILDER-1");
        Teleport(ship, site, NavStatus.Docked);
        ship.Cargo.Add("FAB_MATS", 10);
        ship.Cargo.Add("IRON", 1);

        var before = h.Call("GET", path)["data"]!;
        var supplied = h.Call("POST", path + "/supply", agent, """{"shipSymbol":"BUILDER-1","tradeSymbol":"FAB_MATS","units":10}""", 201)["data"]!;

        Assert.That(before["isComplete"]!.GetValue<bool>(), Is.False);
        Assert.That(supplied["construction"]!["materials"]![0]!["fulfilled"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(supplied["cargo"]!["units"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(h.Fail("POST", path + "/supply", agent, """{"shipSymbol":"BUILDER-1","tradeSymbol":"IRON","units":1}""").Code, Is.EqualTo(4800));

        foreach (var material in h.Game.FindConstruction(site)!.Materials)
        {
            material.Fulfilled = material.Required - (material.TradeSymbol == "QUANTUM_STABILIZERS" ? 1 : 0);
        }

        ship.Cargo.Add("QUANTUM_STABILIZERS", 1);
        var done = h.Call("POST", path + "/supply", agent, """{"shipSymbol":"BUILDER-1","tradeSymbol":"QUANTUM_STABILIZERS","units":1}""", 201)["data"]!;

        Assert.That(done["construction"]!["isComplete"]!.GetValue<bool>(), Is.True);
        Assert.That(site.IsUnderConstruction, Is.False);
        Assert.That(h.Call("GET", $"/systems/{site.System.Symbol}/waypoints/{site.Symbol}")["data"]!["traits"]!.AsArray().Select(t => t!["symbol"]!.GetValue<string>()), Does.Not.Contain("UNDER_CONSTRUCTION"));
        Assert.That(h.Fail("POST", path + "/supply", agent, """{"shipSymbol":"BUILDER-1","tradeSymbol":"FAB_MATS","units":1}""").Code, Is.EqualTo(4801));
    }

    [Test]
    public void Charting_reveals_an_uncharted_waypoint_once()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("CHARTER");
        var target = h.Game.Universe.Systems.First(s => s.IsUncharted).Waypoints[0];
        Teleport(h.Ship("CHARTER-2"), target, NavStatus.InOrbit);

        var charted = h.Call("POST", "/my/ships/CHARTER-2/chart", agent, status: 201)["data"]!;

        Assert.That(charted["chart"]!["submittedBy"]!.GetValue<string>(), Is.EqualTo("CHARTER"));
        Assert.That(charted["waypoint"]!["traits"]!.AsArray().Select(t => t!["symbol"]!.GetValue<string>()), Is.EqualTo(target.Traits));
        Assert.That(h.Fail("POST", "/my/ships/CHARTER-2/chart", agent).Code, Is.EqualTo(4230));
        Assert.That(h.Call("GET", "/")["leaderboards"]!["mostSubmittedCharts"]![0]!["chartCount"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void Scans_need_a_sensor_array_and_cool_the_reactor()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("SCANNER");
        h.Call("POST", "/my/ships/SCANNER-1/orbit", agent);

        var waypoints = h.Call("POST", "/my/ships/SCANNER-1/scan/waypoints", agent, status: 201)["data"]!;
        Assert.That(waypoints["cooldown"]!["totalSeconds"]!.GetValue<int>(), Is.EqualTo(80), "Sensor Array II draws 2 power");
        Assert.That(waypoints["waypoints"]!.AsArray(), Is.Not.Empty);
        Assert.That(h.Fail("POST", "/my/ships/SCANNER-1/scan/ships", agent).Code, Is.EqualTo(4000));
        h.Advance(80);
        var ships = h.Call("POST", "/my/ships/SCANNER-1/scan/ships", agent, status: 201)["data"]!["ships"]!.AsArray();
        Assert.That(ships.Select(s => s!["symbol"]!.GetValue<string>()), Does.Contain("SCANNER-2"));
        h.Advance(80);
        var systems = h.Call("POST", "/my/ships/SCANNER-1/scan/systems", agent, status: 201)["data"]!["systems"]!.AsArray();
        Assert.That(systems.Select(s => s!["distance"]!.GetValue<int>()), Is.Ordered.Ascending);
        Assert.That(h.Fail("POST", "/my/ships/SCANNER-2/scan/systems", agent).Code, Is.EqualTo(4215), "the probe has no sensors");
    }

    [Test]
    public void Factions_and_agent_events_are_listed_for_the_agent()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("EVENTFUL");

        var factions = h.Call("GET", "/my/factions?limit=20", agent);
        var events = h.Call("GET", "/my/agent/events", agent)["data"]!.AsArray();

        Assert.That(factions["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(19));
        Assert.That(factions["data"]!.AsArray().Single(f => f!["symbol"]!.GetValue<string>() == "COSMIC")!["reputation"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(events.Select(e => e!["type"]!.GetValue<string>()), Does.Contain("AGENT_REGISTERED"));
    }

    private static void Teleport(Ship ship, Waypoint waypoint, string status)
    {
        ship.Location = waypoint;
        ship.Origin = waypoint;
        ship.Status = status;
    }
}
