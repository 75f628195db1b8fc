namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// A conductor building block: when requests saturate the rate limit, pause the ships whose sessions earn
/// the fewest credits per request; when capacity returns, resume them, best first.
/// </summary>
/// <remarks>
/// <para>
/// Saturated means the mean rate-limiter wait over the last minute is above
/// <see cref="SaturationOptions.QueueWaitThreshold"/>, or more than
/// <see cref="SaturationOptions.DelayedPerRequestThreshold"/> of the last minute's requests were delayed (waited
/// longer than the SDK's <c>DelayedThreshold</c>, 1 s by default). Capacity has returned when both are below their
/// resume thresholds (lower, so the control does not flap). The mean wait is the early signal: at a demand just
/// above the ceiling requests wait a few hundred milliseconds each, long before any waits a second.
/// </para>
/// <para>
/// Call <see cref="Evaluate"/> from the conductor's loop. It changes at most
/// <see cref="SaturationOptions.Step"/> ships per decision and waits <see cref="SaturationOptions.DecisionInterval"/>
/// between decisions, so the last minute's figures can react. It only resumes ships it paused itself. A ship it
/// resumed is judged by the figure it was paused with until its new session is old enough to be trusted, so a
/// resumed low earner is paused again before a better ship.
/// </para>
/// </remarks>
public sealed class SaturationControl
{
    private readonly SaturationOptions _options;
    private readonly Dictionary<string, double> _pausedByControl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _resumedWith = new(StringComparer.Ordinal);
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
        var saturated = metrics.MeanQueueWait > _options.QueueWaitThreshold || metrics.DelayedPerRequest > _options.DelayedPerRequestThreshold;
        var relieved = metrics.MeanQueueWait < _options.ResumeBelowQueueWait && metrics.DelayedPerRequest < _options.ResumeBelowDelayedPerRequest;

        // Ships paused by someone else, or reassigned since, are no longer ours to resume.
        foreach (var symbol in _pausedByControl.Keys.ToArray())
        {
            if (!context.Ships.Any(s => s.Symbol == symbol && s.State == FleetShipState.Paused))
            {
                _pausedByControl.Remove(symbol);
            }
        }

        foreach (var symbol in _resumedWith.Keys.ToArray())
        {
            if (!context.Ships.Any(s => s.Symbol == symbol && s.State == FleetShipState.Running))
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
            var running = context.Ships.Where(s => s.State == FleetShipState.Running).ToList();
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

    /// <summary>A running ship's credits per request: its session's once old enough, else the figure it was resumed with, else none.</summary>
    private double? Judge(FleetShip ship, DateTimeOffset now) =>
        ship.Session is { } session && now - session.StartedAt >= _options.MinimumSessionAge
            ? session.CreditsPerRequest
            : _resumedWith.TryGetValue(ship.Symbol, out var figure) ? figure : null;
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
}

/// <summary>What <see cref="SaturationControl.Evaluate"/> decided.</summary>
/// <param name="Saturated">Whether requests were saturated.</param>
/// <param name="Paused">Ships paused by this decision.</param>
/// <param name="Resumed">Ships resumed by this decision.</param>
public sealed record SaturationDecision(bool Saturated, IReadOnlyList<string> Paused, IReadOnlyList<string> Resumed);
