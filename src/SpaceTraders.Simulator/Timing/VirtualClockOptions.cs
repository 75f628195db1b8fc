namespace SpaceTraders.Simulator.Timing;

/// <summary>Settings for a <see cref="VirtualClock"/>.</summary>
public sealed class VirtualClockOptions
{
    /// <summary>
    /// Gets or sets how long, in real time, one actor may run without parking or ending before the clock
    /// reports "no progress" and stops. The default value is 60 seconds.
    /// </summary>
    public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long, in real time, one turn of an actor (from its wake-up to its next clock wait or its end)
    /// may hold virtual time still before the clock reports it through <see cref="VirtualClock.SlowTurn"/> and counts it
    /// in <see cref="VirtualClock.SlowTurns"/>. The default value is one second; <see cref="Timeout.InfiniteTimeSpan"/>
    /// (or any negative value) reports none.
    /// </summary>
    /// <remarks>
    /// Virtual time stands still while an actor runs, so a turn that computes for long, blocks its thread
    /// (<c>Thread.Sleep</c>, a lock) or awaits something outside the clock (a bare <c>Task.Delay</c>, real I/O) slows the
    /// whole run by that much real time without changing a single figure. Below
    /// <see cref="NoProgressTimeout"/> nothing else tells.
    /// </remarks>
    public TimeSpan SlowTurnThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the real clock turns are measured on (<see cref="SlowTurnThreshold"/>). The default value is
    /// <see cref="TimeProvider.System"/>; tests give a fake one.
    /// </summary>
    public TimeProvider RealTime { get; set; } = TimeProvider.System;
}
