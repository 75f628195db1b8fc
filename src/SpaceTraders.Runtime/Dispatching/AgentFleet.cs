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
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One agent in one server reset on this dispatcher: its client (whose <see cref="SpaceTradersClient.State"/> every
/// response merges into), the recorders hooked to that state, its ships' actors, its conductor and its fleet board.
/// </summary>
/// <remarks>
/// When the client detects a server reset, the fleet stops: its actors end (sessions close as <c>reset</c>, leases are
/// released) and the dispatcher, woken, registers the agent again and starts a new fleet for the new reset. Every record
/// the fleet writes carries its reset (<see cref="Reset"/>).
/// </remarks>
internal sealed partial class AgentFleet : IDisposable
{
    private readonly object _gate = new();
    private readonly ShipServices _services;
    private readonly IFleetHost _host;
    private readonly Dictionary<string, ShipRunner> _ships = new(StringComparer.Ordinal);
    private readonly Doorbell _changes;
    private readonly Doorbell _refresh;
    private readonly CancellationTokenSource _refreshCut;
    private readonly RequestWindow _window;
    private readonly RequestRecorder _recorder;
    private readonly FleetTimeline _timeline = new();
    private readonly ShipActivityLog _activity;
    private int _shipCount;
    private int _liveActors;
    private ServerResetEventArgs? _serverReset;
    private readonly PriorityRateLimiter _limiter;
    private readonly ILogger _logger;
    private CreditLedger? _ledger;
    private ShipPartsWriter? _parts;
    private MarketRecorder? _markets;
    private ConductorRunner? _conductor;
    private bool _actorsStarted;
    private long _creditsStart;
    private DateTimeOffset _startedAt;

    public AgentFleet(ShipServices services, IFleetHost host, SpaceTradersClientOptions template, PriorityRateLimiter nodeLimiter)
    {
        _services = services;
        _host = host;
        _changes = new Doorbell(services.Clock, "fleet change");
        _refresh = new Doorbell(services.Clock, "fleet refresh");
        _refreshCut = new CancellationTokenSource(Timeout.InfiniteTimeSpan, services.Options.WallClock);
        _window = new RequestWindow(services.Clock);
        _activity = new ShipActivityLog(services.Options.RecentActivityPerShip);
        _recorder = new RequestRecorder(services.Scope, services.Records, _window, services.RunId, services.NodeId, services.Options.DelayedThreshold, _timeline, _activity, (agent, record) => services.Telemetry.RequestQueued(agent, record.Priority, record.QueueWait), () => Volatile.Read(ref _shipCount));
        _logger = services.CreateLogger("SpaceTraders.Runtime.Agent");
        var options = ClientOptions.CopyOf(template);
        options.TimeProvider = services.Clock;
        options.DelayedThreshold = services.Options.DelayedThreshold;   // one threshold for the SDK's records and the runtime's figures
        options.RateLimiter ??= nodeLimiter;
        options.LoggerFactory ??= services.Options.LoggerFactory;
        options.Observers.Add(_recorder);
        _limiter = options.RateLimiter;
        Template = template;
        Client = new SpaceTradersClient(options);
        Reset = Client.ResetDate;
        _recorder.Reset = Reset;
        Client.ServerReset += OnServerReset;
        Board = new FleetBoard(services.Clock);
    }

    public SpaceTradersClient Client { get; }

    /// <summary>Gets the host's client options the fleet was made from (its token and account token): what a new registration starts from.</summary>
    public SpaceTradersClientOptions Template { get; }

    /// <summary>Gets the symbol and faction the dispatcher registered the agent with after a reset, or <see langword="null"/> for an agent the host gave.</summary>
    public (string Symbol, FactionSymbol Faction)? Registered { get; init; }

    /// <summary>Gets the server reset this fleet plays (the token's reset date), written on every record; <see langword="null"/> when unknown.</summary>
    public string? Reset { get; }

    /// <summary>Gets the server reset the client detected, or <see langword="null"/> while the fleet's reset lasts.</summary>
    public ServerResetEventArgs? ServerReset => Volatile.Read(ref _serverReset);

    /// <summary>Gets a value indicating whether the fleet's actors are to stop: the runtime stops, or the server reset.</summary>
    public bool Stopping => _host.Stopping || Volatile.Read(ref _serverReset) is not null;

    /// <summary>Gets how many of the fleet's actors (ships, conductor supervisor, refresher) still run.</summary>
    public int LiveActors => Volatile.Read(ref _liveActors);

    /// <summary>Gets when the runtime started playing the fleet.</summary>
    public DateTimeOffset StartedAt => _startedAt;

    /// <summary>Gets the agent's credits when the fleet started.</summary>
    public long CreditsStart => _creditsStart;

    public AgentState State => Client.State;

    public string Symbol { get; private set; } = string.Empty;

    public FleetBoard Board { get; }

    public TimeProvider Clock => _services.Clock;

    public PluginCatalog Catalog => _host.Catalog!;

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
        var store = _services.Records;
        _ledger = new CreditLedger(State, _services.Scope, store, Symbol, _services.RunId, _services.NodeId, _timeline, _activity, Reset);
        _parts = new ShipPartsWriter(State, store, Clock, Symbol, _services.Options.WriteAllShipParts, Reset);
        _markets = new MarketRecorder(State, store, Clock, Reset);
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
                _ships[ship.Symbol] = new ShipRunner(_services, this, ship.Symbol);
            }

            _shipCount = _ships.Count;
        }

        State.ShipChanged += OnShipChanged;
        if (conductor is not null)
        {
            _conductor = new ConductorRunner(_services, this, conductor, conductorParameters);
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

    }

    /// <summary>A server or transport fault (a 5xx, a dropped connection, a truncated body): worth trying again; a game error is not.</summary>
    internal static bool IsFault(Exception ex) => ex is SpaceTradersApiException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError or 0 }
        or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException;

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
            StartActor("ship " + runner.Symbol, runner.RunAsync);
        }

        if (_conductor is { } conductor)
        {
            StartActor($"{Symbol} conductor supervisor", conductor.RunAsync);
        }

        if (_services.Options.FleetRefreshInterval > TimeSpan.Zero)
        {
            StartActor($"{Symbol} fleet refresh", RefreshFleetAsync);
        }
    }

    /// <summary>What the fleet's play of its reset came to, up to <paramref name="endedAt"/> (or now, while it plays).</summary>
    public PlayedReset Played(DateTimeOffset? endedAt) => new(
        Symbol,
        Reset,
        _startedAt,
        endedAt,
        _creditsStart,
        State.Agent.Value?.Credits ?? _creditsStart,
        State.Ships.Count,
        _conductor?.Reference)
    {
        EndedByReset = ServerReset is not null,
    };

    /// <summary>Starts one of the fleet's actors, counted in <see cref="LiveActors"/> until it ends.</summary>
    private void StartActor(string name, Func<Task> body)
    {
        Interlocked.Increment(ref _liveActors);
        _host.StartActor(name, async () =>
        {
            try
            {
                await body().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _liveActors);
            }
        });
    }

    /// <summary>
    /// The client found the server reset (a call rejected with 4113, or a newer reset date on the status): the agent token
    /// is dead. Raised on the actor whose call found out: stop every actor of the fleet and wake the dispatcher, which
    /// registers the agent again once they have ended.
    /// </summary>
    private void OnServerReset(object? sender, ServerResetEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _serverReset, e, null) is not null)
        {
            return;
        }

        LogServerReset(Symbol, e.PreviousResetDate ?? "?", e.ResetDate ?? "?", e.Signal.ToString());
        WakeAll();
        _host.NotifyServerReset();
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

        // The refresh waits for its interval (10 minutes by default): left asleep at a server reset, it held the new
        // reset's registration (and the runtime's stop) back until its next refresh.
        _refresh.Ring();

        // A refresh under way at the runtime's stop (its retries wait on the game clock) may hold the stop for as long as
        // a cancelled behaviour: then it is cut short. Its answer is of no use to a stopped fleet, and it is only a read.
        if (_host.Stopping && _services.Options.FleetRefreshInterval > TimeSpan.Zero)
        {
            _refreshCut.CancelAfter(_services.Options.AbandonWallTimeout);
        }
    }

    /// <summary>Writes the ship parts still dirty and not yet handed to the store (shutdown).</summary>
    public void FlushShipParts() => _parts?.WriteAll();

    /// <summary>
    /// Reads the agent once more at shutdown, after every session has ended, so that the ledger records (as a
    /// <c>sync</c> movement) any change of credits whose response never arrived (an action that took effect while its
    /// answer was lost): the recorded movements then sum to the server's change exactly. Tries a few times; a failure
    /// is reported, never thrown. <paramref name="cutShort"/> ends the read early (the stop's bound in real time,
    /// <see cref="RuntimeOptions.FinalReadTimeout"/>): the figures already known are kept and a problem says so.
    /// </summary>
    /// <param name="cutShort">Cancelled when the stop cannot wait for the read any longer.</param>
    /// <returns>A task that completes when the agent was read, the attempts ran out or the read was cut short.</returns>
    public async Task SyncCreditsAsync(CancellationToken cutShort)
    {
        const int attempts = 5;
        var attempt = 1;
        try
        {
            for (; ; attempt++)
            {
                if (ServerReset is not null)
                {
                    return; // the agent is gone with its reset: there is nothing left to read
                }

                cutShort.ThrowIfCancellationRequested();
                try
                {
                    await Client.Agents.GetMyAgentAsync(RequestPriority.Critical, cutShort).ConfigureAwait(false);
                    return;
                }
                catch (ServerResetException)
                {
                    return;
                }
                catch (OperationCanceledException) when (cutShort.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // The final read is best effort: its failure is reported with what it means.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (attempt >= attempts)
                    {
                        LogSyncFailed(Symbol, ex.Message);
                        _host.ReportProblem(Symbol, null, $"The final read of the agent failed {attempts} times ({ex.Message}); credit changes whose answers were lost are missing from the ledger.");
                        return;
                    }

                    await Clock.DelayAsync(TimeSpan.FromSeconds(attempt), cutShort).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cutShort.IsCancellationRequested)
        {
            var timeout = _services.Options.FinalReadTimeout;
            LogSyncCutShort(Symbol, timeout, attempt);
            _host.ReportProblem(Symbol, null, $"The final read of the agent was cut short after {timeout} of real time (attempt {attempt}); the figures already known are kept, but credit changes whose answers were lost may be missing from the ledger.");
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
            Reset = Reset,
            StartedAt = _startedAt == default ? null : _startedAt,
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
        Client.ServerReset -= OnServerReset;
        State.ShipChanged -= OnShipChanged;
        State.Agent.Changed -= OnAgentChanged;
        _ledger?.Dispose();
        _parts?.Dispose();
        _markets?.Dispose();
        _refreshCut.Dispose();
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

            created = _ships[shipSymbol] = new ShipRunner(_services, this, shipSymbol);
            _shipCount = _ships.Count;
            start = _actorsStarted;
        }

        // A ship the agent just bought: its actor is started from the actor that saw it (the conductor's, usually).
        if (start && !Stopping)
        {
            StartActor("ship " + shipSymbol, created.RunAsync);
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
        _services.Records.Append(new AgentSnapshotRecord(agent.Symbol, agent.Credits, JsonSerializer.Serialize(agent, (JsonTypeInfo<Agent>)SpaceTradersJson.Options.GetTypeInfo(typeof(Agent))), Clock.GetUtcNow())
        {
            Reset = Reset,
        });

    /// <summary>Every so often, walks the agent's ships at Background priority to pick up ships bought elsewhere.</summary>
    private async Task RefreshFleetAsync()
    {
        var interval = _services.Options.FleetRefreshInterval;
        var next = Clock.GetUtcNow() + interval;
        while (!Stopping)
        {
            await _refresh.WaitUntilAsync(next, CancellationToken.None).ConfigureAwait(false);
            if (Stopping)
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
                await foreach (var _ in Client.Fleet.EnumerateMyShipsAsync(RequestPriority.Background, _refreshCut.Token).ConfigureAwait(false))
                {
                    if (Stopping)
                    {
                        break;
                    }
                }

                DescribeShips(discover: true);
            }
            catch (ServerResetException)
            {
                // The fleet stops: the reset is logged once, by OnServerReset.
            }
            catch (OperationCanceledException) when (_refreshCut.IsCancellationRequested)
            {
                return; // cut short at the runtime's stop
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

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "{Agent}: the final read of the agent was cut short after {Timeout} of real time (attempt {Attempt})")]
    private partial void LogSyncCutShort(string agent, TimeSpan timeout, int attempt);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Reading {What} at start-up failed (attempt {Attempt}): {Message}; trying again")]
    private partial void LogStartRetry(string what, int attempt, string message);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "{Agent}: the server has reset (the agent's reset {Previous}, the server's {Reset}; seen from {Signal}); ending its sessions (the fleet plays on only if the agent can register again)")]
    private partial void LogServerReset(string agent, string previous, string reset, string signal);
}
