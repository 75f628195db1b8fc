using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// A conductor building block: when requests saturate the rate limit, pause the ships whose sessions earn
/// the fewest credits per request; when capacity returns, resume them, best first.
/// </summary>
/// <remarks>
/// <para>
/// Saturated means the mean rate-limiter wait over the last minute is above
/// <see cref="SaturationOptions.QueueWaitThreshold"/>, or more than
/// <see cref="SaturationOptions.DelayedPerRequestThreshold"/> of the last minute's requests were delayed (waited
/// longer than the SDK's <c>DelayedThreshold</c>, 1 s by default), while the last minute's requests reach
/// <see cref="SaturationOptions.MinimumRequestsPerMinute"/>. The mean wait is the early signal: at a demand just
/// above the ceiling requests wait a few hundred milliseconds each, long before any waits a second.
/// Capacity has returned when both are below their resume thresholds (lower, so the control does not flap), or when
/// the last minute's requests fall below <see cref="SaturationOptions.ResumeBelowRequestsPerMinute"/> (the budget is
/// no longer full, however the requests queue).
/// </para>
/// <para>
/// Call <see cref="Evaluate"/> from the conductor's loop. It changes at most
/// <see cref="SaturationOptions.Step"/> ships per decision and waits <see cref="SaturationOptions.DecisionInterval"/>
/// between decisions, so the last minute's figures can react. It only resumes ships it paused itself. A ship it
/// resumed is judged by the figure it was paused with until its new session is old enough to be trusted, so a
/// resumed low earner is paused again before a better ship.
/// </para>
/// <para>
/// What a ship is judged by is <see cref="SaturationOptions.JudgeBy"/>: its current session's credits per request (the
/// default), or the credits per request of the sessions it completed within <see cref="SaturationOptions.Window"/>
/// (<see cref="SaturationJudgement.CompletedSessions"/>), so that a trader whose open session has just bought cargo
/// is not judged by that purchase; a ship whose session has stayed open for a whole window is judged by that session.
/// With the second, call <see cref="Evaluate"/> whenever the fleet changes (a session ends): a completed session is
/// counted when the control sees it. <see cref="SaturationOptions.Exempt"/> names ships
/// that are never paused (scouts the earners depend on, say).
/// </para>
/// </remarks>
public sealed class SaturationControl
{
    private readonly SaturationOptions _options;
    private readonly Dictionary<string, double> _pausedByControl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _resumedWith = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<CompletedSession>> _completed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _lastCounted = new(StringComparer.Ordinal);
    private DateTimeOffset _lastDecision = DateTimeOffset.MinValue;

    /// <summary>Initializes a new instance of the <see cref="SaturationControl"/> class.</summary>
    /// <param name="options">Thresholds and pacing; the defaults when <see langword="null"/>.</param>
    public SaturationControl(SaturationOptions? options = null) => _options = options ?? new SaturationOptions();

    /// <summary>Gets the ships this control has paused and not yet resumed.</summary>
    public IReadOnlyCollection<string> PausedShips => _pausedByControl.Keys;

    /// <summary>Looks at the fleet's figures and pauses or resumes ships through <paramref name="context"/>.</summary>
    /// <param name="context">The conductor's context.</param>
    /// <returns>What was decided.</returns>
    public SaturationDecision Evaluate(IConductorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Clock.GetUtcNow();
        var metrics = context.Metrics;
        var ships = context.Ships;   // one snapshot: the runtime builds a new one on every read
        var saturated = (metrics.MeanQueueWait > _options.QueueWaitThreshold || metrics.DelayedPerRequest > _options.DelayedPerRequestThreshold)
            && metrics.RequestsPerMinute >= _options.MinimumRequestsPerMinute;
        var relieved = (metrics.MeanQueueWait < _options.ResumeBelowQueueWait && metrics.DelayedPerRequest < _options.ResumeBelowDelayedPerRequest)
            || metrics.RequestsPerMinute < _options.ResumeBelowRequestsPerMinute;
        if (_options.JudgeBy == SaturationJudgement.CompletedSessions)
        {
            CountCompleted(ships, now);
        }

        // Ships paused by someone else, or reassigned since, are no longer ours to resume.
        foreach (var symbol in _pausedByControl.Keys.ToArray())
        {
            if (!ships.Any(s => s.Symbol == symbol && s.State == FleetShipState.Paused))
            {
                _pausedByControl.Remove(symbol);
            }
        }

        foreach (var symbol in _resumedWith.Keys.ToArray())
        {
            if (!ships.Any(s => s.Symbol == symbol && s.State == FleetShipState.Running))
            {
                _resumedWith.Remove(symbol);
            }
        }

        if (now - _lastDecision < _options.DecisionInterval)
        {
            return new SaturationDecision(saturated, [], []);
        }

        if (saturated)
        {
            var running = ships.Where(s => s.State == FleetShipState.Running && _options.Exempt?.Invoke(s) != true).ToList();
            var candidates = running
                .Select(s => (s.Symbol, Figure: Judge(s, now)))
                .Where(c => c.Figure is not null)
                .OrderBy(c => c.Figure)
                .ThenBy(c => c.Symbol, StringComparer.Ordinal)
                .Take(Math.Max(0, Math.Min(_options.Step, running.Count - _options.MinimumRunning)))
                .ToList();
            foreach (var (symbol, figure) in candidates)
            {
                context.Pause(symbol, $"saturation: {figure:0.##} credits/request is the lowest");
                _pausedByControl[symbol] = figure!.Value;
                _resumedWith.Remove(symbol);
            }

            if (candidates.Count > 0)
            {
                _lastDecision = now;
            }

            return new SaturationDecision(true, [.. candidates.Select(c => c.Symbol)], []);
        }

        if (relieved && _pausedByControl.Count > 0)
        {
            var resumed = _pausedByControl
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(_options.Step)
                .Select(p => p.Key)
                .ToList();
            foreach (var symbol in resumed)
            {
                context.Resume(symbol);
                _resumedWith[symbol] = _pausedByControl[symbol];
                _pausedByControl.Remove(symbol);
            }

            _lastDecision = now;
            return new SaturationDecision(false, [], resumed);
        }

        return new SaturationDecision(saturated, [], []);
    }

    /// <summary>
    /// Gets a ship's credits per request as this control judges it (see <see cref="SaturationOptions.JudgeBy"/>), or
    /// <see langword="null"/> while there is nothing to judge it by.
    /// </summary>
    /// <param name="ship">The ship.</param>
    /// <param name="now">The current time.</param>
    /// <returns>Its credits per request, or <see langword="null"/>.</returns>
    public double? Judge(FleetShip ship, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ship);
        if (_options.JudgeBy == SaturationJudgement.CompletedSessions)
        {
            if (_completed.TryGetValue(ship.Symbol, out var sessions))
            {
                long credits = 0, requests = 0;
                foreach (var session in sessions)
                {
                    if (now - session.At <= _options.Window)
                    {
                        credits += session.Credits;
                        requests += session.Requests;
                    }
                }

                if (requests >= _options.MinimumRequests)
                {
                    return (double)credits / requests;
                }
            }

            if (_resumedWith.TryGetValue(ship.Symbol, out var resumed))
            {
                return resumed;
            }

            // A session still open after a whole window (a ship that never hands back) is judged by what it has done.
            return ship.Session is { Outcome: null } open && now - open.StartedAt >= _options.Window && open.Requests >= _options.MinimumRequests
                ? open.CreditsPerRequest
                : null;
        }

        return ship.Session is { } current && now - current.StartedAt >= _options.MinimumSessionAge
            ? current.CreditsPerRequest
            : _resumedWith.TryGetValue(ship.Symbol, out var figure) ? figure : null;
    }

    /// <summary>Counts each ship's newly completed session once, and forgets sessions older than the window.</summary>
    private void CountCompleted(IReadOnlyList<FleetShip> ships, DateTimeOffset now)
    {
        foreach (var ship in ships)
        {
            if (ship.Session is { Outcome: not null } session
                && !(_lastCounted.TryGetValue(ship.Symbol, out var counted) && counted == session.SessionId))
            {
                _lastCounted[ship.Symbol] = session.SessionId;
                if (!_completed.TryGetValue(ship.Symbol, out var queue))
                {
                    _completed[ship.Symbol] = queue = new Queue<CompletedSession>();
                }

                queue.Enqueue(new CompletedSession(now, session.CreditsEarned, session.Requests));
            }
        }

        foreach (var queue in _completed.Values)
        {
            while (queue.Count > 0 && now - queue.Peek().At > _options.Window)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>A completed session as the control counted it.</summary>
    private readonly record struct CompletedSession(DateTimeOffset At, long Credits, long Requests);
}

/// <summary>What <see cref="SaturationControl"/> judges a ship by.</summary>
public enum SaturationJudgement
{
    /// <summary>The current session's credits per request, once the session is <see cref="SaturationOptions.MinimumSessionAge"/> old.</summary>
    CurrentSession,

    /// <summary>The credits per request of the sessions the ship completed within <see cref="SaturationOptions.Window"/>.</summary>
    CompletedSessions,
}

/// <summary>Thresholds and pacing of <see cref="SaturationControl"/>.</summary>
public sealed record SaturationOptions
{
    /// <summary>Gets the mean queue wait above which requests count as saturated. The default value is 100 milliseconds.</summary>
    public TimeSpan QueueWaitThreshold { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the share of delayed requests (waited longer than the SDK's delayed threshold) above which requests count as saturated. The default value is 0.1.</summary>
    public double DelayedPerRequestThreshold { get; init; } = 0.1;

    /// <summary>Gets the mean queue wait below which capacity counts as returned. The default value is 25 milliseconds.</summary>
    public TimeSpan ResumeBelowQueueWait { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets the share of delayed requests below which capacity counts as returned. The default value is 0.03.</summary>
    public double ResumeBelowDelayedPerRequest { get; init; } = 0.03;

    /// <summary>Gets the most ships paused or resumed per decision. The default value is 1.</summary>
    public int Step { get; init; } = 1;

    /// <summary>Gets the time between two decisions, so the last minute's figures can react. The default value is 60 seconds.</summary>
    public TimeSpan DecisionInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long a session must have run before its credits per request are trusted. The default value is 5 minutes.</summary>
    public TimeSpan MinimumSessionAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the fewest ships left running. The default value is 1.</summary>
    public int MinimumRunning { get; init; } = 1;

    /// <summary>Gets what ships are judged by. The default value is <see cref="SaturationJudgement.CurrentSession"/>.</summary>
    public SaturationJudgement JudgeBy { get; init; } = SaturationJudgement.CurrentSession;

    /// <summary>Gets how far back completed sessions count, with <see cref="SaturationJudgement.CompletedSessions"/>. The default value is 1 hour.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets the fewest requests of completed sessions in the window before a ship is judged by them. The default value is 5.</summary>
    public int MinimumRequests { get; init; } = 5;

    /// <summary>
    /// Gets the requests per minute below which the fleet never counts as saturated, however long the queue (a burst of
    /// ships acting at once queues too). The default value is 0: the queue alone decides.
    /// </summary>
    public double MinimumRequestsPerMinute { get; init; }

    /// <summary>
    /// Gets the requests per minute below which capacity counts as returned whatever the queue: paused ships are resumed
    /// while the budget is not full. The default value is 0: only the queue decides.
    /// </summary>
    public double ResumeBelowRequestsPerMinute { get; init; }

    /// <summary>Gets the ships that are never paused, or <see langword="null"/> for none. The default value is <see langword="null"/>.</summary>
    public Func<FleetShip, bool>? Exempt { get; init; }
}

/// <summary>What <see cref="SaturationControl.Evaluate"/> decided.</summary>
/// <param name="Saturated">Whether requests were saturated.</param>
/// <param name="Paused">Ships paused by this decision.</param>
/// <param name="Resumed">Ships resumed by this decision.</param>
public sealed record SaturationDecision(bool Saturated, IReadOnlyList<string> Paused, IReadOnlyList<string> Resumed);
