using System.Globalization;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// One run of the fleet workload in virtual time against the simulator: the setup phase (always through the SDK's
/// pipeline), a pause until every rate-limit pool is full again, then the fleet under the strategy: every ship as
/// its own actor and the background refreshers as theirs, on one client built by the strategy per runner node.
/// The warm-up is not measured; the measured window follows it.
/// </summary>
public static class FleetRun
{
    /// <summary>Longer than the server's longest window, so the strategy starts with full pools whatever the setup spent.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(61);

    /// <summary>Runs one strategy on one fleet.</summary>
    /// <param name="strategyName">One of <see cref="ThrottlingStrategies.Names"/>.</param>
    /// <param name="options">The workload.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the strategy achieved in the measured window.</returns>
    public static async Task<RunResult> RunAsync(string strategyName, WorkloadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 1, nameof(options));
        var wallStart = TimeProvider.System.GetTimestamp();
        using var clock = new VirtualClock();
        var simulation = WorkloadWorld.CreateSimulation(options.Seed, clock, options.StartingCredits, options.RateLimited);
        using var setupTransport = simulation.CreateTransport();
        var nodes = Enumerable.Range(0, options.Nodes)
            .Select(i => (Transport: simulation.CreateTransport(string.Create(CultureInfo.InvariantCulture, $"10.0.0.{i + 1}")), Strategy: ThrottlingStrategies.Create(strategyName, clock, options.Strategy)))
            .ToList();
        var recorder = new RunRecorder();
        var actors = new List<Task>();
        var pilots = new List<ShipPilot>();
        var clients = new List<SpaceTradersClient>();
        FleetSetupResult? setup = null;
        CancellationTokenSource? play = null;
        Snapshot start = default;
        var startedAt = clock.GetUtcNow();

        try
        {
            await clock.RunActorAsync("fleet", async ct =>
            {
                setup = await FleetSetup.RunAsync(clock, setupTransport, options, ct).ConfigureAwait(false);
                await clock.DelayAsync(Settle, ct).ConfigureAwait(false);

                // From here on every request goes through the strategy: one client (and one copy of the strategy) per node.
                play = new CancellationTokenSource(options.Warmup + options.Duration, clock);
                var token = play.Token;
                var book = new MarketBook();
                var contexts = new List<RunContext>();
                foreach (var (transport, strategy) in nodes)
                {
                    var clientOptions = strategy.CreateClientOptions(setup.Token, transport);
                    clientOptions.BaseAddress = Simulation.DefaultBaseAddress;
                    clientOptions.Observers.Add(recorder);
                    var client = new SpaceTradersClient(clientOptions);
                    clients.Add(client);
                    contexts.Add(new RunContext(client, clock, setup.World, book));
                    strategy.Start(token);
                }

                var world = setup.World;
                pilots.AddRange(setup.Haulers.Select((ship, i) => (ShipPilot)new HaulerPilot(contexts[i % contexts.Count], ship, world.Routes[i % world.Routes.Count])));
                pilots.AddRange(setup.Miners.Select((ship, i) => (ShipPilot)new ExtractorPilot(contexts[i % contexts.Count], ship, world.Mine, siphons: false)));
                pilots.AddRange(setup.Siphoners.Select((ship, i) => (ShipPilot)new ExtractorPilot(contexts[i % contexts.Count], ship, world.GasGiant, siphons: true)));
                foreach (var pilot in pilots)
                {
                    actors.Add(clock.RunActorAsync(pilot.Symbol, t => RunActorAsync(recorder, isShip: true, pilot.RunAsync, t), token));
                }

                for (var i = 0; i < options.Refreshers; i++)
                {
                    var refresher = new BackgroundRefresher(contexts[i % contexts.Count], i, options.Refreshers, options.RefreshInterval);
                    actors.Add(clock.RunActorAsync("refresher " + i, t => RunActorAsync(recorder, isShip: false, refresher.RunAsync, t), token));
                }

                // The measurement starts when the warm-up ends (a parked wait, like any other actor's).
                actors.Add(clock.RunActorAsync("meter", async t =>
                {
                    await clock.DelayAsync(options.Warmup, t).ConfigureAwait(false);
                    start = Snap(simulation, clock, pilots, setup!.World);
                    recorder.StartMeasuring(start.At);
                }, CancellationToken.None));
            }, cancellationToken).ConfigureAwait(false);

            await Task.WhenAll(actors).ConfigureAwait(false);
            var end = Snap(simulation, clock, pilots, setup!.World);
            var extractors = pilots.OfType<ExtractorPilot>().ToList();

            return new RunResult
            {
                Strategy = strategyName,
                Seed = options.Seed,
                Ships = options.Ships,
                Nodes = options.Nodes,
                Minutes = (end.At - start.At).TotalMinutes,
                Requests = end.Requests - start.Requests,
                Succeeded = end.Succeeded - start.Succeeded,
                RateLimited = end.RateLimited - start.RateLimited,
                GameErrors = recorder.GameErrors,
                ErrorKinds = recorder.DescribeErrors(),
                CriticalWaits = recorder.Waits(RequestPriority.Critical),
                NormalWaits = recorder.Waits(RequestPriority.Normal),
                BackgroundWaits = recorder.Waits(RequestPriority.Background),
                IdleShipSeconds = recorder.IdleShipSeconds(),
                CreditsEarned = end.Credits + end.Held.Values.Sum() - (start.Credits + start.Held.Values.Sum()),
                MinerCredits = Earned(extractors.Where(p => !p.Siphons), start, end),
                SiphonCredits = Earned(extractors.Where(p => p.Siphons), start, end),
                HaulerCredits = Earned(pilots.OfType<HaulerPilot>(), start, end),
                Haulers = setup.Haulers.Count,
                Miners = setup.Miners.Count,
                Siphoners = setup.Siphoners.Count,
                Extractions = recorder.Succeeded("/my/ships/{shipSymbol}/extract"),
                Siphons = recorder.Succeeded("/my/ships/{shipSymbol}/siphon"),
                Sales = recorder.Succeeded("/my/ships/{shipSymbol}/sell"),
                BackgroundServed = recorder.SucceededAt(RequestPriority.Background),
                UnitsExtracted = end.UnitsExtracted - start.UnitsExtracted,
                UnstableExtractions = end.UnstableExtractions - start.UnstableExtractions,
                Wall = TimeProvider.System.GetElapsedTime(wallStart),
                Simulated = clock.GetUtcNow() - startedAt,
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            setup?.Client.Dispose();
            play?.Dispose();
            foreach (var (transport, strategy) in nodes)
            {
                strategy.Dispose();
                transport.Dispose();
            }
        }
    }

    /// <summary>What some pilots made in the window: their sales less purchases and fuel, plus the change in the value of their cargo.</summary>
    private static long Earned(IEnumerable<ShipPilot> pilots, Snapshot start, Snapshot end)
        => pilots.Sum(p => end.Earned[p.Symbol] - start.Earned[p.Symbol] + end.Held[p.Symbol] - start.Held[p.Symbol]);

    /// <summary>
    /// Reads the server's counters, the agent's credits and what every ship holds (from the game itself: no request),
    /// and the pilots' books. Cargo counts at what the market the ship sells each good at pays for it now (a hauler's
    /// at its importer's bid). Valuing the holds keeps the credits from swinging with whether a ship happened to buy
    /// or sell just before or just after the window's edge.
    /// </summary>
    private static Snapshot Snap(Simulation simulation, TimeProvider clock, List<ShipPilot> pilots, FleetWorld world)
    {
        var game = simulation.Game ?? throw new InvalidOperationException("The simulation runs no game.");
        var now = clock.GetUtcNow();
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        long credits;
        lock (game.Sync)
        {
            credits = game.Agents.Single().Credits;
            foreach (var pilot in pilots)
            {
                long value = 0;
                foreach (var item in game.FindShip(pilot.Symbol)?.Cargo.Items ?? [])
                {
                    if (pilot.BuyerOf(new TradeSymbol(item.Symbol)) is { } buyer
                        && game.FindMarket(game.RequireWaypoint(world.System, buyer), now)?.Find(item.Symbol) is { } good)
                    {
                        value += (long)item.Units * good.SellPrice;
                    }
                }

                held[pilot.Symbol] = value;
            }
        }

        var extractors = pilots.OfType<ExtractorPilot>().ToList();
        return new Snapshot(
            now,
            simulation.Stats.Requests,
            simulation.Stats.Succeeded,
            simulation.Stats.RateLimited,
            credits,
            held,
            pilots.ToDictionary(p => p.Symbol, p => p.Earned, StringComparer.Ordinal),
            extractors.Sum(p => p.UnitsExtracted),
            extractors.Sum(p => p.UnstableExtractions));
    }

    private static async Task RunActorAsync(RunRecorder recorder, bool isShip, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        recorder.Enter(isShip);
        try
        {
            await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private readonly record struct Snapshot(
        DateTimeOffset At,
        long Requests,
        long Succeeded,
        long RateLimited,
        long Credits,
        IReadOnlyDictionary<string, long> Held,
        IReadOnlyDictionary<string, long> Earned,
        long UnitsExtracted,
        int UnstableExtractions);
}
