using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Timing;

[TestFixture]
public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = VirtualClock.DefaultStart;

    [Test]
    public void Advance_fires_due_timers_in_time_order_and_stops_at_the_target()
    {
        using var clock = new VirtualClock(Start);
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add($"late@{clock.GetUtcNow() - Start}"), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add($"early@{clock.GetUtcNow() - Start}"), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add("never"), null, TimeSpan.FromSeconds(90), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.That(fired, Is.EqualTo(new[] { "early@00:00:10", "late@00:00:30" }));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddSeconds(60)));
    }

    [Test]
    public void Periodic_timer_fires_once_per_period_and_stops_when_disposed()
    {
        using var clock = new VirtualClock(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(5));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(count, Is.EqualTo(5));
    }

    [Test]
    public async Task Actors_that_delay_run_in_virtual_time_and_the_clock_jumps_between_their_wakeups()
    {
        using var clock = new VirtualClock(Start);
        var log = new List<string>();
        var gate = new object();
        Task Worker(string name, int seconds, int rounds) => clock.RunActorAsync(name, async ct =>
        {
            for (var i = 0; i < rounds; i++)
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(seconds), ct);
                lock (gate)
                {
                    log.Add($"{name}@{(clock.GetUtcNow() - Start).TotalSeconds}");
                }
            }
        }, CancellationToken.None);

        // Actors start from a root actor: the clock waits for it, so both workers exist before time moves.
        Task[] workers = [];
        await clock.RunActorAsync("root", _ =>
        {
            workers = [Worker("a", 3, 4), Worker("b", 5, 2)];
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(workers);

        Assert.That(log, Is.EqualTo(new[] { "a@3", "b@5", "a@6", "a@9", "b@10", "a@12" }));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddSeconds(12)));
        Assert.That(clock.ActorCount, Is.Zero);
    }

    [Test]
    public async Task A_signal_set_by_one_actor_wakes_another_without_moving_time()
    {
        using var clock = new VirtualClock(Start);
        var signal = clock.CreateSignal("hand-over");
        DateTimeOffset wokenAt = default;
        var waiter = clock.RunActorAsync("waiter", async ct =>
        {
            await signal.WaitAsync(ct);
            wokenAt = clock.GetUtcNow();
        }, CancellationToken.None);
        var setter = clock.RunActorAsync("setter", async ct =>
        {
            await clock.DelayAsync(TimeSpan.FromMinutes(7), ct);
            Assert.That(signal.Set(), Is.True);
            Assert.That(signal.Set(), Is.False);
        }, CancellationToken.None);

        await Task.WhenAll(waiter, setter);

        Assert.That(wokenAt, Is.EqualTo(Start.AddMinutes(7)));
    }

    [Test]
    public async Task Cancellation_from_a_virtual_timer_wakes_a_parked_actor()
    {
        using var clock = new VirtualClock(Start);
        var never = clock.CreateSignal("never set");
        using var cts = new CancellationTokenSource(TimeSpan.FromHours(2), clock);

        var actor = clock.RunActorAsync("sleeper", ct => never.WaitAsync(ct), cts.Token);

        Assert.That(async () => await actor, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddHours(2)));
        Assert.That(never.Set(), Is.False, "a cancelled wait abandons the signal");
    }

    [Test]
    [Repeat(100)]
    public async Task A_timer_that_cancels_a_wait_always_beats_a_later_timer_that_would_complete_it()
    {
        // Regression: a wait used to park before its cancellation was registered, so the clock could fire the
        // cancelling timer into the gap and then complete the wait with the later timer.
        using var clock = new VirtualClock(Start);
        string? outcome = null;
        await clock.RunActorAsync("waiter", async ct =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                await clock.DelayAsync(TimeSpan.FromMinutes(5), linked.Token);
                outcome = "completed at " + (clock.GetUtcNow() - Start);
            }
            catch (OperationCanceledException)
            {
                outcome = "cancelled at " + (clock.GetUtcNow() - Start);
            }
        }, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo("cancelled at 00:00:10"));
    }

    [Test]
    public void Same_inputs_give_the_same_interleaving()
    {
        static List<string> RunOnce()
        {
            using var clock = new VirtualClock(Start);
            var log = new List<string>();
            var shared = new object();
            Task[] tasks = [];
            clock.RunActorAsync("fleet", _ =>
            {
                tasks = Enumerable.Range(0, 20).Select(i => clock.RunActorAsync($"ship-{i}", async ct =>
                {
                    for (var round = 0; round < 10; round++)
                    {
                        // Many actors wake at the same instant: the order must not depend on the thread pool.
                        await clock.DelayAsync(TimeSpan.FromSeconds(1 + (i % 3)), ct);
                        lock (shared)
                        {
                            log.Add($"{i}:{round}@{clock.GetTimestamp()}");
                        }
                    }
                }, CancellationToken.None)).ToArray();
                return Task.CompletedTask;
            }, CancellationToken.None).GetAwaiter().GetResult();
            Task.WaitAll(tasks);
            return log;
        }

        var first = RunOnce();
        var second = RunOnce();
        Assert.That(first, Has.Count.EqualTo(200));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Advancing_by_hand_while_actors_are_alive_is_refused()
    {
        using var clock = new VirtualClock(Start);
        var release = clock.CreateSignal("release");
        var actor = clock.RunActorAsync("holder", ct => release.WaitAsync(ct), CancellationToken.None);

        Assert.That(() => clock.Advance(TimeSpan.FromSeconds(1)), Throws.InvalidOperationException);

        release.Set();
        Assert.That(async () => await actor, Throws.Nothing);
    }

    [Test]
    public void An_actor_blocked_outside_the_clock_stalls_it_loudly_with_its_name()
    {
        using var clock = new VirtualClock(Start, new VirtualClockOptions { NoProgressTimeout = TimeSpan.FromMilliseconds(300) });
        var gate = new TaskCompletionSource();

        // Awaiting a plain task is not a park: the clock must report the actor instead of hanging.
        var stuck = clock.RunActorAsync("stuck-ship", _ => gate.Task, CancellationToken.None);
        var parked = clock.RunActorAsync("parked-ship", ct => clock.DelayAsync(TimeSpan.FromHours(1), ct), CancellationToken.None);

        var error = Assert.ThrowsAsync<VirtualClockStalledException>(async () => await parked);
        Assert.That(error!.Message, Does.Contain("stuck-ship: running"));
        Assert.That(clock.Fault, Is.Not.Null);
        gate.SetResult();
        Assert.That(async () => await stuck, Throws.Nothing);
    }

    [Test]
    public async Task A_turn_that_holds_virtual_time_for_long_is_reported_with_its_actor()
    {
        var (reports, summary) = await HoldOneTurnAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(reports[0].Actor, Is.EqualTo("ship SLOW-1"));
            Assert.That(reports[0].Duration, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(reports[0].At, Is.EqualTo(Start.AddMinutes(5)), "virtual time stood where the turn began");
            Assert.That(summary, Is.EqualTo(new SlowTurnSummary(1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), "ship SLOW-1")));
        });
    }

    [Test]
    public async Task Turns_under_the_threshold_or_with_reporting_off_are_not_reported()
    {
        var (under, underSummary) = await HoldOneTurnAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(999));
        var (off, offSummary) = await HoldOneTurnAsync(Timeout.InfiniteTimeSpan, TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(under, Is.Empty);
            Assert.That(underSummary, Is.EqualTo(new SlowTurnSummary(0, TimeSpan.Zero, TimeSpan.Zero, null)));
            Assert.That(off, Is.Empty);
            Assert.That(offSummary.Count, Is.Zero);
        });
    }

    [Test]
    public async Task A_handler_that_throws_does_not_stop_the_clock()
    {
        var (reports, summary) = await HoldOneTurnAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), throwing: true);

        Assert.That(reports, Has.Count.EqualTo(1), "the handler ran");
        Assert.That(summary.Count, Is.EqualTo(1), "and the turn stays counted");
    }

    /// <summary>
    /// Runs two actors for an hour of virtual time: one whose second turn awaits a task outside the clock while the fake
    /// real clock moves on by <paramref name="hold"/>, and one that only waits on the clock (its turns take no real time).
    /// </summary>
    private static async Task<(List<SlowTurnEventArgs> Reports, SlowTurnSummary Summary)> HoldOneTurnAsync(TimeSpan threshold, TimeSpan hold, bool throwing = false)
    {
        var real = new FakeTimeProvider();
        using var clock = new VirtualClock(Start, new VirtualClockOptions { RealTime = real, SlowTurnThreshold = threshold });
        var reports = new List<SlowTurnEventArgs>();
        clock.SlowTurn += (_, e) =>
        {
            lock (reports)
            {
                reports.Add(e);
            }

            if (throwing)
            {
                throw new InvalidOperationException("a broken handler");
            }
        };
        var outside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var holding = new ManualResetEventSlim();
        var slow = clock.RunActorAsync("ship SLOW-1", async ct =>
        {
            await clock.DelayAsync(TimeSpan.FromMinutes(5), ct);
            holding.Set();
            await outside.Task;
            await clock.DelayAsync(TimeSpan.FromMinutes(5), ct);
        }, CancellationToken.None);
        var quick = clock.RunActorAsync("ship QUICK-2", ct => clock.DelayAsync(TimeSpan.FromHours(1), ct), CancellationToken.None);

        Assert.That(holding.Wait(TimeSpan.FromSeconds(30)), Is.True, "the slow actor reached its outside wait");
        real.Advance(hold);
        outside.SetResult();
        await Task.WhenAll(slow, quick);
        lock (reports)
        {
            return ([.. reports], clock.SlowTurns);
        }
    }

    [Test]
    public void Every_actor_parked_with_nothing_scheduled_is_reported_as_a_deadlock()
    {
        using var clock = new VirtualClock(Start, new VirtualClockOptions { NoProgressTimeout = TimeSpan.FromMilliseconds(300) });
        var a = clock.CreateSignal("waiting for b");
        var b = clock.CreateSignal("waiting for a");

        var first = clock.RunActorAsync("a", ct => a.WaitAsync(ct), CancellationToken.None);
        var second = clock.RunActorAsync("b", ct => b.WaitAsync(ct), CancellationToken.None);

        var error = Assert.ThrowsAsync<VirtualClockStalledException>(async () => await first);
        Assert.That(error!.Message, Does.Contain("no timer is scheduled"));
        Assert.That(error.Message, Does.Contain("a: parked on waiting for b"));
        Assert.That(async () => await second, Throws.InstanceOf<VirtualClockStalledException>());
    }

    [Test]
    public void Two_concurrent_waits_in_one_actor_are_refused_with_advice()
    {
        using var clock = new VirtualClock(Start);
        var first = clock.CreateSignal("first");
        var second = clock.CreateSignal("second");
        var actor = clock.RunActorAsync("forker", async ct =>
        {
            // Nobody sets either signal, so the actor is still parked on the first when it waits on the second.
            var one = first.WaitAsync(ct);
            var two = second.WaitAsync(ct);
            await Task.WhenAll(one, two);
        }, CancellationToken.None);

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await actor);
        Assert.That(error!.Message, Does.Contain("RunActorAsync"));
    }

    [Test]
    public async Task Waits_outside_any_actor_complete_directly_under_manual_advance()
    {
        using var clock = new VirtualClock(Start);
        var delay = clock.DelayAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.That(delay.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromSeconds(10));
        await delay;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddSeconds(10)));
    }
}
