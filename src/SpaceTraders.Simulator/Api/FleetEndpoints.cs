using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>The fleet: list and buy ships, read a ship and its parts, orbit, dock, fly, jump and refuel.</summary>
internal static class FleetEndpoints
{
    private const string ShipRoute = "/my/ships/{shipSymbol}";

    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteTable routes, GameState game)
    {
        routes.Map("GET", "/my/ships", Replies.Locked(game, r =>
        {
            var agent = game.RequireAgent(r.AgentSymbol);
            return SimResponse.Ok(Paging.Page(r, agent.Ships, s =>
            {
                s.Refresh(r.Now);
                return Views.Ship(s, r.Now);
            }), Json.PagedEnvelopeShipDto);
        }), RouteAuth.Agent);
        routes.Map("POST", "/my/ships", Replies.Locked(game, r =>
        {
            var agent = game.RequireAgent(r.AgentSymbol);
            var body = r.ReadBody(Json.PurchaseShipRequest) ?? throw GameErrors.Invalid("shipType", "A body with shipType and waypointSymbol is required.");
            var (ship, transaction) = game.PurchaseShip(agent, body.ShipType, body.WaypointSymbol, r.Now);
            return Replies.Created(new PurchaseShipResult(Views.Ship(ship, r.Now), Views.Agent(agent), Views.ShipyardTransaction(transaction)), Json.DataEnvelopePurchaseShipResult);
        }), RouteAuth.Agent);

        Get(routes, game, ShipRoute, r => Replies.Ok(Views.Ship(Replies.Ship(game, r), r.Now), Json.DataEnvelopeShipDto));
        Get(routes, game, ShipRoute + "/cargo", r => Replies.Ok(Views.Cargo(Replies.Ship(game, r)), Json.DataEnvelopeCargoDto));
        Get(routes, game, ShipRoute + "/nav", r => Replies.Ok(Views.Nav(Replies.Ship(game, r)), Json.DataEnvelopeNavDto));
        Get(routes, game, ShipRoute + "/modules", r => Replies.Ok<IReadOnlyList<ModuleDto>>(Views.Modules(Replies.Ship(game, r)), Json.DataEnvelopeIReadOnlyListModuleDto));
        Get(routes, game, ShipRoute + "/mounts", r => Replies.Ok<IReadOnlyList<MountDto>>(Views.Mounts(Replies.Ship(game, r)), Json.DataEnvelopeIReadOnlyListMountDto));
        Get(routes, game, ShipRoute + "/cooldown", r =>
        {
            var ship = Replies.Ship(game, r);
            return ship.CooldownRemaining(r.Now) > 0
                ? Replies.Ok(Views.Cooldown(ship, r.Now), Json.DataEnvelopeCooldownDto)
                : SimResponse.NoContent();
        });

        Post(
            routes,
            game,
            ShipRoute + "/orbit",
            r =>
            {
                var ship = Replies.Ship(game, r);
                game.Orbit(ship, r.Now);
                return Replies.Ok(new NavResult(Views.Nav(ship)), Json.DataEnvelopeNavResult);
            },
            idempotent: true);
        Post(
            routes,
            game,
            ShipRoute + "/dock",
            r =>
            {
                var ship = Replies.Ship(game, r);
                game.Dock(ship, r.Now);
                return Replies.Ok(new NavResult(Views.Nav(ship)), Json.DataEnvelopeNavResult);
            },
            idempotent: true);
        Post(routes, game, ShipRoute + "/navigate", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.WaypointRequest);
            var events = game.Navigate(ship, body?.WaypointSymbol, r.Now);
            return Replies.Ok(new NavigateResult(Views.Nav(ship), Views.Fuel(ship), Views.Events(events)), Json.DataEnvelopeNavigateResult);
        });
        Post(routes, game, ShipRoute + "/warp", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.WaypointRequest);
            var events = game.Warp(ship, body?.WaypointSymbol, r.Now);
            return Replies.Ok(new NavigateResult(Views.Nav(ship), Views.Fuel(ship), Views.Events(events)), Json.DataEnvelopeNavigateResult);
        });
        Post(routes, game, ShipRoute + "/jump", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.WaypointRequest);
            var transaction = game.Jump(ship, body?.WaypointSymbol, r.Now);
            return Replies.Ok(new JumpResult(Views.Nav(ship), Views.Cooldown(ship, r.Now), Views.Transaction(transaction), Views.Agent(ship.Owner)), Json.DataEnvelopeJumpResult);
        });
        routes.Map("PATCH", ShipRoute + "/nav", Replies.Locked(game, r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.PatchNavRequest);
            game.SetFlightMode(ship, body?.FlightMode, r.Now);
            return Replies.Ok(new NavigateResult(Views.Nav(ship), Views.Fuel(ship), []), Json.DataEnvelopeNavigateResult);
        }), RouteAuth.Agent, locksShip: true, idempotent: true);
        Post(routes, game, ShipRoute + "/refuel", r =>
        {
            var ship = Replies.Ship(game, r);
            var body = r.ReadBody(Json.RefuelRequest);
            var fromCargo = body?.FromCargo == true;
            var transaction = game.Refuel(ship, body?.Units, fromCargo, r.Now);
            return Replies.Ok(new RefuelResult(Views.Agent(ship.Owner), Views.Fuel(ship), fromCargo ? Views.Cargo(ship) : null, Views.Transaction(transaction)), Json.DataEnvelopeRefuelResult);
        });
    }

    /// <summary>Maps a GET ship route under the lock.</summary>
    internal static void Get(RouteTable routes, GameState game, string template, SimHandler handler) =>
        routes.Map("GET", template, Replies.Locked(game, handler), RouteAuth.Agent);

    /// <summary>Maps a POST ship action under the lock and the ship lock; <paramref name="idempotent"/> when a repeat changes nothing.</summary>
    internal static void Post(RouteTable routes, GameState game, string template, SimHandler handler, bool idempotent = false) =>
        routes.Map("POST", template, Replies.Locked(game, handler), RouteAuth.Agent, locksShip: true, idempotent: idempotent);
}
