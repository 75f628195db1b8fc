using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime;

/// <summary>
/// How the runtime plays on after a server reset: it registers each agent again, with the account token of the agent's
/// client options (<see cref="Sdk.SpaceTradersClientOptions.AccountToken"/>), under the same symbol and faction unless
/// these say otherwise. An agent without an account token cannot come back: the runtime stops.
/// </summary>
public sealed record ReRegistration
{
    /// <summary>
    /// Gets the symbol to register after a reset, or <see langword="null"/> for the agent's own (the reset wiped it, so it
    /// is free again). Meant for a runtime of one agent. The default value is <see langword="null"/>.
    /// </summary>
    public string? AgentSymbol { get; init; }

    /// <summary>Gets the faction to register with after a reset, or <see langword="null"/> for the agent's starting faction. The default value is <see langword="null"/>.</summary>
    public string? Faction { get; init; }
}

/// <summary>One agent's play of one server reset on this runtime: from its start (or registration) to the reset or the stop.</summary>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="Reset">The reset (<c>yyyy-MM-dd</c>, the agent token's reset date), when known.</param>
/// <param name="StartedAt">When the runtime started playing it, on its clock.</param>
/// <param name="EndedAt">When the runtime stopped playing it (the server reset was detected, or the runtime stopped); <see langword="null"/> while it plays.</param>
/// <param name="CreditsStart">The agent's credits when the runtime started playing it.</param>
/// <param name="CreditsEnd">The agent's credits as last seen.</param>
/// <param name="Ships">The agent's ships as last seen.</param>
/// <param name="Conductor">The conductor that ran it, if any.</param>
public sealed record PlayedReset(
    string AgentSymbol,
    string? Reset,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long CreditsStart,
    long CreditsEnd,
    int Ships,
    StrategyRef? Conductor)
{
    /// <summary>Gets a value indicating whether the play ended because the server reset. The default value is <see langword="false"/>.</summary>
    public bool EndedByReset { get; init; }
}

/// <summary>A server reset the runtime could not play through, and so stopped at: no account token, or the registration failed.</summary>
/// <param name="AgentSymbol">The agent whose token the reset made useless.</param>
/// <param name="PreviousReset">The reset the agent belonged to, when known.</param>
/// <param name="Reset">The server's new reset, when known.</param>
/// <param name="DetectedAt">When the reset was detected, on the runtime's clock.</param>
/// <param name="Message">What happened and what to do, in a sentence or two (never a token).</param>
public sealed record ServerResetStop(string AgentSymbol, string? PreviousReset, string? Reset, DateTimeOffset DetectedAt, string Message);
