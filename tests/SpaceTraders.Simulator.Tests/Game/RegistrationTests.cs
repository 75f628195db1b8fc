using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Tests.Api;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class RegistrationTests
{
    [Test]
    public void Registering_gives_175000_credits_a_frigate_a_probe_and_a_contract_at_the_headquarters()
    {
        using var h = new ApiHarness();
        var (agent, data) = h.Register("tester-1");

        Assert.That(agent, Is.EqualTo("TESTER-1"), "symbols are upper-cased");
        var hq = data["agent"]!["headquarters"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(data["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000));
            Assert.That(data["agent"]!["shipCount"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(data["agent"]!["startingFaction"]!.GetValue<string>(), Is.EqualTo("COSMIC"));
            Assert.That(hq, Is.EqualTo(h.Game.Universe.Headquarters["COSMIC"].Symbol));
            Assert.That(data["faction"]!["symbol"]!.GetValue<string>(), Is.EqualTo("COSMIC"));
            Assert.That(data["faction"]!["headquarters"]!.GetValue<string>(), Is.EqualTo(hq));
        });

        var ships = data["ships"]!.AsArray();
        Assert.That(ships.Select(s => s!["frame"]!["symbol"]!.GetValue<string>()), Is.EqualTo(new[] { "FRAME_FRIGATE", "FRAME_PROBE" }));
        Assert.That(ships.Select(s => s!["symbol"]!.GetValue<string>()), Is.EqualTo(new[] { "TESTER-1-1", "TESTER-1-2" }));
        Assert.That(ships.Select(s => s!["nav"]!["status"]!.GetValue<string>()), Has.All.EqualTo("DOCKED"));
        Assert.That(ships.Select(s => s!["nav"]!["waypointSymbol"]!.GetValue<string>()), Has.All.EqualTo(hq));
        Assert.That(ships[0]!["mounts"]!.AsArray().Select(m => m!["symbol"]!.GetValue<string>()), Does.Contain("MOUNT_MINING_LASER_II"));
        Assert.That(ships[0]!["cargo"]!["capacity"]!.GetValue<int>(), Is.EqualTo(40));
        Assert.That(ships[0]!["fuel"]!["current"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(ships[1]!["fuel"]!["capacity"]!.GetValue<int>(), Is.Zero);

        var contract = data["contract"]!;
        Assert.Multiple(() =>
        {
            Assert.That(contract["type"]!.GetValue<string>(), Is.EqualTo("PROCUREMENT"));
            Assert.That(contract["accepted"]!.GetValue<bool>(), Is.False);
            Assert.That(contract["terms"]!["deliver"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(contract["terms"]!["payment"]!["onFulfilled"]!.GetValue<long>(), Is.GreaterThan(contract["terms"]!["payment"]!["onAccepted"]!.GetValue<long>()));
        });

        var token = data["token"]!.GetValue<string>();
        Assert.That(h.Tokens.Check(token, out var tokenAgent), Is.EqualTo(TokenCheck.Valid));
        Assert.That(tokenAgent.Agent, Is.EqualTo("TESTER-1"));
        Assert.That(h.Call("GET", "/my/contracts", agent)["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void A_taken_symbol_is_a_409_conflict_whatever_its_case()
    {
        using var h = new ApiHarness();
        h.Register("ALPHA");

        var error = h.Fail("POST", "/register", json: """{"symbol":"alpha","faction":"VOID"}""");

        Assert.That((error.Code, error.HttpStatus), Is.EqualTo((4111, 409)));
    }

    [TestCase("""{"symbol":"AB","faction":"COSMIC"}""", 422)]
    [TestCase("""{"symbol":"FIFTEEN-CHARS-XX","faction":"COSMIC"}""", 422)]
    [TestCase("""{"symbol":"BAD SYMBOL","faction":"COSMIC"}""", 422)]
    [TestCase("""{"symbol":"GOOD","faction":"NOPE"}""", 422)]
    [TestCase("""{"symbol":"GOOD"}""", 422)]
    [TestCase("""{"symbol":"GOOD","faction":"CORSAIRS"}""", 4112)]
    public void Invalid_registrations_are_rejected(string body, int code)
    {
        using var h = new ApiHarness();

        var error = h.Fail("POST", "/register", json: body);

        Assert.That(error.Code, Is.EqualTo(code));
        Assert.That(h.Game.Agents, Is.Empty);
    }

    [Test]
    public void Agents_are_listed_publicly_and_the_own_agent_carries_the_account()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("ONE");
        h.Register("TWO", "VOID");

        var list = h.Call("GET", "/agents");
        var own = h.Call("GET", "/my/agent", agent)["data"]!;
        var account = h.Call("GET", "/my/account", agent)["data"]!["account"]!;

        Assert.That(list["data"]!.AsArray().Select(a => a!["symbol"]!.GetValue<string>()), Is.EqualTo(new[] { "ONE", "TWO" }));
        Assert.That(list["data"]![0]!["accountId"], Is.Null, "the public view has no account id");
        Assert.That(own["accountId"]!.GetValue<string>(), Is.EqualTo(account["id"]!.GetValue<string>()));
        Assert.That(account.AsObject().ContainsKey("email"), Is.True, "email is required (null when not given)");
        Assert.That(h.Call("GET", "/agents/two")["data"]!["startingFaction"]!.GetValue<string>(), Is.EqualTo("VOID"));
        Assert.That(h.Fail("GET", "/agents/NOBODY").HttpStatus, Is.EqualTo(404));
    }
}
