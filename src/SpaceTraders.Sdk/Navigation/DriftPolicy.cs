namespace SpaceTraders.Sdk.Navigation;

/// <summary>When a route planner may fly a hop in DRIFT (1 fuel whatever the distance, but ten times slower than CRUISE).</summary>
public enum DriftPolicy
{
    /// <summary>
    /// Only when nothing else is feasible: the planner first looks for a route in BURN and CRUISE alone, with any
    /// number of refuel stops, and returns the fastest such route if there is one. Only if there is none does it
    /// return the fastest route with DRIFT allowed.
    /// </summary>
    WhenNothingElseIsFeasible = 0,

    /// <summary>Whenever it gives the fastest route (a short drift can beat a long detour to a fuel station).</summary>
    Allowed = 1,

    /// <summary>Never: the planner returns no route rather than drift.</summary>
    Never = 2,
}
