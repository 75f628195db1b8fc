using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Api;

/// <summary>Systems, waypoints, markets, shipyards, jump gates and construction sites.</summary>
internal static class SystemEndpoints
{
    private static readonly string[] WaypointTypes =
        ["PLANET", "GAS_GIANT", "MOON", "ORBITAL_STATION", "JUMP_GATE", "ASTEROID_FIELD", "ASTEROID", "ENGINEERED_ASTEROID", "ASTEROID_BASE",
         "NEBULA", "DEBRIS_FIELD", "GRAVITY_WELL", "ARTIFICIAL_GRAVITY_WELL", "FUEL_STATION"];

    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        const string Waypoint = "/systems/{systemSymbol}/waypoints/{waypointSymbol}";
        routes.Map("GET", "/systems", Replies.Locked(game, r =>
            SimResponse.Ok(Paging.Page(r, game.Universe.Systems, Views.System), Json.PagedEnvelopeSystemDto)), RouteAuth.OptionalAgent);
        routes.Map("GET", "/systems/{systemSymbol}", Replies.Locked(game, r =>
            Replies.Ok(Views.System(game.RequireSystem(Replies.Route(r, "systemSymbol"))), Json.DataEnvelopeSystemDto)), RouteAuth.OptionalAgent);
        routes.Map("GET", "/systems/{systemSymbol}/waypoints", Replies.Locked(game, r => Waypoints(game, r)), RouteAuth.OptionalAgent);
        routes.Map("GET", Waypoint, Replies.Locked(game, r =>
            Replies.Ok(Views.Waypoint(game, RequireWaypoint(game, r), r.Now), Json.DataEnvelopeWaypointDto)), RouteAuth.OptionalAgent);
        routes.Map("GET", Waypoint + "/construction", Replies.Locked(game, r =>
        {
            var waypoint = RequireWaypoint(game, r);
            var construction = game.FindConstruction(waypoint) ?? throw GameErrors.NotFound($"Waypoint {waypoint.Symbol} is not a construction site.");
            return Replies.Ok(Views.Construction(construction), Json.DataEnvelopeConstructionDto);
        }), RouteAuth.OptionalAgent);
        routes.Map("POST", Waypoint + "/construction/supply", Replies.Locked(game, r =>
        {
            var waypoint = RequireWaypoint(game, r);
            var body = r.ReadBody(Json.DeliverRequest) ?? throw GameErrors.Invalid("shipSymbol", "A body with shipSymbol, tradeSymbol and units is required.");
            var (construction, ship) = game.SupplyConstruction(game.RequireAgent(r.AgentSymbol), waypoint, body.ShipSymbol, body.TradeSymbol, body.Units, r.Now);
            return Replies.Created(new SupplyConstructionResult(Views.Construction(construction), Views.Cargo(ship)), Json.DataEnvelopeSupplyConstructionResult);
        }), RouteAuth.Agent);
        routes.Map("GET", Waypoint + "/market", Replies.Locked(game, r =>
        {
            var waypoint = RequireWaypoint(game, r);
            var market = game.FindMarket(waypoint, r.Now) ?? throw GameErrors.NotFound($"There is no market at {waypoint.Symbol}.");
            var present = GameState.HasShipAt(r.AgentSymbol is null ? null : game.FindAgent(r.AgentSymbol), waypoint, r.Now);
            return Replies.Ok(Views.Market(market, present), Json.DataEnvelopeMarketDto);
        }), RouteAuth.OptionalAgent);
        routes.Map("GET", Waypoint + "/shipyard", Replies.Locked(game, r =>
        {
            var waypoint = RequireWaypoint(game, r);
            var shipyard = game.FindShipyard(waypoint, r.Now) ?? throw GameErrors.NotFound($"There is no shipyard at {waypoint.Symbol}.");
            var present = GameState.HasShipAt(r.AgentSymbol is null ? null : game.FindAgent(r.AgentSymbol), waypoint, r.Now);
            return Replies.Ok(Views.Shipyard(shipyard, present), Json.DataEnvelopeShipyardDto);
        }), RouteAuth.OptionalAgent);
        routes.Map("GET", Waypoint + "/jump-gate", Replies.Locked(game, r =>
        {
            var waypoint = RequireWaypoint(game, r);
            return waypoint.Type == "JUMP_GATE"
                ? Replies.Ok(Views.JumpGate(waypoint), Json.DataEnvelopeJumpGateDto)
                : throw GameErrors.NotFound($"Waypoint {waypoint.Symbol} is not a jump gate.");
        }), RouteAuth.OptionalAgent);
    }

    private static Waypoint RequireWaypoint(GameState game, SimRequest request) =>
        game.RequireWaypoint(Replies.Route(request, "systemSymbol"), Replies.Route(request, "waypointSymbol"));

    private static SimResponse Waypoints(GameState game, SimRequest request)
    {
        var system = game.RequireSystem(Replies.Route(request, "systemSymbol"));
        var type = request.QueryValue("type");
        if (type is not null && Array.IndexOf(WaypointTypes, type) < 0)
        {
            throw GameErrors.Invalid("type", $"type must be a waypoint type; '{type}' is not one.");
        }

        var traits = new List<string>();
        if (request.Query.TryGetValue("traits", out var values))
        {
            foreach (var value in values)
            {
                foreach (var trait in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    traits.Add(trait);
                }
            }
        }

        IReadOnlyList<Waypoint> waypoints = system.Waypoints;
        if (type is not null || traits.Count > 0)
        {
            waypoints = system.Waypoints.FindAll(w => (type is null || w.Type == type) && traits.TrueForAll(t => Shows(w, t)));
        }

        return SimResponse.Ok(Paging.Page(request, waypoints, w => Views.Waypoint(game, w, request.Now)), Json.PagedEnvelopeWaypointDto);
    }

    private static bool Shows(Waypoint waypoint, string trait) =>
        waypoint.IsCharted ? waypoint.HasTrait(trait) : trait == "UNCHARTED";
}
