using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>What every handler shares: the game lock, the data envelope, route values.</summary>
internal static class Replies
{
    /// <summary>Runs a handler under the game's lock, so a request sees and leaves one consistent world.</summary>
    public static SimHandler Locked(GameState game, SimHandler handler) => request =>
    {
        lock (game.Sync)
        {
            return handler(request);
        }
    };

    /// <summary>A 200 with <c>{"data": ...}</c>.</summary>
    public static SimResponse Ok<T>(T data, JsonTypeInfo<DataEnvelope<T>> typeInfo) => SimResponse.Ok(new DataEnvelope<T>(data), typeInfo);

    /// <summary>A 201 with <c>{"data": ...}</c>.</summary>
    public static SimResponse Created<T>(T data, JsonTypeInfo<DataEnvelope<T>> typeInfo) => SimResponse.Created(new DataEnvelope<T>(data), typeInfo);

    /// <summary>Gets a route value.</summary>
    public static string Route(SimRequest request, string name) => request.RouteValues[name];

    /// <summary>Gets the requesting agent's ship named in the route, brought up to date.</summary>
    public static Ship Ship(GameState game, SimRequest request) =>
        game.RequireShip(game.RequireAgent(request.AgentSymbol), request.RouteValues["shipSymbol"], request.Now);
}
