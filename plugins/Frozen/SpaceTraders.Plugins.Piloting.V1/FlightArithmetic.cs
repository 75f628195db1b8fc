using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// The inner-loop arithmetic of the route planner, copied from the SDK's internal helpers of <see cref="FlightRules"/>
/// at 94bdb2f. The settings (rounding, flight overhead) still come from the <see cref="FlightRules"/> instance the host
/// describes the game with.
/// </summary>
internal static class FlightArithmetic
{
    /// <summary>Rounds half away from zero, as JavaScript's <c>Math.round</c> does for the positive numbers used here.</summary>
    public static double RoundHalfUp(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Gets the fuel a flight uses from the distance already rounded by <see cref="RoundForFuel"/> (for a ship with a tank).</summary>
    public static int FuelForRounded(int roundedDistance, FlightModeKind kind) => kind switch
    {
        FlightModeKind.Drift => 1,
        FlightModeKind.Burn => Math.Max(2, 2 * roundedDistance),
        _ => Math.Max(1, roundedDistance),
    };

    /// <summary>Rounds a distance for fuel, by <see cref="FlightRules.FuelRounding"/>.</summary>
    public static int RoundForFuel(FlightRules rules, double distance) =>
        (int)Math.Min(rules.FuelRounding == FuelRounding.Ceiling ? Math.Ceiling(distance) : RoundHalfUp(distance), int.MaxValue / 4);

    /// <summary>Rounds a distance for time: <c>round(max(1, d))</c>.</summary>
    public static double RoundForTime(double distance) => RoundHalfUp(Math.Max(1, distance));

    /// <summary>Gets a flight's seconds from the distance already rounded by <see cref="RoundForTime"/>.</summary>
    public static int SecondsForRounded(FlightRules rules, double roundedDistance, int engineSpeed, double multiplier)
    {
        var flying = roundedDistance * multiplier / engineSpeed;
        return rules.TimeRounding == TravelTimeRounding.Floor
            ? (int)Math.Floor(flying) + rules.FlightOverheadSeconds
            : (int)RoundHalfUp(flying + rules.FlightOverheadSeconds);
    }
}

/// <summary>The four flight modes, for the planner's inner loops.</summary>
internal enum FlightModeKind
{
    Drift = 0,
    Stealth = 1,
    Cruise = 2,
    Burn = 3,
}
