using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One agent's conductor supervisor: runs the conductor in its own actor, restarts it with backoff when it throws,
/// and at shutdown cancels it and stops waiting after the abandon timeout.
/// </summary>
internal sealed partial class ConductorRunner
{
    private readonly ShipServices _services;
    private readonly AgentFleet _fleet;
    private readonly ResolvedStrategy _conductor;
    private readonly StrategyParameters _parameters;
    private readonly Doorbell _bell;
    private readonly ILogger _logger;
    private volatile string _state = "starting";

    public ConductorRunner(ShipServices services, AgentFleet fleet, ResolvedStrategy conductor, StrategyParameters parameters)
    {
        _services = services;
        _fleet = fleet;
        _conductor = conductor;
        _parameters = parameters.WithDefaults(conductor.Descriptor.Parameters);
        _bell = new Doorbell(services.Clock, "conductor " + conductor.Reference);
        _logger = services.CreateLogger("SpaceTraders.Runtime.Conductor");
    }

    public StrategyRef Reference => _conductor.Reference;

    /// <summary>Gets what the conductor does: <c>running</c>, <c>restarting</c>, <c>ended</c>, <c>stopped</c> or <c>abandoned</c>.</summary>
    public string State => _state;

    public void Wake() => _bell.Ring();

    public async Task RunAsync()
    {
        var clock = _services.Clock;
        var failures = 0;
        while (!_fleet.Stopping)
        {
            var run = new StrategyRun();
            var startedAt = clock.GetUtcNow();
            var context = new ConductorContext(_fleet, _conductor.Reference, _parameters, _services.CreateLogger("SpaceTraders.Conductor." + _conductor.Reference.Id));
            _state = "running";
            _services.Host.StartStrand($"{_fleet.Symbol} conductor {_conductor.Reference}", async () =>
            {
                _services.Scope.Current = null;
                try
                {
                    var conductor = _conductor.Plugin.CreateConductor(_conductor.Reference.Id)
                        ?? throw new InvalidOperationException($"The plugin returned no conductor for '{_conductor.Reference}'.");
                    await conductor.RunAsync(context, run.Token).ConfigureAwait(false);
                    run.Complete(SessionOutcome.Completed, null);
                }
                catch (OperationCanceledException) when (run.IsCancellationRequested)
                {
                    run.Complete(SessionOutcome.Cancelled, null);
                }
#pragma warning disable CA1031 // A conductor that throws is contained and restarted.
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

            while (!run.IsDone && !_fleet.Stopping)
            {
                await _bell.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
            }

            if (!run.IsDone)
            {
                run.Cancel();
                if (_services.Host.Killed)
                {
                    _state = "stopped";
                    return;
                }

                // AbandonTimeout counts game time: at the runtime's stop the wait is also bounded in real time (a
                // server reset stops the fleet alone, in game time).
                var options = _services.Options;
                var abandonAt = clock.GetUtcNow() + options.AbandonTimeout;
                WallDeadline? stopBound = null;
                var cutAtStop = false;
                while (!run.IsDone && clock.GetUtcNow() < abandonAt)
                {
                    stopBound ??= WallDeadline.AtStop(_services, _bell);

                    if (stopBound?.Passed == true)
                    {
                        cutAtStop = true;
                        break;
                    }

                    await _bell.WaitUntilAsync(abandonAt, CancellationToken.None).ConfigureAwait(false);
                }

                stopBound?.Dispose();
                if (!run.IsDone)
                {
                    var reason = cutAtStop
                        ? $"The conductor {_conductor.Reference} did not end within {options.AbandonWallTimeout} of real time after the runtime's stop; the runtime stopped waiting for it."
                        : $"The conductor {_conductor.Reference} did not end within {options.AbandonTimeout} of being cancelled; the runtime stopped waiting for it.";
                    LogAbandoned(_fleet.Symbol, reason);
                    _services.Host.ReportProblem(_fleet.Symbol, null, reason);
                    _state = "abandoned";
                    return;
                }

                _state = "stopped";
                return;
            }

            if (_fleet.ServerReset is not null || ShipRunner.IsServerReset(run.Error))
            {
                // The server reset under the conductor: the dispatcher registers the agent again and starts a new one.
                _state = "stopped";
                return;
            }

            if (run.Error is { } error)
            {
                // Failures in a row back off; a conductor that ran at least the longest restart wait before it failed
                // ran well, so its failure is the first of a new row (a conductor failing once a day must not wait
                // MaxDelay after a week).
                var policy = _services.Options.RestartPolicy;
                failures = clock.GetUtcNow() - startedAt >= policy.MaxDelay ? 1 : failures + 1;
                var delay = policy.DelayAfter(failures);
                LogFailed(error, _fleet.Symbol, _conductor.Reference.ToString(), run.Reason!, delay);
                _services.Host.ReportProblem(_fleet.Symbol, null, $"The conductor {_conductor.Reference} failed ({run.Reason}); restarting in {delay}.");
                _state = "restarting";
                var restartAt = clock.GetUtcNow() + delay;
                while (!_fleet.Stopping && clock.GetUtcNow() < restartAt)
                {
                    await _bell.WaitUntilAsync(restartAt, CancellationToken.None).ConfigureAwait(false);
                }

                continue;
            }

            LogEnded(_fleet.Symbol, _conductor.Reference.ToString());
            _state = "ended";
            while (!_fleet.Stopping)
            {
                await _bell.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
            }

            _state = "stopped";
            return;
        }

        _state = "stopped";
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "{Agent}: conductor {Conductor} failed: {Reason}; restarting in {Delay}")]
    private partial void LogFailed(Exception exception, string agent, string conductor, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "{Agent}: {Reason}")]
    private partial void LogAbandoned(string agent, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "{Agent}: conductor {Conductor} ended by itself")]
    private partial void LogEnded(string agent, string conductor);
}
