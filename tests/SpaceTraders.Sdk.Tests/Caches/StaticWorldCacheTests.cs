using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Caches;

/// <summary>The static world cache fetches each thing once, whatever the concurrency, and never caches a failure.</summary>
[TestFixture]
public sealed class StaticWorldCacheTests
{
    private CountingSystemsClient _client = null!;
    private StaticWorldCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _client = new CountingSystemsClient();
        _cache = new StaticWorldCache(_client);
    }

    [Test]
    public async Task Concurrent_callers_share_one_fetch_and_later_callers_none()
    {
        _client.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 8).Select(_ => _cache.GetWaypointsAsync("X1-DF55")).ToArray();
        await _client.Started.Task;
        _client.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.That(_client.Calls("waypoints X1-DF55"), Is.EqualTo(1));
        Assert.That(results.Select(r => r.Count), Is.All.EqualTo(3));
        Assert.That(results.Distinct().Count(), Is.EqualTo(1), "every caller got the one list");

        _ = await _cache.GetWaypointsAsync("X1-DF55");
        _ = await _cache.GetWaypointAsync("X1-DF55-B2");
        Assert.That(_client.TotalCalls, Is.EqualTo(1), "everything after came from memory");
        Assert.That(_client.Priorities, Is.All.EqualTo(RequestPriority.Background));
    }

    [Test]
    public async Task Under_virtual_time_the_waiting_callers_park_so_the_clock_moves_and_one_fetch_serves_all()
    {
        using var clock = new VirtualClock();
        var client = new CountingSystemsClient { Latency = (clock, TimeSpan.FromSeconds(2)) };
        var cache = new StaticWorldCache(client, clock);
        var start = clock.GetUtcNow();
        var counts = new int[6];

        Task[] actors = [];
        await clock.RunActorAsync("root", _ =>
        {
            actors = [.. Enumerable.Range(0, counts.Length).Select(i => clock.RunActorAsync($"ship-{i}", async ct =>
            {
                counts[i] = (await cache.GetWaypointsAsync("X1-DF55", ct)).Count;
            }, CancellationToken.None))];
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(actors);

        Assert.That(clock.Fault, Is.Null);
        Assert.That(counts, Is.All.EqualTo(3));
        Assert.That(client.Calls("waypoints X1-DF55"), Is.EqualTo(1));
        Assert.That(clock.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(2)), "one fetch's latency, not six");
    }

    [Test]
    public async Task A_failed_fetch_reaches_every_waiter_and_is_not_cached()
    {
        _client.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.FailNext = true;

        var first = _cache.GetJumpGateAsync("X1-DF55-I1");
        await _client.Started.Task;
        var second = _cache.GetJumpGateAsync("X1-DF55-I1");
        _client.Gate.SetResult();

        Assert.That(async () => await first, Throws.InvalidOperationException);
        Assert.That(async () => await second, Throws.InvalidOperationException);
        Assert.That(_client.Calls("gate X1-DF55-I1"), Is.EqualTo(1), "the waiter did not fetch again");

        var gate = await _cache.GetJumpGateAsync("X1-DF55-I1");
        Assert.That(gate.Connections, Is.EqualTo(new[] { "X1-ZZ9-I1" }));
        Assert.That(_client.Calls("gate X1-DF55-I1"), Is.EqualTo(2));
    }

    [Test]
    public async Task When_the_fetching_caller_gives_up_a_waiter_fetches_instead()
    {
        _client.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var first = _cache.GetShipyardAsync("X1-DF55-A1", impatient.Token);
        await _client.Started.Task;
        var second = _cache.GetShipyardAsync("X1-DF55-A1");
        impatient.Cancel();

        Assert.That(async () => await first, Throws.InstanceOf<OperationCanceledException>());
        _client.Gate.SetResult();
        var shipyard = await second;

        Assert.That(shipyard.Symbol, Is.EqualTo("X1-DF55-A1"));
        Assert.That(_client.Calls("shipyard X1-DF55-A1"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_waypoint_comes_from_its_systems_list_or_else_from_its_own_request()
    {
        var listed = await _cache.GetWaypointAsync("X1-DF55-C3");
        var unlisted = await _cache.GetWaypointAsync("X1-DF55-Z9");

        Assert.That(listed.Symbol, Is.EqualTo("X1-DF55-C3"));
        Assert.That(unlisted.Symbol, Is.EqualTo("X1-DF55-Z9"));
        Assert.That(_client.Calls("waypoints X1-DF55"), Is.EqualTo(1));
        Assert.That(_client.Calls("waypoint X1-DF55-Z9"), Is.EqualTo(1));
        Assert.That(_cache.TryGetWaypoint("X1-DF55-Z9", out _), Is.True);
    }

    [Test]
    public async Task Systems_are_fetched_once_each_and_the_whole_map_once()
    {
        var system = await _cache.GetSystemAsync("X1-DF55");
        _ = await _cache.GetSystemAsync("X1-DF55");
        var all = await _cache.GetAllSystemsAsync();
        _ = await _cache.GetAllSystemsAsync();

        Assert.That(system.Symbol, Is.EqualTo("X1-DF55"));
        Assert.That(all.Select(s => s.Symbol), Is.EqualTo(new[] { "X1-DF55", "X1-ZZ9" }));
        Assert.That(_client.TotalCalls, Is.EqualTo(2));
        Assert.That(_cache.TryGetSystem("X1-ZZ9", out _), Is.True);
    }

    [Test]
    public async Task The_cache_locates_waypoints_and_builds_the_jump_graph()
    {
        await _cache.GetSystemAsync("X1-DF55");
        Assert.That(_cache.TryGetPosition("X1-DF55-B2", out var fromSystem), Is.True, "positions from the system's listing");
        Assert.That(fromSystem, Is.EqualTo(new WaypointPosition("X1-DF55-B2", "X1-DF55", 30, 40)));

        await _cache.GetWaypointsAsync("X1-DF55");
        await _cache.GetJumpGateAsync("X1-DF55-I1");
        var graph = _cache.BuildJumpGateGraph();

        Assert.That(_cache.GetSystemWaypoints("X1-DF55").Select(w => w.Symbol), Is.EqualTo(new[] { "X1-DF55-A1", "X1-DF55-B2", "X1-DF55-C3", "X1-DF55-I1" }));
        Assert.That(graph.IsExplored("X1-DF55"), Is.True);
        Assert.That(graph.FindPath("X1-DF55", "X1-ZZ9")!.Jumps, Is.EqualTo(1));
    }

    [Test]
    public void Recording_a_shipyard_without_ships_keeps_the_ships_seen_before()
    {
        var withShips = CountingSystemsClient.Shipyard("X1-DF55-A1") with
        {
            Ships =
            [
                new ShipyardShip
                {
                    Type = "SHIP_PROBE",
                    Name = "Probe",
                    Description = "-",
                    Supply = "MODERATE",
                    PurchasePrice = 20_000,
                    Frame = Frame(),
                    Reactor = Reactor(),
                    Engine = Engine(),
                    Modules = [],
                    Mounts = [],
                    Crew = new ShipyardShipCrew { Required = 0, Capacity = 0 },
                },
            ],
        };
        _cache.Record(withShips);

        var held = _cache.Record(CountingSystemsClient.Shipyard("X1-DF55-A1"));

        Assert.That(held.Ships, Has.Count.EqualTo(1));
        Assert.That(_cache.FindShipyardsSelling("SHIP_PROBE").Single().Symbol, Is.EqualTo("X1-DF55-A1"));
        Assert.That(_cache.FindShipyardsSelling("SHIP_REFINING_FREIGHTER"), Is.Empty);
    }

    /// <summary>An <see cref="ISystemsClient"/> over a fixed two-system world that counts its requests.</summary>
    private sealed class CountingSystemsClient : ISystemsClient
    {
        private readonly Dictionary<string, int> _calls = [];

        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailNext { get; set; }

        public (TimeProvider Clock, TimeSpan Delay)? Latency { get; set; }

        public List<RequestPriority?> Priorities { get; } = [];

        public int TotalCalls
        {
            get
            {
                lock (_calls)
                {
                    return _calls.Values.Sum();
                }
            }
        }

        public static Shipyard Shipyard(string symbol) =>
            new() { Symbol = symbol, ShipTypes = [new ShipyardShipType { Type = "SHIP_PROBE" }], ModificationsFee = 100 };

        public int Calls(string what)
        {
            lock (_calls)
            {
                return _calls.GetValueOrDefault(what);
            }
        }

        public async Task<StarSystem> GetSystemAsync(string systemSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default)
        {
            await Enter($"system {systemSymbol}", priority, cancellationToken);
            return System(systemSymbol);
        }

        public async IAsyncEnumerable<StarSystem> EnumerateSystemsAsync(RequestPriority priority = RequestPriority.Background, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Enter("systems", priority, cancellationToken);
            yield return System("X1-DF55");
            yield return System("X1-ZZ9");
        }

        public async IAsyncEnumerable<Waypoint> EnumerateSystemWaypointsAsync(
            string systemSymbol,
            WaypointType? type = null,
            IReadOnlyCollection<WaypointTraitSymbol>? traits = null,
            RequestPriority priority = RequestPriority.Background,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Enter($"waypoints {systemSymbol}", priority, cancellationToken);
            yield return Waypoint($"{systemSymbol}-A1", "PLANET", 0, 0);
            yield return Waypoint($"{systemSymbol}-B2", "MOON", 30, 40);
            yield return Waypoint($"{systemSymbol}-C3", "ASTEROID", 0, 10);
        }

        public async Task<Waypoint> GetWaypointAsync(string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default)
        {
            await Enter($"waypoint {waypointSymbol}", priority, cancellationToken);
            return Waypoint(waypointSymbol, "PLANET", 99, 99);
        }

        public async Task<JumpGate> GetJumpGateAsync(string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default)
        {
            await Enter($"gate {waypointSymbol}", priority, cancellationToken);
            return new JumpGate { Symbol = waypointSymbol, Connections = ["X1-ZZ9-I1"] };
        }

        public async Task<Shipyard> GetShipyardAsync(string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default)
        {
            await Enter($"shipyard {waypointSymbol}", priority, cancellationToken);
            return Shipyard(waypointSymbol);
        }

        public Task<Page<StarSystem>> GetSystemsAsync(int? page = null, int? limit = null, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Page<Waypoint>> GetSystemWaypointsAsync(string systemSymbol, int? page = null, int? limit = null, WaypointType? type = null, IReadOnlyCollection<WaypointTraitSymbol>? traits = null, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Waypoint> GetWaypointAsync(string systemSymbol, string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Construction> GetConstructionAsync(string systemSymbol, string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Construction> GetConstructionAsync(string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<SupplyConstructionResult> SupplyConstructionAsync(string systemSymbol, string waypointSymbol, SupplyConstructionRequest request, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<SupplyConstructionResult> SupplyConstructionAsync(string systemSymbol, string waypointSymbol, string shipSymbol, TradeSymbol tradeSymbol, int units, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<SupplyConstructionResult> SupplyConstructionAsync(string waypointSymbol, string shipSymbol, TradeSymbol tradeSymbol, int units, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Market> GetMarketAsync(string systemSymbol, string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Market> GetMarketAsync(string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<JumpGate> GetJumpGateAsync(string systemSymbol, string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Shipyard> GetShipyardAsync(string systemSymbol, string waypointSymbol, RequestPriority? priority = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        private static StarSystem System(string symbol) => new()
        {
            Symbol = symbol,
            SectorSymbol = "X1",
            Type = SystemType.RedStar,
            X = symbol == "X1-DF55" ? 0 : 100,
            Y = 0,
            Waypoints =
            [
                new SystemWaypoint { Symbol = $"{symbol}-A1", Type = WaypointType.Planet, X = 0, Y = 0, Orbitals = [] },
                new SystemWaypoint { Symbol = $"{symbol}-B2", Type = WaypointType.Moon, X = 30, Y = 40, Orbitals = [] },
                new SystemWaypoint { Symbol = $"{symbol}-I1", Type = WaypointType.JumpGate, X = -50, Y = 0, Orbitals = [] },
            ],
            Factions = [],
        };

        /// <summary>Counts the request, then waits at the gate (if any) like a request waiting its turn at the rate limiter.</summary>
        private async Task Enter(string what, RequestPriority? priority, CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls[what] = _calls.GetValueOrDefault(what) + 1;
                Priorities.Add(priority);
            }

            Started.TrySetResult();
            if (Latency is { } latency)
            {
                await latency.Clock.DelayAsync(latency.Delay, cancellationToken);
            }

            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The server is down for maintenance.");
            }
        }
    }
}
