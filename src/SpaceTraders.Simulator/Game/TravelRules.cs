namespace SpaceTraders.Simulator.Game;

/// <summary>
/// Travel time, fuel and cooldown formulas (FACTS.md §4 and §5). All rounding is half away from zero, as the
/// live game's JavaScript <c>Math.round</c> does for positive numbers.
/// </summary>
internal static class TravelRules
{
    /// <summary>Seconds added to every flight.</summary>
    public const int FlightOverheadSeconds = 15;

    /// <summary>Flight modes from slowest to fastest.</summary>
    public static readonly string[] FlightModes = ["DRIFT", "STEALTH", "CRUISE", "BURN"];

    /// <summary>Gets a value indicating whether a flight mode is one of the four.</summary>
    public static bool IsFlightMode(string mode) => Array.IndexOf(FlightModes, mode) >= 0;

    /// <summary>Gets a flight mode's rank: DRIFT 0, STEALTH 1, CRUISE 2, BURN 3.</summary>
    public static int SpeedRank(string mode) => Array.IndexOf(FlightModes, mode);

    /// <summary>Rounds half away from zero.</summary>
    public static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Gets the navigation multiplier: CRUISE 25, DRIFT 250, BURN 12.5, STEALTH 30.</summary>
    public static double NavigateMultiplier(string mode) => mode switch
    {
        "DRIFT" => 250,
        "BURN" => 12.5,
        "STEALTH" => 30,
        _ => 25,
    };

    /// <summary>Gets the warp multiplier: CRUISE 50, DRIFT 300, BURN 25, STEALTH 60.</summary>
    public static double WarpMultiplier(string mode) => mode switch
    {
        "DRIFT" => 300,
        "BURN" => 25,
        "STEALTH" => 60,
        _ => 50,
    };

    /// <summary>Travel time in seconds: <c>round(round(max(1, d)) × multiplier / speed + 15)</c>.</summary>
    public static int TravelSeconds(double distance, int speed, double multiplier) =>
        Round((Round(Math.Max(1, distance)) * multiplier / Math.Max(1, speed)) + FlightOverheadSeconds);

    /// <summary>Navigation time in seconds within a system.</summary>
    public static int NavigateSeconds(double distance, int speed, string mode) => TravelSeconds(distance, speed, NavigateMultiplier(mode));

    /// <summary>Warp time in seconds between systems.</summary>
    public static int WarpSeconds(double distance, int speed, string mode) => TravelSeconds(distance, speed, WarpMultiplier(mode));

    /// <summary>Fuel for a flight: DRIFT 1; BURN 2 × round(d), at least 2; CRUISE and STEALTH round(d), at least 1.</summary>
    public static int FuelCost(double distance, string mode) => mode switch
    {
        "DRIFT" => 1,
        "BURN" => Math.Max(2, 2 * Round(distance)),
        _ => Math.Max(1, Round(distance)),
    };

    /// <summary>Cooldown after an action that uses mounts: <c>60 + 10 × power of the mounts used</c>.</summary>
    public static int ActionCooldown(int power) => 60 + (10 * power);

    /// <summary>Cooldown after a jump: <c>round(15 + 0.3 × d)</c>, with d the distance between the systems.</summary>
    public static int JumpCooldown(double distance) => Round(15 + (0.3 * distance));
}
