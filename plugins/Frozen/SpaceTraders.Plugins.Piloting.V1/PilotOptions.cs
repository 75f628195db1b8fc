using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Piloting.V1;

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
    /// Gets the route planner's settings. The default value is the SDK's <see cref="RoutePlannerOptions.Default"/> as it
    /// was at 94bdb2f (drift only when nothing else is feasible, a refuel stop counted as 3 seconds, no fuel reserve),
    /// spelled out in this library.
    /// </summary>
    public RoutePlannerOptions Route { get; init; } = FrozenDefaults.Route;

    /// <summary>
    /// Gets the priorities the pilot's requests queue with. The default value is <see cref="PilotPriorities.Default"/>
    /// (every request at its endpoint's frozen default, <see cref="EndpointPriorities"/>).
    /// </summary>
    public PilotPriorities Priorities { get; init; } = PilotPriorities.Default;
}
