using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Tests.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.RateLimiting;

[TestFixture]
public sealed class ServerRateLimitTests
{
    private VirtualClock _clock = null!;

    [SetUp]
    public void SetUp() => _clock = new VirtualClock();

    [TearDown]
    public void TearDown() => _clock.Dispose();

    [Test]
    public async Task Forty_requests_at_once_from_a_cold_start_get_exactly_32_successes_and_8_429s_with_the_real_body_and_headers()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        var token = simulation.Server.Tokens.Issue("BURSTER", _clock.GetUtcNow());
        using var http = simulation.CreateHttpClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.SendAsync(HttpMethod.Get, "my/agent", token)));

        Assert.That(responses.Count(r => r.Status == 200), Is.EqualTo(32));
        Assert.That(responses.Count(r => r.Status == 429), Is.EqualTo(8));
        Assert.That(simulation.Stats.RateLimited, Is.EqualTo(8));

        var rejected = responses.First(r => r.Status == 429);
        var error = rejected.Body.Error();
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("You have reached your API limit."));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(429));
        var data = error["data"]!;
        Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("IP Address"));
        Assert.That(data["retryAfter"]!.GetValue<double>(), Is.EqualTo(1.0));
        Assert.That(data["limitBurst"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(data["limitPerSecond"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(data["remaining"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(data["reset"]!.GetValue<string>(), Is.EqualTo("2026-01-01T00:00:01.000Z"));

        var headers = rejected.Response.Headers;
        Assert.That(headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Header(rejected.Response, "x-ratelimit-type"), Is.EqualTo("IP Address"));
        Assert.That(Header(rejected.Response, "x-ratelimit-limit"), Is.EqualTo("30"));
        Assert.That(Header(rejected.Response, "x-ratelimit-remaining"), Is.EqualTo("0"));
        Assert.That(Header(rejected.Response, "x-ratelimit-reset"), Is.EqualTo("2026-01-01T00:00:01.000Z"));
        Assert.That(Header(rejected.Response, "x-ratelimit-limit-burst"), Is.EqualTo("30"));
        Assert.That(Header(rejected.Response, "x-ratelimit-limit-per-second"), Is.EqualTo("2"));
    }

    [Test]
    public async Task Successful_responses_report_the_burst_points_left_and_when_the_burst_pool_refills()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();

        var remaining = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            remaining.Add(Header((await http.SendAsync(HttpMethod.Get, "")).Response, "x-ratelimit-remaining"));
        }

        var fifth = await http.SendAsync(HttpMethod.Get, "");
        Assert.That(remaining, Is.EqualTo(new[] { "30", "30", "29", "28" }));
        Assert.That(Header(fifth.Response, "x-ratelimit-reset"), Is.EqualTo("2026-01-01T00:01:00.000Z"));
    }

    [Test]
    public async Task The_static_pool_refills_one_second_after_its_first_use_and_the_burst_pool_sixty_seconds_after_its_first_use()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        Assert.That(await CountOkAsync(http, 40), Is.EqualTo(32));

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(await CountOkAsync(http, 5), Is.EqualTo(0), "nothing refills before the static window ends");

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await CountOkAsync(http, 5), Is.EqualTo(2), "the static pool refills at 1 s");

        _clock.AdvanceTo(VirtualClock.DefaultStart.AddSeconds(59));
        Assert.That(await CountOkAsync(http, 5), Is.EqualTo(2), "only the static pool until the burst window ends");

        _clock.AdvanceTo(VirtualClock.DefaultStart.AddSeconds(60));
        Assert.That(await CountOkAsync(http, 40), Is.EqualTo(32), "the burst pool refills 60 s after its first use");
    }

    [Test]
    public async Task Rejected_requests_take_no_points()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        await CountOkAsync(http, 32);
        Assert.That(await CountOkAsync(http, 200), Is.EqualTo(0));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That(await CountOkAsync(http, 3), Is.EqualTo(2));
    }

    [Test]
    public async Task The_retry_after_of_a_rejection_points_at_the_next_free_point()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        using var http = simulation.CreateHttpClient();
        await CountOkAsync(http, 32);
        _clock.Advance(TimeSpan.FromMilliseconds(250));

        var rejected = await http.SendAsync(HttpMethod.Get, "");

        Assert.That(rejected.Status, Is.EqualTo(429));
        Assert.That(rejected.Body.Error()["data"]!["retryAfter"]!.GetValue<double>(), Is.EqualTo(0.75));
        Assert.That(rejected.Response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)), "whole seconds, rounded up");
    }

    [Test]
    public async Task Two_agents_on_one_ip_share_the_ip_pools()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        var alpha = simulation.Server.Tokens.Issue("ALPHA", _clock.GetUtcNow());
        var beta = simulation.Server.Tokens.Issue("BETA", _clock.GetUtcNow());
        using var http = simulation.CreateHttpClient("10.0.0.1");

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.SendAsync(HttpMethod.Get, "my/agent", alpha)));
        var second = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.SendAsync(HttpMethod.Get, "my/agent", beta)));

        Assert.That(first.Count(r => r.Status == 200), Is.EqualTo(20));
        Assert.That(second.Count(r => r.Status == 200), Is.EqualTo(12));
        Assert.That(second.Where(r => r.Status == 429).Select(r => r.Body.Error()["data"]!["type"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "IP Address" }));
    }

    [Test]
    public async Task One_account_on_two_ips_is_limited_by_its_account_pools()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        var token = simulation.Server.Tokens.Issue("ROAMER", _clock.GetUtcNow());
        using var home = simulation.CreateHttpClient("10.0.0.1");
        using var away = simulation.CreateHttpClient("10.0.0.2");

        var fromHome = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => home.SendAsync(HttpMethod.Get, "my/agent", token)));
        var fromAway = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => away.SendAsync(HttpMethod.Get, "my/agent", token)));

        Assert.That(fromHome.Count(r => r.Status == 200) + fromAway.Count(r => r.Status == 200), Is.EqualTo(32));
        Assert.That(fromAway.Where(r => r.Status == 429).Select(r => r.Body.Error()["data"]!["type"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "Account" }));

        // Another agent on the second IP still has that IP's points: only 12 were used there.
        var other = simulation.Server.Tokens.Issue("NEIGHBOUR", _clock.GetUtcNow());
        Assert.That(await CountOkAsync(away, 30, other), Is.EqualTo(20));
    }

    [Test]
    public async Task Anonymous_requests_count_against_the_ip_only()
    {
        var (simulation, _) = TestRoutes.Create(_clock);
        var token = simulation.Server.Tokens.Issue("WATCHER", _clock.GetUtcNow());
        using var first = simulation.CreateHttpClient("10.0.0.1");
        using var second = simulation.CreateHttpClient("10.0.0.2");

        Assert.That(await CountOkAsync(first, 32), Is.EqualTo(32), "anonymous calls use the IP's pools");
        var blocked = await first.SendAsync(HttpMethod.Get, "my/agent", token);
        Assert.That(blocked.Status, Is.EqualTo(429));
        Assert.That(blocked.Body.Error()["data"]!["type"]!.GetValue<string>(), Is.EqualTo("IP Address"));

        Assert.That(await CountOkAsync(second, 40, token), Is.EqualTo(32), "the account was untouched by the anonymous calls");
    }

    [Test]
    public async Task With_rate_limiting_off_nothing_is_rejected_and_no_rate_headers_are_sent()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();

        Assert.That(await CountOkAsync(http, 500), Is.EqualTo(500));
        var response = await http.SendAsync(HttpMethod.Get, "");
        Assert.That(response.Response.Headers.Contains("x-ratelimit-remaining"), Is.False);
        Assert.That(simulation.Stats.RateLimited, Is.Zero);
    }

    [Test]
    public async Task Rate_limiting_can_be_switched_on_while_running()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();
        Assert.That(await CountOkAsync(http, 100), Is.EqualTo(100));

        simulation.RateLimits.Enabled = true;

        Assert.That(await CountOkAsync(http, 40), Is.EqualTo(32));
    }

    [Test]
    public async Task Custom_pool_sizes_and_windows_are_honoured()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o =>
        {
            o.RateLimits.StaticPoints = 5;
            o.RateLimits.BurstPoints = 0;
            o.RateLimits.StaticWindow = TimeSpan.FromSeconds(2);
        });
        using var http = simulation.CreateHttpClient();

        Assert.That(await CountOkAsync(http, 10), Is.EqualTo(5));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await CountOkAsync(http, 10), Is.EqualTo(0));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await CountOkAsync(http, 10), Is.EqualTo(5));
    }

    private static async Task<int> CountOkAsync(HttpClient http, int requests, string? token = null)
    {
        var ok = 0;
        for (var i = 0; i < requests; i++)
        {
            using var request = TestHttp.Request(HttpMethod.Get, token is null ? "" : "my/agent", token);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                ok++;
            }
            else
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            }
        }

        return ok;
    }

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new AssertionException($"No {name} header.");
}
