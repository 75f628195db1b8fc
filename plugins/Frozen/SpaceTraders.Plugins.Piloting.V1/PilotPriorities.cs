using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// The priorities a <see cref="ShipPilot"/>'s requests queue with at the rate limiter, by what the request is for.
/// <see langword="null"/> keeps the endpoint's frozen default (see <see cref="EndpointPriorities"/>: the SDK's defaults
/// at 94bdb2f, passed explicitly, so a later change of the SDK's defaults does not move a frozen week).
/// </summary>
/// <remarks>
/// The endpoint defaults, and so <see cref="Default"/>, finish before they start: sales, deliveries and refuels are
/// <see cref="RequestPriority.Critical"/>; the cooldown-starting actions, flights, docks and orbits
/// <see cref="RequestPriority.Normal"/>; market reads <see cref="RequestPriority.Background"/>.
/// <see cref="CooldownFirst"/> is the opposite order, for a fleet whose requests rarely meet the limit and whose
/// ships should never idle on a cooldown they could start.
/// </remarks>
public sealed record PilotPriorities
{
    /// <summary>Gets the default priorities: every request at its endpoint's frozen default (finish before you start).</summary>
    public static PilotPriorities Default { get; } = new();

    /// <summary>
    /// Gets cooldown-first priorities: the cooldown-starting actions and flights, and the orbit or flight-mode change
    /// that immediately precedes one, go <see cref="RequestPriority.Critical"/>; docking and trade go
    /// <see cref="RequestPriority.Normal"/>; market reads go <see cref="RequestPriority.Background"/>. This was the
    /// SDK's default order before issue 15. Where a fleet's cooldown-starting actions alone approach the rate limit
    /// (about 150 a minute), its Critical requests queue behind each other and its sales wait behind them: prefer
    /// <see cref="Default"/> there.
    /// </summary>
    public static PilotPriorities CooldownFirst { get; } = new()
    {
        Action = RequestPriority.Critical,
        ActionPrelude = RequestPriority.Critical,
        Docking = RequestPriority.Normal,
        Trade = RequestPriority.Normal,
        MarketRead = RequestPriority.Background,
    };

    /// <summary>
    /// Gets the priority of the cooldown-starting actions and flights themselves: extract (with or without a
    /// survey), survey, navigate and jump. The default value is <see langword="null"/> (the endpoint's default,
    /// Normal).
    /// </summary>
    public RequestPriority? Action { get; init; }

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
