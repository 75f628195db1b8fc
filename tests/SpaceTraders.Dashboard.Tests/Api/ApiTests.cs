using System.Net;
using System.Text.Json;
using SpaceTraders.Dashboard.Tests.Support;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard.Tests.Api;

/// <summary>The JSON API over a live runtime, at a frozen game moment: the same figures as the snapshot and the store.</summary>
[TestFixture]
public sealed class ApiTests
{
    private static LiveDashboard Live => LiveDashboardFixture.Dashboard;

    [Test]
    public async Task Overview_has_the_console_figures_and_a_timeline()
    {
        var overview = await Live.GetJsonAsync("/api/overview");
        var snapshot = Live.Fleet.Runtime.GetSnapshot();
        var agent = snapshot.Agents.Single();
        var json = overview.GetProperty("agents")[0];
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("symbol").GetString(), Is.EqualTo(agent.Symbol));
            Assert.That(json.GetProperty("credits").GetInt64(), Is.EqualTo(agent.Metrics.Credits));
            Assert.That(json.GetProperty("creditsEarned").GetInt64(), Is.EqualTo(agent.Metrics.CreditsEarned));
            Assert.That(json.GetProperty("requests").GetInt64(), Is.EqualTo(agent.Totals.Requests));
            Assert.That(json.GetProperty("cpr").GetDouble(), Is.EqualTo(agent.Metrics.CreditsPerRequest).Within(0.001));
            Assert.That(json.GetProperty("cph").GetDouble(), Is.EqualTo(agent.Metrics.CreditsPerHour).Within(0.001));
            Assert.That(json.GetProperty("queue").GetArrayLength(), Is.EqualTo(3), "one row per priority");
            Assert.That(overview.GetProperty("header").GetProperty("at").GetInt64(), Is.EqualTo(snapshot.At.ToUnixTimeMilliseconds()));
            Assert.That(overview.GetProperty("ceilingPerMinute").GetInt32(), Is.EqualTo(150));
        });

        var timeline = json.GetProperty("timeline");
        var t = timeline.GetProperty("t");
        Assert.That(t.GetArrayLength(), Is.GreaterThan(60), "three game hours of minutes with requests");
        var credits = timeline.GetProperty("credits");
        Assert.That(credits[credits.GetArrayLength() - 1].GetInt64(), Is.EqualTo(agent.Metrics.Credits), "the last point's credits are the agent's now");
        var requestsSum = timeline.GetProperty("requestsPerMinute").EnumerateArray().Sum(v => v.GetDouble()) * timeline.GetProperty("widthSeconds").GetInt32() / 60;
        Assert.That(requestsSum, Is.EqualTo((double)agent.Totals.Requests).Within(0.5), "every request is in one bucket");
    }

    [Test]
    public async Task Ships_lists_every_ship_with_its_runtime_state()
    {
        var ships = await Live.GetJsonAsync("/api/ships");
        var snapshot = Live.Fleet.Runtime.GetSnapshot();
        var expected = snapshot.Agents.Single().Ships;
        var rows = ships.GetProperty("ships").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("symbol").GetString()), Is.EqualTo(expected.Select(s => s.Symbol)));
        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(2));
        foreach (var (row, ship) in rows.Zip(expected))
        {
            Assert.That(row.GetProperty("state").GetString(), Is.EqualTo(ship.State.ToString().ToLowerInvariant()));
            Assert.That(row.GetProperty("behaviour").GetString(), Is.EqualTo(ship.Assignment?.ToString()));
        }
    }

    [Test]
    public async Task Ship_detail_has_its_sessions_requests_and_credit_movements()
    {
        var runtime = Live.Fleet.Runtime;
        var snapshot = runtime.GetSnapshot();
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var busiest = sessions.GroupBy(s => s.ShipSymbol).OrderByDescending(g => g.Sum(s => s.Requests)).First();
        var ship = await Live.GetJsonAsync("/api/ships/" + busiest.Key);
        Assert.Multiple(() =>
        {
            Assert.That(ship.GetProperty("sessions").GetArrayLength(), Is.EqualTo(busiest.Count()));
            Assert.That(ship.GetProperty("totals").GetProperty("requests").GetInt64(), Is.EqualTo(busiest.Sum(s => s.Requests)));
            Assert.That(ship.GetProperty("totals").GetProperty("credits").GetInt64(), Is.EqualTo(busiest.Sum(s => s.CreditsEarned)));
            Assert.That(ship.GetProperty("requests").GetArrayLength(), Is.InRange(1, 50), "its latest requests, from memory");
            Assert.That(ship.GetProperty("requests")[0].GetProperty("at").GetInt64(), Is.EqualTo(runtime.GetShipActivity(busiest.Key)!.Requests[0].At.ToUnixTimeMilliseconds()), "newest first");
        });
    }

    [Test]
    public async Task Behaviours_are_the_store_reports()
    {
        var runtime = Live.Fleet.Runtime;
        var at = runtime.GetSnapshot().At;
        var expected = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, at, CancellationToken.None);
        var types = await runtime.Store.GetGroupReportsAsync(ReportGrouping.ShipType, at, CancellationToken.None);
        var json = await Live.GetJsonAsync("/api/behaviours");
        var rows = json.GetProperty("behaviours").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("key").GetString()), Is.EqualTo(expected.Select(g => g.Key)));
        foreach (var (row, group) in rows.Zip(expected))
        {
            Assert.That(row.GetProperty("sessions").GetInt32(), Is.EqualTo(group.Sessions), group.Key);
            Assert.That(row.GetProperty("requests").GetInt64(), Is.EqualTo(group.Requests), group.Key);
            Assert.That(row.GetProperty("credits").GetInt64(), Is.EqualTo(group.CreditsEarned), group.Key);
            Assert.That(row.GetProperty("cpr").GetDouble(), Is.EqualTo(group.CreditsPerRequest).Within(0.001), group.Key);
        }

        Assert.That(json.GetProperty("shipTypes").EnumerateArray().Select(r => r.GetProperty("key").GetString()), Is.EqualTo(types.Select(g => g.Key)));
        var first = expected[0].Key;
        var one = await Live.GetJsonAsync("/api/behaviours/" + Uri.EscapeDataString(first));
        Assert.That(one.GetProperty("figures").GetProperty("sessions").GetInt32(), Is.EqualTo(expected[0].Sessions));
    }

    [Test]
    public async Task Markets_and_the_system_come_from_what_the_agents_saw()
    {
        var runtime = Live.Fleet.Runtime;
        var markets = await Live.GetJsonAsync("/api/markets");
        Assert.That(markets.GetProperty("markets").EnumerateArray().Select(m => m.GetProperty("waypoint").GetString()), Is.EqualTo(runtime.GetMarkets().Select(m => m.Market.Symbol)));
        var seen = markets.GetProperty("markets").EnumerateArray().First(m => m.GetProperty("goods").GetInt32() > 0).GetProperty("waypoint").GetString()!;
        var market = await Live.GetJsonAsync("/api/markets/" + seen);
        Assert.That(market.GetProperty("history").GetArrayLength(), Is.GreaterThan(0), "hourly summaries (and the raw window still to roll up)");

        var system = runtime.GetShipStates().First().Nav!.SystemSymbol;
        var map = await Live.GetJsonAsync("/api/system/" + system);
        Assert.That(map.GetProperty("waypoints").GetArrayLength(), Is.EqualTo(runtime.GetWaypoints(system).Count).And.GreaterThan(10));
        Assert.That(map.GetProperty("ships").GetArrayLength(), Is.EqualTo(runtime.GetShipStates().Count(s => s.Nav?.SystemSymbol == system)));
    }

    [TestCase("/api/ships/NOBODY-1", "Ship")]
    [TestCase("/api/behaviours/nothing@week99", "Behaviour")]
    [TestCase("/api/markets/X1-NONE-A1", "Market")]
    [TestCase("/api/system/X1-NONE", "System")]
    [TestCase("/api/nothing-here", "Page")]
    public async Task Something_unknown_is_a_404_problem_without_a_stack_trace(string path, string what)
    {
        using var response = await Live.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("title").GetString(), Is.EqualTo(what + " not found"));
            Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        });
    }

    [TestCase("/ships/NOBODY-1", "Ship &#39;NOBODY-1&#39;")]
    [TestCase("/behaviours/nothing@week99", "Behaviour")]
    [TestCase("/markets/X1-NONE-A1", "Market")]
    [TestCase("/system/X1-NONE", "System")]
    [TestCase("/no/such/page", "The page")]
    public async Task An_unknown_page_is_the_404_page(string path, string what)
    {
        using var response = await Live.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(body, Does.Contain("404: not found").And.Contain(what));
            Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        });
    }

    // HEAD used to answer 404 on every page and API route (only GET was mapped; the fallback took HEAD): monitoring
    // probes and curl -I saw a dashboard that was not there.
    [Test]
    public async Task Head_answers_every_page_and_route_as_get_does_without_a_body()
    {
        var ship = Live.Fleet.Runtime.GetShipStates().First();
        var behaviour = (await Live.GetJsonAsync("/api/behaviours")).GetProperty("behaviours")[0].GetProperty("key").GetString()!;
        var market = (await Live.GetJsonAsync("/api/markets")).GetProperty("markets")[0].GetProperty("waypoint").GetString()!;
        var system = ship.Nav!.SystemSymbol;
        var paths = new[]
        {
            "/", "/ships", "/ships/" + ship.Symbol, "/behaviours", "/behaviours/" + Uri.EscapeDataString(behaviour), "/markets", "/markets/" + market,
            "/system", "/system/" + system, "/api/overview", "/api/ships", "/api/ships/" + ship.Symbol, "/api/behaviours", "/api/markets",
            "/api/system/" + system, "/assets/app.js", "/assets/vendor/chart.js/chart.umd.min.js", "/metrics",
            "/ships/NOBODY-1", "/api/ships/NOBODY-1", "/no/such/page", "/assets/nothing.js",
        };
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = Live.Server.Address };
        Assert.Multiple(async () =>
        {
            foreach (var path in paths)
            {
                using var get = await http.GetAsync(path);
                using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
                var body = await head.Content.ReadAsByteArrayAsync();
                Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), "HEAD " + path);
                Assert.That(head.Content.Headers.ContentType?.ToString(), Is.EqualTo(get.Content.Headers.ContentType?.ToString()), "HEAD " + path);
                Assert.That(head.Headers.Location, Is.EqualTo(get.Headers.Location), "HEAD " + path);
                Assert.That(body, Is.Empty, "HEAD " + path);
                if (path is "/assets/app.js" or "/ships" || path.StartsWith("/api/ships", StringComparison.Ordinal))
                {
                    Assert.That(head.Content.Headers.ContentLength, Is.EqualTo((await get.Content.ReadAsByteArrayAsync()).Length), "HEAD " + path + ": the GET's length");
                }
            }
        });

        // The event stream answers its headers and ends, instead of streaming to a probe.
        using var stream = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/stream?path=overview"), HttpCompletionOption.ResponseHeadersRead);
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stream.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(await stream.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task Nothing_in_the_dashboard_changes_the_fleet()
    {
        foreach (var path in new[] { "/api/overview", "/api/ships", "/ships", "/", "/metrics" })
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                using var response = await Live.Http.SendAsync(new HttpRequestMessage(method, path));
                Assert.That((int)response.StatusCode, Is.EqualTo(405).Or.EqualTo(404), $"{method} {path}");
            }
        }
    }

    [Test]
    public async Task The_page_assets_are_served_from_the_assembly_with_the_chart_library_and_its_licence()
    {
        foreach (var path in new[] { "/assets/app.js", "/assets/app.css", "/assets/vendor/chart.js/chart.umd.min.js", "/assets/vendor/chart.js/LICENSE.md", "/assets/vendor/chart.js/VENDORED.md" })
        {
            using var response = await Live.Http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(response.Headers.ETag, Is.Not.Null, path);
        }

        var html = await Live.Http.GetStringAsync("/");
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no CDN: the page needs no internet");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/assets/app.js");
        conditional.Headers.IfNoneMatch.Add((await Live.Http.GetAsync("/assets/app.js")).Headers.ETag!);
        using var notModified = await Live.Http.SendAsync(conditional);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Metrics_serves_the_runtime_and_sdk_instruments_for_prometheus()
    {
        var text = await Live.Http.GetStringAsync("/metrics");
        TestContext.Out.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal))));
        Assert.Multiple(() =>
        {
            foreach (var name in new[]
            {
                "spacetraders_runtime_credits", "spacetraders_runtime_credits_earned", "spacetraders_runtime_cph", "spacetraders_runtime_cpr",
                "spacetraders_runtime_sessions", "spacetraders_runtime_ships", "spacetraders_runtime_saturation_delayed_share",
                "spacetraders_runtime_saturation_queue_wait", "spacetraders_runtime_queue_wait", "spacetraders_requests",
            })
            {
                Assert.That(text, Does.Contain("# TYPE " + name), name);
            }

            var agent = Live.Fleet.Agent;
            Assert.That(text, Does.Match("spacetraders_runtime_credits\\{[^}]*agent=\"" + agent + "\"[^}]*\\} " + Live.Fleet.Runtime.GetSnapshot().Agents[0].Metrics.Credits));
            Assert.That(text, Does.Contain("priority=\"Critical\""), "queue wait by priority");
            Assert.That(text, Does.Contain("state=\"running\""), "ships by state");
        });
    }

    [Test]
    public async Task The_sdks_histograms_in_seconds_have_buckets_in_seconds()
    {
        var text = await Live.Http.GetStringAsync("/metrics");
        var buckets = text.Split('\n')
            .Where(l => l.StartsWith("spacetraders_queue_wait_seconds_bucket{", StringComparison.Ordinal) && l.Contains("priority=\"Normal\"", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..l.IndexOf("\"}", StringComparison.Ordinal)])
            .ToList();

        // OpenTelemetry's default boundaries (0, 5, 10, ... 10000) are for milliseconds: every wait would fall in le="5".
        Assert.That(buckets, Does.Contain("0.1").And.Contain("1").And.Contain("60").And.Not.Contain("10000"), string.Join(", ", buckets));
        Assert.That(text, Does.Contain("spacetraders_request_duration_seconds_bucket{").And.Contain("le=\"0.25\""));
    }
}
