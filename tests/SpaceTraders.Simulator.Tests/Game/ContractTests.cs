using SpaceTraders.Simulator.Tests.Api;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class ContractTests
{
    [Test]
    public void Accepting_delivering_and_fulfilling_pays_exactly_the_terms()
    {
        using var h = new ApiHarness();
        var (agent, data) = h.Register("CONTRACTOR");
        var contract = data["contract"]!;
        var id = contract["id"]!.GetValue<string>();
        var onAccepted = contract["terms"]!["payment"]!["onAccepted"]!.GetValue<long>();
        var onFulfilled = contract["terms"]!["payment"]!["onFulfilled"]!.GetValue<long>();
        var deliver = contract["terms"]!["deliver"]![0]!;
        var good = deliver["tradeSymbol"]!.GetValue<string>();
        var units = deliver["unitsRequired"]!.GetValue<int>();
        var destination = h.Game.Universe.FindWaypoint(deliver["destinationSymbol"]!.GetValue<string>())!;

        Assert.That(h.Fail("POST", $"/my/contracts/{id}/fulfill", agent).Code, Is.EqualTo(4505), "not accepted yet");
        var accepted = h.Call("POST", $"/my/contracts/{id}/accept", agent)["data"]!;
        Assert.That(accepted["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000 + onAccepted));
        Assert.That(accepted["contract"]!["accepted"]!.GetValue<bool>(), Is.True);
        Assert.That(h.Fail("POST", $"/my/contracts/{id}/accept", agent).Code, Is.EqualTo(4501));

        var ship = h.Ship("CONTRACTOR-1");
        h.Call("POST", "/my/ships/CONTRACTOR-1/orbit", agent);
        ship.Cargo.Add(good, units);
        h.Call("POST", "/my/ships/CONTRACTOR-1/dock", agent);
        if (ship.Location != destination)
        {
            var wrong = h.Fail("POST", $"/my/contracts/{id}/deliver", agent, $$"""{"shipSymbol":"CONTRACTOR-1","tradeSymbol":"{{good}}","units":1}""");
            Assert.That(wrong.Code, Is.EqualTo(4510));
            h.FlyTo("CONTRACTOR-1", agent, destination);
            h.Call("POST", "/my/ships/CONTRACTOR-1/dock", agent);
        }

        var half = units / 2;
        var partial = h.Call("POST", $"/my/contracts/{id}/deliver", agent, $$"""{"shipSymbol":"CONTRACTOR-1","tradeSymbol":"{{good}}","units":{{half}}}""")["data"]!;
        Assert.That(partial["contract"]!["terms"]!["deliver"]![0]!["unitsFulfilled"]!.GetValue<int>(), Is.EqualTo(half));
        Assert.That(partial["cargo"]!["units"]!.GetValue<int>(), Is.EqualTo(units - half));
        Assert.That(h.Fail("POST", $"/my/contracts/{id}/fulfill", agent).Code, Is.EqualTo(4502), "not all delivered");
        Assert.That(h.Fail("POST", $"/my/contracts/{id}/deliver", agent, $$"""{"shipSymbol":"CONTRACTOR-1","tradeSymbol":"{{good}}","units":{{units}}}""").Code, Is.EqualTo(4509), "more than required");
        Assert.That(h.Fail("POST", $"/my/contracts/{id}/deliver", agent, """{"shipSymbol":"CONTRACTOR-1","tradeSymbol":"DIAMONDS","units":1}""").Code, Is.EqualTo(4508));
        h.Call("POST", $"/my/contracts/{id}/deliver", agent, $$"""{"shipSymbol":"CONTRACTOR-1","tradeSymbol":"{{good}}","units":{{units - half}}}""");

        var fulfilled = h.Call("POST", $"/my/contracts/{id}/fulfill", agent)["data"]!;

        Assert.That(fulfilled["contract"]!["fulfilled"]!.GetValue<bool>(), Is.True);
        Assert.That(fulfilled["agent"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000 + onAccepted + onFulfilled));
        Assert.That(h.Fail("POST", $"/my/contracts/{id}/fulfill", agent).Code, Is.EqualTo(4504));
    }

    [Test]
    public void A_contract_past_its_deadline_to_accept_cannot_be_accepted()
    {
        using var h = new ApiHarness();
        var (agent, data) = h.Register("LATE");
        var id = data["contract"]!["id"]!.GetValue<string>();
        var deadline = DateTimeOffset.Parse(data["contract"]!["deadlineToAccept"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        h.Clock.AdvanceTo(deadline);

        Assert.That(h.Fail("POST", $"/my/contracts/{id}/accept", agent).Code, Is.EqualTo(4503));
    }

    [Test]
    public void Negotiating_needs_a_docked_ship_at_a_faction_waypoint_and_no_active_contract()
    {
        using var h = new ApiHarness();
        var (agent, data) = h.Register("DEALER");
        var first = data["contract"]!["id"]!.GetValue<string>();

        Assert.That(h.Fail("POST", "/my/ships/DEALER-1/negotiate/contract", agent).Code, Is.EqualTo(4511), "the starting contract is still open");
        h.Game.RequireContract(h.Game.FindAgent(agent)!, first).Fulfilled = true;
        var contract = h.Call("POST", "/my/ships/DEALER-1/negotiate/contract", agent, status: 201)["data"]!["contract"]!;

        Assert.That(contract["id"]!.GetValue<string>(), Is.Not.EqualTo(first));
        Assert.That(contract["factionSymbol"]!.GetValue<string>(), Is.EqualTo("COSMIC"));
        var destination = h.Game.Universe.FindWaypoint(contract["terms"]!["deliver"]![0]!["destinationSymbol"]!.GetValue<string>())!;
        Assert.That(destination.Market!.Imports, Does.Contain(contract["terms"]!["deliver"]![0]!["tradeSymbol"]!.GetValue<string>()));
        Assert.That(h.Call("GET", "/my/contracts", agent)["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(h.Call("GET", $"/my/contracts/{contract["id"]!.GetValue<string>()}", agent)["data"]!["accepted"]!.GetValue<bool>(), Is.False);
        Assert.That(h.Fail("GET", "/my/contracts/nope", agent).HttpStatus, Is.EqualTo(404));
    }
}
