namespace SpaceTraders.Simulator.Hosting;

/// <summary>Builds the game's routes for a fresh world. Placeholder until the game's <c>ApiRoutes.MapAll</c> lands.</summary>
internal static class WorldRoutes
{
    /// <summary>Maps the routes of a fresh world.</summary>
    /// <param name="routes">The table to fill.</param>
    /// <param name="simulation">The simulation (options, clock).</param>
    public static void Map(RouteTable routes, Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(simulation);
    }
}
