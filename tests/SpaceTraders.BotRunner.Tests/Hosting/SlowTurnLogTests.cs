using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.BotRunner.Tests.Hosting;

[TestFixture]
public sealed class SlowTurnLogTests
{
    [Test]
    public async Task The_first_slow_turn_of_an_actor_is_a_warning_later_ones_debug_and_the_summary_counts_all()
    {
        var real = new FakeTimeProvider();
        using var clock = new VirtualClock(VirtualClock.DefaultStart, new VirtualClockOptions { RealTime = real });
        var collector = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        using var log = SlowTurnLog.Attach(clock, loggers);
        Assert.That(log, Is.Not.Null);
        Assert.That(SlowTurnLog.SummaryLine(clock), Is.Null, "nothing to say before a slow turn");

        // Two turns of one ship await something outside the clock while real time moves on (1.5 s, then 2.5 s).
        var outside = new[] { NewOutside(), NewOutside() };
        using var holding = new SemaphoreSlim(0);
        var ship = clock.RunActorAsync("ship RUNNER-7", async ct =>
        {
            foreach (var wait in outside)
            {
                await clock.DelayAsync(TimeSpan.FromMinutes(1), ct);
                holding.Release();
                await wait.Task;
            }

            await clock.DelayAsync(TimeSpan.FromMinutes(1), ct);
        }, CancellationToken.None);

        foreach (var (wait, hold) in outside.Zip(new[] { 1.5, 2.5 }))
        {
            Assert.That(await holding.WaitAsync(TimeSpan.FromSeconds(30)), Is.True);
            real.Advance(TimeSpan.FromSeconds(hold));
            wait.SetResult();
        }

        await ship;
        var records = collector.GetSnapshot().Where(r => r.Category == "SpaceTraders.BotRunner.VirtualTime").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Level), Is.EqualTo(new[] { LogLevel.Warning, LogLevel.Debug }));
            Assert.That(records[0].Message, Does.Contain("1.5 s of real time while ship RUNNER-7 ran"));
            Assert.That(records[1].Message, Does.Contain("2.5 s of real time while ship RUNNER-7 ran"));
            Assert.That(SlowTurnLog.SummaryLine(clock), Is.EqualTo(
                "Slow turns: virtual time stood still 2 times for 4.0 s of real time (longest 2.5 s, ship RUNNER-7): code that computes for long, blocks a thread or awaits something outside the clock, or a busy machine"));
        });
    }

    [Test]
    public void A_clock_that_is_not_virtual_has_no_slow_turns()
    {
        using var loggers = LoggerFactory.Create(_ => { });
        Assert.That(SlowTurnLog.Attach(TimeProvider.System, loggers), Is.Null);
        Assert.That(SlowTurnLog.SummaryLine(new FakeTimeProvider()), Is.Null);
    }

    private static TaskCompletionSource NewOutside() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
