using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

// The live server, or the simulator at SPACETRADERS_URL; the token's agent, or a new agent registered with the account
// token from the SpaceTraders dashboard (the simulator takes none).
var options = new SpaceTradersClientOptions
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("SPACETRADERS_URL") ?? SpaceTradersClientOptions.DefaultBaseAddress),
    Token = Environment.GetEnvironmentVariable("SPACETRADERS_TOKEN"),
    AccountToken = Environment.GetEnvironmentVariable("SPACETRADERS_ACCOUNT_TOKEN"),
};
await QuickStart.MineAndSellAsync(options, "BADGER", Console.Out);

public static class QuickStart
{
    // Mines at an engineered asteroid of the command ship's system until the hold is full, then sells each good at
    // the nearest market that buys it. Every wait is a wait on options.TimeProvider (DelayAsync, DelayUntilAsync), so
    // it runs as well in a simulator's virtual time as on the live server's clock.
    public static async Task MineAndSellAsync(SpaceTradersClientOptions options, string agentSymbol, TextWriter log, CancellationToken cancellationToken = default)
    {
        // Play the token's agent, or register a new one (the live server wants the account token for that).
        using var client = options.Token is not null
            ? new SpaceTradersClient(options)
            : (await SpaceTradersClient.RegisterAgentAsync(options, agentSymbol, FactionSymbol.Cosmic, cancellationToken)).Client;
        var clock = options.TimeProvider;

        // The command ship, and what its system holds: an engineered asteroid to mine and the marketplaces (no waypoint is hard-coded).
        Ship? ship = null;
        await foreach (var candidate in client.Fleet.EnumerateMyShipsAsync(cancellationToken))
        {
            ship ??= candidate.Registration.Role == ShipRole.Command ? candidate : null;
        }

        var system = ship!.Nav.SystemSymbol;
        Waypoint? asteroid = null;
        var markets = new List<Waypoint>();
        await foreach (var waypoint in client.Systems.EnumerateSystemWaypointsAsync(system, cancellationToken))
        {
            asteroid ??= waypoint.Type == WaypointType.EngineeredAsteroid ? waypoint : null;
            if (waypoint.Traits.Any(trait => trait.Symbol == WaypointTraitSymbol.Marketplace))
            {
                markets.Add(waypoint);
            }
        }

        // Fly to the asteroid (in orbit: an asteroid has no market to dock at) and mine until the hold is full.
        var here = ship.Nav.WaypointSymbol;
        await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken);
        here = await FlyAsync(asteroid!.Symbol);
        var cargo = ship.Cargo;
        while (cargo.Units < cargo.Capacity)
        {
            try
            {
                var mined = await client.Fleet.ExtractResourcesAsync(ship.Symbol, cancellationToken); // queued ahead of everything else
                log.WriteLine($"+{mined.Extraction.Yield.Units} {mined.Extraction.Yield.Symbol}, cooldown {mined.Cooldown.RemainingSeconds} s");
                cargo = mined.Cargo;
                await clock.DelayAsync(TimeSpan.FromSeconds(mined.Cooldown.RemainingSeconds), cancellationToken);
            }
            catch (SpaceTradersApiException e) when (e.IsCooldown)
            {
                await clock.DelayUntilAsync(e.Cooldown!.Expiration!.Value, cancellationToken);
            }
        }

        // Sell each good at the nearest market that imports or exchanges it, at most a trade volume at a time.
        foreach (var item in cargo.Inventory)
        {
            Waypoint? buyer = null;
            foreach (var market in markets.OrderBy(m => Math.Pow(m.X - asteroid.X, 2) + Math.Pow(m.Y - asteroid.Y, 2)))
            {
                var goods = await client.Systems.GetMarketAsync(system, market.Symbol, cancellationToken);
                if (goods.Imports.Concat(goods.Exchange).Any(good => good.Symbol == item.Symbol))
                {
                    buyer = market;
                    break;
                }
            }

            if (buyer is null)
            {
                log.WriteLine($"No market of {system} buys {item.Symbol}: kept in the hold");
                continue;
            }

            await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken);
            here = await FlyAsync(buyer.Symbol);
            await client.Fleet.DockShipAsync(ship.Symbol, cancellationToken);
            var prices = await client.Systems.GetMarketAsync(system, buyer.Symbol, cancellationToken); // with the ship there: prices and volumes
            var volume = prices.TradeGoods?.FirstOrDefault(good => good.Symbol == item.Symbol)?.TradeVolume ?? item.Units;
            for (var left = item.Units; left > 0; left -= Math.Min(left, volume))
            {
                var sale = await client.Fleet.SellCargoAsync(ship.Symbol, item.Symbol, Math.Min(left, volume), cancellationToken);
                log.WriteLine($"Sold {sale.Transaction.Units} {item.Symbol} at {buyer.Symbol} for {sale.Transaction.TotalPrice}; the agent now has {sale.Agent.Credits} credits");
            }
        }

        async Task<string> FlyAsync(string destination)
        {
            if (here != destination)
            {
                var flight = await client.Fleet.NavigateShipAsync(ship.Symbol, destination, cancellationToken);
                await clock.DelayUntilAsync(flight.Nav.Route.Arrival, cancellationToken);
            }

            return destination;
        }
    }
}
