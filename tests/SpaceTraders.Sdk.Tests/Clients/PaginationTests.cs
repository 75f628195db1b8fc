using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>The <c>Enumerate...Async</c> helpers walk every page at 20 items and Background priority.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class PaginationTests
{
    private FakeApiServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.Reset();

    [Test]
    public async Task Walks_every_page_at_limit_20_and_background_priority()
    {
        ServeShips(total: 45);
        using var transport = new RecordingHandler();
        var options = _server.Options();
        options.Transport = transport;
        using var client = new SpaceTradersClient(options);

        var ships = new List<Ship>();
        await foreach (var ship in client.Fleet.EnumerateMyShipsAsync())
        {
            ships.Add(ship);
        }

        Assert.That(ships.Select(s => s.Symbol), Is.EqualTo(Enumerable.Range(1, 45).Select(n => $"BADGER-{n}")));
        Assert.That(_server.Requests.Select(r => r.RawQuery), Is.EqualTo(new[] { "?page=1&limit=20", "?page=2&limit=20", "?page=3&limit=20" }));
        Assert.That(transport.Requests.Select(r => r.Priority), Is.EqualTo(new RequestPriority?[] { RequestPriority.Background, RequestPriority.Background, RequestPriority.Background }));
    }

    /// <summary>
    /// The live spec bounds every list's <c>page</c> (from 1) and <c>limit</c> (1 to 20); the server refuses a request
    /// outside them. The client says so before spending a rate-limit slot, for every paged operation.
    /// </summary>
    [TestCase(0, null)]
    [TestCase(-1, 10)]
    [TestCase(1, 0)]
    [TestCase(null, 21)]
    [TestCase(1, 50)]
    public void A_page_or_limit_outside_the_spec_bounds_is_refused_before_sending(int? page, int? limit)
    {
        using var client = new SpaceTradersClient(_server.Options());
        var calls = new Func<Task>[]
        {
            () => client.Fleet.GetMyShipsAsync(page, limit),
            () => client.Systems.GetSystemsAsync(page, limit),
            () => client.Systems.GetSystemWaypointsAsync("X1-DF55", page, limit),
            () => client.Agents.GetAgentsAsync(page, limit),
            () => client.Factions.GetFactionsAsync(page, limit),
            () => client.Factions.GetMyFactionsAsync(page, limit),
            () => client.Contracts.GetContractsAsync(page, limit),
        };

        foreach (var call in calls)
        {
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => call());
        }

        Assert.That(_server.Requests, Is.Empty, "nothing was sent");
    }

    [Test]
    public async Task The_bounds_themselves_are_sent()
    {
        ServeShips(total: 3);
        using var client = new SpaceTradersClient(_server.Options());

        await client.Fleet.GetMyShipsAsync(1, 1);
        await client.Fleet.GetMyShipsAsync(1, 20);

        Assert.That(_server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_single_call_sends_the_priority_override_and_none_by_default()
    {
        ServeShips(total: 3);
        using var transport = new RecordingHandler();
        var options = _server.Options();
        options.Transport = transport;
        using var client = new SpaceTradersClient(options);

        await client.Fleet.GetMyShipsAsync(page: 1);
        await client.Fleet.GetMyShipsAsync(page: 1, priority: RequestPriority.Critical);
        await foreach (var _ in client.Fleet.EnumerateMyShipsAsync(RequestPriority.Normal))
        {
        }

        Assert.That(transport.Requests.Select(r => r.Priority), Is.EqualTo(new RequestPriority?[] { null, RequestPriority.Critical, RequestPriority.Normal }));
    }

    [Test]
    public async Task Stops_at_an_empty_page_even_if_the_total_says_more()
    {
        _server.RespondWithPage("/v2/my/ships", 1, ShipsPage(1, 20, total: 100));
        _server.RespondWithPage("/v2/my/ships", 2, """{"data":[],"meta":{"total":100,"page":2,"limit":20}}""");
        using var client = new SpaceTradersClient(_server.Options());

        var count = 0;
        await foreach (var _ in client.Fleet.EnumerateMyShipsAsync())
        {
            count++;
        }

        Assert.That(count, Is.EqualTo(20));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Fetches_the_next_page_only_when_the_caller_gets_there()
    {
        ServeShips(total: 45);
        using var client = new SpaceTradersClient(_server.Options());

        var first = await client.Fleet.EnumerateMyShipsAsync().Take(20).ToListAsync();

        Assert.That(first, Has.Count.EqualTo(20));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Cancellation_stops_the_walk()
    {
        ServeShips(total: 45);
        using var client = new SpaceTradersClient(_server.Options());
        using var cancellation = new CancellationTokenSource();

        Assert.That(async () =>
        {
            await foreach (var ship in client.Fleet.EnumerateMyShipsAsync(cancellationToken: cancellation.Token))
            {
                if (ship.Symbol == "BADGER-20")
                {
                    await cancellation.CancelAsync();
                }
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Waypoint_filters_are_sent_with_every_page()
    {
        var waypoint = JsonNode.Parse(Fixtures.Read("get-waypoint"))!["data"]!;
        var page1 = new JsonObject { ["data"] = new JsonArray([.. Enumerable.Range(0, 20).Select(_ => waypoint.DeepClone())]), ["meta"] = Meta(21, 1) };
        var page2 = new JsonObject { ["data"] = new JsonArray(waypoint.DeepClone()), ["meta"] = Meta(21, 2) };
        _server.RespondWithPage("/v2/systems/X1-DF55/waypoints", 1, page1.ToJsonString());
        _server.RespondWithPage("/v2/systems/X1-DF55/waypoints", 2, page2.ToJsonString());
        using var client = new SpaceTradersClient(_server.Options());

        var waypoints = await client.Systems.EnumerateSystemWaypointsAsync("X1-DF55", WaypointType.Planet, [WaypointTraitSymbol.Marketplace]).ToListAsync();

        Assert.That(waypoints, Has.Count.EqualTo(21));
        Assert.That(_server.Requests.Select(r => r.RawQuery), Is.EqualTo(new[]
        {
            "?page=1&limit=20&type=PLANET&traits=MARKETPLACE",
            "?page=2&limit=20&type=PLANET&traits=MARKETPLACE",
        }));
    }

    [Test]
    public async Task Every_paged_list_has_an_enumerator_that_walks_it()
    {
        using var client = new SpaceTradersClient(_server.Options());
        var walks = new (string Path, string Fixture, Func<IAsyncEnumerable<object>> Walk)[]
        {
            ("/v2/agents", "get-agents", () => client.Agents.EnumerateAgentsAsync()),
            ("/v2/factions", "get-factions", () => client.Factions.EnumerateFactionsAsync()),
            ("/v2/my/factions", "get-my-factions", () => client.Factions.EnumerateMyFactionsAsync()),
            ("/v2/systems", "get-systems", () => client.Systems.EnumerateSystemsAsync()),
            ("/v2/my/contracts", "get-contracts", () => client.Contracts.EnumerateContractsAsync()),
        };

        foreach (var (path, fixture, walk) in walks)
        {
            _server.Reset();
            _server.Respond("GET", path, 200, Fixtures.Read(fixture));

            var items = await walk().ToListAsync();

            Assert.That(items, Has.Count.EqualTo(2), path);
            Assert.That(_server.SingleRequest.RawQuery, Is.EqualTo("?page=1&limit=20"), path);
        }
    }

    private void ServeShips(int total)
    {
        for (var page = 1; (page - 1) * 20 < total; page++)
        {
            _server.RespondWithPage("/v2/my/ships", page, ShipsPage(page, Math.Min(20, total - ((page - 1) * 20)), total));
        }
    }

    private static string ShipsPage(int page, int count, int total)
    {
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!["data"]!;
        var items = new JsonArray();
        for (var i = 1; i <= count; i++)
        {
            var copy = ship.DeepClone();
            copy["symbol"] = $"BADGER-{((page - 1) * 20) + i}";
            items.Add(copy);
        }

        return new JsonObject { ["data"] = items, ["meta"] = Meta(total, page) }.ToJsonString();
    }

    private static JsonObject Meta(int total, int page) => new() { ["total"] = total, ["page"] = page, ["limit"] = 20 };
}
