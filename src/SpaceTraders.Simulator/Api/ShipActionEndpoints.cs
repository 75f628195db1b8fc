using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>Ship actions on the world: extract, survey, siphon, refine, jettison, transfer, chart, scans, negotiate.</summary>
internal static class ShipActionEndpoints
{
    private const string ShipRoute = "/my/ships/{shipSymbol}";

    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        FleetEndpoints.Post(routes, game, ShipRoute + "/extract", r => Extract(game, r, null));
        FleetEndpoints.Post(routes, game, ShipRoute + "/extract/survey", r =>
        {
            var body = r.ReadBody(Json.SurveyRequest) ?? throw GameErrors.Invalid("signature", "The survey to extract with is required as the body.");
            if (string.IsNullOrEmpty(body.Signature) || string.IsNullOrEmpty(body.Symbol) || body.Deposits is null || body.Expiration is null || string.IsNullOrEmpty(body.Size))
            {
                throw GameErrors.Invalid("survey", "The survey needs signature, symbol, deposits, expiration and size, unmodified.");
            }

            return Extract(game, r, body);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/siphon", r =>
        {
            var ship = Replies.Ship(game, r);
            var outcome = game.Siphon(ship, r.Now);
            return Replies.Created(
                new SiphonResult(new ExtractionDto(ship.Symbol, new YieldDto(outcome.Symbol, outcome.Units)), Views.Cooldown(ship, r.Now), Views.Cargo(ship), Views.Events(outcome.Events)),
                Json.DataEnvelopeSiphonResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/survey", r =>
        {
            var ship = Replies.Ship(game, r);
            var surveys = game.CreateSurveys(ship, r.Now);
            return Replies.Created(new SurveyResult(Views.Cooldown(ship, r.Now), [.. surveys.Select(Views.Survey)]), Json.DataEnvelopeSurveyResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/refine", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.RefineRequest);
            var outcome = game.Refine(ship, body?.Produce, r.Now);
            return Replies.Created(
                new RefineResult(Views.Cargo(ship), Views.Cooldown(ship, r.Now), [new RefineUnitsDto(outcome.Produced, outcome.ProducedUnits)], [new RefineUnitsDto(outcome.Consumed, outcome.ConsumedUnits)]),
                Json.DataEnvelopeRefineResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/jettison", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.TradeRequest);
            game.Jettison(ship, body?.Symbol, body?.Units, r.Now);
            return Replies.Ok(new CargoResult(Views.Cargo(ship)), Json.DataEnvelopeCargoResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/transfer", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.TransferRequest);
            var target = game.Transfer(ship, body?.TradeSymbol, body?.Units, body?.ShipSymbol, r.Now);
            return Replies.Ok(new TransferResult(Views.Cargo(ship), Views.Cargo(target)), Json.DataEnvelopeTransferResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/chart", r =>
        {
            var ship = Replies.Ship(game, r);
            game.Chart(ship, r.Now);
            var waypoint = ship.Location;
            return Replies.Created(
                new ChartResult(Views.Chart(waypoint)!, Views.Waypoint(game, waypoint, r.Now), new PriceTransactionDto(waypoint.Symbol, ship.Symbol, 0, r.Now), Views.Agent(ship.Owner)),
                Json.DataEnvelopeChartResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/negotiate/contract", r =>
        {
            var ship = Replies.Ship(game, r);
            var contract = game.Negotiate(ship, r.Now);
            return Replies.Created(new ContractResult(Views.Contract(contract)), Json.DataEnvelopeContractResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/scan/systems", r =>
        {
            var ship = Replies.Ship(game, r);
            var systems = game.ScanSystems(ship, r.Now);
            return Replies.Created(
                new ScanSystemsResult(Views.Cooldown(ship, r.Now), [.. systems.Select(static s =>
                    new ScannedSystemDto(s.System.Symbol, s.System.SectorSymbol, s.System.Type, s.System.X, s.System.Y, TravelRules.Round(s.Distance)))]),
                Json.DataEnvelopeScanSystemsResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/scan/waypoints", r =>
        {
            var ship = Replies.Ship(game, r);
            var waypoints = game.ScanWaypoints(ship, r.Now);
            return Replies.Created(new ScanWaypointsResult(Views.Cooldown(ship, r.Now), [.. waypoints.Select(Views.ScannedWaypoint)]), Json.DataEnvelopeScanWaypointsResult);
        });
        FleetEndpoints.Post(routes, game, ShipRoute + "/scan/ships", r =>
        {
            var ship = Replies.Ship(game, r);
            var ships = game.ScanShips(ship, r.Now);
            return Replies.Created(new ScanShipsResult(Views.Cooldown(ship, r.Now), [.. ships.Select(Views.ScannedShip)]), Json.DataEnvelopeScanShipsResult);
        });
    }

    private static SimResponse Extract(GameState game, SimRequest request, SurveyRequest? body)
    {
        var ship = Replies.Ship(game, request);
        Survey? survey = null;
        if (body is not null)
        {
            var deposits = body.Deposits!.Select(static d => d.Symbol).ToList();
            survey = game.VerifySurvey(body.Signature!, body.Symbol!, deposits, body.Expiration!.Value, body.Size!, request.Now);
        }

        var outcome = game.Extract(ship, survey, request.Now);
        return Replies.Created(
            new ExtractResult(
                new ExtractionDto(ship.Symbol, new YieldDto(outcome.Symbol, outcome.Units)),
                Views.Cooldown(ship, request.Now),
                Views.Cargo(ship),
                Views.Modifiers(outcome.Modifiers),
                Views.Events(outcome.Events)),
            Json.DataEnvelopeExtractResult);
    }
}
