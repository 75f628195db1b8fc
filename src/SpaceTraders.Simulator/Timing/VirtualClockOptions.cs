namespace SpaceTraders.Simulator.Timing;

/// <summary>Settings for a <see cref="VirtualClock"/>.</summary>
public sealed class VirtualClockOptions
{
    /// <summary>
    /// Gets or sets how long, in real time, one actor may run without parking or ending before the clock
    /// reports "no progress" and stops. The default value is 60 seconds.
    /// </summary>
    public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
