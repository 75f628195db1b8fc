using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// The world the throttling workload runs in, pinned: every world option of the simulator the workload relies on is
/// set here to the value the published results were measured with, instead of taken from the simulator's defaults,
/// so that a later change of those defaults does not move the workload silently. What the options cannot pin (the
/// generator itself, prices, market dynamics) is checked by <see cref="DescribeAsync"/>, whose figures a test
/// compares with the ones the results were measured on.
/// </summary>
/// <remarks>
/// The world is the simulator's live-sized starting system (82 waypoints, 25 markets, 54 asteroids): the miners'
/// engineered asteroid and its markets, the gas giant and its station, and the trade routes between the industries.
/// </remarks>
public static class WorkloadWorld
{
    /// <summary>The number of systems in the galaxy.</summary>
    public const int SystemCount = 30;

    /// <summary>The number of systems that start uncharted.</summary>
    public const int UnchartedSystemCount = 4;

    /// <summary>The number of asteroids in a starting system (the live count).</summary>
    public const int StartingAsteroidCount = 54;

    /// <summary>The half-width of the square the systems lie in.</summary>
    public const int GalaxyRadius = 1200;

    /// <summary>Whether the starting systems' jump gates are under construction (as in the live game).</summary>
    public const bool StartingGatesUnderConstruction = true;

    /// <summary>The server's static pool (requests per second).</summary>
    public const int StaticPoints = 2;

    /// <summary>The server's burst pool (requests per minute on top of the static pool).</summary>
    public const int BurstPoints = 30;

    /// <summary>The fuel capacity of a mining or siphon drone (the range the miners' markets are chosen within).</summary>
    public const int DroneFuel = 80;

    /// <summary>Builds the simulation of one run, with the world options pinned.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="startingCredits">The agent's starting credits (enough to buy the fleet).</param>
    /// <param name="rateLimited">Whether the server enforces its rate limit.</param>
    /// <returns>The simulation.</returns>
    public static Simulation CreateSimulation(int seed, TimeProvider clock, long startingCredits, bool rateLimited)
    {
        var options = new SimulationOptions
        {
            Seed = seed,
            Clock = clock,
            StartingCredits = startingCredits,
            RandomStreams = RandomStreams.PerShip,
            SystemCount = SystemCount,
            UnchartedSystemCount = UnchartedSystemCount,
            StartingAsteroidCount = StartingAsteroidCount,
            GalaxyRadius = GalaxyRadius,
            StartingGatesUnderConstruction = StartingGatesUnderConstruction,
        };
        options.ExtraStartingShipTypes.Clear();
        options.RateLimits.Enabled = rateLimited;
        options.RateLimits.StaticPoints = StaticPoints;
        options.RateLimits.StaticWindow = TimeSpan.FromSeconds(1);
        options.RateLimits.BurstPoints = BurstPoints;
        options.RateLimits.BurstWindow = TimeSpan.FromSeconds(60);
        return new Simulation(options);
    }

    /// <summary>
    /// Describes the workload's world on one seed: what the setup finds through the API (the sites, the miners' markets,
    /// the trade routes), a fingerprint of the starting system (every waypoint, trait, market and starting price) and how
    /// the siphon drones' market answers a sale (the mid price before, after one full trade volume, and an hour later).
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The description.</returns>
    public static async Task<WorldShape> DescribeAsync(int seed, CancellationToken cancellationToken)
    {
        using var clock = new VirtualClock();
        var simulation = CreateSimulation(seed, clock, 175_000, rateLimited: true);
        using var transport = simulation.CreateTransport();
        FleetWorld? world = null;
        await clock.RunActorAsync("describe", async ct =>
        {
            var (client, _, found) = await FleetSetup.DiscoverAsync(clock, transport, ct).ConfigureAwait(false);
            client.Dispose();
            world = found;
        }, cancellationToken).ConfigureAwait(false);

        var game = simulation.Game ?? throw new InvalidOperationException("The simulation runs no game.");
        lock (game.Sync)
        {
            var system = game.RequireSystem(world!.System);
            var mine = game.RequireWaypoint(world.System, world.Mine);
            var sales = mine.Deposits.Goods
                .Select(g => (Good: g, Buyer: world.NearestBuyer(new TradeSymbol(g), world.Mine, DroneFuel)))
                .Select(s => s.Buyer is null ? $"{s.Good} jettisoned" : $"{s.Good} at {s.Buyer} ({world.Distance(world.Mine, s.Buyer):0})")
                .ToList();

            var text = new StringBuilder();
            foreach (var w in system.Waypoints.OrderBy(w => w.Symbol, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{w.Symbol}|{w.Type}|{w.X}|{w.Y}|{string.Join(',', w.Traits.Order(StringComparer.Ordinal))}|{string.Join(',', w.Deposits.Goods)}");
                if (game.FindMarket(w, game.StartedAt) is { } market)
                {
                    foreach (var good in market.Goods)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"|{good.Symbol}:{good.Type}:{good.TradeVolume}:{good.SellPrice}:{good.PurchasePrice}");
                    }
                }

                if (w.Shipyard is { } yard)
                {
                    text.Append('|').AppendJoin(',', yard.ShipTypes);
                }

                text.Append('\n');
            }

            var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];

            // The siphon drones' market: one full trade volume of HYDROCARBON sold, then an hour of recovery.
            var station = game.FindMarket(game.RequireWaypoint(world.System, world.SiphonYard), game.StartedAt)!;
            var gas = station.Find("HYDROCARBON")!;
            var before = gas.Mid;
            gas.RecordSale(gas.TradeVolume);
            var after = gas.Mid;
            station.Update(game.StartedAt.AddHours(1));
            var recovered = gas.Mid;

            return new WorldShape
            {
                Seed = seed,
                System = world.System,
                Waypoints = system.Waypoints.Count,
                Marketplaces = world.Marketplaces.Count,
                Asteroids = system.Waypoints.Count(w => w.Type == "ASTEROID"),
                TradeRoutes = world.Routes.Count,
                MinerYardToMine = (int)Math.Round(world.Distance(world.MinerYard, world.Mine)),
                GasGiantToStation = (int)Math.Round(world.Distance(world.GasGiant, world.SiphonYard)),
                MineSales = string.Join("; ", sales),
                GasMid = string.Create(CultureInfo.InvariantCulture, $"{before:0.000} → {after:0.000} after {gas.TradeVolume} sold → {recovered:0.000} an hour later"),
                Fingerprint = fingerprint,
            };
        }
    }
}

/// <summary>The facts of the workload's world on one seed that the published results depend on (see <see cref="WorkloadWorld.DescribeAsync"/>).</summary>
public sealed record WorldShape
{
    /// <summary>Gets the seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the starting system's symbol.</summary>
    public required string System { get; init; }

    /// <summary>Gets the starting system's waypoints.</summary>
    public required int Waypoints { get; init; }

    /// <summary>Gets the starting system's marketplaces.</summary>
    public required int Marketplaces { get; init; }

    /// <summary>Gets the starting system's asteroids (besides the engineered one).</summary>
    public required int Asteroids { get; init; }

    /// <summary>Gets the trade routes within a hauler's <see cref="FleetWorld.MaxRouteDistance"/>.</summary>
    public required int TradeRoutes { get; init; }

    /// <summary>Gets the distance from the mining drones' shipyard to the engineered asteroid, rounded.</summary>
    public required int MinerYardToMine { get; init; }

    /// <summary>Gets the distance from the gas giant to its station (the siphon drones' shipyard and market), rounded.</summary>
    public required int GasGiantToStation { get; init; }

    /// <summary>Gets where the miners sell each good of the engineered asteroid, with the distance.</summary>
    public required string MineSales { get; init; }

    /// <summary>Gets the station's HYDROCARBON mid price before a full trade volume is sold, after it, and an hour later.</summary>
    public required string GasMid { get; init; }

    /// <summary>Gets a fingerprint of the starting system: every waypoint, trait, deposit, market good with its starting prices, and shipyard.</summary>
    public required string Fingerprint { get; init; }
}
