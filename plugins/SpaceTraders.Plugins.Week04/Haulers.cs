namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// How miners and haulers find each other on the fleet board. Values are plain strings, so any plugin version can read
/// them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>hauler/&lt;ship&gt;</c> = the waypoint where the hauler waits in orbit, taking cargo; removed when it leaves.</item>
/// <item><c>hauling/&lt;asteroid&gt;/&lt;ship&gt;</c> = the hauler's symbol while it serves the asteroid at all (waiting there or
/// away delivering), so that full miners wait for it rather than fly off to sell.</item>
/// </list>
/// </remarks>
internal static class Haulers
{
    /// <summary>The key prefix of "waiting here" notes.</summary>
    public const string Prefix = "hauler/";

    /// <summary>Gets the key of a hauler's "waiting here" note.</summary>
    public static string Key(string ship) => Prefix + ship;

    /// <summary>Gets the key prefix of the notes of haulers serving an asteroid.</summary>
    public static string ServingPrefix(string asteroid) => "hauling/" + asteroid + "/";

    /// <summary>Gets the key of a hauler's "serving this asteroid" note.</summary>
    public static string ServingKey(string asteroid, string ship) => ServingPrefix(asteroid) + ship;
}
