using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>Contracts: list, accept, deliver, fulfil.</summary>
internal static class ContractEndpoints
{
    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        routes.Map("GET", "/my/contracts", Replies.Locked(game, r =>
            SimResponse.Ok(Paging.Page(r, game.RequireAgent(r.AgentSymbol).Contracts, Views.Contract), Json.PagedEnvelopeContractDto)), RouteAuth.Agent);
        routes.Map("GET", "/my/contracts/{contractId}", Replies.Locked(game, r =>
            Replies.Ok(Views.Contract(Contract(game, r)), Json.DataEnvelopeContractDto)), RouteAuth.Agent);
        routes.Map("POST", "/my/contracts/{contractId}/accept", Replies.Locked(game, r =>
        {
            var contract = Contract(game, r);
            game.Accept(contract, r.Now);
            return Replies.Ok(new ContractAgentResult(Views.Contract(contract), Views.Agent(contract.Agent)), Json.DataEnvelopeContractAgentResult);
        }), RouteAuth.Agent);
        routes.Map("POST", "/my/contracts/{contractId}/deliver", Replies.Locked(game, r =>
        {
            var contract = Contract(game, r);
            var body = r.ReadBody(Json.DeliverRequest) ?? throw GameErrors.Invalid("shipSymbol", "A body with shipSymbol, tradeSymbol and units is required.");
            r.ActingShip = body.ShipSymbol;
            var ship = game.Deliver(contract, body.ShipSymbol, body.TradeSymbol, body.Units, r.Now);
            return Replies.Ok(new ContractCargoResult(Views.Contract(contract), Views.Cargo(ship)), Json.DataEnvelopeContractCargoResult);
        }), RouteAuth.Agent);
        routes.Map("POST", "/my/contracts/{contractId}/fulfill", Replies.Locked(game, r =>
        {
            var contract = Contract(game, r);
            game.Fulfill(contract, r.Now);
            return Replies.Ok(new ContractAgentResult(Views.Contract(contract), Views.Agent(contract.Agent)), Json.DataEnvelopeContractAgentResult);
        }), RouteAuth.Agent);
    }

    private static Contract Contract(GameState game, SimRequest request) =>
        game.RequireContract(game.RequireAgent(request.AgentSymbol), Replies.Route(request, "contractId"));
}
