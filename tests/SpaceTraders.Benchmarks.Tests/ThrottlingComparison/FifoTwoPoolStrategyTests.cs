using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;
using static SpaceTraders.Benchmarks.Tests.ThrottlingComparison.ScriptedTransport;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary><c>fifo-two-pools</c>: the server's two pools modelled on the client, first come first served, no priorities.</summary>
[TestFixture]
public sealed class FifoTwoPoolStrategyTests
{
    [Test]
    public async Task Requests_go_in_arrival_order_whatever_their_priority_as_fast_as_the_two_pools_allow()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        using var transport = new ScriptedTransport(clock);
        using var strategy = new FifoTwoPoolStrategy(clock, StrategySettings.Live);
        using var invoker = new HttpMessageInvoker(strategy.CreateClientOptions("token", transport).Transport!, disposeHandler: false);
        RequestPriority[] priorities = [RequestPriority.Background, RequestPriority.Normal, RequestPriority.Critical];
        var sends = new List<Task>();
        await clock.RunActorAsync("root", ct =>
        {
            for (var i = 0; i < 40; i++)
            {
                var name = i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                var priority = priorities[i % 3];
                sends.Add(clock.RunActorAsync(name, async t =>
                {
                    // Each arrives 1 ms after the one before, so the arrival order is known.
                    await clock.DelayAsync(TimeSpan.FromMilliseconds(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)), t);
                    using var request = Request(name, priority);
                    using var response = await invoker.SendAsync(request, t);
                }, CancellationToken.None));
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(sends);

        var order = transport.Order;
        var seconds = transport.Sends.Select(s => (int)(s.At - start).TotalSeconds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(order, Is.EqualTo(Enumerable.Range(0, 40).Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))));

            // The static pool's 2 and the burst pool's 30 at once, then the static pool's 2 every second.
            Assert.That(seconds.Take(32), Is.All.EqualTo(0));
            Assert.That(seconds.Skip(32), Is.EqualTo(new[] { 1, 1, 2, 2, 3, 3, 4, 4 }));
        });
    }

    [Test]
    public async Task Against_the_simulators_limiter_it_draws_no_429_at_the_full_ceiling()
    {
        using var clock = new VirtualClock();
        var simulation = WorkloadWorld.CreateSimulation(42, clock, 175_000, rateLimited: true);
        using var setupTransport = simulation.CreateTransport();
        using var transport = simulation.CreateTransport("10.0.0.1");
        using var strategy = new FifoTwoPoolStrategy(clock, StrategySettings.Live);
        SpaceTradersClient? setupClient = null;
        SpaceTradersClient? client = null;
        var callers = new List<Task>();
        DateTimeOffset from = default;
        long rateLimitedBefore = 0;
        try
        {
            await clock.RunActorAsync("root", async ct =>
            {
                var (registered, _) = await SpaceTradersClient.RegisterAgentAsync(
                    new SpaceTradersClientOptions { BaseAddress = Simulation.DefaultBaseAddress, TimeProvider = clock, Transport = setupTransport, Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero } },
                    "FIFO",
                    FactionSymbol.Cosmic,
                    ct);
                setupClient = registered;
                await clock.DelayAsync(TimeSpan.FromSeconds(61), ct);
                var options = strategy.CreateClientOptions(registered.Options.Token!, transport);
                options.BaseAddress = Simulation.DefaultBaseAddress;
                client = new SpaceTradersClient(options);
                from = clock.GetUtcNow();
                rateLimitedBefore = simulation.Stats.RateLimited;
                for (var i = 0; i < 20; i++)
                {
                    var priority = (RequestPriority)(i % 3);
                    callers.Add(clock.RunActorAsync("caller " + i, async t =>
                    {
                        for (var n = 0; n < 15; n++)
                        {
                            await client.Agents.GetMyAgentAsync(priority, t);
                        }
                    }, CancellationToken.None));
                }
            }, CancellationToken.None);
            await Task.WhenAll(callers);
        }
        finally
        {
            client?.Dispose();
            setupClient?.Dispose();
        }

        // 300 requests at 150 a minute: the first minute's 150 (32 at once, then 2 a second), the second minute's.
        Assert.Multiple(() =>
        {
            Assert.That(simulation.Stats.RateLimited - rateLimitedBefore, Is.Zero);
            Assert.That(clock.GetUtcNow() - from, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(121)));
        });
    }
}
