using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Piloting;

/// <summary>Settings of a <see cref="ShipPilot"/>.</summary>
public sealed record PilotOptions
{
    /// <summary>Gets the default settings.</summary>
    public static PilotOptions Default { get; } = new();

    /// <summary>
    /// Gets how long a market seen with its prices is trusted before the pilot asks again when trading. The
    /// default value is 5 minutes.
    /// </summary>
    public TimeSpan MarketFreshness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets the route planner's settings. The default value is <see cref="RoutePlannerOptions.Default"/> with
    /// <see cref="RoutePlannerOptions.ArrivalFuel"/> set to <see cref="ArrivalFuelPolicy.ToReachFuelSeller"/>: every
    /// flight of the pilot keeps the fuel to leave where it ends (a flight no such route serves throws
    /// <see cref="RouteNotFoundException"/> rather than strand the ship). Set <see cref="ArrivalFuelPolicy.Any"/> for
    /// the fastest route whatever it leaves in the tank.
    /// </summary>
    public RoutePlannerOptions Route { get; init; } = new() { ArrivalFuel = ArrivalFuelPolicy.ToReachFuelSeller };

    /// <summary>
    /// Gets the priorities the pilot's requests queue with. The default value is <see cref="PilotPriorities.Default"/>
    /// (every request at its endpoint's default priority).
    /// </summary>
    public PilotPriorities Priorities { get; init; } = PilotPriorities.Default;
}
