using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>
/// The travel-time, fuel and jump-cooldown formulas of the game, as pure functions.
/// </summary>
/// <remarks>
/// <para>
/// The maintainers publish no formulas; these are the community's measurements (the api-docs wiki page
/// "Travel, Fuel and Time", and open-source bots that checked them against live responses):
/// </para>
/// <list type="bullet">
/// <item><description>Distance: Euclidean between waypoints (navigate) or systems (warp, jump).</description></item>
/// <item><description>Travel time in seconds: <c>round(round(max(1, d)) × multiplier / engineSpeed + 15)</c>; the
/// navigate multipliers are CRUISE 25, DRIFT 250, BURN 12.5, STEALTH 30, the warp multipliers 50, 300, 25, 60.</description></item>
/// <item><description>Fuel: CRUISE <c>round(d)</c>, DRIFT 1, BURN <c>2 × round(d)</c>, STEALTH <c>round(d)</c>, with a
/// minimum of 1 (2 for BURN). A ship whose fuel capacity is 0 (a probe) uses none.</description></item>
/// <item><description>Jump cooldown in seconds: <c>round(15 + 0.3 × d)</c> between the two systems.</description></item>
/// </list>
/// <para>
/// Where the sources disagree this class follows the wiki, and makes the other reading a setting:
/// the wiki rounds the travel time half away from zero (JavaScript's <c>Math.round</c> on positive
/// numbers), one bot floors it (<see cref="TravelTimeRounding.Floor"/>); the wiki rounds the distance for
/// fuel, two bots take its ceiling (<see cref="FuelRounding.Ceiling"/>); an older wiki revision gives the jump
/// cooldown as <c>60 + round(d)</c> (<see cref="JumpCooldownBaseSeconds"/> 60 and
/// <see cref="JumpCooldownSecondsPerDistance"/> 1). The sources give STEALTH no minimum fuel; this class
/// applies CRUISE's minimum of 1 (as the offline simulator does), so a planned hop is never free.
/// </para>
/// <para>
/// <b>Unknown modes.</b> A galaxy may add a flight mode this SDK does not know (the model keeps the server's
/// spelling). A ship flying in one must not crash a bot, so every formula here takes an unknown mode as CRUISE (its
/// multipliers, fuel and minimum): a fair middle estimate, neither the fastest nor the slowest. The SDK's planners
/// never choose an unknown mode; <see cref="IsKnown"/> tells them apart (use it to reject a configured mode).
/// </para>
/// <para>Instances are immutable and thread-safe; <see cref="Default"/> is the wiki's reading.</para>
/// </remarks>
public sealed class FlightRules
{
    /// <summary>Gets the rules as the wiki gives them: every setting at its default.</summary>
    public static FlightRules Default { get; } = new();

    /// <summary>Gets how the travel time is rounded. The default value is <see cref="TravelTimeRounding.Round"/>.</summary>
    public TravelTimeRounding TimeRounding { get; init; } = TravelTimeRounding.Round;

    /// <summary>Gets how the distance is rounded for fuel. The default value is <see cref="Navigation.FuelRounding.Round"/>.</summary>
    public FuelRounding FuelRounding { get; init; } = FuelRounding.Round;

    /// <summary>Gets the seconds added to every flight. The default value is 15.</summary>
    public int FlightOverheadSeconds { get; init; } = 15;

    /// <summary>Gets the fixed part of a jump's cooldown, in seconds. The default value is 15.</summary>
    public double JumpCooldownBaseSeconds { get; init; } = 15;

    /// <summary>Gets the part of a jump's cooldown that grows with the distance between the systems, in seconds per unit. The default value is 0.3.</summary>
    public double JumpCooldownSecondsPerDistance { get; init; } = 0.3;

    /// <summary>Gets the Euclidean distance between two points.</summary>
    /// <param name="x1">The first point's x.</param>
    /// <param name="y1">The first point's y.</param>
    /// <param name="x2">The second point's x.</param>
    /// <param name="y2">The second point's y.</param>
    /// <returns>The distance, unrounded.</returns>
    public static double Distance(int x1, int y1, int x2, int y2)
    {
        double dx = (long)x1 - x2;
        double dy = (long)y1 - y2;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>Gets a value indicating whether the SDK knows a flight mode's formulas: CRUISE, DRIFT, BURN or STEALTH.</summary>
    /// <param name="mode">The flight mode.</param>
    /// <returns><see langword="true"/> for the four known modes.</returns>
    public static bool IsKnown(ShipNavFlightMode mode) => mode.Value is "CRUISE" or "DRIFT" or "BURN" or "STEALTH";

    /// <summary>Gets the navigate (in-system) multiplier of a flight mode: CRUISE 25, DRIFT 250, BURN 12.5, STEALTH 30.</summary>
    /// <param name="mode">The flight mode; one the SDK does not know counts as CRUISE.</param>
    /// <returns>The multiplier: 25 for an unknown mode.</returns>
    public static double NavigateMultiplier(ShipNavFlightMode mode) => KindOf(mode) switch
    {
        FlightModeKind.Drift => 250,
        FlightModeKind.Burn => 12.5,
        FlightModeKind.Stealth => 30,
        _ => 25,
    };

    /// <summary>Gets the warp (between systems) multiplier of a flight mode: CRUISE 50, DRIFT 300, BURN 25, STEALTH 60.</summary>
    /// <param name="mode">The flight mode; one the SDK does not know counts as CRUISE.</param>
    /// <returns>The multiplier: 50 for an unknown mode.</returns>
    public static double WarpMultiplier(ShipNavFlightMode mode) => KindOf(mode) switch
    {
        FlightModeKind.Drift => 300,
        FlightModeKind.Burn => 25,
        FlightModeKind.Stealth => 60,
        _ => 50,
    };

    /// <summary>Gets the seconds a navigation within a system takes.</summary>
    /// <param name="distance">The distance between the waypoints.</param>
    /// <param name="engineSpeed">The ship's <see cref="ShipEngine.Speed"/>.</param>
    /// <param name="mode">The flight mode; one the SDK does not know counts as CRUISE.</param>
    /// <returns>The flight's duration in seconds.</returns>
    public int NavigateSeconds(double distance, int engineSpeed, ShipNavFlightMode mode) =>
        TravelSeconds(distance, engineSpeed, NavigateMultiplier(mode));

    /// <summary>Gets the seconds a warp between systems takes.</summary>
    /// <param name="distance">The distance between the systems.</param>
    /// <param name="engineSpeed">The ship's <see cref="ShipEngine.Speed"/>.</param>
    /// <param name="mode">The flight mode; one the SDK does not know counts as CRUISE.</param>
    /// <returns>The flight's duration in seconds.</returns>
    public int WarpSeconds(double distance, int engineSpeed, ShipNavFlightMode mode) =>
        TravelSeconds(distance, engineSpeed, WarpMultiplier(mode));

    /// <summary>Gets the seconds a flight takes for a given multiplier: <c>round(round(max(1, d)) × multiplier / speed + 15)</c>.</summary>
    /// <param name="distance">The distance.</param>
    /// <param name="engineSpeed">The ship's engine speed; at least 1.</param>
    /// <param name="multiplier">The flight mode's multiplier (<see cref="NavigateMultiplier"/> or <see cref="WarpMultiplier"/>).</param>
    /// <returns>The flight's duration in seconds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or not a number, or the speed is below 1.</exception>
    public int TravelSeconds(double distance, int engineSpeed, double multiplier)
    {
        CheckDistance(distance);
        ArgumentOutOfRangeException.ThrowIfLessThan(engineSpeed, 1);
        return SecondsForRounded(RoundForTime(distance), engineSpeed, multiplier);
    }

    /// <summary>Gets the fuel a navigation or warp uses.</summary>
    /// <param name="distance">The distance flown.</param>
    /// <param name="mode">The flight mode; one the SDK does not know counts as CRUISE.</param>
    /// <param name="fuelCapacity">The ship's <see cref="ShipFuel.Capacity"/>; 0 (a probe) uses no fuel.</param>
    /// <returns>The fuel units used: 0 for a probe; otherwise CRUISE, STEALTH and an unknown mode <c>max(1, round(d))</c>, DRIFT 1, BURN <c>max(2, 2 × round(d))</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or not a number.</exception>
    public int FuelCost(double distance, ShipNavFlightMode mode, int fuelCapacity)
    {
        CheckDistance(distance);
        var kind = KindOf(mode);
        return fuelCapacity <= 0 ? 0 : FuelForRounded(RoundForFuel(distance), kind);
    }

    /// <summary>Gets a jump's cooldown in seconds: <c>round(JumpCooldownBaseSeconds + JumpCooldownSecondsPerDistance × d)</c>.</summary>
    /// <param name="distance">The distance between the two systems.</param>
    /// <returns>The cooldown in seconds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or not a number.</exception>
    public int JumpCooldownSeconds(double distance)
    {
        CheckDistance(distance);
        return (int)RoundHalfUp(JumpCooldownBaseSeconds + (JumpCooldownSecondsPerDistance * distance));
    }

    /// <summary>Rounds half away from zero, as JavaScript's <c>Math.round</c> does for the positive numbers used here.</summary>
    internal static double RoundHalfUp(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Gets the kind of a flight mode; a mode the SDK does not know is CRUISE.</summary>
    internal static FlightModeKind KindOf(ShipNavFlightMode mode) => mode.Value switch
    {
        "DRIFT" => FlightModeKind.Drift,
        "BURN" => FlightModeKind.Burn,
        "STEALTH" => FlightModeKind.Stealth,
        _ => FlightModeKind.Cruise,
    };

    /// <summary>Gets the fuel a flight uses from the distance already rounded by <see cref="RoundForFuel"/> (for a ship with a tank).</summary>
    internal static int FuelForRounded(int roundedDistance, FlightModeKind kind) => kind switch
    {
        FlightModeKind.Drift => 1,
        FlightModeKind.Burn => Math.Max(2, 2 * roundedDistance),
        _ => Math.Max(1, roundedDistance),
    };

    /// <summary>Rounds a distance for fuel, by <see cref="FuelRounding"/>.</summary>
    internal int RoundForFuel(double distance) =>
        (int)Math.Min(FuelRounding == FuelRounding.Ceiling ? Math.Ceiling(distance) : RoundHalfUp(distance), int.MaxValue / 4);

    /// <summary>Rounds a distance for time: <c>round(max(1, d))</c>.</summary>
    internal static double RoundForTime(double distance) => RoundHalfUp(Math.Max(1, distance));

    /// <summary>Gets a flight's seconds from the distance already rounded by <see cref="RoundForTime"/>.</summary>
    internal int SecondsForRounded(double roundedDistance, int engineSpeed, double multiplier)
    {
        var flying = roundedDistance * multiplier / engineSpeed;
        return TimeRounding == TravelTimeRounding.Floor
            ? (int)Math.Floor(flying) + FlightOverheadSeconds
            : (int)RoundHalfUp(flying + FlightOverheadSeconds);
    }

    private static void CheckDistance(double distance)
    {
        if (double.IsNaN(distance) || distance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "The distance must be a non-negative number.");
        }
    }
}

/// <summary>The four flight modes, for the formulas' inner loops.</summary>
internal enum FlightModeKind
{
    Drift = 0,
    Stealth = 1,
    Cruise = 2,
    Burn = 3,
}

/// <summary>How <see cref="FlightRules"/> rounds a flight's duration.</summary>
public enum TravelTimeRounding
{
    /// <summary>Round half away from zero: <c>round(round(max(1, d)) × m / s + 15)</c>, as the wiki gives it.</summary>
    Round = 0,

    /// <summary>Floor the flying part, then add the overhead: <c>floor(round(max(1, d)) × m / s) + 15</c>, as one bot observed with probes.</summary>
    Floor = 1,
}

/// <summary>How <see cref="FlightRules"/> rounds the distance for fuel.</summary>
public enum FuelRounding
{
    /// <summary>Round half away from zero, as the wiki gives it.</summary>
    Round = 0,

    /// <summary>Take the ceiling, as two open-source bots do.</summary>
    Ceiling = 1,
}
