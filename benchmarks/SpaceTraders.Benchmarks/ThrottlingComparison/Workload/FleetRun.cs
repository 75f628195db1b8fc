using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// One run of the fleet workload in virtual time against the simulator: the setup phase (always through the SDK's
/// pipeline), a pause until every rate-limit pool is full again, then the fleet under the strategy: every ship,
/// miner or hauler, as its own actor and the background refreshers as theirs, all on one client built by the
/// strategy. The warm-up is not measured; the measured window follows it.
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
        var wallStart = TimeProvider.System.GetTimestamp();
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = options.Seed, Clock = clock, StartingCredits = options.StartingCredits, RandomStreams = RandomStreams.PerShip });
        simulation.RateLimits.Enabled = options.RateLimited;
        using var setupTransport = simulation.CreateTransport();
        using var runTransport = simulation.CreateTransport();
        using var strategy = ThrottlingStrategies.Create(strategyName, clock, options.Strategy);
        var recorder = new RunRecorder();
        var actors = new List<Task>();
        var pilots = new List<ShipPilot>();
        FleetSetupResult? setup = null;
        SpaceTradersClient? client = null;
        CancellationTokenSource? play = null;
        Snapshot start = default;
        var startedAt = clock.GetUtcNow();

        try
        {
            await clock.RunActorAsync("fleet", async ct =>
            {
                setup = await FleetSetup.RunAsync(clock, setupTransport, options, ct).ConfigureAwait(false);
                await clock.DelayAsync(Settle, ct).ConfigureAwait(false);

                // From here on every request goes through the strategy.
                play = new CancellationTokenSource(options.Warmup + options.Duration, clock);
                var token = play.Token;
                var clientOptions = strategy.CreateClientOptions(setup.Token, runTransport);
                clientOptions.BaseAddress = Simulation.DefaultBaseAddress;
                clientOptions.Observers.Add(recorder);
                client = new SpaceTradersClient(clientOptions);
                var context = new RunContext(client, clock, setup.World, new MarketBook());
                strategy.Start(token);
                pilots.AddRange(setup.Miners.Select(ship => (ShipPilot)new MinerPilot(context, ship)));
                pilots.AddRange(setup.Haulers.Select((ship, i) => (ShipPilot)new HaulerPilot(context, ship, setup.World.Routes[i % setup.World.Routes.Count])));
                foreach (var pilot in pilots)
                {
                    actors.Add(clock.RunActorAsync(pilot.Symbol, t => RunActorAsync(recorder, isShip: true, pilot.RunAsync, t), token));
                }

                for (var i = 0; i < options.Refreshers; i++)
                {
                    var refresher = new BackgroundRefresher(context, i, options.Refreshers, options.RefreshInterval);
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

            return new RunResult
            {
                Strategy = strategyName,
                Ships = options.Ships,
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
                CreditsEarned = end.Credits + end.HeldCost + end.OreValue - (start.Credits + start.HeldCost + start.OreValue),
                MinerCredits = end.MinerEarned + end.OreValue - (start.MinerEarned + start.OreValue),
                HaulerCredits = end.HaulerEarned - start.HaulerEarned,
                Extractions = recorder.Succeeded("/my/ships/{shipSymbol}/extract"),
                Sales = recorder.Succeeded("/my/ships/{shipSymbol}/sell"),
                UnitsExtracted = end.UnitsExtracted - start.UnitsExtracted,
                UnstableExtractions = end.UnstableExtractions - start.UnstableExtractions,
                OreUnitsSold = end.OreUnitsSold - start.OreUnitsSold,
                OreRevenue = end.OreRevenue - start.OreRevenue,
                Wall = TimeProvider.System.GetElapsedTime(wallStart),
                Simulated = clock.GetUtcNow() - startedAt,
            };
        }
        finally
        {
            client?.Dispose();
            setup?.Client.Dispose();
            play?.Dispose();
        }
    }

    /// <summary>
    /// Reads the server's counters, the agent's credits and the miners' ore valued at what the ore market pays for it now
    /// (from the game itself: no request), and the pilots' books. Valuing the ore in the holds keeps the credits from
    /// swinging with whether a miner happened to sell just before or just after the window's edge.
    /// </summary>
    private static Snapshot Snap(Simulation simulation, TimeProvider clock, List<ShipPilot> pilots, FleetWorld world)
    {
        var game = simulation.Game ?? throw new InvalidOperationException("The simulation runs no game.");
        long credits;
        long oreValue = 0;
        lock (game.Sync)
        {
            credits = game.Agents.Single().Credits;
            var market = game.FindMarket(game.RequireWaypoint(world.System, world.OreMarket), clock.GetUtcNow());
            foreach (var miner in pilots.OfType<MinerPilot>())
            {
                foreach (var item in game.FindShip(miner.Symbol)?.Cargo.Items ?? [])
                {
                    oreValue += (long)item.Units * (market?.Find(item.Symbol)?.SellPrice ?? 0);
                }
            }
        }

        return new Snapshot(
            clock.GetUtcNow(),
            simulation.Stats.Requests,
            simulation.Stats.Succeeded,
            simulation.Stats.RateLimited,
            credits,
            pilots.Sum(p => p.HeldCost),
            pilots.OfType<MinerPilot>().Sum(p => p.Earned),
            pilots.OfType<HaulerPilot>().Sum(p => p.Earned),
            oreValue,
            pilots.OfType<MinerPilot>().Sum(p => p.UnitsExtracted),
            pilots.OfType<MinerPilot>().Sum(p => p.UnstableExtractions),
            pilots.OfType<MinerPilot>().Sum(p => p.UnitsSold),
            pilots.OfType<MinerPilot>().Sum(p => p.SaleRevenue));
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

    private readonly record struct Snapshot(DateTimeOffset At, long Requests, long Succeeded, long RateLimited, long Credits, long HeldCost, long MinerEarned, long HaulerEarned, long OreValue, long UnitsExtracted, int UnstableExtractions, long OreUnitsSold, long OreRevenue);
}
