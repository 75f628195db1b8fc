using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// The parts of the universe that do not change during a reset — systems, waypoints, jump-gate connections and
/// shipyard listings — fetched once through the SDK client and reused by every ship.
/// </summary>
/// <remarks>
/// <para>
/// Each <c>Get...Async</c> method answers from memory when it can; otherwise it fetches (paged lists page by page
/// at <see cref="RequestPriority.Background"/> by default, so a ship's actions always go first), stores and
/// returns. Concurrent calls for the same thing share one fetch: the first caller fetches, the others wait for it
/// (parking properly under virtual time). A failed fetch is not cached, and every caller waiting on it gets its
/// error; a cancelled caller's fetch is taken over by a waiting one.
/// </para>
/// <para>
/// Seed it from storage with the <c>Record</c> methods, and record fresher copies the same way (a waypoint after
/// charting, a shipyard with prices seen by a ship present). The cache is an <see cref="IWaypointLocator"/> for
/// <see cref="MarketCache"/> and the route planners, and builds a <see cref="JumpGateGraph"/> of everything it
/// knows. Thread-safe.
/// </para>
/// </remarks>
public sealed class StaticWorldCache : IWaypointLocator
{
    private readonly ISystemsClient _systemsClient;
    private readonly RequestPriority _priority;
    private readonly FlightRules _rules;
    private readonly SingleFlight _flights;
    private readonly ConcurrentDictionary<string, StarSystem> _systems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Waypoint>> _systemWaypoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Waypoint> _waypoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JumpGate> _jumpGates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Shipyard> _shipyards = new(StringComparer.Ordinal);
    private readonly WaypointPositions _positions = new();
    private volatile IReadOnlyList<StarSystem>? _allSystems;

    /// <summary>Initializes a new instance of the <see cref="StaticWorldCache"/> class.</summary>
    /// <param name="systems">The client's systems area (<c>client.Systems</c>).</param>
    /// <param name="timeProvider">The clock callers wait on while another caller fetches. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="priority">The priority every fetch queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="rules">The formulas for the jump graph's cooldowns. The default value is <see cref="FlightRules.Default"/>.</param>
    public StaticWorldCache(
        ISystemsClient systems,
        TimeProvider? timeProvider = null,
        RequestPriority priority = RequestPriority.Background,
        FlightRules? rules = null)
    {
        _systemsClient = systems ?? throw new ArgumentNullException(nameof(systems));
        _flights = new SingleFlight(timeProvider ?? TimeProvider.System);
        _priority = priority;
        _rules = rules ?? FlightRules.Default;
    }

    /// <summary>Gets the systems held, in no particular order.</summary>
    public IReadOnlyCollection<StarSystem> Systems => [.. _systems.Values];

    /// <summary>Gets the jump gates held, in no particular order.</summary>
    public IReadOnlyCollection<JumpGate> JumpGates => [.. _jumpGates.Values];

    /// <summary>Gets the shipyards held, in no particular order.</summary>
    public IReadOnlyCollection<Shipyard> Shipyards => [.. _shipyards.Values];

    /// <summary>
    /// Forgets everything held: systems, waypoints, jump gates, shipyards and positions. The client calls it when the
    /// server resets (the galaxy is generated again); a fetch in flight may still store what it read.
    /// </summary>
    public void Clear()
    {
        _allSystems = null;
        _systems.Clear();
        _systemWaypoints.Clear();
        _waypoints.Clear();
        _jumpGates.Clear();
        _shipyards.Clear();
        _positions.Clear();
    }

    /// <summary>Gets a system, fetching it the first time (one request).</summary>
    /// <param name="systemSymbol">The system, for example <c>X1-DF55</c>.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The system.</returns>
    public Task<StarSystem> GetSystemAsync(string systemSymbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        return _flights.GetAsync(
            "system:" + systemSymbol,
            () => _systems.GetValueOrDefault(systemSymbol),
            async ct => Record(await _systemsClient.GetSystemAsync(systemSymbol, _priority, ct).ConfigureAwait(false)),
            cancellationToken);
    }

    /// <summary>
    /// Gets every system of the universe, walking all pages the first time (thousands of systems: about one request
    /// per 20 of them, so call it only when a bot really needs the whole map).
    /// </summary>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The systems, in the server's order.</returns>
    public Task<IReadOnlyList<StarSystem>> GetAllSystemsAsync(CancellationToken cancellationToken = default) =>
        _flights.GetAsync(
            "systems",
            () => _allSystems,
            async ct =>
            {
                var all = new List<StarSystem>();
                await foreach (var system in _systemsClient.EnumerateSystemsAsync(_priority, ct).ConfigureAwait(false))
                {
                    all.Add(Record(system));
                }

                IReadOnlyList<StarSystem> result = all;
                _allSystems = result;
                return result;
            },
            cancellationToken);

    /// <summary>Gets every waypoint of a system, walking its pages the first time (one request per 20 waypoints).</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The waypoints, in the server's order.</returns>
    public Task<IReadOnlyList<Waypoint>> GetWaypointsAsync(string systemSymbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        return _flights.GetAsync(
            "waypoints:" + systemSymbol,
            () => _systemWaypoints.GetValueOrDefault(systemSymbol),
            async ct =>
            {
                var waypoints = new List<Waypoint>();
                await foreach (var waypoint in _systemsClient.EnumerateSystemWaypointsAsync(systemSymbol, null, null, _priority, ct).ConfigureAwait(false))
                {
                    waypoints.Add(waypoint);
                }

                return Record(systemSymbol, waypoints);
            },
            cancellationToken);
    }

    /// <summary>
    /// Gets a waypoint: from memory, else from its system's waypoint list (fetched whole, since bots need the rest
    /// soon after), else with one request of its own.
    /// </summary>
    /// <param name="waypointSymbol">The waypoint, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The waypoint.</returns>
    public async Task<Waypoint> GetWaypointAsync(string waypointSymbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        if (_waypoints.TryGetValue(waypointSymbol, out var known))
        {
            return known;
        }

        await GetWaypointsAsync(Symbols.SystemOf(waypointSymbol), cancellationToken).ConfigureAwait(false);
        return await _flights.GetAsync(
            "waypoint:" + waypointSymbol,
            () => _waypoints.GetValueOrDefault(waypointSymbol),
            async ct => Record(await _systemsClient.GetWaypointAsync(waypointSymbol, _priority, ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a jump gate's connections, fetching them the first time (one request; the gate must be charted).</summary>
    /// <param name="waypointSymbol">The gate's waypoint.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The jump gate.</returns>
    public Task<JumpGate> GetJumpGateAsync(string waypointSymbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        return _flights.GetAsync(
            "gate:" + waypointSymbol,
            () => _jumpGates.GetValueOrDefault(waypointSymbol),
            async ct => Record(await _systemsClient.GetJumpGateAsync(waypointSymbol, _priority, ct).ConfigureAwait(false)),
            cancellationToken);
    }

    /// <summary>Gets a shipyard's listing (the ship types it sells), fetching it the first time (one request).</summary>
    /// <param name="waypointSymbol">The shipyard's waypoint.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The shipyard as last recorded (with prices if a ship was there when it was fetched or recorded).</returns>
    public Task<Shipyard> GetShipyardAsync(string waypointSymbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        return _flights.GetAsync(
            "shipyard:" + waypointSymbol,
            () => _shipyards.GetValueOrDefault(waypointSymbol),
            async ct => Record(await _systemsClient.GetShipyardAsync(waypointSymbol, _priority, ct).ConfigureAwait(false)),
            cancellationToken);
    }

    /// <summary>Records a system (from storage, or a response the bot fetched itself).</summary>
    /// <param name="system">The system.</param>
    /// <returns>The system.</returns>
    public StarSystem Record(StarSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _systems[system.Symbol] = system;
        foreach (var waypoint in system.Waypoints)
        {
            if (!_waypoints.ContainsKey(waypoint.Symbol))
            {
                _positions.Add(WaypointPosition.From(waypoint, system.Symbol));
            }
        }

        return system;
    }

    /// <summary>Records the full waypoint list of a system.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="waypoints">All of its waypoints.</param>
    /// <returns>The waypoints.</returns>
    public IReadOnlyList<Waypoint> Record(string systemSymbol, IEnumerable<Waypoint> waypoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentNullException.ThrowIfNull(waypoints);
        IReadOnlyList<Waypoint> list = [.. waypoints];
        foreach (var waypoint in list)
        {
            Record(waypoint);
        }

        _systemWaypoints[systemSymbol] = list;
        return list;
    }

    /// <summary>Records a waypoint (a fresher copy replaces the one held, for example after charting).</summary>
    /// <param name="waypoint">The waypoint.</param>
    /// <returns>The waypoint.</returns>
    public Waypoint Record(Waypoint waypoint)
    {
        ArgumentNullException.ThrowIfNull(waypoint);
        _waypoints[waypoint.Symbol] = waypoint;
        _positions.Add(WaypointPosition.From(waypoint));
        // Keep a held system list current; retry if another writer replaced it meanwhile.
        while (_systemWaypoints.TryGetValue(waypoint.SystemSymbol, out var list))
        {
            var updated = list.ToArray();
            var index = Array.FindIndex(updated, w => string.Equals(w.Symbol, waypoint.Symbol, StringComparison.Ordinal));
            if (index < 0)
            {
                break;
            }

            updated[index] = waypoint;
            if (_systemWaypoints.TryUpdate(waypoint.SystemSymbol, updated, list))
            {
                break;
            }
        }

        return waypoint;
    }

    /// <summary>Records a jump gate's connections.</summary>
    /// <param name="jumpGate">The jump gate.</param>
    /// <returns>The jump gate.</returns>
    public JumpGate Record(JumpGate jumpGate)
    {
        ArgumentNullException.ThrowIfNull(jumpGate);
        _jumpGates[jumpGate.Symbol] = jumpGate;
        return jumpGate;
    }

    /// <summary>Records a shipyard. A copy without ships for sale keeps the ships and transactions of the copy held.</summary>
    /// <param name="shipyard">The shipyard.</param>
    /// <returns>The shipyard as now held.</returns>
    public Shipyard Record(Shipyard shipyard)
    {
        ArgumentNullException.ThrowIfNull(shipyard);
        return _shipyards.AddOrUpdate(
            shipyard.Symbol,
            static (_, fresh) => fresh,
            static (_, held, fresh) => fresh.Ships is null
                ? fresh with { Ships = held.Ships, Transactions = fresh.Transactions ?? held.Transactions }
                : fresh,
            shipyard);
    }

    /// <summary>Looks up a system held.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="system">The system, when held.</param>
    /// <returns><see langword="true"/> if held.</returns>
    public bool TryGetSystem(string systemSymbol, [MaybeNullWhen(false)] out StarSystem system) => _systems.TryGetValue(systemSymbol, out system);

    /// <summary>Looks up a waypoint held.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <param name="waypoint">The waypoint, when held.</param>
    /// <returns><see langword="true"/> if held.</returns>
    public bool TryGetWaypoint(string waypointSymbol, [MaybeNullWhen(false)] out Waypoint waypoint) => _waypoints.TryGetValue(waypointSymbol, out waypoint);

    /// <summary>Looks up the waypoint list of a system held.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="waypoints">Its waypoints, when the full list is held.</param>
    /// <returns><see langword="true"/> if held.</returns>
    public bool TryGetWaypoints(string systemSymbol, [MaybeNullWhen(false)] out IReadOnlyList<Waypoint> waypoints) => _systemWaypoints.TryGetValue(systemSymbol, out waypoints);

    /// <summary>Looks up a jump gate held.</summary>
    /// <param name="waypointSymbol">The gate's waypoint.</param>
    /// <param name="jumpGate">The gate, when held.</param>
    /// <returns><see langword="true"/> if held.</returns>
    public bool TryGetJumpGate(string waypointSymbol, [MaybeNullWhen(false)] out JumpGate jumpGate) => _jumpGates.TryGetValue(waypointSymbol, out jumpGate);

    /// <summary>Looks up a shipyard held.</summary>
    /// <param name="waypointSymbol">The shipyard's waypoint.</param>
    /// <param name="shipyard">The shipyard, when held.</param>
    /// <returns><see langword="true"/> if held.</returns>
    public bool TryGetShipyard(string waypointSymbol, [MaybeNullWhen(false)] out Shipyard shipyard) => _shipyards.TryGetValue(waypointSymbol, out shipyard);

    /// <summary>Gets the shipyards held that sell a ship type.</summary>
    /// <param name="shipType">The ship type.</param>
    /// <returns>The shipyards, ordered by waypoint symbol.</returns>
    public IReadOnlyList<Shipyard> FindShipyardsSelling(ShipType shipType) =>
        [.. _shipyards.Values.Where(s => s.ShipTypes.Any(t => t.Type == shipType)).OrderBy(s => s.Symbol, StringComparer.Ordinal)];

    /// <inheritdoc />
    public bool TryGetPosition(string waypointSymbol, out WaypointPosition position) => _positions.TryGetPosition(waypointSymbol, out position);

    /// <inheritdoc />
    public IReadOnlyList<WaypointPosition> GetSystemWaypoints(string systemSymbol) => _positions.GetSystemWaypoints(systemSymbol);

    /// <summary>Builds a jump-gate graph of every system, gate waypoint and jump gate held.</summary>
    /// <returns>A new graph; build another after recording more gates.</returns>
    public JumpGateGraph BuildJumpGateGraph()
    {
        var graph = new JumpGateGraph(_rules);
        foreach (var system in _systems.Values)
        {
            graph.Add(system);
        }

        foreach (var waypoint in _waypoints.Values)
        {
            graph.Add(waypoint);
        }

        foreach (var gate in _jumpGates.Values)
        {
            graph.Add(gate);
        }

        return graph;
    }
}
