using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Api;

/// <summary>Agents and factions.</summary>
internal static class AgentEndpoints
{
    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        routes.Map("GET", "/agents", Replies.Locked(game, r =>
            SimResponse.Ok(Paging.Page(r, game.Agents, Views.PublicAgent), Json.PagedEnvelopePublicAgentDto)), RouteAuth.OptionalAgent);
        routes.Map("GET", "/agents/{agentSymbol}", Replies.Locked(game, r =>
        {
            var symbol = Replies.Route(r, "agentSymbol");
            var agent = game.FindAgent(symbol.ToUpperInvariant()) ?? throw GameErrors.NotFound($"Agent {symbol} not found.");
            return Replies.Ok(Views.PublicAgent(agent), Json.DataEnvelopePublicAgentDto);
        }), RouteAuth.OptionalAgent);
        routes.Map("GET", "/my/agent", Replies.Locked(game, r =>
            Replies.Ok(Views.Agent(game.RequireAgent(r.AgentSymbol)), Json.DataEnvelopeAgentDto)), RouteAuth.Agent);
        routes.Map("GET", "/my/agent/events", Replies.Locked(game, r =>
        {
            var agent = game.RequireAgent(r.AgentSymbol);
            IReadOnlyList<AgentEventDto> events = [.. agent.Events.Select(static e =>
                new AgentEventDto(e.Id, e.Type, e.Message, e.Subject is null ? null : new AgentEventDataDto(e.Subject), e.CreatedAt))];
            return Replies.Ok(events, Json.DataEnvelopeIReadOnlyListAgentEventDto);
        }), RouteAuth.Agent);

        routes.Map("GET", "/factions", r =>
            SimResponse.Ok(Paging.Page(r, FactionCatalog.All, f => Views.Faction(f, game.Universe)), Json.PagedEnvelopeFactionDto), RouteAuth.OptionalAgent);
        routes.Map("GET", "/factions/{factionSymbol}", r =>
        {
            var symbol = Replies.Route(r, "factionSymbol");
            var faction = FactionCatalog.Find(symbol.ToUpperInvariant()) ?? throw GameErrors.NotFound($"Faction {symbol} not found.");
            return Replies.Ok(Views.Faction(faction, game.Universe), Json.DataEnvelopeFactionDto);
        }, RouteAuth.OptionalAgent);
        routes.Map("GET", "/my/factions", Replies.Locked(game, r =>
        {
            var agent = game.RequireAgent(r.AgentSymbol);
            return SimResponse.Ok(
                Paging.Page(r, FactionCatalog.All, f => new FactionReputationDto(f.Symbol, agent.Reputation.GetValueOrDefault(f.Symbol))),
                Json.PagedEnvelopeFactionReputationDto);
        }), RouteAuth.Agent);
    }
}
