using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>
/// The server counts the state-changing actions it executed, per ship and per client request id (<c>X-Request-Id</c>),
/// so a test or benchmark can tell whether a client's retries made an action happen twice.
/// </summary>
[TestFixture]
public sealed class ActionCountingTests
{
    private VirtualClock _clock = null!;

    [SetUp]
    public void SetUp() => _clock = new VirtualClock();

    [TearDown]
    public void TearDown() => _clock.Dispose();

    [Test]
    public async Task An_action_resent_with_the_same_request_id_after_its_answer_was_dropped_is_a_duplicate()
    {
        var (simulation, routes) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("DUP");
        simulation.Faults.Inject(FaultKind.DropAfterProcessing, method: "POST", path: "/my/ships/*/extract");

        // A blind resend of one logical call: the same id twice.
        Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(http, "my/ships/DUP-1/extract", token, "call-1"));
        using (var resent = await SendAsync(http, "my/ships/DUP-1/extract", token, "call-1"))
        {
            Assert.That((int)resent.StatusCode, Is.EqualTo(201));
        }

        // Another call on the same ship, and one on another ship: each once.
        (await SendAsync(http, "my/ships/DUP-1/extract", token, "call-2")).Dispose();
        (await SendAsync(http, "my/ships/DUP-2/extract", token, "call-3")).Dispose();

        var stats = simulation.Stats;
        Assert.That(routes.Actions, Is.EqualTo(4));
        Assert.That(stats.ActionsExecuted, Is.EqualTo(5), "four extractions and the registration");
        Assert.That(stats.DuplicatedActions, Is.EqualTo(1));
        Assert.That(stats.GetDuplicatedActions(), Is.EqualTo(new[] { new DuplicatedAction("call-1", "POST", "/my/ships/{shipSymbol}/extract", "DUP-1", 2) }));
        Assert.That(stats.GetActionsByShip(), Is.EquivalentTo(new Dictionary<string, long> { ["DUP-1"] = 3, ["DUP-2"] = 1 }));
        Assert.That(stats.ToString(), Does.Contain("actions=5 duplicated=1"));
    }

    [Test]
    public async Task Requests_without_the_header_are_counted_but_never_duplicates_and_reads_and_failures_are_not_actions()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("NOID");

        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(http, "my/ships/NOID-1/extract", token, requestId: null)).Dispose();
        }

        (await SendAsync(http, "my/ships/NOID-1", token, "read-1", HttpMethod.Get)).Dispose();
        (await SendAsync(http, "my/ships/NOID-1", token, "read-1", HttpMethod.Get)).Dispose();
        using (var failed = await SendAsync(http, "my/ships/NOID-1/cooldown-error", token, "fail-1"))
        {
            Assert.That((int)failed.StatusCode, Is.EqualTo(409));
        }

        (await SendAsync(http, "my/ships/NOID-1/cooldown-error", token, "fail-1")).Dispose();

        var stats = simulation.Stats;
        Assert.That(stats.ActionsExecuted, Is.EqualTo(4), "three extractions and the registration; reads and refused actions changed nothing");
        Assert.That(stats.DuplicatedActions, Is.Zero);
        Assert.That(stats.GetActionsByShip(), Is.EquivalentTo(new Dictionary<string, long> { ["NOID-1"] = 3 }));
    }

    [Test]
    public async Task Repeating_an_idempotent_action_is_counted_apart_from_duplicates()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = _clock });
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("IDEM");

        (await SendAsync(http, "my/ships/IDEM-1/orbit", token, "orbit-1")).Dispose();
        (await SendAsync(http, "my/ships/IDEM-1/orbit", token, "orbit-1")).Dispose();
        (await SendAsync(http, "my/ships/IDEM-1/dock", token, "dock-1")).Dispose();
        using (var refuel = await SendAsync(http, "my/ships/IDEM-1/refuel", token, "refuel-1", json: """{"units":1}"""))
        {
            Assert.That((int)refuel.StatusCode, Is.EqualTo(200), await refuel.Content.ReadAsStringAsync());
        }

        (await SendAsync(http, "my/ships/IDEM-1/refuel", token, "refuel-1", json: """{"units":1}""")).Dispose();

        var stats = simulation.Stats;
        Assert.That(stats.ActionsExecuted, Is.EqualTo(6));
        Assert.That(stats.RepeatedIdempotentActions, Is.EqualTo(1), "orbiting twice changes nothing");
        Assert.That(stats.DuplicatedActions, Is.EqualTo(1), "refuelling is not idempotent (each may buy fuel)");
        Assert.That(stats.GetDuplicatedActions().Single().Route, Is.EqualTo("/my/ships/{shipSymbol}/refuel"));
        Assert.That(stats.GetActionsByShip()["IDEM-1"], Is.EqualTo(5));
    }

    [Test]
    public async Task The_http_host_reads_the_request_id_header_too()
    {
        var (simulation, _) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        await using var server = await simulation.StartHttpServerAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await http.RegisterAsync("WIRE");

        (await SendAsync(http, "my/ships/WIRE-1/extract", token, "wired-1")).Dispose();
        (await SendAsync(http, "my/ships/WIRE-1/extract", token, "wired-1")).Dispose();

        Assert.That(simulation.Stats.DuplicatedActions, Is.EqualTo(1));
        Assert.That(simulation.Stats.GetDuplicatedActions().Single().RequestId, Is.EqualTo("wired-1"));
    }

    [Test]
    public async Task A_drop_over_http_resets_the_connection_before_or_after_the_action_and_nothing_resends_it()
    {
        var (simulation, routes) = TestRoutes.Create(_clock, o => o.RateLimits.Enabled = false);
        await using var server = await simulation.StartHttpServerAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await http.RegisterAsync("DROP");

        // Both on a connection that has served a request before, where SocketsHttpHandler may resend by itself.
        simulation.Faults.Inject(FaultKind.DropConnection, method: "POST", path: "/my/ships/*/extract");
        var before = Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(http, "my/ships/DROP-1/extract", token, "before-1"));
        var actionsAfterFirst = routes.Actions;
        await http.RegisterAsync("DROPTOO");
        simulation.Faults.Inject(FaultKind.DropAfterProcessing, method: "POST", path: "/my/ships/*/extract");
        var after = Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(http, "my/ships/DROP-1/extract", token, "after-1"));

        Assert.That(actionsAfterFirst, Is.Zero, "dropped before the game acted");
        Assert.That(routes.Actions, Is.EqualTo(1), "dropped after the game acted, and not resent by the handler");
        Assert.That(before!.InnerException, Is.InstanceOf<IOException>(), "a reset connection");
        Assert.That(after!.InnerException, Is.InstanceOf<IOException>(), "a reset connection");
        Assert.That(simulation.Stats.DuplicatedActions, Is.Zero);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token, string? requestId, HttpMethod? method = null, string? json = null)
    {
        var request = TestHttp.Request(method ?? HttpMethod.Post, path, token, json);
        if (requestId is not null)
        {
            request.Headers.Add("X-Request-Id", requestId);
        }

        return SendAndDisposeRequestAsync(http, request);
    }

    private static async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request);
        }
    }
}
