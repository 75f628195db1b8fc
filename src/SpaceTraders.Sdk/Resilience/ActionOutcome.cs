namespace SpaceTraders.Sdk.Resilience;

/// <summary>What reading back the state an action would have changed says about it (<see cref="RequestOutcomeUnknownException.Outcome"/>).</summary>
public enum ActionOutcome
{
    /// <summary>Nothing sound can be said: the state read does not show whether the action ran (or was not read).</summary>
    Unknown = 0,

    /// <summary>The action ran, but its result could not be rebuilt from what was read (for example the surveys a lost survey response carried).</summary>
    Applied,

    /// <summary>The action did not run: it is safe to send it again.</summary>
    NotApplied,
}
