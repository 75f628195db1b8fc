namespace SpaceTraders.Sdk.Navigation;

/// <summary>Settings of <see cref="SystemRoutePlanner.Plan"/>.</summary>
public sealed record RoutePlannerOptions
{
    /// <summary>Gets the planner's defaults.</summary>
    public static RoutePlannerOptions Default { get; } = new();

    /// <summary>Gets when the planner may drift. The default value is <see cref="DriftPolicy.WhenNothingElseIsFeasible"/>.</summary>
    public DriftPolicy Drift { get; init; } = DriftPolicy.WhenNothingElseIsFeasible;

    /// <summary>
    /// Gets the time a refuel stop is counted as, on top of the flights: docking, refuelling and orbiting again
    /// cost three requests. It also makes the planner prefer fewer stops between routes of equal flight time.
    /// The default value is 3 seconds.
    /// </summary>
    public TimeSpan RefuelStopTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets the fuel the ship must still hold after every hop. The default value is 0.</summary>
    public int FuelReserve { get; init; }

    /// <summary>
    /// Gets what fuel the route must leave in the tank at a destination that sells no fuel, so the ship can leave it.
    /// The default value is <see cref="ArrivalFuelPolicy.Any"/>. The need applies to the arrival only; refuel stops on
    /// the way count as usual, and <see cref="FuelReserve"/> still applies to every hop. When no route meets it, the
    /// planner finds none (<see cref="SystemRoutePlanner.Plan"/> returns <see langword="null"/>).
    /// </summary>
    public ArrivalFuelPolicy ArrivalFuel { get; init; }
}
