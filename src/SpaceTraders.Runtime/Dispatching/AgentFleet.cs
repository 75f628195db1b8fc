using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One agent on this dispatcher: its client (whose <see cref="SpaceTradersClient.State"/> every response merges into),
/// the recorders hooked to that state, its ships' actors, its conductor and its fleet board.
/// </summary>
internal sealed partial class AgentFleet : IDisposable
{
    private readonly object _gate = new();
    private readonly Dispatcher _runtime;
    private readonly Dictionary<string, ShipRunner> _ships = new(StringComparer.Ordinal);
    private readonly Doorbell _changes;
    private readonly RequestWindow _window;
    private readonly RequestRecorder _recorder;
    private readonly FleetTimeline _timeline = new();
    private readonly ShipActivityLog _activity;
    private int _shipCount;
    private readonly PriorityRateLimiter _limiter;
    private readonly ILogger _logger;
    private CreditLedger? _ledger;
    private ShipPartsWriter? _parts;
    private MarketRecorder? _markets;
    private ConductorRunner? _conductor;
    private bool _actorsStarted;
    private long _creditsStart;
    private DateTimeOffset _startedAt;

    public AgentFleet(Dispatcher runtime, SpaceTradersClientOptions template, PriorityRateLimiter nodeLimiter)
    {
        _runtime = runtime;
        _changes = new Doorbell(runtime.Clock, "fleet change");
        _window = new RequestWindow(runtime.Clock);
        _activity = new ShipActivityLog(runtime.Options.RecentActivityPerShip);
        _recorder = new RequestRecorder(runtime.Scope, runtime.Store, _window, runtime.RunId, runtime.NodeId, runtime.Options.DelayedThreshold, _timeline, _activity, (agent, record) => runtime.Telemetry.RequestQueued(agent, record.Priority, record.QueueWait), () => Volatile.Read(ref _shipCount));
        _logger = runtime.CreateLogger("SpaceTraders.Runtime.Agent");
        var options = ClientOptions.CopyOf(template);
        options.TimeProvider = runtime.Clock;
        options.DelayedThreshold = runtime.Options.DelayedThreshold;   // one threshold for the SDK's records and the runtime's figures
        options.RateLimiter ??= nodeLimiter;
        options.LoggerFactory ??= runtime.Options.LoggerFactory;
        options.Observers.Add(_recorder);
        _limiter = options.RateLimiter;
        Client = new SpaceTradersClient(options);
        Board = new FleetBoard(runtime.Clock);
    }

    public SpaceTradersClient Client { get; }

    public AgentState State => Client.State;

    public string Symbol { get; private set; } = string.Empty;

    public FleetBoard Board { get; }

    public TimeProvider Clock => _runtime.Clock;

    public PluginCatalog Catalog => _runtime.Catalog!;

    public StrategyRef? ConductorReference => _conductor?.Reference;

    /// <summary>Reads the agent and its ships (which also sets the credit baseline) and hooks the recorders to the state.</summary>
    public async Task StartAsync(ResolvedStrategy? conductor, StrategyParameters conductorParameters, CancellationToken cancellationToken)
    {
        var agent = await ReadAtStartAsync("the agent", ct => Client.Agents.GetMyAgentAsync(RequestPriority.Critical, ct), cancellationToken).ConfigureAwait(false);
        Symbol = agent.Symbol;
        _creditsStart = agent.Credits;
        _startedAt = Clock.GetUtcNow();
        _timeline.Start(_startedAt, _creditsStart);
        _recorder.SetAgent(Symbol);
        var store = _runtime.Store;
        _ledger = new CreditLedger(State, _runtime.Scope, store, Symbol, _runtime.RunId, _runtime.NodeId, _timeline, _activity);
        _parts = new ShipPartsWriter(State, store, Clock, Symbol, _runtime.Options.WriteAllShipParts);
        _markets = new MarketRecorder(State, store, Clock);
        WriteAgent(agent);
        State.Agent.Changed += OnAgentChanged;

        await ReadAtStartAsync(
            "the ships",
            async ct =>
            {
                await foreach (var _ in Client.Fleet.EnumerateMyShipsAsync(RequestPriority.Normal, ct).ConfigureAwait(false))
                {
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

        _parts.WriteAll();
        lock (_gate)
        {
            foreach (var ship in State.Ships)
            {
                _ships[ship.Symbol] = new ShipRunner(_runtime, this, ship.Symbol);
            }

            _shipCount = _ships.Count;
        }

        State.ShipChanged += OnShipChanged;
        if (conductor is not null)
        {
            _conductor = new ConductorRunner(_runtime, this, conductor, conductorParameters);
        }

        LogStarted(Symbol, agent.Credits, _ships.Count);
    }

    /// <summary>
    /// Runs a start-up read, trying again after a server or transport fault (a 500, a dropped connection, a truncated
    /// body): one fault at start-up must not end the runtime. A game error (a bad token: 4xx) and cancellation end it.
    /// </summary>
    private async Task<T> ReadAtStartAsync<T>(string what, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < attempts && !cancellationToken.IsCancellationRequested && IsFault(ex))
            {
                LogStartRetry(what, attempt, ex.Message);
                await Clock.DelayAsync(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        static bool IsFault(Exception ex) => ex is SpaceTradersApiException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError or 0 }
            or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException;
    }

    /// <summary>Starts the ships' actors, the conductor's and the fleet refresher's. Called from the root actor.</summary>
    public void StartActors()
    {
        List<ShipRunner> runners;
        lock (_gate)
        {
            _actorsStarted = true;
            runners = [.. _ships.Values.OrderBy(r => r.Symbol, StringComparer.Ordinal)];
        }

        foreach (var runner in runners)
        {
            _runtime.StartActor("ship " + runner.Symbol, runner.RunAsync);
        }

        if (_conductor is { } conductor)
        {
            _runtime.StartActor($"{Symbol} conductor supervisor", conductor.RunAsync);
        }

        if (_runtime.Options.FleetRefreshInterval > TimeSpan.Zero)
        {
            _runtime.StartActor($"{Symbol} fleet refresh", RefreshFleetAsync);
        }
    }

    /// <summary>Wakes every actor of the agent (shutdown).</summary>
    public void WakeAll()
    {
        List<ShipRunner> runners;
        lock (_gate)
        {
            runners = [.. _ships.Values];
        }

        foreach (var runner in runners)
        {
            runner.Wake();
        }

        _conductor?.Wake();
        _changes.Ring();
    }

    /// <summary>Writes the ship parts still dirty and not yet handed to the store (shutdown).</summary>
    public void FlushShipParts() => _parts?.WriteAll();

    /// <summary>
    /// Reads the agent once more at shutdown, after every session has ended, so that the ledger records (as a
    /// <c>sync</c> movement) any change of credits whose response never arrived (an action that took effect while its
    /// answer was lost): the recorded movements then sum to the server's change exactly. Tries a few times; a failure
    /// is reported, never thrown.
    /// </summary>
    /// <returns>A task that completes when the agent was read or the attempts ran out.</returns>
    public async Task SyncCreditsAsync()
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Client.Agents.GetMyAgentAsync(RequestPriority.Critical, CancellationToken.None).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // The final read is best effort: its failure is reported with what it means.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (attempt >= attempts)
                {
                    LogSyncFailed(Symbol, ex.Message);
                    _runtime.ReportProblem(Symbol, null, $"The final read of the agent failed {attempts} times ({ex.Message}); credit changes whose answers were lost are missing from the ledger.");
                    return;
                }

                await Clock.DelayAsync(TimeSpan.FromSeconds(attempt), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public ShipRunner Runner(string shipSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        return EnsureRunner(shipSymbol)
            ?? throw new ArgumentException($"The ship '{shipSymbol}' is not one of {Symbol}'s ships.", nameof(shipSymbol));
    }

    /// <summary>Describes every ship; <paramref name="discover"/> (only from an actor) first picks up ships new in the state.</summary>
    public IReadOnlyList<FleetShip> DescribeShips(bool discover)
    {
        if (discover)
        {
            foreach (var ship in State.Ships)
            {
                EnsureRunner(ship.Symbol);
            }
        }

        List<ShipRunner> runners;
        lock (_gate)
        {
            runners = [.. _ships.Values.OrderBy(r => r.Symbol, StringComparer.Ordinal)];
        }

        return [.. runners.Select(r => r.Describe())];
    }

    public string? ShipTypeOf(string shipSymbol) =>
        State.TryGetShip(shipSymbol, out var ship) ? ShipTypes.Infer(ship.Current) : null;

    public FleetMetrics Metrics()
    {
        var figures = _window.Read();
        var credits = State.Agent.Value?.Credits ?? _creditsStart;
        var earned = credits - _creditsStart;
        var hours = (Clock.GetUtcNow() - _startedAt).TotalHours;
        return new FleetMetrics(
            figures.Requests,
            figures.RateLimited,
            figures.DelayedPerRequest,
            figures.MeanQueueWait,
            _limiter.QueueLength,
            credits,
            earned,
            hours > 0 ? earned / hours : 0,
            figures.TotalRequests > 0 ? (double)earned / figures.TotalRequests : 0);
    }

    /// <summary>The credits since the start split into operating earnings and capital spending, CPH and CPR on the operating part.</summary>
    public EarningsFigures Earnings()
    {
        var figures = _window.Read();
        var credits = State.Agent.Value?.Credits ?? _creditsStart;
        var capital = _ledger?.CapitalMoved ?? 0;
        return EarningsFigures.From(credits - _creditsStart - capital, -capital, (Clock.GetUtcNow() - _startedAt).TotalHours, figures.TotalRequests);
    }

    public AgentSnapshot Snapshot()
    {
        var figures = _window.Read(percentiles: true);
        return new AgentSnapshot(
            Symbol,
            _conductor?.Reference,
            _conductor?.State,
            _creditsStart,
            Metrics(),
            new RequestTotals(figures.TotalRequests, figures.TotalRateLimited, figures.TotalDelayed),
            [.. figures.ByPriority.Select((p, i) => new PriorityQueueStatus(p.Priority, _limiter.GetQueueLength(p.Priority), p.Requests, p.MeanQueueWait)
            {
                P50QueueWait = figures.WaitPercentiles[i].P50,
                P99QueueWait = figures.WaitPercentiles[i].P99,
            })],
            DescribeShips(discover: false))
        {
            Earnings = Earnings(),
        };
    }

    /// <summary>Gets the agent's timeline: requests, waits, credits and fleet size over the run.</summary>
    public IReadOnlyList<TimelinePoint> Timeline() => _timeline.Read();

    /// <summary>Gets a ship's latest requests and credit movements, or <see langword="null"/> when none were seen.</summary>
    public ShipActivity? Activity(string shipSymbol) => _activity.Read(shipSymbol);

    /// <summary>Whether the ship is one of this agent's (known to its state or its runners).</summary>
    public bool Owns(string shipSymbol)
    {
        lock (_gate)
        {
            if (_ships.ContainsKey(shipSymbol))
            {
                return true;
            }
        }

        return State.TryGetShip(shipSymbol, out _);
    }

    public void NotifyFleetChanged() => _changes.Ring();

    public Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changes.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        State.ShipChanged -= OnShipChanged;
        State.Agent.Changed -= OnAgentChanged;
        _ledger?.Dispose();
        _parts?.Dispose();
        _markets?.Dispose();
        Client.Dispose();
    }

    private ShipRunner? EnsureRunner(string shipSymbol)
    {
        ShipRunner? created = null;
        bool start;
        lock (_gate)
        {
            if (_ships.TryGetValue(shipSymbol, out var known))
            {
                return known;
            }

            if (!State.TryGetShip(shipSymbol, out _))
            {
                return null;
            }

            created = _ships[shipSymbol] = new ShipRunner(_runtime, this, shipSymbol);
            _shipCount = _ships.Count;
            start = _actorsStarted;
        }

        // A ship the agent just bought: its actor is started from the actor that saw it (the conductor's, usually).
        if (start && !_runtime.Stopping)
        {
            _runtime.StartActor("ship " + shipSymbol, created.RunAsync);
        }

        LogShipAdded(Symbol, shipSymbol);
        NotifyFleetChanged();
        return created;
    }

    private void OnShipChanged(object? sender, ShipChangedEventArgs e)
    {
        bool known;
        lock (_gate)
        {
            known = _ships.ContainsKey(e.ShipSymbol);
        }

        if (!known)
        {
            EnsureRunner(e.ShipSymbol);
        }
    }

    private void OnAgentChanged(object? sender, EventArgs e)
    {
        if (State.Agent.Value is { } agent)
        {
            WriteAgent(agent);
        }
    }

    private void WriteAgent(Agent agent) =>
        _runtime.Store.Append(new AgentSnapshotRecord(agent.Symbol, agent.Credits, JsonSerializer.Serialize(agent, (JsonTypeInfo<Agent>)SpaceTradersJson.Options.GetTypeInfo(typeof(Agent))), Clock.GetUtcNow()));

    /// <summary>Every so often, walks the agent's ships at Background priority to pick up ships bought elsewhere.</summary>
    private async Task RefreshFleetAsync()
    {
        var interval = _runtime.Options.FleetRefreshInterval;
        var bell = new Doorbell(Clock, "fleet refresh");
        _runtime.RegisterWake(bell.Ring);
        var next = Clock.GetUtcNow() + interval;
        while (!_runtime.Stopping)
        {
            await bell.WaitUntilAsync(next, CancellationToken.None).ConfigureAwait(false);
            if (_runtime.Stopping)
            {
                return;
            }

            if (Clock.GetUtcNow() < next)
            {
                continue;
            }

            // Never skipped under memory pressure: a refresh is requests, and a run's requests must not depend on the
            // machine's memory (that made virtual-time runs of one seed differ from run to run).
            next = Clock.GetUtcNow() + interval;
            try
            {
                await foreach (var _ in Client.Fleet.EnumerateMyShipsAsync(RequestPriority.Background, CancellationToken.None).ConfigureAwait(false))
                {
                    if (_runtime.Stopping)
                    {
                        break;
                    }
                }

                DescribeShips(discover: true);
            }
#pragma warning disable CA1031 // A failed refresh is retried at the next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRefreshFailed(Symbol, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "{Agent}: {Credits} credits, {Ships} ships")]
    private partial void LogStarted(string agent, long credits, int ships);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "{Agent}: new ship {Ship}")]
    private partial void LogShipAdded(string agent, string ship);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "{Agent}: fleet refresh failed: {Message}")]
    private partial void LogRefreshFailed(string agent, string message);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "{Agent}: the final read of the agent failed: {Message}")]
    private partial void LogSyncFailed(string agent, string message);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Reading {What} at start-up failed (attempt {Attempt}): {Message}; trying again")]
    private partial void LogStartRetry(string what, int attempt, string message);
}
