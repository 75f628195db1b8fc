using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Runtime.Stores;

/// <summary>An agent as the store last wrote it.</summary>
/// <param name="Symbol">The agent's symbol.</param>
/// <param name="Credits">Its credits.</param>
/// <param name="Agent">The agent's record (headquarters, faction, ship count), when it could be read.</param>
/// <param name="SeenAt">When it was written, on the runtime's clock.</param>
public sealed record StoredAgent(string Symbol, long Credits, Agent? Agent, DateTimeOffset SeenAt);

/// <summary>A ship's parts as the store last wrote them; a part never written is <see langword="null"/>.</summary>
/// <param name="Symbol">The ship.</param>
/// <param name="AgentSymbol">Its agent.</param>
/// <param name="ChangedAt">When its latest part was written, on the runtime's clock.</param>
public sealed record StoredShip(string Symbol, string AgentSymbol, DateTimeOffset ChangedAt)
{
    /// <summary>Gets the registration (name, faction, role).</summary>
    public ShipRegistration? Registration { get; init; }

    /// <summary>Gets the navigation state (the route with its arrival).</summary>
    public ShipNav? Nav { get; init; }

    /// <summary>Gets the frame.</summary>
    public ShipFrame? Frame { get; init; }

    /// <summary>Gets the engine.</summary>
    public ShipEngine? Engine { get; init; }

    /// <summary>Gets the cargo hold.</summary>
    public ShipCargo? Cargo { get; init; }

    /// <summary>Gets the fuel tank.</summary>
    public ShipFuel? Fuel { get; init; }

    /// <summary>Gets the reactor cooldown.</summary>
    public Cooldown? Cooldown { get; init; }

    /// <summary>Gets the mounts.</summary>
    public IReadOnlyList<ShipMount>? Mounts { get; init; }

    /// <summary>Gets the modules.</summary>
    public IReadOnlyList<ShipModule>? Modules { get; init; }
}

/// <summary>A market the store holds observations of.</summary>
/// <param name="WaypointSymbol">The market's waypoint.</param>
/// <param name="LastObservedAt">The latest observation, raw or rolled up.</param>
/// <param name="Goods">How many goods were observed.</param>
public sealed record StoredMarket(string WaypointSymbol, DateTimeOffset LastObservedAt, int Goods);

/// <summary>A run (one <see cref="FleetRuntime"/>, <see cref="FleetRuntime.RunId"/>) the store holds records of.</summary>
/// <param name="RunId">The run.</param>
/// <param name="FirstAt">Its first record (a session's start or a request).</param>
/// <param name="LastAt">Its last record (a session's end or start, a request, a credit movement).</param>
/// <param name="Agents">The agents it played, ordinally.</param>
public sealed record StoredRun(Guid RunId, DateTimeOffset FirstAt, DateTimeOffset LastAt, IReadOnlyList<string> Agents);
