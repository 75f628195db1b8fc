using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Resilience;

/// <summary>
/// Actions whose outcome is unknown are never resent blindly: the client reads back what they would have changed and
/// returns the result rebuilt from it, sends them again only when the reading proves they did not run, or throws the
/// typed error with what it found. The tracked credits always end at the server's.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ReconciliationTests
{
    private const string ShipSymbol = "BADGER-1";
    private const string Here = "X1-DF55-A1";
    private const string ShipPath = "/v2/my/ships/BADGER-1";
    private const string MarketPath = "/v2/systems/X1-DF55/waypoints/X1-DF55-A1/market";
    private const string AgentPath = "/v2/my/agent";
    private const string Html504 = "<html><head><title>504 Gateway Time-out</title></head><body>504 Gateway Time-out</body></html>";
    private static readonly DateTimeOffset Start = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private FakeApiServer _server = null!;
    private FakeTimeProvider _clock = null!;
    private long _ledger;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset()
    {
        _server.Reset();
        _clock = new FakeTimeProvider(Start);
        _ledger = 0;
    }

    [Test]
    public async Task A_purchase_answered_504_is_not_resent_and_comes_back_reconciled_with_the_servers_credits()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 175_000);
        _server.Respond("POST", ShipPath + "/purchase", 504, Html504, "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 15)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market(
            Transaction("IRON_ORE", "PURCHASE", 5, 9, Start.AddSeconds(-2)),   // an earlier purchase: not this one
            Transaction("IRON_ORE", "PURCHASE", 5, 10, Start))));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 174_950)));

        var result = await client.Fleet.PurchaseCargoAsync(ShipSymbol, TradeSymbol.IronOre, 5);

        Assert.That(_server.RequestsTo("POST", ShipPath + "/purchase"), Has.Count.EqualTo(1), "never resent");
        Assert.That((result.Transaction.Units, result.Transaction.PricePerUnit, result.Transaction.TotalPrice), Is.EqualTo((5, 10, 50)), "the newest matching transaction pins the price");
        Assert.That(result.Agent.Credits, Is.EqualTo(174_950));
        Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(174_950), "the tracked credits are the server's");
        Assert.That(_ledger, Is.EqualTo(-50), "the credit ledger moved by exactly the server's change");
        Assert.That(client.State.GetShip(ShipSymbol).CargoUnitsOf(TradeSymbol.IronOre), Is.EqualTo(15));
    }

    [Test]
    public async Task A_sell_whose_response_was_dropped_after_sending_is_reconciled()
    {
        // The server acts, then the connection ends before the answer reaches the client.
        using var transport = new DropAfterSending("/sell");
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000, transport: transport);
        _server.Respond("POST", ShipPath + "/sell", 201, Fixtures.Read("sell-cargo"));
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market(Transaction("IRON_ORE", "SELL", 10, 60, Start))));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_600)));

        var result = await client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 10);

        Assert.That(transport.Dropped, Is.EqualTo(1));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(1));
        Assert.That((result.Transaction.Type, result.Transaction.TotalPrice), Is.EqualTo((MarketTransactionType.Sell, 600)));
        Assert.That(result.Cargo.Inventory, Is.Empty);
        Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(100_600));
        Assert.That(_ledger, Is.EqualTo(600));
    }

    [Test]
    public async Task A_sell_answered_with_a_body_cut_short_ran_and_is_rebuilt_from_the_read_back()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000);
        _server.Respond("POST", ShipPath + "/sell", 201, Fixtures.Read("sell-cargo")[..80]);
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 4)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market(Transaction("IRON_ORE", "SELL", 6, 50, Start))));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_300)));

        var result = await client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 6);

        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(1));
        Assert.That(result.Transaction.TotalPrice, Is.EqualTo(300));
        Assert.That(_ledger, Is.EqualTo(300));
    }

    [Test]
    public async Task An_action_the_read_back_proves_did_not_run_is_sent_again_with_the_same_request_id()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000);
        _server.RespondInTurn(
            "POST",
            ShipPath + "/sell",
            (429, "<html><title>429</title>429 Too Many Requests</html>", "text/html"),
            (201, SellAnswer(units: 10, price: 60, credits: 100_600, left: 0), "application/json"));
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 10)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market()));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_000)));

        var result = await client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 10);

        var sells = _server.RequestsTo("POST", ShipPath + "/sell");
        Assert.That(sells, Has.Count.EqualTo(2), "sent again once the hold and the market showed the first send had not run");
        Assert.That(sells.Select(FakeApiServer.RequestId).Distinct().Count(), Is.EqualTo(1), "the resend is an attempt of the same call");
        var reads = _server.Requests.Where(r => r.Method == "GET").Select(FakeApiServer.RequestId).ToList();
        Assert.That(reads, Has.Count.EqualTo(3));
        Assert.That(reads.Concat([FakeApiServer.RequestId(sells[0])]).Distinct().Count(), Is.EqualTo(4), "each read is a call of its own");
        Assert.That(result.Transaction.TotalPrice, Is.EqualTo(600));
        Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(100_600));
        Assert.That(_ledger, Is.EqualTo(600));
    }

    [Test]
    public async Task The_previous_calls_own_sale_in_the_market_does_not_make_a_sale_that_did_not_run_unknown()
    {
        // Two sales of 5 in the same second (a hold sold in trade-volume lots): the second is answered 502. The
        // market lists the first, whose answer the client has, stamped when the second was sent: only the hold speaks.
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000);
        _server.RespondInTurn(
            "POST",
            ShipPath + "/sell",
            (201, SellAnswer(units: 5, price: 60, credits: 100_300, left: 5), "application/json"),
            (502, "<html>502 Bad Gateway</html>", "text/html"),
            (201, SellAnswer(units: 5, price: 60, credits: 100_600, left: 0), "application/json"));
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 5)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market(Transaction("IRON_ORE", "SELL", 5, 60, Start))));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_300)));

        await client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 5);
        var second = await client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 5);

        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(3), "the second sale was sent again once the hold showed it had not run");
        Assert.That(second.Transaction.TotalPrice, Is.EqualTo(300));
        Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(100_600));
        Assert.That(_ledger, Is.EqualTo(600));
    }

    [Test]
    public void A_sale_in_the_market_the_client_has_no_answer_for_still_makes_an_unchanged_hold_unknown()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000);
        _server.Respond("POST", ShipPath + "/sell", 502, "<html>502 Bad Gateway</html>", "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 10)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market(Transaction("IRON_ORE", "SELL", 10, 60, Start))));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_600)));

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 10))!;

        Assert.That(error.Outcome, Is.EqualTo(ActionOutcome.Unknown), "the hold and the market disagree");
        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(1), "never resent");
    }

    [Test]
    public void Without_resends_an_action_that_did_not_run_gives_the_typed_error_saying_so()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000, resend: false);
        _server.Respond("POST", ShipPath + "/sell", 502, "<html>502 Bad Gateway</html>", "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("IRON_ORE", 10)])));
        _server.Respond("GET", MarketPath, 200, Envelope(Market()));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 100_000)));

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 10))!;

        Assert.That(error.Outcome, Is.EqualTo(ActionOutcome.NotApplied));
        Assert.That(error.Cause, Is.EqualTo(OutcomeUnknownCause.GatewayError));
        Assert.That(error.StatusCode, Is.EqualTo(502));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_action_without_a_sound_read_back_gives_the_typed_error_with_what_was_found()
    {
        using var client = Client(hold: [], credits: 90_000);
        _server.Respond("POST", ShipPath + "/repair", 504, Html504, "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [])));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 88_500)));

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => client.Fleet.RepairShipAsync(ShipSymbol))!;

        Assert.That(error.Outcome, Is.EqualTo(ActionOutcome.Unknown));
        Assert.That(error.Cause, Is.EqualTo(OutcomeUnknownCause.GatewayError));
        Assert.That(error.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}/repair"));
        Assert.That(error.RequestId, Is.EqualTo(FakeApiServer.RequestId(_server.RequestsTo("POST", ShipPath + "/repair").Single())));
        Assert.That(error.ReadBack!.Ship!.Symbol, Is.EqualTo(ShipSymbol));
        Assert.That(error.ReadBack.Agent!.Credits, Is.EqualTo(88_500));
        Assert.That(error.ReadBack.Finding, Does.Contain("no sound read-back"));
        Assert.That(client.State.Agent.Value!.Credits, Is.EqualTo(88_500), "the state holds what was read");
        Assert.That(_ledger, Is.EqualTo(-1_500), "so the ledger still ends at the server's balance");
    }

    [Test]
    public void A_survey_that_ran_but_whose_surveys_were_lost_gives_the_typed_error_saying_it_ran()
    {
        using var client = Client(hold: [], credits: 90_000);
        _server.Respond("POST", ShipPath + "/survey", 504, Html504, "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [], cooldown: (70, Start.AddSeconds(70)))));

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => client.Fleet.CreateSurveyAsync(ShipSymbol))!;

        Assert.That(error.Outcome, Is.EqualTo(ActionOutcome.Applied));
        Assert.That(error.ReadBack!.Ship!.Cooldown.TotalSeconds, Is.EqualTo(70));
        Assert.That(client.State.GetShip(ShipSymbol).CooldownRemaining, Is.EqualTo(TimeSpan.FromSeconds(70)), "the state has the cooldown, so the ship waits it out");
        Assert.That(_server.RequestsTo("POST", ShipPath + "/survey"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_extraction_answered_502_is_rebuilt_from_the_new_cooldown_and_what_the_hold_gained()
    {
        using var client = Client(hold: [("ICE_WATER", 3)], credits: 90_000, status: "IN_ORBIT");
        _server.Respond("POST", ShipPath + "/extract", 502, "<html>502 Bad Gateway</html>", "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("ICE_WATER", 3), ("IRON_ORE", 7)], status: "IN_ORBIT", cooldown: (80, Start.AddSeconds(80)))));

        var result = await client.Fleet.ExtractResourcesAsync(ShipSymbol);

        Assert.That((result.Extraction.Yield.Symbol, result.Extraction.Yield.Units), Is.EqualTo((TradeSymbol.IronOre, 7)));
        Assert.That(result.Cooldown.TotalSeconds, Is.EqualTo(80));
        Assert.That(client.State.GetShip(ShipSymbol).CargoUnitsOf(TradeSymbol.IronOre), Is.EqualTo(7));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/extract"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_siphon_whose_short_cooldown_ran_out_before_the_read_back_is_rebuilt_from_the_hold_and_not_resent()
    {
        // The siphon ran, but its cooldown was over by the time the ship was read: the simulator (like the live
        // server) then shows no expiration. Taking that for "it did not run" resent it and siphoned twice.
        using var client = Client(hold: [("ICE_WATER", 3)], credits: 90_000, status: "IN_ORBIT");
        _server.Respond("POST", ShipPath + "/siphon", 502, "<html>502 Bad Gateway</html>", "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("ICE_WATER", 3), ("HYDROCARBON", 6)], status: "IN_ORBIT")));

        var result = await client.Fleet.SiphonResourcesAsync(ShipSymbol);

        Assert.That((result.Siphon.Yield.Symbol, result.Siphon.Yield.Units), Is.EqualTo((TradeSymbol.Hydrocarbon, 6)));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/siphon"), Has.Count.EqualTo(1), "never resent");
    }

    [Test]
    public async Task A_refinement_whose_cooldown_ran_out_before_the_read_back_is_rebuilt_from_the_hold_and_not_resent()
    {
        // As with the siphon: the refinement ran, but its cooldown was over when the ship was read. Taking that for
        // "it did not run" resent it and refined a second batch of ore.
        using var client = RefinementAnswered502(readBack: [("IRON_ORE", 20), ("IRON", 10)], resent: RefineAnswer(oreLeft: 0, metal: 20));

        var result = await client.Fleet.RefineShipAsync(ShipSymbol, TradeSymbol.Iron);

        Assert.That(_server.RequestsTo("POST", ShipPath + "/refine"), Has.Count.EqualTo(1), "never resent");
        Assert.That(result.Produced.Select(p => (p.TradeSymbol, p.Units)), Is.EqualTo(new[] { (TradeSymbol.Iron, 10) }));
        Assert.That(result.Consumed.Select(c => (c.TradeSymbol, c.Units)), Is.EqualTo(new[] { (TradeSymbol.IronOre, 20) }));
        Assert.That(client.State.GetShip(ShipSymbol).CargoUnitsOf(TradeSymbol.IronOre), Is.EqualTo(20));
    }

    [Test]
    public async Task A_refinement_with_no_cooldown_and_an_unchanged_hold_did_not_run_and_is_sent_again()
    {
        using var client = RefinementAnswered502(readBack: [("IRON_ORE", 40)], resent: RefineAnswer(oreLeft: 20, metal: 10));

        var result = await client.Fleet.RefineShipAsync(ShipSymbol, TradeSymbol.Iron);

        Assert.That(_server.RequestsTo("POST", ShipPath + "/refine"), Has.Count.EqualTo(2));
        Assert.That(result.Produced.Single().Units, Is.EqualTo(10));
    }

    [Test]
    public async Task An_extraction_with_no_cooldown_and_an_unchanged_hold_did_not_run_and_is_sent_again()
    {
        using var client = Client(hold: [("ICE_WATER", 3)], credits: 90_000, status: "IN_ORBIT");
        _server.RespondInTurn(
            "POST",
            ShipPath + "/extract",
            (502, "<html>502 Bad Gateway</html>", "text/html"),
            (201, Envelope(new JsonObject
            {
                ["extraction"] = new JsonObject { ["shipSymbol"] = ShipSymbol, ["yield"] = new JsonObject { ["symbol"] = "IRON_ORE", ["units"] = 7 } },
                ["cooldown"] = new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = 80, ["remainingSeconds"] = 80, ["expiration"] = Start.AddSeconds(80).ToString("O") },
                ["cargo"] = Ship([("ICE_WATER", 3), ("IRON_ORE", 7)])["cargo"]!.DeepClone(),
                ["events"] = new JsonArray(),
            }), "application/json"));
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [("ICE_WATER", 3)], status: "IN_ORBIT")));

        var result = await client.Fleet.ExtractResourcesAsync(ShipSymbol);

        Assert.That(result.Extraction.Yield.Units, Is.EqualTo(7));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/extract"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_navigation_answered_504_is_rebuilt_from_the_ships_nav()
    {
        using var client = Client(hold: [], credits: 90_000, status: "IN_ORBIT");
        _server.Respond("POST", ShipPath + "/navigate", 504, Html504, "text/html");
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: [], waypoint: "X1-DF55-B7", status: "IN_TRANSIT", arrival: Start.AddSeconds(90))));

        var result = await client.Fleet.NavigateShipAsync(ShipSymbol, "X1-DF55-B7");

        Assert.That(result.Nav.WaypointSymbol, Is.EqualTo("X1-DF55-B7"));
        Assert.That(client.State.GetShip(ShipSymbol).TimeToArrival, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/navigate"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Accepting_a_contract_answered_504_is_rebuilt_from_the_contract_and_the_advance_counted_once()
    {
        using var client = Client(hold: [], credits: 90_000);
        var contract = JsonNode.Parse(Fixtures.Read("get-contract"))!["data"]!.AsObject();
        var id = contract["id"]!.GetValue<string>();
        contract["accepted"] = true;
        _server.Respond("POST", $"/v2/my/contracts/{id}/accept", 504, Html504, "text/html");
        _server.Respond("GET", $"/v2/my/contracts/{id}", 200, Envelope(contract));
        _server.Respond("GET", AgentPath, 200, Envelope(Agent(credits: 91_000)));

        var result = await client.Contracts.AcceptContractAsync(id);

        Assert.That(result.Contract.Accepted, Is.True);
        Assert.That(_ledger, Is.EqualTo(1_000));
        Assert.That(client.State.TryGetContract(id, out var tracked) && tracked.Value!.Accepted, Is.True);
        Assert.That(_server.RequestsTo("POST", $"/v2/my/contracts/{id}/accept"), Has.Count.EqualTo(1));
    }

    /// <summary>
    /// The server resets between an action whose answer was lost and its read-back (seen in a 2-day chaos soak: a
    /// navigation answered 502 at the reset): the read-back's token is rejected, and the caller gets the reset itself, not
    /// an unknown outcome that hides it, so that a runtime ends the session as reset rather than failed.
    /// </summary>
    [Test]
    public void A_reset_met_by_the_read_back_is_thrown_as_the_reset_not_as_an_unknown_outcome()
    {
        using var client = Client(hold: [("IRON_ORE", 10)], credits: 100_000);
        _server.Respond("POST", ShipPath + "/sell", 502, "<html><body>502 Bad Gateway</body></html>", "text/html");
        _server.Respond("GET", ShipPath, 401, """
            {"error":{"message":"Failed to parse token. Token reset_date does not match the server. Expected: 2025-06-17, Actual: 2025-06-10","code":4113,"data":{"expected":"2025-06-17","actual":"2025-06-10"}}}
            """);

        var error = Assert.ThrowsAsync<ServerResetException>(() => client.Fleet.SellCargoAsync(ShipSymbol, TradeSymbol.IronOre, 10))!;

        Assert.That(error.ResetDate, Is.EqualTo("2025-06-17"));
        Assert.That(_server.RequestsTo("POST", ShipPath + "/sell"), Has.Count.EqualTo(1), "never resent");
    }

    [Test]
    public void A_registration_whose_answer_was_lost_is_not_resent_and_reads_nothing()
    {
        using var client = Client(hold: [], credits: 90_000);
        _server.Respond("POST", "/v2/register", 504, Html504, "text/html");

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => client.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic))!;

        Assert.That(error.Outcome, Is.EqualTo(ActionOutcome.Unknown));
        Assert.That(error.ReadBack, Is.Null);
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    // ----- The client and the game's answers -----

    private SpaceTradersClient Client((string Good, int Units)[] hold, long credits, string status = "DOCKED", HttpMessageHandler? transport = null, bool resend = true)
    {
        var options = _server.Options();
        options.TimeProvider = _clock;
        options.Transport = transport;
        options.Retry = new RetryOptions { MaxAttempts = 3, MaxRateLimitRequeues = 0, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, ResendWhenNotApplied = resend };
        var client = new SpaceTradersClient(options);
        client.State.Apply(JsonSerializer.Deserialize<Ship>(Ship(hold, status: status).ToJsonString(), SpaceTradersJson.Options)!);
        client.State.Apply(JsonSerializer.Deserialize<Agent>(Agent(credits).ToJsonString(), SpaceTradersJson.Options)!);
        client.State.CreditsChanged += (_, e) => _ledger += e.Delta;
        return client;
    }

    private static string Envelope(JsonNode data) => new JsonObject { ["data"] = data.DeepClone() }.ToJsonString();

    private static JsonObject Ship(
        (string Good, int Units)[] hold,
        string waypoint = Here,
        string status = "DOCKED",
        DateTimeOffset? arrival = null,
        (int Total, DateTimeOffset Expiration)? cooldown = null)
    {
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!["data"]!.DeepClone().AsObject();
        ship["symbol"] = ShipSymbol;
        var nav = ship["nav"]!.AsObject();
        nav["waypointSymbol"] = waypoint;
        nav["systemSymbol"] = "X1-DF55";
        nav["status"] = status;
        nav["route"]!["destination"]!["symbol"] = waypoint;
        nav["route"]!["departureTime"] = Start.AddMinutes(-10).ToString("O");
        nav["route"]!["arrival"] = (arrival ?? Start.AddMinutes(-5)).ToString("O");
        var inventory = new JsonArray();
        foreach (var (good, units) in hold)
        {
            inventory.Add(new JsonObject { ["symbol"] = good, ["name"] = good, ["description"] = good, ["units"] = units });
        }

        ship["cargo"] = new JsonObject { ["capacity"] = 40, ["units"] = hold.Sum(h => h.Units), ["inventory"] = inventory };
        ship["cooldown"] = cooldown is { } running
            ? new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = running.Total, ["remainingSeconds"] = (int)(running.Expiration - Start).TotalSeconds, ["expiration"] = running.Expiration.ToString("O") }
            : new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = 0, ["remainingSeconds"] = 0 };
        return ship;
    }

    private static JsonObject Agent(long credits)
    {
        var agent = JsonNode.Parse(Fixtures.Read("get-my-agent"))!["data"]!.DeepClone().AsObject();
        agent["credits"] = credits;
        return agent;
    }

    private static JsonObject Market(params JsonObject[] transactions)
    {
        var market = JsonNode.Parse(Fixtures.Read("get-market"))!["data"]!.DeepClone().AsObject();
        market["symbol"] = Here;
        market["transactions"] = new JsonArray([.. transactions]);
        return market;
    }

    private static JsonObject Transaction(string good, string type, int units, int price, DateTimeOffset at) => new()
    {
        ["waypointSymbol"] = Here,
        ["shipSymbol"] = ShipSymbol,
        ["tradeSymbol"] = good,
        ["type"] = type,
        ["units"] = units,
        ["pricePerUnit"] = price,
        ["totalPrice"] = units * price,
        ["timestamp"] = at.ToString("O"),
    };

    private static string SellAnswer(int units, int price, long credits, int left)
        => Envelope(new JsonObject
        {
            ["cargo"] = Ship(left > 0 ? [("IRON_ORE", left)] : [])["cargo"]!.DeepClone(),
            ["transaction"] = Transaction("IRON_ORE", "SELL", units, price, Start),
            ["agent"] = Agent(credits),
        });

    /// <summary>
    /// A ship in orbit holding 40 IRON_ORE whose refinement is answered 502, then (if sent again) <paramref name="resent"/>;
    /// the ship read back holds <paramref name="readBack"/> and shows no cooldown.
    /// </summary>
    private SpaceTradersClient RefinementAnswered502((string Good, int Units)[] readBack, string resent)
    {
        var client = Client(hold: [("IRON_ORE", 40)], credits: 90_000, status: "IN_ORBIT");
        _server.RespondInTurn(
            "POST",
            ShipPath + "/refine",
            (502, "<html>502 Bad Gateway</html>", "text/html"),
            (201, resent, "application/json"));
        _server.Respond("GET", ShipPath, 200, Envelope(Ship(hold: readBack, status: "IN_ORBIT")));
        return client;
    }

    /// <summary>The answer to a refinement of 20 IRON_ORE into 10 IRON, with the hold it leaves.</summary>
    private static string RefineAnswer(int oreLeft, int metal)
        => Envelope(new JsonObject
        {
            ["cargo"] = Ship([("IRON_ORE", oreLeft), ("IRON", metal)])["cargo"]!.DeepClone(),
            ["cooldown"] = new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = 80, ["remainingSeconds"] = 80, ["expiration"] = Start.AddSeconds(80).ToString("O") },
            ["produced"] = new JsonArray(new JsonObject { ["tradeSymbol"] = "IRON", ["units"] = 10 }),
            ["consumed"] = new JsonArray(new JsonObject { ["tradeSymbol"] = "IRON_ORE", ["units"] = 20 }),
        });

    /// <summary>A transport that lets the server act on a request, then loses the answer on the way back.</summary>
    private sealed class DropAfterSending(string pathSuffix) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _dropped;

        public int Dropped => _dropped;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
            {
                response.Dispose();
                Interlocked.Increment(ref _dropped);
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
            }

            return response;
        }
    }
}
