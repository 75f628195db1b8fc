using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Tests.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Faults;

[TestFixture]
public sealed class FaultInjectionTests
{
    private VirtualClock _clock = null!;

    [SetUp]
    public void SetUp() => _clock = new VirtualClock();

    [TearDown]
    public void TearDown() => _clock.Dispose();

    [TestCase(FaultKind.InternalServerError, 500, 500)]
    [TestCase(FaultKind.Maintenance, 503, 503)]
    public async Task Json_server_errors_carry_an_envelope_whose_code_is_the_status_and_skip_the_handler(FaultKind kind, int status, int code)
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(kind);

        var (actual, body, response) = await http.SendAsync(HttpMethod.Post, "my/ships/F-1/extract", token);

        Assert.That(actual, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(code));
        Assert.That(routes.Actions, Is.Zero);
        Assert.That(simulation.Stats.FaultsInjected, Is.EqualTo(1));
    }

    [TestCase(FaultKind.BadGateway, 502, "502 Bad Gateway")]
    [TestCase(FaultKind.ServiceUnavailable, 503, "503 Service")]
    public async Task Proxy_errors_are_html_pages(FaultKind kind, int status, string text)
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(kind);

        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token);
        using var response = await http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(text));
        Assert.That(routes.Actions, Is.Zero);
    }

    [Test]
    public async Task An_html_429_has_the_cloud_page_and_none_of_the_rate_limit_headers()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.HtmlTooManyRequests);

        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token);
        using var response = await http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<html><head><title>429</title></head><body>429 Too Many Requests</body></html>"));
        Assert.That(response.Headers.RetryAfter, Is.Null);
        Assert.That(response.Headers.Select(h => h.Key), Has.None.StartsWith("x-ratelimit"));
        Assert.That(simulation.Stats.RateLimited, Is.Zero, "not the game's limiter");
        Assert.That(routes.Actions, Is.Zero);
    }

    [Test]
    public async Task A_dropped_connection_throws_HttpRequestException_and_the_request_is_not_processed()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.DropConnection);

        var ex = Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(HttpMethod.Post, "my/ships/F-1/extract", token));

        Assert.That(ex!.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(routes.Actions, Is.Zero);
        Assert.That((await http.SendAsync(HttpMethod.Post, "my/ships/F-1/extract", token)).Status, Is.EqualTo(201), "the fault hit only the next request");
    }

    [Test]
    public async Task A_drop_after_processing_ends_the_response_prematurely_but_the_action_happened()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.DropAfterProcessing);

        var ex = Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(HttpMethod.Post, "my/ships/F-1/extract", token));

        // What SocketsHttpHandler reports when the peer closes mid-response: not a connection error, so a client
        // that resends only on ConnectionError does not resend an action that happened.
        Assert.That(ex!.HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded));
        Assert.That(ex.InnerException, Is.InstanceOf<HttpIOException>().With.Property(nameof(HttpIOException.HttpRequestError)).EqualTo(HttpRequestError.ResponseEnded));
        Assert.That(routes.Actions, Is.EqualTo(1));
        Assert.That(simulation.Stats.ActionsExecuted, Is.EqualTo(2), "the registration and the extraction");
    }

    [Test]
    public async Task The_drop_after_profile_drops_about_3_percent_of_answers_and_every_dropped_request_was_processed()
    {
        var (simulation, routes, http, token) = await StartAsync(o => o.FaultProfile = FaultProfiles.DropAfter);
        var drops = 0;
        var answered = 0;
        for (var i = 0; i < 2000; i++)
        {
            try
            {
                using var response = await http.SendAsync(TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token));
                Assert.That((int)response.StatusCode, Is.EqualTo(201));
                answered++;
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                drops++;
            }
        }

        Assert.That(drops, Is.InRange(30, 95), "about 3% of 2000 (the registration took one draw)");
        Assert.That(routes.Actions, Is.EqualTo(answered + drops), "a dropped answer still means the action happened");
        Assert.That(simulation.Stats.FaultsInjected, Is.EqualTo(drops));
    }

    [Test]
    public async Task A_malformed_body_is_a_success_status_with_truncated_json()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.MalformedJson);

        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        Assert.That(text, Does.StartWith("{\"data\":"));
        Assert.That(() => JsonDocument.Parse(text), Throws.InstanceOf<JsonException>());
        Assert.That(routes.Actions, Is.EqualTo(1));
    }

    [Test]
    public async Task A_malformed_body_on_an_error_answer_is_still_a_200()
    {
        var (simulation, _, http, _) = await StartAsync();
        simulation.Faults.Inject(FaultKind.MalformedJson);

        using var response = await http.SendAsync(TestHttp.Request(HttpMethod.Get, "my/agent"));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(() => JsonDocument.Parse(response.Content.ReadAsStream()), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task A_server_reset_fault_resets_the_world_and_the_request_meets_the_new_reset()
    {
        var (simulation, _, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.ServerReset, path: "/my/agent");

        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "my/agent", token);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4113));
        Assert.That(simulation.Stats.Resets, Is.EqualTo(1));
    }

    [Test]
    public async Task A_slow_response_waits_on_the_simulation_clock_after_processing()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Count = 1, Delay = TimeSpan.FromSeconds(7) });
        DateTimeOffset answeredAt = default;
        var status = 0;

        await _clock.RunActorAsync("client", async ct =>
        {
            status = (await http.SendAsync(HttpMethod.Post, "my/ships/F-1/extract", token)).Status;
            answeredAt = _clock.GetUtcNow();
        }, CancellationToken.None);

        Assert.That(status, Is.EqualTo(201));
        Assert.That(answeredAt - VirtualClock.DefaultStart, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(routes.Actions, Is.EqualTo(1));
    }

    [Test]
    public async Task A_slow_response_without_its_own_delay_uses_the_options_delay()
    {
        var (simulation, _, http, token) = await StartAsync(o => o.SlowResponseDelay = TimeSpan.FromSeconds(3));
        simulation.Faults.Inject(FaultKind.SlowResponse);
        DateTimeOffset answeredAt = default;

        await _clock.RunActorAsync("client", async ct =>
        {
            await http.SendAsync(HttpMethod.Get, "my/agent", token);
            answeredAt = _clock.GetUtcNow();
        }, CancellationToken.None);

        Assert.That(answeredAt - VirtualClock.DefaultStart, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task A_timeout_hangs_until_the_client_gives_up_and_is_not_processed()
    {
        // A fake clock that never moves: the request can only end by the client giving up.
        var clock = new FakeTimeProvider(VirtualClock.DefaultStart);
        var (simulation, routes) = TestRoutes.Create(clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("F");
        simulation.Faults.Inject(FaultKind.Timeout);
        using var giveUp = new CancellationTokenSource();

        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token);
        var pending = http.SendAsync(request, giveUp.Token);
        var stillPending = !pending.IsCompleted;
        await giveUp.CancelAsync();

        Assert.That(stillPending, Is.True, "the request hangs");
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(routes.Actions, Is.Zero);
    }

    [Test]
    public async Task A_timeout_nobody_cancels_ends_in_a_dropped_connection_after_its_delay()
    {
        var (simulation, _, http, token) = await StartAsync();
        simulation.Faults.Add(new FaultRule { Kind = FaultKind.Timeout, Count = 1, Delay = TimeSpan.FromMinutes(2) });
        Exception? failure = null;
        DateTimeOffset droppedAt = default;

        await _clock.RunActorAsync("client", async ct =>
        {
            try
            {
                await http.SendAsync(HttpMethod.Get, "my/agent", token);
            }
            catch (HttpRequestException ex)
            {
                failure = ex;
                droppedAt = _clock.GetUtcNow();
            }
        }, CancellationToken.None);

        Assert.That(failure, Is.InstanceOf<HttpRequestException>().With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(HttpRequestError.ConnectionError), "not processed, like a dropped connection");
        Assert.That(droppedAt - VirtualClock.DefaultStart, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task The_next_n_matching_requests_get_the_fault_and_others_pass()
    {
        var (simulation, routes, http, token) = await StartAsync();
        simulation.Faults.Inject(FaultKind.BadGateway, count: 2, method: "POST", path: "/my/ships/{shipSymbol}/extract");

        var read = await http.SendAsync(HttpMethod.Get, "my/ships/F-1", token);
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(TestHttp.Request(HttpMethod.Post, "my/ships/F-1/extract", token));
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(read.Status, Is.EqualTo(200));
        Assert.That(statuses, Is.EqualTo(new[] { 502, 502, 201, 201 }));
        Assert.That(simulation.Faults.Rules, Is.Empty, "a rule retires after its count");
        Assert.That(routes.Actions, Is.EqualTo(2));
    }

    [Test]
    public async Task A_rule_applies_only_inside_its_time_window()
    {
        var (simulation, _, http, token) = await StartAsync();
        var start = VirtualClock.DefaultStart;
        simulation.Faults.Add(new FaultRule { Kind = FaultKind.Maintenance, From = start.AddMinutes(10), Until = start.AddMinutes(20) });

        var before = (await http.SendAsync(HttpMethod.Get, "my/agent", token)).Status;
        _clock.AdvanceTo(start.AddMinutes(10));
        var during = (await http.SendAsync(HttpMethod.Get, "my/agent", token)).Status;
        _clock.AdvanceTo(start.AddMinutes(19));
        var stillDuring = (await http.SendAsync(HttpMethod.Get, "my/agent", token)).Status;
        _clock.AdvanceTo(start.AddMinutes(20));
        var after = (await http.SendAsync(HttpMethod.Get, "my/agent", token)).Status;

        Assert.That(new[] { before, during, stillDuring, after }, Is.EqualTo(new[] { 200, 503, 503, 200 }));
    }

    [Test]
    public async Task Probabilistic_faults_are_deterministic_for_a_seed_and_near_their_probability()
    {
        async Task<string> RunAsync(int seed)
        {
            using var clock = new VirtualClock();
            var (simulation, _) = TestRoutes.Create(clock, o =>
            {
                o.Seed = seed;
                o.RateLimits.Enabled = false;
            });
            simulation.Faults.Add(new FaultRule { Kind = FaultKind.InternalServerError, Probability = 0.25 });
            using var http = simulation.CreateHttpClient();
            var outcome = new char[400];
            for (var i = 0; i < outcome.Length; i++)
            {
                using var response = await http.SendAsync(TestHttp.Request(HttpMethod.Get, ""));
                outcome[i] = response.IsSuccessStatusCode ? '.' : 'x';
            }

            return new string(outcome);
        }

        var first = await RunAsync(11);
        var again = await RunAsync(11);
        var other = await RunAsync(12);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Count(c => c == 'x'), Is.InRange(70, 130));
    }

    [Test]
    public async Task Rules_are_checked_in_order_and_can_be_removed_or_cleared()
    {
        var (simulation, _, http, token) = await StartAsync();
        var first = simulation.Faults.Inject(FaultKind.InternalServerError, count: 5);
        simulation.Faults.Inject(FaultKind.BadGateway, count: 5);

        var a = (await http.SendAsync(TestHttp.Request(HttpMethod.Get, "my/agent", token))).StatusCode;
        Assert.That(simulation.Faults.Remove(first), Is.True);
        var b = (await http.SendAsync(TestHttp.Request(HttpMethod.Get, "my/agent", token))).StatusCode;
        simulation.Faults.Clear();
        var c = (await http.SendAsync(TestHttp.Request(HttpMethod.Get, "my/agent", token))).StatusCode;

        Assert.That(new[] { (int)a, (int)b, (int)c }, Is.EqualTo(new[] { 500, 502, 200 }));
    }

    [Test]
    public async Task The_chaos_profile_injects_several_kinds_and_is_deterministic()
    {
        async Task<(long Faults, string Pattern)> RunAsync()
        {
            using var clock = new VirtualClock();
            var (simulation, _) = TestRoutes.Create(clock, o =>
            {
                o.RateLimits.Enabled = false;
                o.FaultProfile = FaultProfiles.Chaos;
                o.SlowResponseDelay = TimeSpan.Zero;
            });
            using var http = simulation.CreateHttpClient();
            var outcome = new System.Text.StringBuilder();
            await clock.RunActorAsync("client", async ct =>
            {
                for (var i = 0; i < 300; i++)
                {
                    try
                    {
                        using var response = await http.SendAsync(TestHttp.Request(HttpMethod.Get, ""), ct);
                        outcome.Append((int)response.StatusCode).Append(',');
                    }
                    catch (HttpRequestException)
                    {
                        outcome.Append("drop,");
                    }
                }
            }, CancellationToken.None);
            return (simulation.Stats.FaultsInjected, outcome.ToString());
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Faults, Is.InRange(40, 140), "chaos hits about 30% of requests");
        Assert.That(first.Pattern, Does.Contain("502,").And.Contain("500,").And.Contain("drop,").And.Contain("429,"));
    }

    [Test]
    public void Profiles_are_found_by_name_and_an_unknown_name_is_a_clear_error()
    {
        Assert.That(FaultProfiles.Names, Is.EquivalentTo(new[] { "none", "flaky", "chaos", "slow", "drop-after", "reorder" }));
        Assert.That(FaultProfiles.Rules("none"), Is.Empty);
        Assert.That(FaultProfiles.Rules("FLAKY"), Is.Not.Empty);
        Assert.That(FaultProfiles.Rules("drop-after").Select(r => (r.Kind, r.Probability, r.Method, r.Path)), Is.EqualTo(new[] { (FaultKind.DropAfterProcessing, 0.03, (string?)null, (string?)null) }));
        foreach (var profile in new[] { FaultProfiles.Flaky, FaultProfiles.Chaos })
        {
            var kinds = FaultProfiles.Rules(profile).Select(r => r.Kind).ToList();
            Assert.That(kinds, Does.Contain(FaultKind.DropConnection).And.Contain(FaultKind.DropAfterProcessing), $"{profile} drops connections both before and after processing");
        }

        Assert.That(FaultProfiles.Rules(FaultProfiles.Chaos).Sum(r => r.Probability), Is.EqualTo(10 * FaultProfiles.Rules(FaultProfiles.Flaky).Sum(r => r.Probability)).Within(1e-9));
        Assert.That(() => FaultProfiles.Rules("gremlins"), Throws.ArgumentException.With.Message.Contains("flaky"));
        Assert.That(new[] { FaultProfiles.Find("Reorder"), FaultProfiles.Find(" DROP-AFTER "), FaultProfiles.Find("none") }, Is.EqualTo(new[] { "reorder", "drop-after", "none" }));
        Assert.That(new[] { FaultProfiles.Find("gremlins"), FaultProfiles.Find(""), FaultProfiles.Find(null) }, Is.All.Null);
        Assert.That(() => new Simulation(new SimulationOptions { FaultProfile = "gremlins" }), Throws.ArgumentException);
    }

    [Test]
    public void Path_patterns_match_literals_parameters_and_trailing_wildcards()
    {
        var one = PathPattern.Parse("/my/ships/*/extract");
        var named = PathPattern.Parse("/my/ships/{shipSymbol}");
        var rest = PathPattern.Parse("/my/**");

        Assert.That(one.Matches("/my/ships/A-1/extract"), Is.True);
        Assert.That(one.Matches("/my/ships/A-1/extract/survey"), Is.False);
        Assert.That(one.Matches("/my/ships/A-1"), Is.False);
        Assert.That(named.Matches("/MY/SHIPS/A-1"), Is.True);
        Assert.That(named.Matches("/my/ships"), Is.False);
        Assert.That(rest.Matches("/my/agent"), Is.True);
        Assert.That(rest.Matches("/systems"), Is.False);
        Assert.That(() => PathPattern.Parse("/a/**/b"), Throws.ArgumentException);
    }

    [Test]
    public void Invalid_rules_are_rejected()
    {
        var simulation = new Simulation(new SimulationOptions());
        Assert.That(() => simulation.Faults.Add(new FaultRule { Kind = FaultKind.BadGateway, Probability = 1.5 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => simulation.Faults.Add(new FaultRule { Kind = FaultKind.BadGateway, Count = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private async Task<(Simulation Simulation, TestRoutes Routes, HttpClient Http, string Token)> StartAsync(Action<SimulationOptions>? configure = null)
    {
        var (simulation, routes) = TestRoutes.Create(_clock, o =>
        {
            o.RateLimits.Enabled = false;
            configure?.Invoke(o);
        });
        var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("F");
        return (simulation, routes, http, token);
    }
}
