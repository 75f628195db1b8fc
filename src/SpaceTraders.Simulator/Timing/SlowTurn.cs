namespace SpaceTraders.Simulator.Timing;

/// <summary>
/// One turn of a <see cref="VirtualClock"/>'s actor that held virtual time still for at least
/// <see cref="VirtualClockOptions.SlowTurnThreshold"/> of real time (<see cref="VirtualClock.SlowTurn"/>).
/// </summary>
public sealed class SlowTurnEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="SlowTurnEventArgs"/> class.</summary>
    /// <param name="actor">The actor's name, as given to <see cref="VirtualClock.RunActorAsync"/>.</param>
    /// <param name="duration">The real time the turn took.</param>
    /// <param name="at">The virtual time it stood at.</param>
    public SlowTurnEventArgs(string actor, TimeSpan duration, DateTimeOffset at)
    {
        Actor = actor;
        Duration = duration;
        At = at;
    }

    /// <summary>
    /// Gets the actor's name, as given to <see cref="VirtualClock.RunActorAsync"/>: the runtime runs a behaviour as
    /// <c>SHIP behaviour@version</c> and a conductor as <c>AGENT conductor id@version</c>.
    /// </summary>
    public string Actor { get; }

    /// <summary>Gets the real time the turn took, from the actor's wake-up to its next clock wait or its end.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the virtual time that stood still meanwhile.</summary>
    public DateTimeOffset At { get; }
}

/// <summary>The slow turns a <see cref="VirtualClock"/> has seen so far (<see cref="VirtualClock.SlowTurns"/>).</summary>
/// <param name="Count">How many turns took at least <see cref="VirtualClockOptions.SlowTurnThreshold"/> of real time.</param>
/// <param name="Total">The real time those turns took together.</param>
/// <param name="Longest">The longest of them (<see cref="TimeSpan.Zero"/> when none).</param>
/// <param name="LongestActor">The actor whose turn was the longest, or <see langword="null"/> when none.</param>
public sealed record SlowTurnSummary(int Count, TimeSpan Total, TimeSpan Longest, string? LongestActor);
