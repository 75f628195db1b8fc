using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>One hop of a <see cref="RoutePlan"/>: refuel (if planned), then navigate.</summary>
/// <param name="From">The waypoint the hop starts at.</param>
/// <param name="To">The waypoint the hop ends at.</param>
/// <param name="Mode">The flight mode to set before navigating.</param>
/// <param name="Distance">The distance flown, unrounded.</param>
/// <param name="Fuel">The fuel the hop uses.</param>
/// <param name="Seconds">The flight's duration in seconds.</param>
/// <param name="RefuelUnits">The fuel to buy at <paramref name="From"/> before departing (fill the tank), or 0 for no stop.</param>
/// <param name="FuelAfter">The fuel left on arrival.</param>
public sealed record RouteLeg(
    string From,
    string To,
    ShipNavFlightMode Mode,
    double Distance,
    int Fuel,
    int Seconds,
    int RefuelUnits,
    int FuelAfter)
{
    /// <summary>Gets a value indicating whether the ship refuels at <see cref="From"/> before this hop.</summary>
    public bool RefuelsBefore => RefuelUnits > 0;
}

/// <summary>A planned route inside a system: the hops in order, with their flight modes and refuel stops.</summary>
public sealed class RoutePlan
{
    internal RoutePlan(string origin, string destination, IReadOnlyList<RouteLeg> legs, double totalSeconds, int startFuel)
    {
        Origin = origin;
        Destination = destination;
        Legs = legs;
        Duration = TimeSpan.FromSeconds(totalSeconds);
        FlightSeconds = legs.Sum(l => l.Seconds);
        FuelUsed = legs.Sum(l => l.Fuel);
        FuelPurchased = legs.Sum(l => l.RefuelUnits);
        RefuelStops = legs.Count(l => l.RefuelsBefore);
        FuelRemaining = legs.Count == 0 ? startFuel : legs[^1].FuelAfter;
        UsesDrift = legs.Any(l => l.Mode == ShipNavFlightMode.Drift);
    }

    /// <summary>Gets the waypoint the route starts at.</summary>
    public string Origin { get; }

    /// <summary>Gets the waypoint the route ends at.</summary>
    public string Destination { get; }

    /// <summary>Gets the hops in order; empty when the ship is already at the destination.</summary>
    public IReadOnlyList<RouteLeg> Legs { get; }

    /// <summary>Gets the route's duration: the flights plus <see cref="RoutePlannerOptions.RefuelStopTime"/> per refuel stop.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the seconds spent flying.</summary>
    public int FlightSeconds { get; }

    /// <summary>Gets the fuel the flights use.</summary>
    public int FuelUsed { get; }

    /// <summary>Gets the fuel bought on the way (ship units; one FUEL market unit is 100 of them).</summary>
    public int FuelPurchased { get; }

    /// <summary>Gets the number of refuel stops.</summary>
    public int RefuelStops { get; }

    /// <summary>Gets the fuel left at the destination.</summary>
    public int FuelRemaining { get; }

    /// <summary>Gets a value indicating whether any hop drifts.</summary>
    public bool UsesDrift { get; }

    /// <inheritdoc />
    public override string ToString() =>
        Legs.Count == 0
            ? $"{Origin}: already there"
            : $"{Origin} -> {Destination}: {Legs.Count} hop(s), {Duration.TotalSeconds:0} s, fuel {FuelUsed}, {RefuelStops} refuel stop(s)"
              + string.Concat(Legs.Select(l => $"{Environment.NewLine}  {(l.RefuelsBefore ? "refuel, " : string.Empty)}{l.Mode} {l.From} -> {l.To} ({l.Seconds} s, fuel {l.Fuel})"));
}
