namespace SpaceTraders.Runtime.Abstractions;

/// <summary>What a conductor gets: the fleet and the runtime's controls, besides everything in <see cref="IStrategyContext"/>.</summary>
public interface IConductorContext : IStrategyContext
{
    /// <summary>Gets the conductor's own reference (<c>id@version</c>).</summary>
    StrategyRef Conductor { get; }

    /// <summary>Gets the agent's ships as the runtime sees them: assignment, state and the current session's figures.</summary>
    IReadOnlyList<FleetShip> Ships { get; }

    /// <summary>Gets every behaviour the loaded plugins offer, with its version.</summary>
    IReadOnlyList<AvailableStrategy> Behaviours { get; }

    /// <summary>Gets the fleet's request and credit figures, for pacing and saturation control.</summary>
    FleetMetrics Metrics { get; }

    /// <summary>
    /// Assigns a behaviour to a ship. The ship's current session (if any) is cancelled and closed, and a new
    /// session starts with <paramref name="behaviour"/>. A ship the runtime does not know yet (just bought) is
    /// picked up from the agent's state.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="behaviour">The behaviour; without a version, the newest loaded version.</param>
    /// <param name="parameters">Its parameters; the descriptor's defaults fill the rest.</param>
    /// <exception cref="ArgumentException">
    /// No loaded plugin offers <paramref name="behaviour"/>, or <paramref name="parameters"/> holds a value of a declared
    /// parameter the behaviour cannot read (the wrong type, or outside its allowed values); the message names it.
    /// </exception>
    void Assign(string shipSymbol, StrategyRef behaviour, StrategyParameters? parameters = null);

    /// <summary>Stops the ship's session and leaves it without a behaviour.</summary>
    /// <param name="shipSymbol">The ship.</param>
    void Unassign(string shipSymbol);

    /// <summary>Pauses the ship: its session is cancelled and closed; its assignment is kept for <see cref="Resume"/>.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="reason">Why, for the log and the live view.</param>
    void Pause(string shipSymbol, string reason);

    /// <summary>Resumes a paused ship with its assignment, in a new session.</summary>
    /// <param name="shipSymbol">The ship.</param>
    void Resume(string shipSymbol);

    /// <summary>
    /// Waits until something in the fleet changes (a session ends or fails, a ship is added) or
    /// <paramref name="timeout"/> passes, parking the conductor under virtual time.
    /// </summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes at the first change or at the timeout.</returns>
    Task WaitForFleetChangeAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>A behaviour a loaded plugin offers.</summary>
/// <param name="Reference">Its id and the plugin version.</param>
/// <param name="Descriptor">Its description and parameters.</param>
public sealed record AvailableStrategy(StrategyRef Reference, StrategyDescriptor Descriptor);

/// <summary>One ship as the runtime sees it.</summary>
/// <param name="Symbol">The ship's symbol.</param>
/// <param name="ShipType">Its shipyard type when known (for example <c>SHIP_MINING_DRONE</c>); the frame otherwise.</param>
/// <param name="Role">Its registration role (for example <c>EXCAVATOR</c>).</param>
/// <param name="Assignment">The behaviour assigned to it, if any.</param>
/// <param name="State">What it is doing.</param>
/// <param name="Activity">The last activity its behaviour reported.</param>
/// <param name="Session">The figures of its current or last session, if any.</param>
public sealed record FleetShip(
    string Symbol,
    string? ShipType,
    string Role,
    StrategyRef? Assignment,
    FleetShipState State,
    string? Activity,
    SessionFigures? Session);

/// <summary>What a ship is doing, as the runtime sees it.</summary>
public enum FleetShipState
{
    /// <summary>No behaviour assigned.</summary>
    Unassigned,

    /// <summary>Its behaviour runs.</summary>
    Running,

    /// <summary>Its behaviour ended (completed, idle or failed) and waits for the conductor or the restart policy.</summary>
    Waiting,

    /// <summary>Paused by the conductor.</summary>
    Paused,

    /// <summary>Running on another node (its lease is held elsewhere).</summary>
    Elsewhere,
}

/// <summary>A session's figures so far.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Behaviour">What it runs.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Requests">Requests it made.</param>
/// <param name="CreditsEarned">Net credits it moved (income minus spending).</param>
/// <param name="Outcome">How it ended; <see langword="null"/> while it runs.</param>
public sealed record SessionFigures(Guid SessionId, StrategyRef Behaviour, DateTimeOffset StartedAt, long Requests, long CreditsEarned, SessionOutcome? Outcome)
{
    /// <summary>Gets the credits per request; zero before the first request.</summary>
    public double CreditsPerRequest => Requests == 0 ? 0 : (double)CreditsEarned / Requests;
}

/// <summary>The fleet's request and credit figures over the last minute and since the start.</summary>
/// <param name="RequestsPerMinute">Requests completed in the last minute.</param>
/// <param name="RateLimitedPerMinute">429 answers in the last minute.</param>
/// <param name="DelayedPerRequest">The share of last minute's requests that waited for the rate limiter (0..1).</param>
/// <param name="MeanQueueWait">Mean rate-limiter wait over the last minute.</param>
/// <param name="QueueLength">Requests waiting for the rate limiter now.</param>
/// <param name="Credits">The agent's credits now.</param>
/// <param name="CreditsEarned">Credits gained since the runtime started.</param>
/// <param name="CreditsPerHour">Credits gained per hour since the runtime started.</param>
/// <param name="CreditsPerRequest">Credits gained per request since the runtime started.</param>
public sealed record FleetMetrics(
    double RequestsPerMinute,
    double RateLimitedPerMinute,
    double DelayedPerRequest,
    TimeSpan MeanQueueWait,
    int QueueLength,
    long Credits,
    long CreditsEarned,
    double CreditsPerHour,
    double CreditsPerRequest);
