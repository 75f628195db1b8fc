using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Piloting;

/// <summary>
/// The priorities a <see cref="ShipPilot"/>'s requests queue with at the rate limiter, by what the request is for.
/// <see langword="null"/> keeps the endpoint's default (see <see cref="Http.EndpointCatalog"/>).
/// </summary>
/// <remarks>
/// The cooldown-starting actions themselves (extract, survey, jump, navigate, ...) always keep their default,
/// <see cref="RequestPriority.Critical"/>. What these settings change is the requests around them: when requests
/// are the bottleneck, an orbit that stands between a ship and its next extraction should not wait behind another
/// ship's sales, and a market refresh should wait behind both.
/// </remarks>
public sealed record PilotPriorities
{
    /// <summary>Gets the default priorities: every request at its endpoint's default.</summary>
    public static PilotPriorities Default { get; } = new();

    /// <summary>
    /// Gets cooldown-first priorities: the orbit or flight-mode change that immediately precedes a cooldown-starting
    /// action or a flight goes <see cref="RequestPriority.Critical"/> like the action it unblocks; docking and trade go
    /// <see cref="RequestPriority.Normal"/>; market reads go <see cref="RequestPriority.Background"/>.
    /// </summary>
    public static PilotPriorities CooldownFirst { get; } = new()
    {
        ActionPrelude = RequestPriority.Critical,
        Docking = RequestPriority.Normal,
        Trade = RequestPriority.Normal,
        MarketRead = RequestPriority.Background,
    };

    /// <summary>
    /// Gets the priority of an orbit or flight-mode change sent right before an extraction, a survey, a jump or a
    /// navigation. The default value is <see langword="null"/> (the endpoint's default, Normal).
    /// </summary>
    public RequestPriority? ActionPrelude { get; init; }

    /// <summary>Gets the priority of other docks and orbits. The default value is <see langword="null"/>.</summary>
    public RequestPriority? Docking { get; init; }

    /// <summary>
    /// Gets the priority of trade and cargo requests: sell, purchase, refuel, transfer, jettison, contract delivery.
    /// The default value is <see langword="null"/>.
    /// </summary>
    public RequestPriority? Trade { get; init; }

    /// <summary>Gets the priority of market reads. The default value is <see langword="null"/>.</summary>
    public RequestPriority? MarketRead { get; init; }
}
