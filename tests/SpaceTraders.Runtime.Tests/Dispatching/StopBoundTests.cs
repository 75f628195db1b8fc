using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Runtime.Tests.Support;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Simulator;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>
/// A stop is prompt at any time scale: the stop's waits counted in game time (the abandon timeout, the final read's
/// retries, a fleet refresh's retries) are also bounded on <see cref="RuntimeOptions.WallClock"/>. The game clock here
/// is frozen (a fake nobody advances, as if the game ran at a tiny time scale), the wall clock a fake the test advances:
/// without the bounds these runs never stop.
/// </summary>
[TestFixture]
public sealed class StopBoundTests
{
    private static readonly TimeSpan AbandonWall = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FinalRead = TimeSpan.FromSeconds(15);

    /// <summary>The fleet refresh's interval in the refresh test: a length no other game-clock timer of the runtime has.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(7);

    [Test]
    [CancelAfter(60_000)]
    public async Task A_behaviour_that_ignores_cancellation_is_abandoned_after_the_real_time_bound_while_game_time_stands_still(CancellationToken guard)
    {
        using var game = new FrozenGame();
        await using var stopping = await game.StartAsync("DEAF", "assign-once", tests => tests.StubbornStarted.Task, guard, o => o.ConductorParameters = StrategyParameters.Parse("behaviours=stubborn"));

        var snapshot = await stopping.StopAcrossTheBoundAsync(game.Wall, AbandonWall, "the behaviour", guard);

        var ship = snapshot.Agents.Single().Ships[0];
        var session = (await stopping.Runtime.Store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: ship.Symbol), snapshot.At, CancellationToken.None)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(session.Outcome, Is.EqualTo(SessionOutcome.Abandoned), "closed and reported as after the game-time timeout");
            Assert.That(session.EndedAt, Is.EqualTo(FrozenGame.Start), "no game time passed");
            Assert.That(snapshot.Problems.Select(p => (p.ShipSymbol, p.Message)), Has.One.Matches<(string? Ship, string Message)>(p =>
                p.Ship == ship.Symbol && p.Message.Contains("stubborn@1 did not end within 00:00:20 of real time after the runtime's stop", StringComparison.Ordinal)));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_conductor_that_ignores_cancellation_is_abandoned_after_the_real_time_bound_while_game_time_stands_still(CancellationToken guard)
    {
        using var game = new FrozenGame();
        await using var stopping = await game.StartAsync("DEAFCOND", "stubborn", tests => tests.ConductorStarted.Task, guard);

        var snapshot = await stopping.StopAcrossTheBoundAsync(game.Wall, AbandonWall, "the conductor", guard);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Agents.Single().ConductorState, Is.EqualTo("abandoned"));
            Assert.That(snapshot.StoppedAt, Is.EqualTo(FrozenGame.Start), "no game time passed");
            Assert.That(snapshot.Problems.Select(p => p.Message), Has.One.EqualTo("The conductor stubborn@1 did not end within 00:00:20 of real time after the runtime's stop; the runtime stopped waiting for it."));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_final_read_against_a_failing_server_is_cut_short_after_the_real_time_bound_and_nothing_is_lost(CancellationToken guard)
    {
        using var game = new FrozenGame();
        await using var stopping = await game.StartAsync("READER", "assign-once", tests => tests.ConductorStarted.Task, guard);
        var credits = stopping.Runtime.GetSnapshot().Agents.Single().Metrics.Credits;

        // From now on the server answers the agent's read with 500s: the SDK tries again after a backoff in game time.
        game.Server.FailAgentReads = true;
        var snapshot = await stopping.StopAcrossTheBoundAsync(game.Wall, FinalRead, "the final read", guard, game.Server.AgentReadFailed);

        var agent = snapshot.Agents.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.Metrics.Credits, Is.EqualTo(credits), "the figures already known are kept");
            Assert.That(snapshot.Problems.Select(p => (p.AgentSymbol, p.Message)), Has.One.Matches<(string? Agent, string Message)>(p =>
                p.Agent == agent.Symbol && p.Message.StartsWith("The final read of the agent was cut short after 00:00:15 of real time", StringComparison.Ordinal)));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_fleet_refresh_held_by_a_failing_server_is_cut_short_after_the_real_time_bound(CancellationToken guard)
    {
        using var game = new FrozenGame();
        await using var stopping = await game.StartAsync("REFRESHER", "assign-once", tests => tests.ConductorStarted.Task, guard, o => o.FleetRefreshInterval = RefreshInterval);

        // The refresh comes due and meets a 500: the SDK tries again after a backoff in game time, which stands still.
        // The clock moves only once the refresh waits for its interval: moved earlier, the refresh would start counting
        // from the moved time and never come due.
        await game.Clock.TimerCreated(RefreshInterval).WaitAsync(guard);
        game.Server.FailShipReads = true;
        game.Clock.Advance(RefreshInterval);
        await game.Server.ShipReadFailed.WaitAsync(guard);
        await stopping.StopAcrossTheBoundAsync(game.Wall, AbandonWall, "the refresh", guard);
    }

    [Test]
    public void A_negative_real_time_bound_is_refused()
    {
        var options = new RuntimeOptions { FinalReadTimeout = TimeSpan.FromSeconds(-1) };
        options.Agents.Add(new SpaceTradersClientOptions { Token = "t" });
        Assert.That(() => new FleetRuntime(options), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("RuntimeOptions.FinalReadTimeout"));
    }

    /// <summary>The simulator on a frozen game clock, a fake wall clock, and a server whose reads can be made to fail.</summary>
    private sealed class FrozenGame : IDisposable
    {
        private const string AccountToken = "stop-tests-account";

        public FrozenGame()
        {
            Clock = new WatchedClock(Start);
            var simulation = new Simulation(new SimulationOptions { Seed = 7, Clock = Clock, AccountToken = AccountToken });
            Server = new FailingServer(simulation.CreateTransport());
        }

        public static DateTimeOffset Start => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Gets the game clock: only a test advances it.</summary>
        public WatchedClock Clock { get; }

        public WatchedClock Wall { get; } = new(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));

        public FailingServer Server { get; }

        /// <summary>Gets the test strategies the runtime loads, which tell when they started.</summary>
        public TestStrategies Tests { get; } = new();

        private async Task<RuntimeOptions> RuntimeOptionsAsync(string symbol, CancellationToken cancellationToken)
        {
            var registrar = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = Clock, Transport = Server, Throttling = SimulatedGame.Throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(registrar, symbol, FactionSymbol.Cosmic, cancellationToken);
            client.Dispose();
            var options = new RuntimeOptions
            {
                Clock = Clock,
                WallClock = Wall,
                Store = new InMemoryStore(),
                Throttling = SimulatedGame.Throttling,
                FleetRefreshInterval = TimeSpan.Zero,
                AbandonTimeout = TimeSpan.FromSeconds(30),
                AbandonWallTimeout = AbandonWall,
                FinalReadTimeout = FinalRead,
            };
            options.Plugins.Add(Tests);
            options.Agents.Add(new SpaceTradersClientOptions { Token = registration.Token, TimeProvider = Clock, Transport = Server, Throttling = SimulatedGame.Throttling });
            return options;
        }

        /// <summary>Starts a runtime over the game with the conductor and waits until <paramref name="started"/> (a strategy of the test started).</summary>
        public async Task<StoppingRun> StartAsync(string symbol, string conductor, Func<TestStrategies, Task> started, CancellationToken guard, Action<RuntimeOptions>? configure = null)
        {
            var options = await RuntimeOptionsAsync(symbol, guard);
            options.Conductor = new StrategyRef(conductor);
            configure?.Invoke(options);
            return await StoppingRun.StartAsync(options, started(Tests), guard);
        }

        public void Dispose() => Server.Dispose();
    }

    /// <summary>A runtime running until its stop, which the test asks for.</summary>
    private sealed class StoppingRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        private StoppingRun(RuntimeOptions options)
        {
            Runtime = new FleetRuntime(options);
            Run = Runtime.RunAsync(_stop.Token);
        }

        public FleetRuntime Runtime { get; }

        public Task Run { get; }

        /// <summary>Starts the runtime and waits until <paramref name="started"/> (a strategy of the test started).</summary>
        public static async Task<StoppingRun> StartAsync(RuntimeOptions options, Task started, CancellationToken guard)
        {
            var stopping = new StoppingRun(options);
            try
            {
                await started.WaitAsync(guard);
            }
            catch
            {
                await stopping.DisposeAsync();
                throw;
            }

            return stopping;
        }

        /// <summary>
        /// Stops the runtime, waits until its bound is set on the wall clock (and <paramref name="alsoWaitFor"/>), then moves
        /// the wall clock to a tick before the bound, where <paramref name="waitedFor"/> must still hold the stop, and to the
        /// bound, where the run must end with the runtime stopped.
        /// </summary>
        /// <returns>The runtime's snapshot once stopped.</returns>
        public async Task<RuntimeSnapshot> StopAcrossTheBoundAsync(WatchedClock wall, TimeSpan bound, string waitedFor, CancellationToken guard, Task? alsoWaitFor = null)
        {
            var armed = wall.TimerCreated(bound);
            await _stop.CancelAsync();
            await armed.WaitAsync(guard);
            if (alsoWaitFor is not null)
            {
                await alsoWaitFor.WaitAsync(guard);
            }

            wall.Advance(bound - TimeSpan.FromTicks(1));
            Assert.That(Run.IsCompleted, Is.False, $"{waitedFor} is still waited for before the bound");
            wall.Advance(TimeSpan.FromTicks(1));
            await Run.WaitAsync(guard);
            var snapshot = Runtime.GetSnapshot();
            Assert.That(snapshot.Status, Is.EqualTo(RuntimeStatus.Stopped));
            return snapshot;
        }

        public async ValueTask DisposeAsync()
        {
            await Runtime.DisposeAsync();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// A fake clock that tells when a timer was set to a given length: on the wall clock, the runtime's bound is then set;
    /// on the game clock, the fleet refresh then waits for its interval.
    /// </summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _created = new();

        public Task TimerCreated(TimeSpan dueTime) => Created(dueTime).Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new WatchedTimer(this, base.CreateTimer(callback, state, dueTime, period));
            Created(dueTime).TrySetResult();
            return timer;
        }

        private TaskCompletionSource Created(TimeSpan dueTime) =>
            _created.GetOrAdd(dueTime, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        /// <summary>A timer set again later (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>) is watched too.</summary>
        private sealed class WatchedTimer(WatchedClock clock, ITimer timer) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = timer.Change(dueTime, period);
                clock.Created(dueTime).TrySetResult();
                return changed;
            }

            public void Dispose() => timer.Dispose();

            public ValueTask DisposeAsync() => timer.DisposeAsync();
        }
    }

    /// <summary>The simulator's transport, with the agent's or the ships' reads answered by 500s once switched on.</summary>
    private sealed class FailingServer(HttpMessageHandler simulator) : DelegatingHandler(simulator)
    {
        private readonly TaskCompletionSource _agentReadFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _shipReadFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _failAgentReads;
        private volatile bool _failShipReads;

        public bool FailAgentReads
        {
            get => _failAgentReads;
            set => _failAgentReads = value;
        }

        public bool FailShipReads
        {
            get => _failShipReads;
            set => _failShipReads = value;
        }

        public Task AgentReadFailed => _agentReadFailed.Task;

        public Task ShipReadFailed => _shipReadFailed.Task;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && FailAgentReads && path.EndsWith("/my/agent", StringComparison.Ordinal))
            {
                _agentReadFailed.TrySetResult();
                return Task.FromResult(Failure());
            }

            if (request.Method == HttpMethod.Get && FailShipReads && path.EndsWith("/my/ships", StringComparison.Ordinal))
            {
                _shipReadFailed.TrySetResult();
                return Task.FromResult(Failure());
            }

            return base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Failure() => new(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("""{"error":{"message":"Internal server error.","code":500}}""", Encoding.UTF8, "application/json"),
        };
    }
}
