namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// The details of a "ship in transit" error (<see cref="ErrorCodes.ShipInTransit"/>, 4214, or
/// <see cref="ErrorCodes.NavigateInTransit"/>, 4200): where the ship is flying and when it arrives.
/// </summary>
public sealed record ShipInTransitError
{
    /// <summary>Gets the waypoint the ship departed from.</summary>
    public string? DepartureSymbol { get; init; }

    /// <summary>Gets the waypoint the ship is flying to.</summary>
    public string? DestinationSymbol { get; init; }

    /// <summary>Gets when the ship departed.</summary>
    public DateTimeOffset? DepartureTime { get; init; }

    /// <summary>Gets when the ship arrives.</summary>
    public DateTimeOffset? Arrival { get; init; }

    /// <summary>Gets the seconds until the ship arrives, as the server computed them when it answered.</summary>
    public int? SecondsToArrival { get; init; }
}
