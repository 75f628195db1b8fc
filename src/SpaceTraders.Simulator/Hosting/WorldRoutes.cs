using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Game;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>Builds a fresh world (a <see cref="GameState"/> from the simulation's seed and options) and maps its routes.</summary>
internal static class WorldRoutes
{
    /// <summary>Creates a world and maps the game's routes.</summary>
    /// <param name="routes">The table to fill.</param>
    /// <param name="options">The simulation's options (seed, world size, starting credits).</param>
    /// <param name="clock">The simulation clock; the world starts at its current time.</param>
    /// <returns>The new world.</returns>
    public static GameState Map(RouteTable routes, SimulationOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        var game = new GameState(options.Seed, clock, options.ToWorldOptions(), options.StartingCredits, options.RandomStreams);
        ApiRoutes.MapAll(routes, game);
        return game;
    }
}
