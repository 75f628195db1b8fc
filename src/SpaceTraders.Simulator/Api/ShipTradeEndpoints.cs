using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>Ship business at markets and shipyards: buy and sell cargo, mounts and modules, scrap and repair.</summary>
internal static class ShipTradeEndpoints
{
    private const string ShipRoute = "/my/ships/{shipSymbol}";

    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        FleetEndpoints.Post(routes, game, ShipRoute + "/purchase", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.TradeRequest);
            var transaction = game.PurchaseCargo(ship, body?.Symbol, body?.Units, r.Now);
            return Replies.Created(new TradeResult(Views.Cargo(ship), Views.Transaction(transaction), Views.Agent(ship.Owner)), Json.DataEnvelopeTradeResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/sell", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.TradeRequest);
            var transaction = game.SellCargo(ship, body?.Symbol, body?.Units, r.Now);
            return Replies.Created(new TradeResult(Views.Cargo(ship), Views.Transaction(transaction), Views.Agent(ship.Owner)), Json.DataEnvelopeTradeResult);
        });

        Modification(routes, game, "/mounts/install", static (g, s, symbol, now) => g.InstallMount(s, symbol, now), mounts: true);
        Modification(routes, game, "/mounts/remove", static (g, s, symbol, now) => g.RemoveMount(s, symbol, now), mounts: true);
        Modification(routes, game, "/modules/install", static (g, s, symbol, now) => g.InstallModule(s, symbol, now), mounts: false);
        Modification(routes, game, "/modules/remove", static (g, s, symbol, now) => g.RemoveModule(s, symbol, now), mounts: false);

        FleetEndpoints.Get(routes, game, ShipRoute + "/scrap", r =>
        {
            var ship = Replies.Ship(game, r);
            return Replies.Ok(new QuoteResult(new PriceTransactionDto(ship.Location.Symbol, ship.Symbol, game.ScrapValue(ship, r.Now), r.Now)), Json.DataEnvelopeQuoteResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/scrap", r =>
        {
            var ship = Replies.Ship(game, r);
            var value = game.Scrap(ship, r.Now);
            return Replies.Ok(new ScrapResult(Views.Agent(ship.Owner), new PriceTransactionDto(ship.Location.Symbol, ship.Symbol, value, r.Now)), Json.DataEnvelopeScrapResult);
        });
        FleetEndpoints.Get(routes, game, ShipRoute + "/repair", r =>
        {
            var ship = Replies.Ship(game, r);
            return Replies.Ok(new QuoteResult(new PriceTransactionDto(ship.Location.Symbol, ship.Symbol, game.RepairCost(ship, r.Now), r.Now)), Json.DataEnvelopeQuoteResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/repair", r =>
        {
            var ship = Replies.Ship(game, r);
            var cost = game.Repair(ship, r.Now);
            return Replies.Ok(new RepairResult(Views.Agent(ship.Owner), Views.Ship(ship, r.Now), new PriceTransactionDto(ship.Location.Symbol, ship.Symbol, cost, r.Now)), Json.DataEnvelopeRepairResult);
        });
    }

    private static void Modification(RouteTable routes, GameState game, string path, Func<GameState, Ship, string?, DateTimeOffset, ModificationRecord> change, bool mounts)
    {
        FleetEndpoints.Post(routes, game, ShipRoute + path, r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.SymbolRequest);
            var record = change(game, ship, body?.Symbol, r.Now);
            var transaction = new ModificationTransactionDto(record.WaypointSymbol, record.ShipSymbol, record.TradeSymbol, record.TotalPrice, record.Timestamp);
            return mounts
                ? Replies.Created(new MountsResult(Views.Agent(ship.Owner), Views.Mounts(ship), Views.Cargo(ship), transaction), Json.DataEnvelopeMountsResult)
                : Replies.Created(new ModulesResult(Views.Agent(ship.Owner), Views.Modules(ship), Views.Cargo(ship), transaction), Json.DataEnvelopeModulesResult);
        });
    }
}
