using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Abstractions;

/// <summary>What a behaviour gets: its ship and its session, besides everything in <see cref="IStrategyContext"/>.</summary>
public interface IBehaviourContext : IStrategyContext
{
    /// <summary>Gets the session this run belongs to.</summary>
    SessionInfo Session { get; }

    /// <summary>Gets the ship the behaviour drives, kept current from every response.</summary>
    TrackedShip Ship { get; }

    /// <summary>Tells the runtime what the ship is doing now, for the live view (for example "selling IRON_ORE at X1-A1").</summary>
    /// <param name="activity">A short description.</param>
    void ReportActivity(string activity);
}

/// <summary>Who and what a session is.</summary>
/// <param name="Id">The session's id.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="ShipType">The ship's shipyard type (for example <c>SHIP_MINING_DRONE</c>), when known.</param>
/// <param name="Behaviour">The behaviour and the plugin version running it.</param>
/// <param name="Conductor">The conductor that assigned it, when any.</param>
/// <param name="StartedAt">When the session started, on the runtime's clock.</param>
public sealed record SessionInfo(
    Guid Id,
    string AgentSymbol,
    string ShipSymbol,
    string? ShipType,
    StrategyRef Behaviour,
    StrategyRef? Conductor,
    DateTimeOffset StartedAt);
