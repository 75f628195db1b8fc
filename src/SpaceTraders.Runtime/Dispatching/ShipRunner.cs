using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Errors;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One ship's actor: takes and releases its lease, runs its assigned behaviour as sessions (each in its own actor), and
/// applies the conductor's commands, the restart policy and the abandon timeout. The node renews the leases it holds
/// together (<see cref="LeaseBook"/>); a ship whose lease another node took is rung and stops its session.
/// </summary>
/// <remarks>
/// <para>
/// The conductor changes the desired state (<see cref="Assign"/>, <see cref="Pause"/>, ...) from its own actor; each
/// change bumps a generation and rings this ship's doorbell. The ship's actor is the only one that touches the lease and
/// starts or ends sessions, so there is never a race between two sessions of one ship on this node.
/// </para>
/// <para>
/// <b>The store going away.</b> A lease this node holds stays held while the store cannot be reached: a renewal or a
/// release that fails for that reason keeps the lease (nobody else can take it: nobody reaches the database either),
/// the ship plays on, and sessions end and start again on it; a release is tried again every renewal interval. A ship
/// that holds no lease cannot get one until the store answers. When it answers, the first renewal that finds another
/// owner stops the ship (<c>lease-lost</c>). The lease book logs the outage once for the node.
/// </para>
/// </remarks>
internal sealed partial class ShipRunner
{
    /// <summary>
    /// The least time before the next session when a session ended the instant it started, so a behaviour that returns
    /// at once and a conductor that reassigns it at once cannot spin forever without virtual time moving.
    /// </summary>
    private static readonly TimeSpan InstantSessionSpacing = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly ShipServices _services;
    private readonly AgentFleet _fleet;
    private readonly Doorbell _bell;
    private readonly ILogger _logger;

    // Desired state, set by the conductor. Guarded by _gate.
    private ResolvedStrategy? _assignment;
    private StrategyParameters _parameters = StrategyParameters.Empty;
    private bool _paused;
    private long _generation;

    // What the actor does. Guarded by _gate.
    private FleetShipState _phase = FleetShipState.Unassigned;
    private long _acknowledged;
    private string? _activity;
    private SessionHandle? _current;
    private SessionHandle? _last;
    private int _failures;
    private DateTimeOffset? _restartAt;
    private DateTimeOffset? _notBefore;
    private long? _waitingAtGeneration;

    // The conductor's reason for the latest pause, recorded with the paused session's end.
    private volatile string? _lastPauseReason;

    // Lease, touched by the actor only (whether it is lost is the lease book's).
    private bool _holdsLease;

    public ShipRunner(ShipServices services, AgentFleet fleet, string symbol)
    {
        _services = services;
        _fleet = fleet;
        Symbol = symbol;
        _bell = new Doorbell(services.Clock, "ship " + symbol);
        _logger = services.CreateLogger("SpaceTraders.Runtime.Ship");
    }

    public string Symbol { get; }

    public void Assign(ResolvedStrategy behaviour, StrategyParameters parameters)
    {
        lock (_gate)
        {
            _assignment = behaviour;
            _parameters = parameters;
            _paused = false;
            _failures = 0;
            _restartAt = null;
            _generation++;
        }

        _bell.Ring();
    }

    public void Unassign()
    {
        lock (_gate)
        {
            _assignment = null;
            _paused = false;
            _generation++;
        }

        _bell.Ring();
    }

    public void Pause(string reason)
    {
        lock (_gate)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            _generation++;
        }

        LogPaused(Symbol, reason);
        _lastPauseReason = reason;
        RecordControl("paused", reason);
        _bell.Ring();
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (!_paused)
            {
                return;
            }

            _paused = false;
            _failures = 0;
            _restartAt = null;
            _generation++;
        }

        RecordControl("resumed", "resumed by the conductor");
        _bell.Ring();
    }

    /// <summary>Wakes the actor to look again (shutdown, a freed slot).</summary>
    public void Wake() => _bell.Ring();

    /// <summary>Wakes the actor to look at its lease at once (the lease book found another owner holding it). Safe from any thread.</summary>
    public void CheckLeaseNow() => _bell.Ring();

    public FleetShip Describe()
    {
        var tracked = _fleet.State.TryGetShip(Symbol, out var ship) ? ship.Current : null;
        lock (_gate)
        {
            FleetShipState state;
            if (_paused)
            {
                state = FleetShipState.Paused;
            }
            else if (_assignment is null)
            {
                state = FleetShipState.Unassigned;
            }
            else if (_generation != _acknowledged)
            {
                state = FleetShipState.Running; // a new assignment or a resume is about to start
            }
            else
            {
                state = _phase;
            }

            return new FleetShip(
                Symbol,
                _fleet.ShipTypeOf(Symbol),
                tracked?.Registration?.Role.ToString() ?? "UNKNOWN",
                _assignment?.Reference,
                state,
                _activity,
                (_current ?? _last)?.ToFigures());
        }
    }

    public void ReportActivity(SessionHandle session, string activity)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, session))
            {
                _activity = activity;
            }
        }
    }

    /// <summary>The ship's actor: until the runtime stops (or the server resets), run sessions as the desired state says.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (!_fleet.Stopping)
            {
                var desired = ReadDesired();
                if (desired.Assignment is null || desired.Paused || desired.WaitingForConductor)
                {
                    SetPhase(desired.Assignment is null ? FleetShipState.Unassigned : desired.Paused ? FleetShipState.Paused : FleetShipState.Waiting, desired.Generation);
                    await ReleaseLeaseAsync().ConfigureAwait(false);

                    // A lease the store could not release (it is away) is still ours: try again every renewal interval.
                    await _bell.WaitAsync(_holdsLease ? _services.RenewInterval : Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                if (desired.RestartAt is { } restartAt && restartAt > _services.Clock.GetUtcNow())
                {
                    SetPhase(FleetShipState.Waiting, desired.Generation);
                    await ReleaseLeaseAsync().ConfigureAwait(false);
                    var retryRelease = _services.Clock.GetUtcNow() + _services.RenewInterval;
                    await _bell.WaitUntilAsync(_holdsLease && retryRelease < restartAt ? retryRelease : restartAt, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                // Every session starts on a fresh lease: renewed recently if held, taken if free.
                if (!await EnsureLeaseAsync(desired.Generation).ConfigureAwait(false))
                {
                    continue;
                }

                await RunSessionAsync(desired).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!_services.Host.Killed)
            {
                await ReleaseLeaseAsync().ConfigureAwait(false);
            }
        }
    }

    private Desired ReadDesired()
    {
        lock (_gate)
        {
            return new Desired(
                _assignment,
                _parameters,
                _paused,
                _generation,
                _waitingAtGeneration == _generation,
                _restartAt is { } restart && (_notBefore is not { } spacing || restart >= spacing) ? restart : _notBefore);
        }
    }

    private void SetPhase(FleetShipState phase, long generation)
    {
        lock (_gate)
        {
            _phase = phase;
            _acknowledged = generation;
        }
    }

    private async Task<bool> EnsureLeaseAsync(long generation)
    {
        if (_holdsLease)
        {
            // The node renews every lease it holds each renewal interval: a lease granted or renewed at most one interval
            // ago has two thirds of its duration left at least, as much as a running ship's lease ever has between two
            // renewals, and the next one comes before it has less. So a session starts on it with no call of its own; only
            // a lease the node's renewal missed (the store was away at its last renewal) is renewed here first.
            var now = _services.Clock.GetUtcNow();
            if (_services.LeaseBook.IsLost(Symbol))
            {
                LogLeaseLost(Symbol);
            }
            else if (_services.LeaseBook.IsFresh(Symbol, now) || await RenewLeaseAsync(now).ConfigureAwait(false))
            {
                return true;
            }

            LoseLease();
        }

        if (!_services.Host.TryReserveSlot())
        {
            // The node runs as many ships as it may: look again later.
            SetPhase(FleetShipState.Waiting, generation);
            await _bell.WaitAsync(_services.RenewInterval, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        var takenAt = _services.Clock.GetUtcNow();
        LeaseResult lease;
        try
        {
            lease = await _services.LeaseBook.TryAcquireAsync(Symbol, _fleet.Symbol, takenAt, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The store's trouble must not end the ship's actor: try again later (the lease book logs it).
        catch (Exception)
#pragma warning restore CA1031
        {
            // The store is away: a lease this node does not hold cannot be had until it answers.
            _services.Host.ReleaseSlot();
            SetPhase(FleetShipState.Waiting, generation);
            await _bell.WaitAsync(_services.RenewInterval, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        if (!lease.Acquired)
        {
            _services.Host.ReleaseSlot();
            SetPhase(FleetShipState.Elsewhere, generation);
            await _bell.WaitUntilAsync(lease.ExpiresAt, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        _holdsLease = true;
        _services.LeaseBook.Hold(this, takenAt);
        return true;
    }

    /// <summary>Forgets a lease another owner holds now.</summary>
    private void LoseLease()
    {
        _holdsLease = false;
        _services.LeaseBook.Drop(Symbol);
        _services.Host.ReleaseSlot();
    }

    private async Task ReleaseLeaseAsync()
    {
        if (!_holdsLease)
        {
            return;
        }

        if (_services.LeaseBook.IsLost(Symbol))
        {
            // Another node holds it: nothing to give back.
            LoseLease();
            return;
        }

        try
        {
            await _services.LeaseBook.ReleaseAsync(Symbol, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The store is away: the lease is still ours there; released later, or it lapses by itself.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        _holdsLease = false;
        _services.Host.ReleaseSlot();
    }

    private async Task RunSessionAsync(Desired desired)
    {
        var clock = _services.Clock;
        var options = _services.Options;
        var behaviourRef = desired.Assignment!;
        var started = clock.GetUtcNow();
        var info = new SessionInfo(Guid.NewGuid(), _fleet.Symbol, Symbol, _fleet.ShipTypeOf(Symbol), behaviourRef.Reference, _fleet.ConductorReference, started);
        var session = new SessionHandle(info);
        _services.Records.Append(new SessionStartedRecord(
            info.Id, info.AgentSymbol, Symbol, info.ShipType, behaviourRef.Reference.Id, behaviourRef.Reference.Version!, info.Conductor?.ToString(), _services.NodeId, started)
        {
            RunId = _services.RunId,
            Reset = _fleet.Reset,
        });
        lock (_gate)
        {
            _current = session;
            _activity = null;
            _phase = FleetShipState.Running;
            _acknowledged = desired.Generation;
        }

        LogSessionStarted(Symbol, behaviourRef.Reference.ToString(), info.Id);
        var run = new StrategyRun();
        var ship = _fleet.State.GetShip(Symbol);
        var context = new BehaviourContext(_fleet, this, session, ship, desired.Parameters, _services.CreateLogger("SpaceTraders.Behaviour." + behaviourRef.Reference.Id));
        _services.Host.StartStrand($"{Symbol} {behaviourRef.Reference}", async () =>
        {
            _services.Scope.Current = session;
            try
            {
                var behaviour = behaviourRef.Plugin.CreateBehaviour(behaviourRef.Reference.Id)
                    ?? throw new InvalidOperationException($"The plugin returned no behaviour for '{behaviourRef.Reference}'.");
                var result = await behaviour.RunAsync(context, run.Token).ConfigureAwait(false);
                run.Complete(result?.Outcome == BehaviourOutcome.Idle ? SessionOutcome.Idle : SessionOutcome.Completed, result?.Reason);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                run.Complete(SessionOutcome.Cancelled, null);
            }
            catch (Exception ex) when (IsServerReset(ex) || (_fleet.ServerReset is not null && run.IsCancellationRequested))
            {
                // The server reset under the behaviour: not its failure. The fleet stops; the agent is registered again.
                run.Complete(SessionOutcome.Reset, ServerResetReason());
            }
#pragma warning disable CA1031 // A behaviour that throws is contained: its session ends as failed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                run.Fail(ex);
            }
            finally
            {
                _bell.Ring();
            }
        });

        SessionOutcome? cancelReason = null;
        var abandonAt = DateTimeOffset.MaxValue;

        // At the runtime's stop the abandon wait is also bounded in real time (AbandonTimeout counts game time).
        WallDeadline? stopBound = null;
        var cutAtStop = false;
        while (!run.IsDone)
        {
            // The lease is the node's to renew: the ship waits for a change of the desired state, the stop, the lease book
            // finding the lease lost, or the end of the behaviour (all ring the bell).
            await _bell.WaitUntilAsync(cancelReason is null ? null : abandonAt, CancellationToken.None).ConfigureAwait(false);
            if (run.IsDone)
            {
                break;
            }

            if (_services.Host.Killed)
            {
                // A crash closes nothing: the session stays open in the store and the lease lapses by itself.
                stopBound?.Dispose();
                run.Cancel();
                return;
            }

            var now = clock.GetUtcNow();
            if (cancelReason is not null)
            {
                if (now >= abandonAt)
                {
                    break;
                }

                if (stopBound?.Passed == true)
                {
                    cutAtStop = true;
                    break;
                }

                // The runtime began to stop while the ship waited for a behaviour cancelled before (reassigned, paused).
                stopBound ??= WallDeadline.AtStop(_services, _bell);

                continue;
            }

            if (_services.LeaseBook.IsLost(Symbol))
            {
                LogLeaseLost(Symbol);
                cancelReason = SessionOutcome.LeaseLost;
            }

            if (cancelReason is null)
            {
                var latest = ReadDesired();
                if (_fleet.ServerReset is not null)
                {
                    cancelReason = SessionOutcome.Reset;
                }
                else if (_services.Host.Stopping)
                {
                    cancelReason = SessionOutcome.Cancelled;
                }
                else if (latest.Generation != desired.Generation)
                {
                    cancelReason = latest.Paused ? SessionOutcome.Paused : SessionOutcome.Cancelled;
                }
            }

            if (cancelReason is not null)
            {
                run.Cancel();
                abandonAt = now + options.AbandonTimeout;
                stopBound ??= WallDeadline.AtStop(_services, _bell);
            }
        }

        stopBound?.Dispose();
        SessionOutcome outcome;
        string? reason;
        if (!run.IsDone)
        {
            outcome = SessionOutcome.Abandoned;
            reason = cutAtStop
                ? $"{behaviourRef.Reference} did not end within {options.AbandonWallTimeout} of real time after the runtime's stop ({cancelReason?.ToName()}); the runtime stopped waiting for it."
                : $"{behaviourRef.Reference} did not end within {options.AbandonTimeout} of being cancelled ({cancelReason?.ToName()}); the runtime stopped waiting for it.";
            LogAbandoned(Symbol, reason);
            _services.Host.ReportProblem(_fleet.Symbol, Symbol, reason);
        }
        else if (run.Outcome == SessionOutcome.Cancelled)
        {
            outcome = cancelReason ?? SessionOutcome.Cancelled;
            reason = cancelReason switch
            {
                SessionOutcome.Paused => _lastPauseReason is { Length: > 0 } why ? "paused by the conductor: " + why : "paused by the conductor",
                SessionOutcome.Reset => ServerResetReason(),
                _ => null,
            };
        }
        else
        {
            outcome = run.Outcome!.Value;
            reason = run.Reason;
            if (run.Error is { } error)
            {
                LogFailed(error, Symbol, behaviourRef.Reference.ToString(), reason ?? error.GetType().Name);
            }
        }

        if (cancelReason == SessionOutcome.LeaseLost)
        {
            LoseLease();
        }

        var ended = clock.GetUtcNow();
        session.End(outcome);
        _services.Records.Append(new SessionEndedRecord(info.Id, outcome, reason, ended));
        _services.Telemetry.SessionEnded(_fleet.Symbol, behaviourRef.Reference.ToString(), outcome.ToName());
        LogSessionEnded(Symbol, behaviourRef.Reference.ToString(), info.Id, outcome.ToName());
        lock (_gate)
        {
            _current = null;
            _last = session;
            _phase = outcome == SessionOutcome.LeaseLost ? FleetShipState.Elsewhere : FleetShipState.Waiting;
            _notBefore = ended == started ? ended + InstantSessionSpacing : null;
            switch (outcome)
            {
                case SessionOutcome.Failed when _generation != desired.Generation:
                    // The conductor moved on while the session ended (reassigned, unassigned, paused): the failure was the
                    // old assignment's, and must neither delay the new one by a restart nor count against it.
                    break;
                case SessionOutcome.Failed:
                    _failures++;
                    if (options.RestartPolicy.MaxFailures is { } max && _failures >= max)
                    {
                        _waitingAtGeneration = desired.Generation;
                    }
                    else
                    {
                        _restartAt = ended + options.RestartPolicy.DelayAfter(_failures);
                    }

                    break;
                case SessionOutcome.Completed or SessionOutcome.Idle:
                    _failures = 0;
                    _waitingAtGeneration = desired.Generation;
                    break;
                case SessionOutcome.Abandoned:
                    _waitingAtGeneration = desired.Generation;
                    break;
            }
        }

        _fleet.NotifyFleetChanged();
    }

    /// <summary>Whether an exception is (or wraps) the server's reset: the agent token was rejected, or refused unsent.</summary>
    internal static bool IsServerReset(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ServerResetException)
            {
                return true;
            }
        }

        return false;
    }

    private string ServerResetReason() => _fleet.ServerReset is { } reset
        ? $"the server reset ({reset.PreviousResetDate ?? "?"} -> {reset.ResetDate ?? "?"})"
        : "the server reset";

    /// <summary>Keeps a pause or resume for the live view, with the fleet's request figures of the last minute.</summary>
    private void RecordControl(string kind, string reason)
    {
        var metrics = _fleet.Metrics();
        _services.Host.RecordControl(new ShipControlEvent(
            _services.Clock.GetUtcNow(),
            _fleet.Symbol,
            Symbol,
            kind,
            reason,
            metrics.RequestsPerMinute,
            metrics.DelayedPerRequest,
            metrics.MeanQueueWait));
    }

    /// <summary>Renews the lease held (a session start the node's renewal missed); <see langword="false"/> only when another owner holds it now.</summary>
    private async Task<bool> RenewLeaseAsync(DateTimeOffset now)
    {
        bool renewed;
        try
        {
            renewed = await _services.LeaseBook.RenewOneAsync(Symbol, now, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The store is away: the lease is ours however long that lasts (nobody else reaches it either).
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }

        if (!renewed)
        {
            LogLeaseLost(Symbol);
        }

        return renewed;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Ship}: session {SessionId} of {Behaviour} started")]
    private partial void LogSessionStarted(string ship, string behaviour, Guid sessionId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Ship}: session {SessionId} of {Behaviour} ended: {Outcome}")]
    private partial void LogSessionEnded(string ship, string behaviour, Guid sessionId, string outcome);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "{Ship}: behaviour {Behaviour} failed: {Reason}")]
    private partial void LogFailed(Exception exception, string ship, string behaviour, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "{Ship}: {Reason}")]
    private partial void LogAbandoned(string ship, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "{Ship}: another dispatcher holds the lease now; stopping the ship here")]
    private partial void LogLeaseLost(string ship);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "{Ship}: paused: {Reason}")]
    private partial void LogPaused(string ship, string reason);

    private sealed record Desired(
        ResolvedStrategy? Assignment,
        StrategyParameters Parameters,
        bool Paused,
        long Generation,
        bool WaitingForConductor,
        DateTimeOffset? RestartAt);
}
