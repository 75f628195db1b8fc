using System.Collections.Concurrent;
using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores.InMemory;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Plugins.Tests.Frozen;

/// <summary>
/// A released week does not follow the SDK's default priorities: every request it makes (through its frozen pilot, its
/// direct client calls, the runtime and the caches) names its priority, so the SDK's <see cref="EndpointCatalog"/>
/// defaults, which apply only to a request without one, cannot move its figures.
/// </summary>
[TestFixture]
public sealed class FrozenPriorityTests
{
    private const string AccountToken = "frozen-priority-account";

    private static IEnumerable<TestCaseData> Weeks =>
    [
        new TestCaseData("week02").SetName("week02 names the priority of every request"),
        new TestCaseData("week04").SetName("week04 names the priority of every request"),
        new TestCaseData("week07").SetName("week07 names the priority of every request"),
        new TestCaseData("week10").SetName("week10 names the priority of every request"),
    ];

    [TestCaseSource(nameof(Weeks))]
    public async Task A_released_week_never_relies_on_the_sdk_default_priorities(string week)
    {
        var run = await RunAsync(week, seed: 1, TimeSpan.FromHours(2));

        Assert.That(run.Requests, Is.GreaterThan(100), "the run made requests");
        Assert.That(run.WithoutPriority.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} x{o.Value}"), Is.Empty,
            $"{week} sent requests without a priority (they follow the SDK's defaults): pass EndpointPriorities or PilotPriorities explicitly");
    }

    /// <summary>Registers a fresh agent and plays <paramref name="conductor"/> with the released weeks loaded, counting the requests without a priority.</summary>
    private static async Task<PriorityRun> RunAsync(string conductor, int seed, TimeSpan duration)
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, AccountToken = AccountToken });
        using var recorder = new PriorityRecorder(simulation.CreateTransport());
        var throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero };
        string? token = null;
        await clock.RunActorAsync("register", async ct =>
        {
            var register = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = recorder, Throttling = throttling };
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(register, "FROZEN", FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
            }
        }, CancellationToken.None);

        recorder.Start();
        var options = new RuntimeOptions
        {
            Clock = clock,
            NodeId = "frozen-priority-tests",
            Store = new InMemoryStore(),
            Throttling = throttling,
            Conductor = new StrategyRef(conductor),
            StopAfter = duration,
        };
        foreach (var plugin in new IStrategyPlugin[] { new Week02Plugin(), new Week04Plugin(), new Week07Plugin(), new Week10Plugin() })
        {
            options.Plugins.Add(plugin);
        }

        options.Agents.Add(new SpaceTradersClientOptions { Token = token, TimeProvider = clock, Transport = recorder, Throttling = throttling, Retry = new RetryOptions { JitterSeed = seed } });
        await using (var runtime = new FleetRuntime(options))
        {
            await runtime.RunAsync(CancellationToken.None);
        }

        return new PriorityRun(recorder.Requests, recorder.WithoutPriority);
    }

    private sealed record PriorityRun(long Requests, IReadOnlyDictionary<string, int> WithoutPriority);

    /// <summary>Sits in front of the simulator and counts, by operation, the requests that reach it without a priority of their own.</summary>
    private sealed class PriorityRecorder(HttpMessageHandler simulator) : DelegatingHandler(simulator)
    {
        private readonly ConcurrentDictionary<string, int> _withoutPriority = new(StringComparer.Ordinal);
        private long _requests;
        private bool _recording;

        public long Requests => Interlocked.Read(ref _requests);

        public IReadOnlyDictionary<string, int> WithoutPriority => _withoutPriority;

        public void Start() => Volatile.Write(ref _recording, true);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _recording))
            {
                Interlocked.Increment(ref _requests);
                if (SpaceTradersRequestOptions.GetPriority(request) is null)
                {
                    var path = request.RequestUri!.AbsolutePath;
                    var api = path.IndexOf("/v2/", StringComparison.Ordinal);
                    var relative = api >= 0 ? path[(api + 3)..] : path;
                    var operation = EndpointCatalog.Find(request.Method.Method, relative)?.OperationId ?? relative;
                    _withoutPriority.AddOrUpdate(operation, 1, static (_, count) => count + 1);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
