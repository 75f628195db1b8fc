using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Api;

/// <summary>Status, error codes, registration, account and the supply chain.</summary>
internal static class GlobalEndpoints
{
    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game, GameReset reset)
    {
        routes.Map("GET", "/", Replies.Locked(game, r => Status(game, reset, r)), RouteAuth.OptionalAgent);
        routes.Map("GET", "/error-codes", _ => SimResponse.Ok(ErrorCodes(), Json.ErrorCodesDto), RouteAuth.Anonymous);
        routes.Map("POST", "/register", Replies.Locked(game, r => Register(game, r)), RouteAuth.Account);
        routes.Map("GET", "/my/account", Replies.Locked(game, r => Account(game, r)), RouteAuth.Agent);
        routes.Map("GET", "/market/supply-chain", _ => Replies.Ok(SupplyChain(), Json.DataEnvelopeSupplyChainDto), RouteAuth.Agent);
    }

    private static SimResponse Status(GameState game, GameReset reset, SimRequest request)
    {
        var agents = game.Agents;
        var byCredits = agents.OrderByDescending(static a => a.Credits).ThenBy(static a => a.Symbol, StringComparer.Ordinal).Take(10)
            .Select(static a => new CreditsEntryDto(a.Symbol, a.Credits)).ToList();
        var byCharts = agents.Where(static a => a.ChartCount > 0).OrderByDescending(static a => a.ChartCount).ThenBy(static a => a.Symbol, StringComparer.Ordinal).Take(10)
            .Select(static a => new ChartsEntryDto(a.Symbol, a.ChartCount)).ToList();
        var status = new StatusDto(
            "SpaceTraders is currently online and available to play",
            "v2.3.0",
            reset.DateText,
            "SpaceTraders is a headless API and fleet-management game where players can work together or against each other to trade, explore, expand, and conquer in a dynamic and growing universe. This server is an offline simulator.",
            new StatusStatsDto(agents.Count, agents.Count, game.ShipCount, game.Universe.Systems.Count, game.Universe.Waypoints.Count),
            new StatusHealthDto(game.LastMarketUpdate),
            new StatusLeaderboardsDto(byCredits, byCharts),
            new ServerResetsDto(UtcTimestampConverter.Format(reset.NextReset), reset.Frequency),
            [new AnnouncementDto("Offline simulator", "This universe is generated from a seed and runs on the simulator's clock.")],
            [new LinkDto("Website", "https://spacetraders.io/"), new LinkDto("Documentation", "https://docs.spacetraders.io/")]);
        _ = request;
        return SimResponse.Ok(status, Json.StatusDto);
    }

    private static ErrorCodesDto ErrorCodes() => new([.. ErrorCodeCatalog.All.Select(static e => new ErrorCodeDto(e.Code, e.Name))]);

    private static SimResponse Register(GameState game, SimRequest request)
    {
        var body = request.ReadBody(Json.RegisterRequest) ?? throw GameErrors.Invalid("symbol", "A body with symbol and faction is required.");
        var agent = game.Register(body.Symbol, body.Faction, body.Email, request.Now);
        var token = request.IssueAgentToken(agent.Symbol);
        var result = new RegisterResult(
            token,
            Views.Agent(agent),
            Views.Faction(FactionCatalog.Find(agent.StartingFaction)!, game.Universe),
            Views.Contract(agent.Contracts[0]),
            [.. agent.Ships.Select(s => Views.Ship(s, request.Now))]);
        return Replies.Created(result, Json.DataEnvelopeRegisterResult);
    }

    private static SimResponse Account(GameState game, SimRequest request)
    {
        var agent = game.RequireAgent(request.AgentSymbol);
        return Replies.Ok(new AccountEnvelopeDto(new AccountDto(agent.AccountId, agent.Email, agent.CreatedAt)), Json.DataEnvelopeAccountEnvelopeDto);
    }

    private static SupplyChainDto SupplyChain()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (export, imports) in TradeGoodCatalog.SupplyChain)
        {
            map[export] = imports;
        }

        return new SupplyChainDto(map);
    }
}
