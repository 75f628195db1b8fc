using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

[TestFixture]
public sealed class PipelineTests
{
    private VirtualClock _clock = null!;

    [SetUp]
    public void SetUp() => _clock = new VirtualClock();

    [TearDown]
    public void TearDown() => _clock.Dispose();

    [Test]
    public async Task Agent_route_without_a_token_is_401_with_code_4103_and_a_request_id()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "my/agent");

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4103));
        Assert.That(body.Error()["message"]!.GetValue<string>(), Does.Contain("Missing bearer token"));
        Assert.That(body.Error()["requestId"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Agent_route_with_a_token_this_server_did_not_issue_is_401_with_code_4104()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        var (other, _) = TestRoutes.Create(_clock, o => o.Seed = 8);
        using var http = simulation.CreateHttpClient();
        using var otherHttp = other.CreateHttpClient();
        var foreignToken = await otherHttp.RegisterAsync("ELSEWHERE");

        var garbage = await http.SendAsync(HttpMethod.Get, "my/agent", token: "not-a-jwt");
        var forged = await http.SendAsync(HttpMethod.Get, "my/agent", token: foreignToken);

        Assert.That(garbage.Status, Is.EqualTo(401));
        Assert.That(garbage.Body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4104));
        Assert.That(forged.Status, Is.EqualTo(401));
        Assert.That(forged.Body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4104));
    }

    [Test]
    public async Task A_registered_token_authenticates_as_its_agent()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("falcon");

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "my/agent", token);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["data"]!["symbol"]!.GetValue<string>(), Is.EqualTo("FALCON"));
    }

    [Test]
    public async Task After_a_server_reset_old_tokens_get_4113_and_the_reset_date_moves()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        var oldToken = await http.RegisterAsync("OLDTIMER");
        var oldResetDate = simulation.ResetDate;
        _clock.Advance(TimeSpan.FromDays(7));

        simulation.Reset();

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "my/agent", oldToken);
        Assert.That(status, Is.EqualTo(401));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4113));
        Assert.That(simulation.ResetDate, Is.EqualTo("2026-01-08"));
        Assert.That(oldResetDate, Is.EqualTo("2026-01-01"));
        Assert.That(simulation.Stats.Resets, Is.EqualTo(1));

        var newToken = await http.RegisterAsync("OLDTIMER");
        Assert.That((await http.SendAsync(HttpMethod.Get, "my/agent", newToken)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Register_accepts_any_bearer_or_none_when_no_account_token_is_configured()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var none = await http.SendAsync(HttpMethod.Post, "register", json: """{"symbol":"NONE"}""");
        var any = await http.SendAsync(HttpMethod.Post, "register", token: "whatever", json: """{"symbol":"ANY"}""");

        Assert.That(none.Status, Is.EqualTo(201));
        Assert.That(any.Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Register_checks_the_account_token_when_one_is_configured()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o => o.AccountToken = "account-secret");
        using var http = simulation.CreateHttpClient();

        var missing = await http.SendAsync(HttpMethod.Post, "register", json: """{"symbol":"A1"}""");
        var wrong = await http.SendAsync(HttpMethod.Post, "register", token: "nope", json: """{"symbol":"A1"}""");
        var right = await http.SendAsync(HttpMethod.Post, "register", token: "account-secret", json: """{"symbol":"A1"}""");

        Assert.That((missing.Status, missing.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4116)));
        Assert.That((wrong.Status, wrong.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4104)));
        Assert.That(right.Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Optional_agent_routes_answer_anonymous_calls_and_identify_agents_but_reject_bad_tokens()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("OPTIONAL");

        var anonymous = await http.SendAsync(HttpMethod.Get, "");
        var identified = await http.SendAsync(HttpMethod.Get, "", token);
        var bad = await http.SendAsync(HttpMethod.Get, "", "bad-token");

        Assert.That(anonymous.Status, Is.EqualTo(200));
        Assert.That(anonymous.Body!["agent"], Is.Null);
        Assert.That(identified.Body!["agent"]!.GetValue<string>(), Is.EqualTo("OPTIONAL"));
        Assert.That((bad.Status, bad.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4104)));
    }

    [TestCase("GET", "nowhere")]
    [TestCase("GET", "my/ships/S-1/unknown")]
    [TestCase("DELETE", "my/agent")]
    [TestCase("PATCH", "register")]
    public async Task Unknown_routes_and_methods_are_404_with_an_error_envelope(string method, string path)
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(new HttpMethod(method), path);

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(404));
        Assert.That(body.Error()["message"]!.GetValue<string>(), Does.Contain("/v2/" + path));
    }

    [TestCase("limit=21", "limit")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=ten", "limit")]
    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("page=1.5", "page")]
    public async Task Paging_out_of_bounds_is_400_naming_the_parameter(string query, string parameter)
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "systems?" + query);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(body.Error()["data"]![parameter], Is.Not.Null, body!.ToJsonString());
    }

    [TestCase("", 1, 10)]
    [TestCase("?limit=20", 1, 20)]
    [TestCase("?limit=1&page=7", 7, 1)]
    public async Task Paging_within_bounds_reaches_the_handler(string query, int page, int limit)
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "systems" + query);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["meta"]!["page"]!.GetValue<int>(), Is.EqualTo(page));
        Assert.That(body["meta"]!["limit"]!.GetValue<int>(), Is.EqualTo(limit));
    }

    [Test]
    public async Task A_game_error_is_rendered_with_its_status_code_data_and_request_id()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("COOL");

        var (status, body, _) = await http.SendAsync(HttpMethod.Post, "my/ships/COOL-1/cooldown-error", token);

        Assert.That(status, Is.EqualTo(409));
        var error = body.Error();
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(4000));
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Ship action is still on cooldown for 42 second(s)."));
        Assert.That(error["data"]!["cooldown"]!["remainingSeconds"]!.GetValue<int>(), Is.EqualTo(42));
        Assert.That(error["requestId"]!.GetValue<string>(), Does.StartWith("sim-"));
    }

    [Test]
    public async Task A_handler_that_throws_becomes_a_500_envelope_and_the_server_keeps_serving()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var boom = await http.SendAsync(HttpMethod.Post, "boom");
        var after = await http.SendAsync(HttpMethod.Get, "");

        Assert.That(boom.Status, Is.EqualTo(500));
        Assert.That(boom.Body.Error()["message"]!.GetValue<string>(), Does.Contain("kaput"));
        Assert.That(after.Status, Is.EqualTo(200));
        Assert.That(simulation.Stats.ServerErrors, Is.EqualTo(1));
    }

    [TestCase("{\"symbol\":")]
    [TestCase("[1,2")]
    [TestCase("not json")]
    public async Task A_body_that_is_not_json_is_422(string json)
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(HttpMethod.Post, "register", json: json);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(body.Error()["message"]!.GetValue<string>(), Does.StartWith("Invalid request body"));
    }

    [Test]
    public async Task Route_values_are_url_decoded_and_repeated_query_keys_keep_every_value()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "echo/X1-AB%2D1/two?traits=MARKETPLACE&traits=SHIPYARD");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["a"]!.GetValue<string>(), Is.EqualTo("X1-AB-1"));
        Assert.That(body["b"]!.GetValue<string>(), Is.EqualTo("two"));
        Assert.That(body["traits"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "MARKETPLACE", "SHIPYARD" }));
    }

    [TestCase("https://api.spacetraders.io/v2/")]
    [TestCase("http://localhost:1234/some/prefix/v2/")]
    public async Task The_transport_serves_any_base_address_ending_in_v2(string baseAddress)
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = new HttpClient(simulation.CreateTransport()) { BaseAddress = new Uri(baseAddress) };

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["status"]!.GetValue<string>(), Is.EqualTo("up"));
    }

    [Test]
    public async Task The_transport_reads_the_whole_body_again_when_the_same_request_is_sent_again()
    {
        // A client's retry handler sends the same request message again (an idempotent PATCH whose answer was lost
        // after the server read its body): the second attempt must carry the body too, as on a real network.
        var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = _clock });
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("RESEND");
        simulation.Faults.Inject(FaultKind.DropAfterProcessing, method: "PATCH", path: "/my/ships/*/nav");
        using var invoker = new HttpMessageInvoker(simulation.CreateTransport());
        using var request = TestHttp.Request(HttpMethod.Patch, Simulation.DefaultBaseAddress + "my/ships/RESEND-1/nav", token, """{"flightMode":"DRIFT"}""");

        var dropped = Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, CancellationToken.None));
        using var resent = await invoker.SendAsync(request, CancellationToken.None);
        var text = await resent.Content.ReadAsStringAsync();

        Assert.That(dropped!.HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded), "the first answer was lost after the server acted");
        Assert.That((int)resent.StatusCode, Is.EqualTo(200), text);
        Assert.That(JsonNode.Parse(text)!["data"]!["nav"]!["flightMode"]!.GetValue<string>(), Is.EqualTo("DRIFT"));
    }

    [Test]
    public async Task Every_response_carries_a_distinct_request_id()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await http.SendAsync(HttpMethod.Get, "my/agent")).Body.Error()["requestId"]!.GetValue<string>());
        }

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public async Task A_second_action_on_a_ship_while_one_is_in_flight_is_409_and_other_ships_and_reads_are_not_locked()
    {
        var (simulation, routes) = TestRoutes.Create(_clock);
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("LOCKER");
        simulation.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Method = "POST", Path = "/my/ships/LOCKER-1/extract", Count = 1, Delay = TimeSpan.FromSeconds(10) });
        var results = new Dictionary<string, (int Status, DateTimeOffset At)>();

        Task slow = null!, others = null!;
        await _clock.RunActorAsync("root", ct =>
        {
            slow = _clock.RunActorAsync("slow", async ct2 =>
            {
                var r = await http.SendAsync(HttpMethod.Post, "my/ships/LOCKER-1/extract", token);
                results["slow"] = (r.Status, _clock.GetUtcNow());
            }, ct);
            others = _clock.RunActorAsync("others", async ct2 =>
            {
                await _clock.DelayAsync(TimeSpan.FromSeconds(1), ct2);
                var same = await http.SendAsync(HttpMethod.Post, "my/ships/LOCKER-1/extract", token);
                results["same"] = (same.Status, _clock.GetUtcNow());
                var read = await http.SendAsync(HttpMethod.Get, "my/ships/LOCKER-1", token);
                results["read"] = (read.Status, _clock.GetUtcNow());
                var other = await http.SendAsync(HttpMethod.Post, "my/ships/LOCKER-2/extract", token);
                results["other"] = (other.Status, _clock.GetUtcNow());
                await _clock.DelayAsync(TimeSpan.FromSeconds(20), ct2);
                var later = await http.SendAsync(HttpMethod.Post, "my/ships/LOCKER-1/extract", token);
                results["later"] = (later.Status, _clock.GetUtcNow());
            }, ct);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(slow, others);

        var start = VirtualClock.DefaultStart;
        Assert.That(results["slow"], Is.EqualTo((201, start.AddSeconds(10))));
        Assert.That(results["same"], Is.EqualTo((409, start.AddSeconds(1))));
        Assert.That(results["read"].Status, Is.EqualTo(200));
        Assert.That(results["other"].Status, Is.EqualTo(201));
        Assert.That(results["later"], Is.EqualTo((201, start.AddSeconds(21))));
        Assert.That(simulation.Stats.ShipLockConflicts, Is.EqualTo(1));
        Assert.That(routes.Actions, Is.EqualTo(3));
    }
}
