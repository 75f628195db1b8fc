using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Resilience;

/// <summary>
/// What the SDK read back to find out whether an action with an unknown outcome ran
/// (<see cref="RequestOutcomeUnknownException.ReadBack"/>): only the parts the action could have changed are set.
/// The client's tracked state has already been updated with all of it.
/// </summary>
public sealed record ActionReadBack
{
    /// <summary>Gets what the reading concluded, in words, for logs (for example <c>IRON_ORE in the hold went from 10 to 30, as a sale of 20 would leave it</c>).</summary>
    public required string Finding { get; init; }

    /// <summary>Gets the agent as read (its credits), or <see langword="null"/>.</summary>
    public Agent? Agent { get; init; }

    /// <summary>Gets the acting ship as read (nav, fuel, cargo, cooldown, mounts, modules), or <see langword="null"/>.</summary>
    public Ship? Ship { get; init; }

    /// <summary>Gets the receiving ship's cargo of a transfer, or <see langword="null"/>.</summary>
    public ShipCargo? TargetCargo { get; init; }

    /// <summary>Gets the contract as read, or <see langword="null"/>.</summary>
    public Contract? Contract { get; init; }

    /// <summary>Gets every contract of the agent as read (after a negotiation), or <see langword="null"/>.</summary>
    public IReadOnlyList<Contract>? Contracts { get; init; }

    /// <summary>Gets the construction site as read, or <see langword="null"/>.</summary>
    public Construction? Construction { get; init; }

    /// <summary>Gets the market as read, with its recent transactions, or <see langword="null"/>.</summary>
    public Market? Market { get; init; }

    /// <summary>Gets the shipyard as read, with its recent transactions, or <see langword="null"/>.</summary>
    public Shipyard? Shipyard { get; init; }

    /// <summary>Gets the waypoint as read (its chart), or <see langword="null"/>.</summary>
    public Waypoint? Waypoint { get; init; }
}
