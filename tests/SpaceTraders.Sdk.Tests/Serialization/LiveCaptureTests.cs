using System.Text.Json;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Serialization;

/// <summary>
/// Responses of the live server (a starting system captured by a public bot, <c>docs/api/captures/live-start-X1-AD75</c>)
/// served to the client as they are: every one reads, through the client's own calls, into the values it holds.
/// The fixtures under <c>Fixtures/</c> are made from the spec; these are what the live server sent.
/// </summary>
[TestFixture]
public sealed class LiveCaptureTests
{
    private const string System = "X1-AD75";

    private FakeApiServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.Reset();

    private static string Folder => Path.Combine(RepositoryPaths.Root(), "docs", "api", "captures", "live-start-X1-AD75");

    private static IEnumerable<string> Captures(string prefix)
        => Directory.EnumerateFiles(Folder, prefix + "*.json").Order(StringComparer.Ordinal);

    [Test]
    public async Task Every_captured_market_reads()
    {
        var observer = new MissingFields();
        var options = _server.Options();
        options.Observers.Add(observer);
        using var client = new SpaceTradersClient(options);
        var read = 0;
        foreach (var file in Captures("snapshot_market_"))
        {
            var body = await File.ReadAllTextAsync(file);
            var expected = JsonDocument.Parse(body).RootElement.GetProperty("data");
            var symbol = expected.GetProperty("symbol").GetString()!;
            _server.Respond("GET", $"/v2/systems/{System}/waypoints/{symbol}/market", 200, body);

            var market = await client.Systems.GetMarketAsync(System, symbol);

            Assert.That(market.Symbol, Is.EqualTo(symbol));
            Assert.That(market.TradeGoods?.Count ?? 0, Is.EqualTo(expected.TryGetProperty("tradeGoods", out var goods) && goods.ValueKind == JsonValueKind.Array ? goods.GetArrayLength() : 0));
            read++;
        }

        Assert.That(read, Is.EqualTo(25));
        Assert.That(observer.Records, Is.Empty, "the live markets lack no field the client requires");
    }

    [Test]
    public async Task Every_captured_shipyard_reads()
    {
        using var client = new SpaceTradersClient(_server.Options());
        var read = 0;
        foreach (var file in Captures("snapshot_shipyard_"))
        {
            var body = await File.ReadAllTextAsync(file);
            var symbol = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("symbol").GetString()!;
            _server.Respond("GET", $"/v2/systems/{System}/waypoints/{symbol}/shipyard", 200, body);

            var shipyard = await client.Systems.GetShipyardAsync(System, symbol);

            Assert.That(shipyard.Symbol, Is.EqualTo(symbol));
            Assert.That(shipyard.ShipTypes, Is.Not.Empty);
            read++;
        }

        Assert.That(read, Is.EqualTo(3));
    }

    [Test]
    public async Task The_captured_ships_read_into_the_tracked_state()
    {
        using var client = new SpaceTradersClient(_server.Options());
        foreach (var file in Captures("snapshot_ship_"))
        {
            var body = await File.ReadAllTextAsync(file);
            var symbol = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("symbol").GetString()!;
            _server.Respond("GET", $"/v2/my/ships/{symbol}", 200, body);

            var ship = await client.Fleet.GetMyShipAsync(symbol);

            Assert.That(ship.Symbol, Is.EqualTo(symbol));
            Assert.That(client.State.GetShip(symbol).Current.IsComplete, Is.True);
            Assert.That(client.State.GetShip(symbol).IsOnCooldown, Is.False);
        }
    }

    [Test]
    public async Task The_captured_system_waypoints_agent_gate_and_site_read()
    {
        using var client = new SpaceTradersClient(_server.Options());
        _server.Respond("GET", $"/v2/systems/{System}", 200, await File.ReadAllTextAsync(Path.Combine(Folder, "snapshot_system.json")));
        _server.Respond("GET", "/v2/my/agent", 200, await File.ReadAllTextAsync(Path.Combine(Folder, "snapshot_agent.json")));
        var gate = await File.ReadAllTextAsync(Path.Combine(Folder, "snapshot_jumpgate.json"));
        var gateSymbol = JsonDocument.Parse(gate).RootElement.GetProperty("data").GetProperty("symbol").GetString()!;
        _server.Respond("GET", $"/v2/systems/{System}/waypoints/{gateSymbol}/jump-gate", 200, gate);
        var site = await File.ReadAllTextAsync(Path.Combine(Folder, "snapshot_construction.json"));
        var siteSymbol = JsonDocument.Parse(site).RootElement.GetProperty("data").GetProperty("symbol").GetString()!;
        _server.Respond("GET", $"/v2/systems/{System}/waypoints/{siteSymbol}/construction", 200, site);
        var pages = Captures("snapshot_waypoints_page").ToList();
        for (var page = 1; page <= pages.Count; page++)
        {
            _server.RespondWithPage($"/v2/systems/{System}/waypoints", page, await File.ReadAllTextAsync(Path.Combine(Folder, $"snapshot_waypoints_page{page}.json")));
        }

        var system = await client.Systems.GetSystemAsync(System);
        var agent = await client.Agents.GetMyAgentAsync();
        var jumpGate = await client.Systems.GetJumpGateAsync(System, gateSymbol);
        var construction = await client.Systems.GetConstructionAsync(System, siteSymbol);
        var waypoints = new List<Waypoint>();
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(System))
        {
            waypoints.Add(waypoint);
        }

        Assert.Multiple(() =>
        {
            Assert.That(system.Waypoints, Has.Count.EqualTo(82));
            Assert.That(agent.Credits, Is.GreaterThan(0));
            Assert.That(jumpGate.Connections, Is.Not.Empty);
            Assert.That(construction.Materials, Is.Not.Empty);
            Assert.That(waypoints, Has.Count.EqualTo(82), "every page walked");
            Assert.That(waypoints.Select(w => w.Symbol).Distinct().Count(), Is.EqualTo(82));
        });
    }

    private sealed class MissingFields : IRequestObserver
    {
        public List<MissingFieldRecord> Records { get; } = [];

        public void OnRequestCompleted(RequestRecord record)
        {
        }

        public void OnFieldMissing(MissingFieldRecord record)
        {
            lock (Records)
            {
                Records.Add(record);
            }
        }
    }
}
