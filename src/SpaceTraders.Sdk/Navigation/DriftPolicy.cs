namespace SpaceTraders.Sdk.Navigation;

/// <summary>When a route planner may fly a hop in DRIFT (1 fuel whatever the distance, but ten times slower than CRUISE).</summary>
public enum DriftPolicy
{
    /// <summary>Only when no route without DRIFT exists: the planner first looks for a route in BURN and CRUISE with refuel stops, and drifts only if that fails.</summary>
    WhenNothingElseIsFeasible = 0,

    /// <summary>Whenever it gives the fastest route (a short drift can beat a long detour to a fuel station).</summary>
    Allowed = 1,

    /// <summary>Never: the planner returns no route rather than drift.</summary>
    Never = 2,
}
