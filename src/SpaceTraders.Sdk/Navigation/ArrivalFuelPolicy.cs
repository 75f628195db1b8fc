namespace SpaceTraders.Sdk.Navigation;

/// <summary>
/// What fuel a planned route must leave in the tank at its destination, so that the ship can leave again. A ship that
/// arrives empty where no fuel is sold cannot leave at all (even a DRIFT costs 1 fuel).
/// </summary>
public enum ArrivalFuelPolicy
{
    /// <summary>Any: the fastest route, even if it arrives with an empty tank where no fuel is sold.</summary>
    Any = 0,

    /// <summary>
    /// Where the destination sells no fuel, the route must arrive with the fuel to fly from there to the nearest known
    /// fuel seller in the cheapest mode the planner may use (<see cref="RoutePlannerOptions.Drift"/>): 1 fuel (a DRIFT)
    /// unless drift is <see cref="DriftPolicy.Never"/>, else the CRUISE fuel. At least 1 fuel, also when the system has
    /// no known fuel seller. A destination that sells fuel needs nothing.
    /// </summary>
    ToReachFuelSeller = 1,

    /// <summary>
    /// Where the destination sells no fuel, the route must arrive with the fuel to CRUISE from there to the nearest known
    /// fuel seller (at least 1 fuel, also when the system has no known fuel seller): the ship leaves without a ten
    /// times slower drift. A destination that sells fuel needs nothing.
    /// </summary>
    ToCruiseToFuelSeller = 2,
}
