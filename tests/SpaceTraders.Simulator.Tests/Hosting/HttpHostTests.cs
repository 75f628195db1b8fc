using System.Net;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

[TestFixture]
public sealed class HttpHostTests
{
    [Test]
    public async Task The_http_host_serves_the_same_pipeline_on_a_free_loopback_port()
    {
        using var clock = new VirtualClock();
        var (simulation, _) = TestRoutes.Create(clock);
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.That(server.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.BaseAddress.Port, Is.Not.Zero);
        Assert.That(server.BaseAddress.AbsolutePath, Is.EqualTo("/v2/"));

        var status = await http.SendAsync(HttpMethod.Get, "");
        var token = await http.RegisterAsync("WIRED");
        var agent = await http.SendAsync(HttpMethod.Get, "my/agent", token);
        var missing = await http.SendAsync(HttpMethod.Get, "my/agent");
        var paged = await http.SendAsync(HttpMethod.Get, "systems?page=2&limit=20");

        Assert.That(status.Status, Is.EqualTo(200));
        Assert.That(status.Body!["status"]!.GetValue<string>(), Is.EqualTo("up"));
        Assert.That(agent.Status, Is.EqualTo(200));
        Assert.That(agent.Body!["data"]!["symbol"]!.GetValue<string>(), Is.EqualTo("WIRED"));
        Assert.That(missing.Status, Is.EqualTo(401));
        Assert.That(missing.Body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4103));
        Assert.That(paged.Body!["meta"]!["page"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(agent.Response.Headers.GetValues("x-ratelimit-remaining").Single(), Is.EqualTo("29"), "third request on the IP: the first burst point");
        Assert.That(simulation.Stats.Requests, Is.EqualTo(5));
    }

    [Test]
    public async Task The_http_host_answers_429s_with_headers_and_drops_connections_on_a_fault()
    {
        using var clock = new VirtualClock();
        var (simulation, _) = TestRoutes.Create(clock);
        await using var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 33; i++)
        {
            using var response = await http.GetAsync("");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
                Assert.That(response.Headers.GetValues("x-ratelimit-type").Single(), Is.EqualTo("IP Address"));
            }
        }

        simulation.RateLimits.Enabled = false;
        simulation.Faults.Inject(FaultKind.DropConnection);
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(""));
        using var afterDrop = await http.GetAsync("");

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(32));
        Assert.That(statuses[^1], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(afterDrop.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_http_host_stops_and_releases_its_port()
    {
        using var clock = new VirtualClock();
        var (simulation, _) = TestRoutes.Create(clock);
        var server = await simulation.StartHttpServerAsync("http://127.0.0.1:0");
        var address = server.BaseAddress;
        await server.DisposeAsync();

        using var http = new HttpClient { BaseAddress = address };
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(""));
    }
}
