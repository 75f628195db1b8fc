namespace SpaceTraders.Simulator.Timing;

/// <summary>
/// Thrown by a <see cref="VirtualClock"/> (and by every wait on it afterwards) when virtual time cannot
/// move: an actor ran too long without parking, or every actor is parked and nothing is scheduled.
/// </summary>
public sealed class VirtualClockStalledException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="VirtualClockStalledException"/> class.</summary>
    public VirtualClockStalledException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VirtualClockStalledException"/> class.</summary>
    /// <param name="message">The diagnostic: what is running or parked, and on what.</param>
    public VirtualClockStalledException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VirtualClockStalledException"/> class.</summary>
    /// <param name="message">The diagnostic.</param>
    /// <param name="innerException">The cause.</param>
    public VirtualClockStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
