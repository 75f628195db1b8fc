using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>The game's one registration entry point: every operation of the live spec except the Socket.IO endpoint.</summary>
internal static class ApiRoutes
{
    /// <summary>Maps every game route onto <paramref name="routes"/>, answering from <paramref name="game"/>.</summary>
    /// <param name="routes">The route table.</param>
    /// <param name="game">The world the handlers read and change.</param>
    /// <param name="reset">The server reset the world belongs to (the status endpoint's <c>resetDate</c> and <c>serverResets</c>), or <see langword="null"/> for a world of its own: reset on its start date, the next announced a week later.</param>
    public static void MapAll(RouteTable routes, GameState game, GameReset? reset = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(game);
        GlobalEndpoints.Map(routes, game, reset ?? new GameReset(0, game.Seed, game.ResetDate, game.StartedAt, game.NextReset, ResetSchedule.Frequency(null)));
        AgentEndpoints.Map(routes, game);
        SystemEndpoints.Map(routes, game);
        ContractEndpoints.Map(routes, game);
        FleetEndpoints.Map(routes, game);
        ShipActionEndpoints.Map(routes, game);
        ShipTradeEndpoints.Map(routes, game);
    }
}
