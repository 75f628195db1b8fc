using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Game;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>Builds a fresh world (a <see cref="GameState"/> from a reset's seed and the simulation's options) and maps its routes.</summary>
internal static class WorldRoutes
{
    /// <summary>Creates a world and maps the game's routes.</summary>
    /// <param name="routes">The table to fill.</param>
    /// <param name="options">The simulation's options (world size, starting credits, luck).</param>
    /// <param name="clock">The simulation clock.</param>
    /// <param name="reset">The reset the world belongs to: its seed, start and what the status endpoint shows.</param>
    /// <returns>The new world.</returns>
    public static GameState Map(RouteTable routes, SimulationOptions options, TimeProvider clock, GameReset reset)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reset);
        var game = new GameState(reset.Seed, clock, options.ToWorldOptions(), options.StartingCredits, options.RandomStreams, reset.StartedAt);
        ApiRoutes.MapAll(routes, game, reset);
        return game;
    }
}
