using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>Plane geometry of waypoints for the geographic strategies.</summary>
internal static class Geometry
{
    /// <summary>Gets the centroid (mean position) of waypoints; the origin for none.</summary>
    /// <param name="points">The waypoints.</param>
    /// <returns>The centroid.</returns>
    public static (double X, double Y) Centroid(IReadOnlyList<WaypointPosition> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return (0, 0);
        }

        double x = 0, y = 0;
        foreach (var point in points)
        {
            x += point.X;
            y += point.Y;
        }

        return (x / points.Count, y / points.Count);
    }

    /// <summary>Gets the Euclidean distance from a waypoint to a point.</summary>
    /// <param name="point">The waypoint.</param>
    /// <param name="x">The point's x.</param>
    /// <param name="y">The point's y.</param>
    /// <returns>The distance.</returns>
    public static double Distance(WaypointPosition point, double x, double y)
    {
        var dx = point.X - x;
        var dy = point.Y - y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
