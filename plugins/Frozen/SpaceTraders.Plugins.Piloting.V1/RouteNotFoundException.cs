namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// Thrown by <see cref="ShipPilot"/> when no route reaches a destination: no feasible route inside the system with the
/// fuel and the fuel sellers known, or no known jump-gate path to another system.
/// </summary>
public sealed class RouteNotFoundException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="RouteNotFoundException"/> class.</summary>
    public RouteNotFoundException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RouteNotFoundException"/> class with a message.</summary>
    /// <param name="message">What could not be reached and why.</param>
    public RouteNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RouteNotFoundException"/> class with a message and a cause.</summary>
    /// <param name="message">What could not be reached and why.</param>
    /// <param name="innerException">The cause.</param>
    public RouteNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
