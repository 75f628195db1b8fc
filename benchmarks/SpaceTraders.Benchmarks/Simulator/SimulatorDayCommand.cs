using System.Globalization;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Simulator;

/// <summary>
/// <c>simulator-day</c>: a fleet of miners (the command frigate and bought mining drones, 50 by default) mines the
/// engineered asteroid of the starting system and sells at the nearest markets that list the ores, for a simulated day,
/// against the in-process simulator on its virtual clock with the server's real rate limits on and the SDK's
/// <see cref="PriorityRateLimiter"/> pacing requests on the same clock. Prints the wall-clock time, the simulated/wall
/// ratio, the request count (and 429s) and the credits earned.
/// </summary>
/// <remarks>
/// Options: see <see cref="Create"/> (<c>simulator-day --help</c>).
/// Every miner is one <see cref="ShipPilot"/> loop in its own clock actor, started from a root actor; all share one
/// <see cref="SpaceTradersClient"/> (one agent, one rate limiter). The run is deterministic for a seed: the same
/// requests, the same credits.
/// </remarks>
internal static class SimulatorDayCommand
{
    private const string AgentSymbol = "DAYMINER";

    /// <summary>Credits to buy the drones through the API: 10 million, or 150,000 a ship for more than 66 (a drone's price rises 5% a purchase, up to three times its 45,000 base).</summary>
    private static long StartingCredits(int ships) => Math.Max(10_000_000, 150_000L * ships);

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var ships = BenchmarkOptions.Whole("--ships", "miners: the command frigate and ships - 1 bought mining drones", 50, minimum: 1);
        var hours = BenchmarkOptions.Number("--hours", "simulated hours of mining, after the fleet is bought", 24, NumberRange.Positive);
        var seed = BenchmarkOptions.Whole("--seed", "the world's seed", 1);
        var command = new BenchmarkCommand(
            "simulator-day",
            "a simulated day of miners against the in-process simulator: wall-clock time, simulated/wall ratio, requests, credits",
            """
            A fleet of miners (the command frigate and bought mining drones) mines the engineered asteroid of the starting
            system and sells at the nearest markets that list the ores, against the in-process simulator on its virtual
            clock with the server's real rate limits and the SDK's PriorityRateLimiter pacing requests on the same clock.
            Prints the wall-clock time, the simulated/wall ratio, the request count (and 429s) and the credits earned.
            Deterministic for a seed: the same requests, the same credits. Exit code 1 when a miner is missing or the
            run fell short of its hours.
            """).With(ships, hours, seed);
        command.Runs((result, cancellationToken) => RunAsync(result.GetValue(ships), result.GetValue(hours), result.GetValue(seed), BenchmarkCli.CommandLine(result), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int ships, double hours, int seed, string commandLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await RunDayAsync(seed, ships, TimeSpan.FromHours(hours)).ConfigureAwait(false);

        Console.WriteLine(commandLine);
        Console.WriteLine(result.Describe());
        return result.Miners == ships && result.Simulated >= TimeSpan.FromHours(hours) ? 0 : 1;
    }

    /// <summary>Runs the fleet for <paramref name="duration"/> of virtual time and measures it.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="ships">The number of miners (the command frigate plus <c>ships - 1</c> drones).</param>
    /// <param name="duration">The simulated time the miners work, after the fleet is bought.</param>
    /// <returns>The figures.</returns>
    internal static async Task<DayResult> RunDayAsync(int seed, int ships, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ships, 1);
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, StartingCredits = StartingCredits(ships) });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions
        {
            TimeProvider = clock,
            Transport = transport,
            BaseAddress = Simulation.DefaultBaseAddress,
            Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero },
        };

        // Wall-clock time is what this command measures: the real clock, read only here (the run itself sees virtual time only).
        var wallStart = TimeProvider.System.GetTimestamp();
        var miners = new List<Task>();
        Fleet? fleet = null;
        TimeSpan setup = default;
        long requestsBefore = 0, limitedBefore = 0;
        DateTimeOffset simulatedStart = default;
        await clock.RunActorAsync("root", async ct =>
        {
            fleet = await Fleet.BuyAsync(options, ships, ct).ConfigureAwait(false);

            // Actors run one at a time: nothing else runs until this one ends, so the figures below mark the start of mining.
            setup = TimeProvider.System.GetElapsedTime(wallStart);
            requestsBefore = simulation.Stats.Requests;
            limitedBefore = simulation.Stats.RateLimited;
            simulatedStart = clock.GetUtcNow();
            var end = simulatedStart + duration;
            foreach (var symbol in fleet.Miners)
            {
                miners.Add(clock.RunActorAsync(symbol, c => MineAsync(fleet, symbol, end, c), ct));
            }
        }, CancellationToken.None).ConfigureAwait(false);

        await Task.WhenAll(miners).ConfigureAwait(false);
        var elapsed = TimeProvider.System.GetElapsedTime(wallStart) - setup;
        var credits = simulation.Game!.FindAgent(AgentSymbol)!.Credits;
        fleet!.Client.Dispose();
        return new DayResult(
            ships,
            fleet.Miners.Count,
            clock.GetUtcNow() - simulatedStart,
            elapsed,
            setup,
            simulation.Stats.Requests - requestsBefore,
            simulation.Stats.RateLimited - limitedBefore,
            simulation.Stats.Requests,
            fleet.CreditsAfterPurchases,
            credits,
            fleet.Sold,
            fleet.Extracted);
    }

    /// <summary>One miner: fly to the asteroid, extract until the hold is full, sell at the markets for its goods, repeat.</summary>
    private static async Task MineAsync(Fleet fleet, string symbol, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var clock = fleet.Client.Options.TimeProvider;
        var pilot = new ShipPilot(fleet.Client, symbol);
        await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await pilot.NavigateAsync(fleet.Asteroid, cancellationToken).ConfigureAwait(false);
        while (clock.GetUtcNow() + pilot.Ship.CooldownRemaining < end)
        {
            var extraction = await pilot.ExtractAsync(survey: null, cancellationToken).ConfigureAwait(false);
            if (extraction is not null)
            {
                fleet.Extracted += extraction.Yield.Units;
                if (!fleet.Buyers.ContainsKey(extraction.Yield.Symbol))
                {
                    await pilot.JettisonAsync(extraction.Yield.Symbol, extraction.Yield.Units, cancellationToken).ConfigureAwait(false);
                }

                if (pilot.Ship.CargoFree > 0)
                {
                    continue;
                }
            }

            // The hold is full: sell at the markets for its goods, nearest first, then come back.
            var stops = (pilot.Ship.Current.Cargo?.Inventory ?? [])
                .Select(item => fleet.Buyers.TryGetValue(item.Symbol, out var market) ? market : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .OrderBy(fleet.DistanceFromAsteroid)
                .ThenBy(m => m, StringComparer.Ordinal)
                .ToList();
            foreach (var market in stops)
            {
                await pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
                var sales = await pilot.SellCargoAsync(cancellationToken, item => fleet.Buyers.GetValueOrDefault(item.Symbol) == market).ConfigureAwait(false);
                fleet.Sold += sales.Sum(s => s.Units);
                await pilot.RefuelIfBelowAsync(0.5, cancellationToken).ConfigureAwait(false);
            }

            if (clock.GetUtcNow() >= end)
            {
                break;
            }

            await pilot.NavigateAsync(fleet.Asteroid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The agent's miners, where they mine, and which market buys each good (actors run one at a time, so plain counters are safe).</summary>
    private sealed class Fleet
    {
        private readonly Dictionary<string, (int X, int Y)> _positions = new(StringComparer.Ordinal);

        private Fleet(SpaceTradersClient client, string asteroid)
        {
            Client = client;
            Asteroid = asteroid;
        }

        public SpaceTradersClient Client { get; }

        public string Asteroid { get; }

        public List<string> Miners { get; } = [];

        /// <summary>Gets, for every good some market of the system lists, the market to sell it at (the nearest to the asteroid that imports or exchanges it, else the nearest that lists it).</summary>
        public Dictionary<TradeSymbol, string> Buyers { get; } = [];

        public long CreditsAfterPurchases { get; private set; }

        public long Sold { get; set; }

        public long Extracted { get; set; }

        public double DistanceFromAsteroid(string waypoint)
        {
            var (ax, ay) = _positions[Asteroid];
            var (x, y) = _positions[waypoint];
            return Math.Sqrt(((double)(x - ax) * (x - ax)) + ((double)(y - ay) * (y - ay)));
        }

        /// <summary>Registers the agent, reads the system's markets and buys <c>ships - 1</c> mining drones with the probe at the shipyard.</summary>
        public static async Task<Fleet> BuyAsync(SpaceTradersClientOptions options, int ships, CancellationToken cancellationToken)
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, AgentSymbol, FactionSymbol.Cosmic, cancellationToken).ConfigureAwait(false);
            var system = Symbols.SystemOf(registration.Agent.Headquarters);
            var waypoints = await client.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
            var asteroid = waypoints.First(w => w.Type == WaypointType.EngineeredAsteroid);
            var fleet = new Fleet(client, asteroid.Symbol);
            foreach (var waypoint in waypoints)
            {
                fleet._positions[waypoint.Symbol] = (waypoint.X, waypoint.Y);
            }

            var preferred = new Dictionary<TradeSymbol, (bool Imports, double Distance, string Market)>();
            foreach (var waypoint in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Marketplace)))
            {
                var market = await client.Systems.GetMarketAsync(waypoint.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                var distance = fleet.DistanceFromAsteroid(waypoint.Symbol);
                foreach (var (good, imports) in market.Imports.Concat(market.Exchange).Select(g => (g.Symbol, true)).Concat(market.Exports.Select(g => (g.Symbol, false))))
                {
                    var candidate = (imports, distance, waypoint.Symbol);
                    if (!preferred.TryGetValue(good, out var best)
                        || (candidate.imports && !best.Imports)
                        || (candidate.imports == best.Imports && candidate.distance < best.Distance))
                    {
                        preferred[good] = candidate;
                    }
                }
            }

            foreach (var (good, choice) in preferred)
            {
                fleet.Buyers[good] = choice.Market;
            }

            var command = registration.Ships.First(s => s.Registration.Role == ShipRole.Command).Symbol;
            fleet.Miners.Add(command);
            if (ships > 1)
            {
                // The shipyard that sells mining drones (a live-sized system has three, each selling a few types).
                string? shipyard = null;
                foreach (var yard in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)))
                {
                    var listing = await client.Systems.GetShipyardAsync(yard.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (listing.ShipTypes.Any(t => t.Type == ShipType.ShipMiningDrone))
                    {
                        shipyard = yard.Symbol;
                        break;
                    }
                }

                if (shipyard is null)
                {
                    throw new InvalidOperationException($"No shipyard of {system} sells mining drones.");
                }
                var probe = new ShipPilot(client, registration.Ships.First(s => s.Symbol != command).Symbol);
                await probe.NavigateAsync(shipyard, cancellationToken).ConfigureAwait(false);
                for (var i = 1; i < ships; i++)
                {
                    var bought = await client.Fleet.PurchaseShipAsync(ShipType.ShipMiningDrone, shipyard, cancellationToken: cancellationToken).ConfigureAwait(false);
                    fleet.Miners.Add(bought.Ship.Symbol);
                    fleet.CreditsAfterPurchases = bought.Agent.Credits;
                }
            }
            else
            {
                fleet.CreditsAfterPurchases = registration.Agent.Credits;
            }

            return fleet;
        }
    }
}

/// <summary>The figures of a <c>simulator-day</c> run.</summary>
/// <param name="ShipsWanted">The miners asked for.</param>
/// <param name="Miners">The miners that worked.</param>
/// <param name="Simulated">The virtual time from the end of the purchases to the last miner's end.</param>
/// <param name="Wall">The wall-clock time of that part.</param>
/// <param name="SetupWall">The wall-clock time of registering, reading the markets and buying the fleet.</param>
/// <param name="Requests">The requests the server received while the miners worked.</param>
/// <param name="RateLimited">How many of them it answered 429.</param>
/// <param name="TotalRequests">Every request of the run, set-up included.</param>
/// <param name="CreditsAfterPurchases">The agent's credits once the fleet was bought.</param>
/// <param name="CreditsAtEnd">The agent's credits at the end.</param>
/// <param name="UnitsSold">The units sold.</param>
/// <param name="UnitsExtracted">The units extracted.</param>
internal sealed record DayResult(
    int ShipsWanted,
    int Miners,
    TimeSpan Simulated,
    TimeSpan Wall,
    TimeSpan SetupWall,
    long Requests,
    long RateLimited,
    long TotalRequests,
    long CreditsAfterPurchases,
    long CreditsAtEnd,
    long UnitsSold,
    long UnitsExtracted)
{
    /// <summary>Gets the simulated time per wall-clock time.</summary>
    public double Ratio => Simulated / Wall;

    /// <summary>Describes the run on a few lines.</summary>
    /// <returns>The text.</returns>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"""
        miners: {Miners} (asked {ShipsWanted})
        simulated: {Simulated.TotalHours:0.00} h in {Wall.TotalSeconds:0.0} s wall-clock (set-up {SetupWall.TotalSeconds:0.0} s): ratio {Ratio:0} simulated/wall
        requests: {Requests} while mining ({Requests / Simulated.TotalSeconds:0.00}/s simulated, {Requests / Wall.TotalSeconds:0}/s wall), {RateLimited} answered 429; {TotalRequests} in all
        credits: {CreditsAfterPurchases} after buying the fleet, {CreditsAtEnd} at the end: {CreditsAtEnd - CreditsAfterPurchases:+0;-0} earned
        units: {UnitsExtracted} extracted, {UnitsSold} sold
        """);
}
