namespace SpaceTraders.Sdk.Navigation;

/// <summary>When a route planner may fly a hop in DRIFT (1 fuel whatever the distance, but ten times slower than CRUISE).</summary>
public enum DriftPolicy
{
    /// <summary>
    /// Only where nothing else is feasible: the planner minimises the number of DRIFT hops first and the time second,
    /// so a route drifts only if no route with fewer drift hops exists (however much longer, with however many refuel
    /// stops).
    /// </summary>
    WhenNothingElseIsFeasible = 0,

    /// <summary>Whenever it gives the fastest route (a short drift can beat a long detour to a fuel station).</summary>
    Allowed = 1,

    /// <summary>Never: the planner returns no route rather than drift.</summary>
    Never = 2,
}
