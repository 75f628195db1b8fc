using System.Net;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;
using static SpaceTraders.Benchmarks.Tests.ThrottlingComparison.ScriptedTransport;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>
/// <c>python-bot-consumer</c> as the issue describes it: one request per 500 ms from a queue ordered by the time a request
/// was added before its priority, a 429 put back at priority 0, a 30 s sleep after an exception. Virtual time, so every
/// instant is exact.
/// </summary>
[TestFixture]
public sealed class PythonBotConsumerStrategyTests
{
    [Test]
    public async Task An_older_request_goes_before_a_newer_more_urgent_one()
    {
        var sends = await RunAsync(
            (_, _) => Outcome.Ok,
            ("background", RequestPriority.Background, 100),
            ("critical", RequestPriority.Critical, 200));

        // Not a strict priority order: the Background request was added first, so it goes first.
        Assert.That(sends, Is.EqualTo(new[] { ("background", 500), ("critical", 1000) }));
    }

    [Test]
    public async Task Priority_orders_only_requests_added_at_the_same_instant()
    {
        var sends = await RunAsync(
            (_, _) => Outcome.Ok,
            ("background", RequestPriority.Background, 100),
            ("normal", RequestPriority.Normal, 100),
            ("critical", RequestPriority.Critical, 100));

        Assert.That(sends, Is.EqualTo(new[] { ("critical", 500), ("normal", 1000), ("background", 1500) }));
    }

    [Test]
    public async Task One_request_goes_every_500_ms_and_an_idle_consumer_looks_again_after_500_ms()
    {
        var sends = await RunAsync(
            (_, _) => Outcome.Ok,
            ("a", RequestPriority.Critical, 0),
            ("b", RequestPriority.Critical, 0),
            ("c", RequestPriority.Critical, 0),
            ("late", RequestPriority.Critical, 2700));

        // The consumer found the queue empty at 0 and looked again at 500 ms; "late" waits for the poll at 3000 ms.
        Assert.That(sends, Is.EqualTo(new[] { ("a", 500), ("b", 1000), ("c", 1500), ("late", 3000) }));
    }

    [Test]
    public async Task A_429_puts_the_request_back_at_priority_0_ahead_of_its_equals()
    {
        var sends = await RunAsync(
            (name, attempt) => name == "first" && attempt == 1 ? Outcome.RateLimited : Outcome.Ok,
            ("first", RequestPriority.Normal, 100),
            ("second", RequestPriority.Normal, 100));

        // "first" keeps its time and goes back at priority 0, so it goes again before "second" (same time, priority 3);
        // the 429 still used its 500 ms.
        Assert.That(sends, Is.EqualTo(new[] { ("first", 500), ("first", 1000), ("second", 1500) }));
    }

    [Test]
    public async Task An_exception_puts_the_request_back_and_the_consumer_sleeps_30_s()
    {
        var sends = await RunAsync(
            (name, attempt) => name == "first" && attempt == 1 ? Outcome.Throws : Outcome.Ok,
            ("first", RequestPriority.Normal, 100),
            ("second", RequestPriority.Critical, 200));

        Assert.That(sends, Is.EqualTo(new[] { ("first", 500), ("first", 30_500), ("second", 31_000) }));
    }

    [Test]
    public void Sdk_priorities_map_to_the_bots_numbers_with_0_kept_for_requeued_requests()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PythonBotConsumerStrategy.PriorityNumber(RequestPriority.Critical), Is.EqualTo(1));
            Assert.That(PythonBotConsumerStrategy.PriorityNumber(RequestPriority.Normal), Is.EqualTo(3));
            Assert.That(PythonBotConsumerStrategy.PriorityNumber(RequestPriority.Background), Is.EqualTo(5));
            Assert.That(PythonBotConsumerStrategy.RequeuePriority, Is.Zero);
        });
    }

    /// <summary>
    /// Starts the consumer at 0 ms, then sends each request from its own actor at its time (ms), and returns every send
    /// as (name, ms). Every caller must get a 200 in the end.
    /// </summary>
    private static async Task<(string Name, int At)[]> RunAsync(Func<string, int, Outcome> answer, params (string Name, RequestPriority Priority, int At)[] requests)
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        using var transport = new ScriptedTransport(clock) { Answer = answer };
        using var strategy = new PythonBotConsumerStrategy(clock, StrategySettings.Live);
        using var stop = new CancellationTokenSource();
        using var invoker = new HttpMessageInvoker(strategy.CreateClientOptions("token", transport).Transport!, disposeHandler: false);
        var statuses = new List<Task<HttpStatusCode>>();
        await clock.RunActorAsync("root", ct =>
        {
            strategy.Start(stop.Token);
            foreach (var (name, priority, at) in requests)
            {
                statuses.Add(SendAtAsync(clock, invoker, name, priority, start.AddMilliseconds(at)));
            }

            return Task.CompletedTask;
        }, CancellationToken.None);

        var codes = await Task.WhenAll(statuses);
        await stop.CancelAsync();
        await strategy.Consumer!;
        Assert.That(codes, Is.All.EqualTo(HttpStatusCode.OK));
        return [.. transport.Sends.Select(s => (s.Name, (int)(s.At - start).TotalMilliseconds))];
    }

    private static async Task<HttpStatusCode> SendAtAsync(VirtualClock clock, HttpMessageInvoker invoker, string name, RequestPriority priority, DateTimeOffset at)
    {
        HttpStatusCode status = 0;
        await clock.RunActorAsync(name, async ct =>
        {
            await clock.DelayUntilAsync(at, ct);
            using var request = Request(name, priority);
            using var response = await invoker.SendAsync(request, ct);
            status = response.StatusCode;
        }, CancellationToken.None);
        return status;
    }
}
