using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Runtime.Diagnostics;
using SpaceTraders.Runtime.Maintenance;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// The runtime's insides: one root actor that prepares the store, loads the plugins, reads the agents, then starts an
/// actor per ship, per conductor and per background job, waits for the stop, and shuts everything down in order.
/// Between, it plays on through server resets: a fleet whose client found the server reset stops its actors, and the
/// root registers the agent again (with its account token) and starts a new fleet, or stops the runtime.
/// </summary>
internal sealed partial class Dispatcher : IFleetHost, IAsyncDisposable
{
    private const int MaxProblems = 100;
    private const int MaxControlEvents = 200;

    private readonly object _gate = new();
    private readonly List<RuntimeProblem> _problems = [];
    private readonly List<ShipControlEvent> _controlEvents = [];
    private readonly List<Action> _wakers = [];
    private readonly List<AgentFleet> _agents = [];
    private readonly List<PlayedReset> _played = [];
    private readonly Doorbell _rootBell;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly bool _ownsStore;
    private readonly PriorityRateLimiter _limiter;
    private int _liveActors;
    private int _slots;
    private int _started;
    private volatile bool _stopping;
    private volatile bool _killed;
    private volatile RuntimeStatus _status = RuntimeStatus.Created;
    private long _startedAtTicks;
    private long _stoppedAtTicks;
    private IDisposable? _leaseKeeper;
    private ResolvedStrategy? _conductor;
    private ServerResetStop? _resetStop;

    public Dispatcher(RuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeId, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LeaseDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxShips, 1, nameof(options));
        RequireTimeout(options.AbandonWallTimeout, nameof(options.AbandonWallTimeout));
        RequireTimeout(options.FinalReadTimeout, nameof(options.FinalReadTimeout));
        Options = options;
        Clock = options.Clock ?? TimeProvider.System;
        NodeId = options.NodeId;
        RunId = options.RunId ?? Guid.NewGuid();
        _ownsStore = options.Store is null;
        Store = options.Store ?? new InMemoryStore();
        Scope = new SessionScope();
        _loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("SpaceTraders.Runtime");
        Leases = new LeaseBook(Store, NodeId, options.LeaseDuration, Clock, () => _killed, _loggers.CreateLogger("SpaceTraders.Runtime.Leases"));
        _limiter = new PriorityRateLimiter(options.Throttling, Clock);
        _rootBell = new Doorbell(Clock, "runtime");
        MemoryGuard = new MemoryGuard(options.MemoryGuard, message => ReportProblem(null, null, message), _loggers.CreateLogger("SpaceTraders.Runtime.Memory"));
        Telemetry = new RuntimeTelemetry(options.MeterFactory, ReadAgentFigures);
        Services = new ShipServices(options, Clock, NodeId, RunId, Store, Leases, Scope, Telemetry, _loggers, this);
    }

    public RuntimeOptions Options { get; }

    public TimeProvider Clock { get; }

    public string NodeId { get; }

    /// <summary>Gets the id written on this run's sessions, requests and credit movements.</summary>
    public Guid RunId { get; }

    public IStore Store { get; }

    public SessionScope Scope { get; }

    /// <summary>Gets the leases this node holds.</summary>
    public LeaseBook Leases { get; }

    /// <summary>Gets what the fleets, conductors and ships use of the runtime (never the dispatcher itself).</summary>
    public ShipServices Services { get; }

    public MemoryGuard MemoryGuard { get; }

    /// <summary>Gets the runtime's instruments.</summary>
    public RuntimeTelemetry Telemetry { get; }

    public PluginCatalog? Catalog { get; private set; }

    public bool Stopping => _stopping;

    /// <summary>Gets the server reset the runtime stopped at (no account token, or the registration failed), if any.</summary>
    public ServerResetStop? ResetStop => Volatile.Read(ref _resetStop);

    /// <summary>Wakes the root actor: a fleet's client found the server reset (safe from any thread).</summary>
    public void NotifyServerReset() => _rootBell.Ring();

    public bool Killed => _killed;

    public RuntimeStatus Status => _status;

    /// <summary>Gets when the runtime started running, once it has.</summary>
    public DateTimeOffset? StartedAt => Interlocked.Read(ref _startedAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// Gets when the runtime's actors stopped, on its clock (after the graceful shutdown, or at the kill), once they
    /// have. Later readings of a virtual clock can run far past it: an abandoned behaviour that ignores its token keeps
    /// the clock moving while it lives.
    /// </summary>
    public DateTimeOffset? StoppedAt => Interlocked.Read(ref _stoppedAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public ILogger CreateLogger(string category) => _loggers.CreateLogger(category);

    /// <summary>
    /// Runs the root actor until the token is cancelled (or <see cref="RuntimeOptions.StopAfter"/> passes) and it has
    /// shut down, then waits for the store to make everything durable. That wait is outside every actor, on the wall
    /// clock: a database that is away at the end must not hold a virtual clock still (it stalled the run).
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A runtime runs once; create a new one to run again.");
        }

        return RunAndFlushAsync(Clock.RunActorAsync("runtime " + NodeId, _ => RootAsync(cancellationToken), CancellationToken.None));
    }

    /// <summary>Stops as if the process died: no session is closed, no lease released or renewed, nothing flushed (tests of lease expiry).</summary>
    public void Kill()
    {
        _killed = true;
        Interlocked.Exchange(ref _leaseKeeper, null)?.Dispose();
        _rootBell.Ring();
    }

    /// <summary>Starts an actor the root waits for at shutdown (ships, conductor supervisors, background jobs).</summary>
    public void StartActor(string name, Func<Task> body)
    {
        Interlocked.Increment(ref _liveActors);
        _ = Clock.RunActorAsync(name, async _ =>
        {
            try
            {
                await body().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An actor's failure is reported; it must not take the runtime down.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogActorFailed(ex, name);
                ReportProblem(null, null, $"{name} failed: {ex.Message}");
            }
            finally
            {
                Interlocked.Decrement(ref _liveActors);
                _rootBell.Ring();
            }
        }, CancellationToken.None);
    }

    /// <summary>Starts plugin code in its own actor, which the runtime does not wait for (it may be abandoned).</summary>
    public void StartStrand(string name, Func<Task> body) =>
        _ = Clock.RunActorAsync(name, _ => body(), CancellationToken.None);

    /// <summary>Registers a wake-up rung at shutdown, for background actors.</summary>
    public void RegisterWake(Action wake)
    {
        lock (_gate)
        {
            _wakers.Add(wake);
        }

        if (_stopping)
        {
            wake();
        }
    }

    public bool TryReserveSlot()
    {
        while (true)
        {
            var used = Volatile.Read(ref _slots);
            if (used >= Options.MaxShips)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _slots, used + 1, used) == used)
            {
                return true;
            }
        }
    }

    public void ReleaseSlot() => Interlocked.Decrement(ref _slots);

    public void ReportProblem(string? agentSymbol, string? shipSymbol, string message)
    {
        lock (_gate)
        {
            _problems.Add(new RuntimeProblem(Clock.GetUtcNow(), agentSymbol, shipSymbol, message));
            if (_problems.Count > MaxProblems)
            {
                _problems.RemoveAt(0);
            }
        }
    }

    /// <summary>Keeps a pause or resume of a ship for the live view (the last <see cref="MaxControlEvents"/>).</summary>
    public void RecordControl(ShipControlEvent controlEvent)
    {
        lock (_gate)
        {
            _controlEvents.Add(controlEvent);
            if (_controlEvents.Count > MaxControlEvents)
            {
                _controlEvents.RemoveAt(0);
            }
        }
    }

    /// <summary>Gets the agents (a copy of the list).</summary>
    public IReadOnlyList<AgentFleet> Agents()
    {
        lock (_gate)
        {
            return [.. _agents];
        }
    }

    public RuntimeSnapshot Snapshot()
    {
        List<AgentFleet> agents;
        List<RuntimeProblem> problems;
        List<ShipControlEvent> controls;
        lock (_gate)
        {
            agents = [.. _agents];
            problems = [.. _problems];
            controls = [.. _controlEvents];
        }

        List<PlayedReset> played;
        lock (_gate)
        {
            played = [.. _played];
        }

        var stoppedAt = StoppedAt;
        return new RuntimeSnapshot(
            Clock.GetUtcNow(),
            NodeId,
            _status,
            StartedAt,
            [.. agents.Select(a => a.Snapshot())],
            new StoreStatus(Store.Name, Store.Health),
            Store.GetStatistics(),
            Catalog?.Results ?? [],
            MemoryGuard.Status,
            problems)
        {
            ControlEvents = controls,
            StoppedAt = stoppedAt,
            Resets = [.. played, .. agents.Where(a => a.Symbol.Length > 0).Select(a => a.Played(a.ServerReset?.DetectedAt ?? stoppedAt))],
            StoppedByReset = ResetStop,
        };
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _leaseKeeper, null)?.Dispose();
        List<AgentFleet> agents;
        lock (_gate)
        {
            agents = [.. _agents];
        }

        foreach (var agent in agents)
        {
            agent.Dispose();
        }

        _limiter.Dispose();
        Leases.Dispose();
        Telemetry.Dispose();
        Catalog?.Dispose();
        if (_ownsStore)
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The agents' figures for the observable instruments (agents whose symbol is known, that is, started).</summary>
    private IReadOnlyList<(string Agent, Abstractions.FleetMetrics Metrics, IReadOnlyList<Abstractions.FleetShip> Ships)> ReadAgentFigures() =>
        [.. Agents().Where(a => a.Symbol.Length > 0).Select(a => (a.Symbol, a.Metrics(), a.DescribeShips(discover: false)))];

    private async Task RootAsync(CancellationToken runToken)
    {
        _status = RuntimeStatus.Starting;
        try
        {
            await StartAsync(runToken).ConfigureAwait(false);
        }
        catch
        {
            _status = RuntimeStatus.Failed;
            throw;
        }

        var startedAt = Clock.GetUtcNow();
        Interlocked.Exchange(ref _startedAtTicks, startedAt.UtcTicks);
        _status = RuntimeStatus.Running;
        List<AgentFleet> agents;
        lock (_gate)
        {
            agents = [.. _agents];
        }

        foreach (var agent in agents)
        {
            agent.StartActors();
        }

        var janitor = new MarketJanitor(Store, Clock, Options, MemoryGuard, () => _stopping, CreateLogger("SpaceTraders.Runtime.Janitor"));
        RegisterWake(janitor.Wake);
        StartActor("market janitor", janitor.RunAsync);

        // One renewal for all the node's leases each interval (the ships no longer renew their own).
        var renewalBell = new Doorbell(Clock, "lease renewal");
        RegisterWake(renewalBell.Ring);
        StartActor("lease renewal", () => Leases.RunAsync(renewalBell, () => _stopping));
        StartActor("memory guard", WatchMemoryAsync);
        LogRunning(NodeId, agents.Count, Catalog!.Behaviours.Count, Catalog.Conductors.Count);

        DateTimeOffset? stopAt = Options.StopAfter is { } duration ? startedAt + duration : null;
        using (runToken.Register(static bell => ((Doorbell)bell!).Ring(), _rootBell))
        {
            while (!StopDue(runToken, stopAt))
            {
                await _rootBell.WaitUntilAsync(stopAt, CancellationToken.None).ConfigureAwait(false);
                if (!await PlayThroughResetsAsync(runToken, stopAt).ConfigureAwait(false))
                {
                    break;
                }
            }
        }

        await ShutDownAsync(Agents()).ConfigureAwait(false);

        // A reset found only by the last reads of the stop (no request of the fleet met it before) ended the agent's
        // play too: without an account token the run stopped at it, whatever the stop that came first.
        if (!_killed && ResetStop is null
            && Agents().FirstOrDefault(a => a.ServerReset is not null && string.IsNullOrEmpty(a.Template.AccountToken)) is { } dead)
        {
            StopAtReset(dead, dead.ServerReset!, NoAccountToken(dead, dead.ServerReset!));
        }
    }

    /// <summary>A bound on <see cref="RuntimeOptions.WallClock"/>: zero or more, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    private static void RequireTimeout(TimeSpan timeout, string name)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException("options", timeout, $"RuntimeOptions.{name} must be zero or more, or Timeout.InfiniteTimeSpan for no bound.");
        }
    }

    private bool StopDue(CancellationToken runToken, DateTimeOffset? stopAt) =>
        runToken.IsCancellationRequested || _killed || (stopAt is { } at && Clock.GetUtcNow() >= at);

    /// <summary>
    /// Plays on after server resets, in the root actor: every fleet whose client found the server reset has stopped its
    /// actors; once they have all ended (sessions closed as <c>reset</c>, leases released), the agent is registered again
    /// with the account token of its client options and a new fleet starts, conductor and all, for the new reset.
    /// </summary>
    /// <returns><see langword="false"/> when the runtime must stop: an agent cannot be registered again (<see cref="ResetStop"/>).</returns>
    private async Task<bool> PlayThroughResetsAsync(CancellationToken runToken, DateTimeOffset? stopAt)
    {
        while (Agents().FirstOrDefault(a => a.ServerReset is not null) is { } fleet)
        {
            var reset = fleet.ServerReset!;
            while (fleet.LiveActors > 0)
            {
                // Each actor that ends rings the root's bell.
                await _rootBell.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
            }

            var endedAt = Clock.GetUtcNow();
            fleet.FlushShipParts();

            // Checked before the stop: a reset that ended the agent's play ends the run as a reset even when the stop
            // came due while the actors stopped (it was reported as a run to its duration).
            if (string.IsNullOrEmpty(fleet.Template.AccountToken))
            {
                StopAtReset(fleet, reset, NoAccountToken(fleet, reset));
                return false;
            }

            if (StopDue(runToken, stopAt))
            {
                return true; // the run ends anyway: the old agent stays in the snapshot as it was last seen
            }

            var symbol = fleet.Symbol;

            string token;
            (string Symbol, FactionSymbol Faction) identity;
            try
            {
                identity = IdentityAfterReset(fleet);
                token = await RegisterAgainAsync(fleet, identity, runToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return true;
            }
#pragma warning disable CA1031 // A registration that fails stops the runtime with its reason: it cannot play on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                StopAtReset(fleet, reset, $"The server reset ({reset.PreviousResetDate ?? "?"} -> {reset.ResetDate ?? "?"}) and registering {Named(fleet)} again failed: {ex.Message}");
                return false;
            }

            var template = ClientOptions.CopyOf(fleet.Template);
            template.Token = token;
            var next = new AgentFleet(Services, this, template, _limiter) { Registered = identity };
            lock (_gate)
            {
                _agents[_agents.IndexOf(fleet)] = next;
                if (symbol.Length > 0)
                {
                    _played.Add(fleet.Played(endedAt));
                }
            }

            fleet.Dispose();
            LogRegisteredAgain(identity.Symbol, identity.Faction.ToString(), reset.ResetDate ?? "?");
            try
            {
                await next.StartAsync(_conductor, Options.ConductorParameters, runToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ServerResetException || next.ServerReset is not null)
            {
                continue; // reset again already: the loop registers it once more
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return true;
            }
#pragma warning disable CA1031 // A new agent that cannot be read stops the runtime with the reason.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                StopAtReset(next, reset, $"{identity.Symbol} was registered again after the server reset, but reading it failed: {ex.Message}");
                return false;
            }

            next.StartActors();
        }

        return true;
    }

    private static string NoAccountToken(AgentFleet fleet, ServerResetEventArgs reset) =>
        $"The server reset ({reset.PreviousResetDate ?? "?"} -> {reset.ResetDate ?? "?"}): the token of {Named(fleet)} belongs to the old reset, and without an account token the agent cannot be registered again. Give its client options the account token to play on through resets.";

    private static string Named(AgentFleet fleet) => fleet.Symbol.Length > 0 ? fleet.Symbol : fleet.Registered?.Symbol ?? "the agent";

    /// <summary>The symbol and faction to register after a reset: the options', else the agent's own.</summary>
    private (string Symbol, FactionSymbol Faction) IdentityAfterReset(AgentFleet fleet)
    {
        var symbol = Options.ReRegistration.AgentSymbol
            ?? (fleet.Symbol.Length > 0 ? fleet.Symbol : fleet.Registered?.Symbol)
            ?? throw new InvalidOperationException("The agent's symbol is unknown (it was never read); set RuntimeOptions.ReRegistration.AgentSymbol.");
        var faction = Options.ReRegistration.Faction is { } configured
            ? new FactionSymbol(configured)
            : fleet.State.Agent.Value?.StartingFaction ?? fleet.Registered?.Faction ?? FactionSymbol.Cosmic;
        return (symbol, faction);
    }

    /// <summary>Registers the agent again (<c>POST /register</c> with the account token), trying again after server or transport faults.</summary>
    private async Task<string> RegisterAgainAsync(AgentFleet fleet, (string Symbol, FactionSymbol Faction) identity, CancellationToken cancellationToken)
    {
        var registrar = ClientOptions.CopyOf(fleet.Template);
        registrar.Token = null;
        registrar.TimeProvider = Clock;
        registrar.RateLimiter ??= _limiter;
        registrar.LoggerFactory ??= Options.LoggerFactory;
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(registrar, identity.Symbol, identity.Faction, cancellationToken).ConfigureAwait(false);
                client.Dispose();
                return registration.Token;
            }
            catch (Exception ex) when (attempt < attempts && !cancellationToken.IsCancellationRequested && AgentFleet.IsFault(ex))
            {
                LogRegisterRetry(identity.Symbol, attempt, ex.Message);
                await Clock.DelayAsync(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void StopAtReset(AgentFleet fleet, ServerResetEventArgs reset, string message)
    {
        Volatile.Write(ref _resetStop, new ServerResetStop(Named(fleet), reset.PreviousResetDate, reset.ResetDate, reset.DetectedAt, message));
        LogStoppedAtReset(message);
        ReportProblem(Named(fleet), null, message);
    }

    private async Task RunAndFlushAsync(Task root)
    {
        try
        {
            await root.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _leaseKeeper, null)?.Dispose();
        }

        if (!_killed)
        {
            using var timeout = new CancellationTokenSource(Options.ShutdownFlushTimeout, Options.WallClock);
            try
            {
                await Store.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                LogFlushTimedOut(Store.Health.Pending, Options.ShutdownFlushTimeout);
                ReportProblem(null, null, $"The store did not make everything durable within {Options.ShutdownFlushTimeout}; {Store.Health.Pending} record(s) still wait ({Store.Health.LastError}).");
            }
        }

        _status = RuntimeStatus.Stopped;
        LogStopped(NodeId);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _leaseKeeper = Store.RegisterLeaseKeeper(Leases.RenewAllAsync);
        Catalog = PluginCatalog.Load(Options.PluginDirectories, Options.Plugins, CreateLogger("SpaceTraders.Runtime.Plugins"));
        ResolvedStrategy? conductor = null;
        if (Options.Conductor is { } reference)
        {
            try
            {
                conductor = Catalog.ResolveConductor(reference);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException(ex.Message, ex);
            }

            // A value the conductor cannot read (its type, or outside its allowed values) stops the start before any request.
            if (ParameterCheck.GivenProblem(conductor.Descriptor, Options.ConductorParameters) is { } problem)
            {
                throw new InvalidOperationException($"The conductor {conductor.Reference}: {problem}");
            }

            foreach (var name in ParameterCheck.Undeclared(conductor.Descriptor, Options.ConductorParameters))
            {
                LogUndeclaredParameter(conductor.Reference.ToString(), name, ParameterCheck.DeclaredNames(conductor.Descriptor));
            }
        }

        _conductor = conductor;

        if (Options.Agents.Count == 0)
        {
            throw new InvalidOperationException("No agent to play: add the client options of at least one agent to RuntimeOptions.Agents.");
        }

        foreach (var template in Options.Agents)
        {
            var fleet = new AgentFleet(Services, this, template, _limiter);
            lock (_gate)
            {
                _agents.Add(fleet);
            }

            await fleet.StartAsync(conductor, Options.ConductorParameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ShutDownAsync(IReadOnlyList<AgentFleet> agents)
    {
        _status = RuntimeStatus.Stopping;
        _stopping = true;
        LogStopping(NodeId, _killed ? "killed" : "stopping");
        List<Action> wakers;
        lock (_gate)
        {
            wakers = [.. _wakers];
        }

        foreach (var agent in agents)
        {
            agent.WakeAll();
        }

        foreach (var wake in wakers)
        {
            wake();
        }

        while (Volatile.Read(ref _liveActors) > 0)
        {
            await _rootBell.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
        }

        if (!_killed)
        {
            // Every session has ended: a last read of each agent records any change of credits whose answer was lost,
            // so the ledger equals the server's change. Its retries wait on the game clock: the whole read is bounded in
            // real time as well, so a failing server cannot hold the stop (at a time scale of 0.1, ten times longer).
            using var cutShort = new CancellationTokenSource(Options.FinalReadTimeout, Options.WallClock);
            foreach (var agent in agents)
            {
                await agent.SyncCreditsAsync(cutShort.Token).ConfigureAwait(false);
                agent.FlushShipParts();
            }
        }

        Interlocked.Exchange(ref _stoppedAtTicks, Clock.GetUtcNow().UtcTicks);
    }

    private async Task WatchMemoryAsync()
    {
        var bell = new Doorbell(Clock, "memory guard");
        RegisterWake(bell.Ring);
        while (!_stopping)
        {
            MemoryGuard.Check();
            await bell.WaitAsync(Options.MemoryGuard.CheckInterval, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "The conductor {Conductor} was given the parameter '{Name}', which it does not declare (it declares: {Declared}); it is passed on as given")]
    private partial void LogUndeclaredParameter(string conductor, string name, string declared);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Runtime {Node} running: {Agents} agent(s), {Behaviours} behaviour(s), {Conductors} conductor(s) loaded")]
    private partial void LogRunning(string node, int agents, int behaviours, int conductors);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Runtime {Node} {How}: cancelling behaviours and closing sessions")]
    private partial void LogStopping(string node, string how);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Runtime {Node} stopped")]
    private partial void LogStopped(string node);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Actor {Actor} failed")]
    private partial void LogActorFailed(Exception exception, string actor);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The store did not make everything durable within {Timeout}; {Pending} record(s) pending")]
    private partial void LogFlushTimedOut(int pending, TimeSpan timeout);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Registered {Agent} ({Faction}) again for the server reset of {Reset}; its conductor starts afresh")]
    private partial void LogRegisteredAgain(string agent, string faction, string reset);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Registering {Agent} again failed (attempt {Attempt}): {Message}; trying again")]
    private partial void LogRegisterRetry(string agent, int attempt, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Message}")]
    private partial void LogStoppedAtReset(string message);
}
