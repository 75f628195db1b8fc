using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Dispatching;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime;

/// <summary>
/// Runs fleets from plugin strategies: loads the plugins, runs each agent's conductor and every ship's assigned behaviour
/// concurrently (each as an actor of the clock, all sharing one rate limiter per node), holds ship leases in the store,
/// and records sessions, requests, credit movements, ship parts and market history.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="RunAsync"/> runs until its token is cancelled (Ctrl+C) or <see cref="RuntimeOptions.StopAfter"/> passes,
/// then shuts down gracefully: behaviours are cancelled (and abandoned after <see cref="RuntimeOptions.AbandonTimeout"/>
/// of game time or <see cref="RuntimeOptions.AbandonWallTimeout"/> of real time, whichever comes first, if they do not
/// end), sessions are closed, leases released and the store flushed. A behaviour that throws ends its
/// session as failed and its ship is retried by <see cref="RuntimeOptions.RestartPolicy"/>; a conductor that throws is
/// restarted the same way. None of these takes the runtime down; <see cref="GetSnapshot"/> reports them.
/// </para>
/// <para>
/// Under a virtual clock (the simulator's <c>VirtualClock</c>) the whole run is deterministic and as fast as the work
/// allows. Await <see cref="RunAsync"/> from outside the clock's actors.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = new RuntimeOptions { Conductor = StrategyRef.Parse("default-conductor"), StopAfter = TimeSpan.FromHours(1) };
/// options.PluginDirectories.Add(Path.Combine(AppContext.BaseDirectory, "plugins"));
/// options.Agents.Add(new SpaceTradersClientOptions { Token = token });
/// await using var runtime = new FleetRuntime(options);
/// var run = runtime.RunAsync(cancellationToken);
/// while (!run.IsCompleted)
/// {
///     var snapshot = runtime.GetSnapshot();   // ships, credits, CPH, CPR, requests/min, queue wait, store health
///     ...
/// }
/// await run;
/// var end = runtime.GetSnapshot().StoppedAt!.Value;   // the run's end on its clock, not a later reading of the clock
/// var perBehaviour = await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, end, default);
/// </code>
/// </example>
public sealed class FleetRuntime : IAsyncDisposable
{
    private readonly Dispatcher _dispatcher;

    /// <summary>Initializes a new instance of the <see cref="FleetRuntime"/> class.</summary>
    /// <param name="options">The settings; read when <see cref="RunAsync"/> starts.</param>
    public FleetRuntime(RuntimeOptions options) => _dispatcher = new Dispatcher(options);

    /// <summary>Gets the settings.</summary>
    public RuntimeOptions Options => _dispatcher.Options;

    /// <summary>Gets the store records go to (the options' store, or the in-memory store created for this runtime): query it for reports.</summary>
    public IStore Store => _dispatcher.Store;

    /// <summary>Gets the runtime's clock.</summary>
    public TimeProvider Clock => _dispatcher.Clock;

    /// <summary>Gets this dispatcher's id, the owner of its leases.</summary>
    public string NodeId => _dispatcher.NodeId;

    /// <summary>
    /// Gets this run's id (<see cref="RuntimeOptions.RunId"/>, or a new one), written on every session, request and
    /// credit movement it records: query the store with it for this run's figures alone.
    /// </summary>
    public Guid RunId => _dispatcher.RunId;

    /// <summary>Gets where the runtime is in its life.</summary>
    public RuntimeStatus Status => _dispatcher.Status;

    /// <summary>Gets what happened to every plugin folder and compiled-in plugin; empty until <see cref="RunAsync"/> has loaded them.</summary>
    public IReadOnlyList<PluginLoadResult> Plugins => _dispatcher.Catalog?.Results ?? [];

    /// <summary>Gets every behaviour the loaded plugins offer, by id and version; empty until the plugins are loaded.</summary>
    public IReadOnlyList<AvailableStrategy> Behaviours => _dispatcher.Catalog?.Behaviours ?? [];

    /// <summary>Gets every conductor the loaded plugins offer, by id and version; empty until the plugins are loaded.</summary>
    public IReadOnlyList<AvailableStrategy> Conductors => _dispatcher.Catalog?.Conductors ?? [];

    /// <summary>
    /// Runs the fleets until <paramref name="cancellationToken"/> is cancelled or <see cref="RuntimeOptions.StopAfter"/>
    /// passes, then shuts down gracefully and returns. Call it once.
    /// </summary>
    /// <param name="cancellationToken">Cancel to stop (for example on Ctrl+C); the task then completes after the shutdown, without throwing.</param>
    /// <returns>A task that completes when the runtime has stopped.</returns>
    /// <exception cref="InvalidOperationException">Starting failed: the conductor is not offered by any loaded plugin, or no agent is configured.</exception>
    public Task RunAsync(CancellationToken cancellationToken) => _dispatcher.RunAsync(cancellationToken);

    /// <summary>Takes a snapshot for a live view: ships with behaviour, state and activity; credits, CPH, CPR, requests/min, queue wait by priority; store health; plugins; problems.</summary>
    /// <returns>The snapshot. Safe to call from any thread at any time.</returns>
    public RuntimeSnapshot GetSnapshot() => _dispatcher.Snapshot();

    /// <summary>
    /// Gets an agent's timeline for charts: requests, 429s, delayed requests, queue-wait percentiles by priority, credits,
    /// and fleet size, in buckets of game time over the whole run (one minute wide at first, doubling as the run grows so
    /// that at most 1440 buckets are kept). Buckets without requests or credit changes are left out.
    /// </summary>
    /// <param name="agentSymbol">The agent.</param>
    /// <returns>The points, oldest first; empty for an agent this runtime does not play. Safe to call from any thread.</returns>
    public IReadOnlyList<TimelinePoint> GetTimeline(string agentSymbol) =>
        _dispatcher.Agents().FirstOrDefault(a => string.Equals(a.Symbol, agentSymbol, StringComparison.Ordinal))?.Timeline() ?? [];

    /// <summary>
    /// Gets a ship's latest requests and credit movements (up to <see cref="RuntimeOptions.RecentActivityPerShip"/> of
    /// each), newest first, from memory.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <returns>The activity, or <see langword="null"/> when the ship made no request and moved no credits on this runtime.</returns>
    public ShipActivity? GetShipActivity(string shipSymbol)
    {
        foreach (var agent in _dispatcher.Agents())
        {
            if (agent.Activity(shipSymbol) is { } activity)
            {
                return activity;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets every ship's latest known parts (navigation with route and arrival, cargo, fuel, cooldown, frame, mounts, ...)
    /// as the agents' tracked state holds them. Reads memory only: never sends a request.
    /// </summary>
    /// <returns>The ships of every agent, by symbol; immutable snapshots, safe to keep.</returns>
    public IReadOnlyList<ShipSnapshot> GetShipStates() =>
        [.. _dispatcher.Agents().SelectMany(a => a.State.Ships.Select(s => s.Current)).OrderBy(s => s.Symbol, StringComparer.Ordinal)];

    /// <summary>Gets every market the agents have seen, with when each was last received. Reads memory only: never sends a request.</summary>
    /// <returns>The markets, by waypoint symbol; for a waypoint seen by several agents, the latest.</returns>
    public IReadOnlyList<ObservedMarket> GetMarkets() =>
        [.. _dispatcher.Agents()
            .SelectMany(a => a.State.Markets)
            .Where(m => m.Value is not null)
            .GroupBy(m => m.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(m => m.ObservedAt).First())
            .Select(m => new ObservedMarket(m.Value!, m.ObservedAt))
            .OrderBy(m => m.Market.Symbol, StringComparer.Ordinal)];

    /// <summary>
    /// Gets the waypoints of a system the agents know (from their world caches, when a strategy listed the system, and
    /// from their tracked state): coordinates, type, traits. Reads memory only: never sends a request.
    /// </summary>
    /// <param name="systemSymbol">The system, for example <c>X1-DF55</c>.</param>
    /// <returns>The waypoints, by symbol; empty when none of the system is known.</returns>
    public IReadOnlyList<Waypoint> GetWaypoints(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        var known = new Dictionary<string, Waypoint>(StringComparer.Ordinal);
        foreach (var agent in _dispatcher.Agents())
        {
            if (agent.Client.World.TryGetWaypoints(systemSymbol, out var listed))
            {
                foreach (var waypoint in listed)
                {
                    known.TryAdd(waypoint.Symbol, waypoint);
                }
            }

            // The tracked state holds the latest of a waypoint (after a chart, say): it wins over the cached list.
            foreach (var tracked in agent.State.Waypoints)
            {
                if (tracked.Value is { } waypoint && string.Equals(waypoint.SystemSymbol, systemSymbol, StringComparison.Ordinal))
                {
                    known[waypoint.Symbol] = waypoint;
                }
            }
        }

        return [.. known.Values.OrderBy(w => w.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>Releases the agents' clients, the node's rate limiter and, if the runtime created it, the store.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public ValueTask DisposeAsync() => _dispatcher.DisposeAsync();

    /// <summary>Stops as if the process died (no sessions closed, no leases released), for tests of lease expiry.</summary>
    internal void Kill() => _dispatcher.Kill();
}
