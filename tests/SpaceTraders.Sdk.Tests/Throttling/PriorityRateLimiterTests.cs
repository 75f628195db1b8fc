using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Throttling;

[TestFixture]
public sealed class PriorityRateLimiterTests
{
    private static ThrottlingOptions Exact() => new() { SafetyMargin = TimeSpan.Zero };

    [Test]
    public async Task Two_hundred_callers_for_ten_simulated_minutes_never_exceed_the_servers_accounting_and_use_it_fully()
    {
        using var clock = new VirtualClock();
        using var limiter = new PriorityRateLimiter(Exact(), clock);
        var start = clock.GetUtcNow();
        var end = start.AddMinutes(10);
        var releases = new List<DateTimeOffset>();

        var callers = await SpawnAsync(clock, 200, i => async ct =>
        {
            var random = new Random(i);
            while (clock.GetUtcNow() < end)
            {
                var priority = (RequestPriority)random.Next(3);
                using var lease = await limiter.AcquireAsync(new PermitRequest(priority, "agent"), 1, ct);
                Assert.That(lease.IsAcquired, Is.True);
                lock (releases)
                {
                    releases.Add(clock.GetUtcNow());
                }

                await clock.DelayAsync(TimeSpan.FromMilliseconds(random.Next(0, 5000)), ct);
            }
        });
        await Task.WhenAll(callers);

        var server = new ServerRateLimitModel();
        foreach (var at in releases.Order())
        {
            server.Arrive(at, "ip", "agent");
        }

        Assert.That(server.Violations, Is.Empty, "the server would have answered 429");

        // Cold start: 2 static + 30 burst at once, then 2 per second and 30 more every 60 s: 1,500 in 10 minutes.
        var inWindow = releases.Count(t => t < end);
        Assert.That(inWindow, Is.GreaterThanOrEqualTo(0.97 * 1500), "the limiter must use what the server allows");
    }

    [Test]
    public async Task Critical_requests_wait_at_most_one_refill_while_background_saturates_the_queue_and_background_still_progresses()
    {
        using var clock = new VirtualClock();
        using var limiter = new PriorityRateLimiter(Exact(), clock);
        var end = clock.GetUtcNow().AddMinutes(10);
        var criticalWaits = new List<TimeSpan>();
        var backgroundReleases = 0;

        var actors = await SpawnAsync(clock, 101, i => i == 0
            ? async ct =>
            {
                var random = new Random(7);
                while (clock.GetUtcNow() < end)
                {
                    await clock.DelayAsync(TimeSpan.FromMilliseconds(random.Next(3000, 20000)), ct);
                    var asked = clock.GetUtcNow();
                    using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1, ct);
                    criticalWaits.Add(clock.GetUtcNow() - asked);
                }
            }
            : async ct =>
            {
                while (clock.GetUtcNow() < end)
                {
                    using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Background, "agent"), 1, ct);
                    Interlocked.Increment(ref backgroundReleases);
                }
            });
        await Task.WhenAll(actors);

        Assert.That(criticalWaits, Has.Count.GreaterThan(30));
        Assert.That(criticalWaits.Max(), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(backgroundReleases, Is.GreaterThan(1000), "Background keeps the rest of the capacity");
    }

    [Test]
    public async Task Background_is_not_starved_by_saturating_critical_traffic_beyond_the_documented_bound()
    {
        using var clock = new VirtualClock();
        var options = Exact();
        using var limiter = new PriorityRateLimiter(options, clock);
        var start = clock.GetUtcNow();
        var end = start.AddMinutes(3);
        var backgroundWaits = new List<TimeSpan>();

        var actors = await SpawnAsync(clock, 103, i => i < 100
            ? async ct =>
            {
                while (clock.GetUtcNow() < end)
                {
                    using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1, ct);
                }
            }
            : async ct =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(1), ct);
                var asked = clock.GetUtcNow();
                using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Background, "agent"), 1, ct);
                lock (backgroundWaits)
                {
                    backgroundWaits.Add(clock.GetUtcNow() - asked);
                }
            });
        await Task.WhenAll(actors);

        Assert.That(backgroundWaits, Has.Count.EqualTo(3));

        // Strict priority until the starvation limit, then at least one slot in four (2 slots a second):
        // three overdue waiters are all served within 3 x 4 slots = 6 s of becoming overdue.
        Assert.That(backgroundWaits.Min(), Is.GreaterThanOrEqualTo(options.StarvationLimit - TimeSpan.FromSeconds(1)));
        Assert.That(backgroundWaits.Max(), Is.LessThanOrEqualTo(options.StarvationLimit + TimeSpan.FromSeconds(6)));
    }

    [Test]
    public async Task An_overdue_Normal_request_goes_before_a_slightly_older_overdue_Background_one()
    {
        using var clock = new VirtualClock();
        var options = Exact();
        using var limiter = new PriorityRateLimiter(options, clock);
        var start = clock.GetUtcNow();
        var end = start.AddMinutes(2);
        var backgroundWaits = new List<TimeSpan>();
        var normalWait = TimeSpan.Zero;

        // 100 Critical callers saturate the pools; ten Background requests queue at 1 s, one Normal request at 4 s.
        var actors = await SpawnAsync(clock, 111, i => i switch
        {
            < 100 => async ct =>
            {
                while (clock.GetUtcNow() < end)
                {
                    using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1, ct);
                }
            },
            < 110 => async ct =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(1), ct);
                var asked = clock.GetUtcNow();
                using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Background, "agent"), 1, ct);
                lock (backgroundWaits)
                {
                    backgroundWaits.Add(clock.GetUtcNow() - asked);
                }
            },
            _ => async ct =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(4), ct);
                var asked = clock.GetUtcNow();
                using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1, ct);
                normalWait = clock.GetUtcNow() - asked;
            },
        });
        await Task.WhenAll(actors);

        // The overdue slots (one in four: one every 2 s) go to the Background requests from 31 s until the Normal request
        // is overdue at 34 s; then to it, although the Background ones queued 3 s earlier: Background counts as three
        // starvation limits younger. Every Background request is still served within four starvation limits.
        Assert.That(normalWait, Is.LessThanOrEqualTo(options.StarvationLimit + TimeSpan.FromSeconds(2)));
        Assert.That(backgroundWaits, Has.Count.EqualTo(10));
        Assert.That(backgroundWaits.Max(), Is.LessThanOrEqualTo((4 * options.StarvationLimit) + TimeSpan.FromSeconds(2 * 11)));
    }

    [Test]
    public void The_reserve_holds_through_a_gap_of_tens_of_seconds_between_Critical_requests()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);

        // A Critical clump: both static points and 10 burst points, then 20 s without a Critical request (a fleet's
        // sales come that far apart). About 8.6 Critical requests are left in the decayed count: 9 points stay kept.
        Assert.That(Take(limiter, RequestPriority.Critical, 12), Is.EqualTo(12));
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(2 + 11), "the static points and the burst points beyond the kept 9");
        Assert.That(TakeAll(limiter, RequestPriority.Critical), Is.EqualTo(9), "the kept points are there for the next sale");
    }

    [Test]
    public async Task Two_agents_on_one_ip_share_the_ip_pools_and_an_exhausted_account_does_not_block_the_other()
    {
        using var clock = new VirtualClock();
        using var limiter = new PriorityRateLimiter(Exact(), clock);
        var end = clock.GetUtcNow().AddMinutes(5);
        var releases = new List<(DateTimeOffset At, string Account)>();

        var actors = await SpawnAsync(clock, 60, i => async ct =>
        {
            var account = i % 2 == 0 ? "A" : "B";
            var random = new Random(i);
            while (clock.GetUtcNow() < end)
            {
                using var lease = await limiter.AcquireAsync(new PermitRequest((RequestPriority)random.Next(3), account), 1, ct);
                lock (releases)
                {
                    releases.Add((clock.GetUtcNow(), account));
                }

                await clock.DelayAsync(TimeSpan.FromMilliseconds(random.Next(0, 3000)), ct);
            }
        });
        await Task.WhenAll(actors);

        var server = new ServerRateLimitModel();
        foreach (var (at, account) in releases.OrderBy(r => r.At))
        {
            server.Arrive(at, "ip", account);
        }

        Assert.That(server.Violations, Is.Empty);
        var inWindow = releases.Count(r => r.At < end);
        Assert.That(inWindow, Is.GreaterThanOrEqualTo(0.97 * (32 + (2 * 299) + (30 * 4))), "the IP ceiling is the bottleneck and is used fully");
        Assert.That(releases.Count(r => r.Account == "A"), Is.GreaterThan(inWindow / 3));
        Assert.That(releases.Count(r => r.Account == "B"), Is.GreaterThan(inWindow / 3));
    }

    [Test]
    public void A_few_Critical_requests_keep_only_as_many_burst_points_as_came_in_lately()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);

        // Three Critical requests: the two static points and one burst point.
        for (var i = 0; i < 3; i++)
        {
            using var critical = limiter.AttemptAcquire(new PermitRequest(RequestPriority.Critical, "agent"));
            Assert.That(critical.IsAcquired, Is.True);
        }

        // 29 burst points left; three are kept for Critical requests (as many as came in), not the whole reserve of 30.
        var normal = TakeAll(limiter, RequestPriority.Normal);
        Assert.That(normal, Is.EqualTo(26), "Normal requests take the burst points beyond the kept three");
        Assert.That(TakeAll(limiter, RequestPriority.Critical), Is.EqualTo(3), "the kept points are there for Critical requests");
    }

    [Test]
    public void A_steady_Critical_stream_keeps_the_whole_burst_pool_from_lower_priorities()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);

        SteadyCriticalMinute(limiter, time);

        using (var first = limiter.AttemptAcquire(new PermitRequest(RequestPriority.Critical, "agent")))
        using (var second = limiter.AttemptAcquire(new PermitRequest(RequestPriority.Critical, "agent")))
        {
            Assert.That(first.IsAcquired && second.IsAcquired, Is.True);
        }

        // About 38 Critical requests in the last minute (decayed): the whole reserve of 30 applies. A Normal request
        // may start the untouched burst pool, and no more.
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(1));
        Assert.That(TakeAll(limiter, RequestPriority.Critical), Is.EqualTo(29));
    }

    [Test]
    public void While_Critical_requests_come_in_lower_priorities_leave_the_last_static_point_even_with_the_burst_pool_full()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        SteadyCriticalMinute(limiter, time);

        // The whole reserve applies and the burst pool is untouched: a Normal request may start the static pool,
        // but the last static point of the window is kept for a Critical request that may come within the second.
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(1));
        time.Advance(TimeSpan.FromMilliseconds(899));
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.Zero, "kept until 100 ms before the refill");
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(2), "the static point, released unclaimed so it is not lost, then one to start the untouched burst pool");
    }

    [Test]
    public void Kept_burst_points_go_to_lower_priorities_one_every_half_second_before_the_refill()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        SteadyCriticalMinute(limiter, time);

        // A Critical clump: both static points and 10 burst points. The burst pool refills in 60 s with 20 points left.
        Assert.That(Take(limiter, RequestPriority.Critical, 12), Is.EqualTo(12));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.That(Take(limiter, RequestPriority.Critical, 1), Is.EqualTo(1), "Critical requests keep coming");
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.Zero, "all 20 burst points are kept, and the last static point");

        // 5 s before the refill (4.9 s before the release) at most 10 points are worth keeping: Normal requests get
        // the two static points and 10 burst points, then one more burst point every half second.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(12));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(TakeAll(limiter, RequestPriority.Normal), Is.EqualTo(1));
        Assert.That(TakeAll(limiter, RequestPriority.Critical), Is.EqualTo(9), "the points still kept are there for Critical requests");
    }

    [Test]
    public async Task A_waiter_whose_account_is_out_of_points_is_skipped_for_another_account()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        limiter.OnRateLimited("A", RateLimitScope.Account, time.GetUtcNow().AddSeconds(20));

        var blocked = limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "A"), 1).AsTask();
        var other = limiter.AcquireAsync(new PermitRequest(RequestPriority.Background, "B"), 1).AsTask();

        using var otherLease = await other.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(otherLease.IsAcquired, Is.True);
        Assert.That(blocked.IsCompleted, Is.False);

        time.Advance(TimeSpan.FromSeconds(20));
        using var blockedLease = await blocked.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(blockedLease.IsAcquired, Is.True);
    }

    [Test]
    public async Task Cancelling_a_waiter_removes_it_and_spends_no_point()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        await ExhaustAsync(limiter);

        using var cts = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1, cts.Token).AsTask();
        var first = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1).AsTask();
        var second = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1).AsTask();
        Assert.That(limiter.QueueLength, Is.EqualTo(3));

        await cts.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(limiter.QueueLength, Is.EqualTo(2));

        // One refill brings two points: both remaining waiters get one, none went to the cancelled waiter.
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(limiter.QueueLength, Is.Zero);
        Assert.That(limiter.GetStatistics(new PermitRequest(RequestPriority.Normal, "agent"))!.CurrentAvailablePermits, Is.Zero);
    }

    [Test]
    public async Task A_full_queue_fails_fast_with_a_reason_and_sends_nothing()
    {
        var time = new FakeTimeProvider();
        var options = Exact();
        options.QueueLimit = 2;
        using var limiter = new PriorityRateLimiter(options, time);
        await ExhaustAsync(limiter);

        _ = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1);
        _ = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1);
        using var rejected = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1);

        Assert.That(rejected.IsAcquired, Is.False);
        Assert.That(rejected.TryGetMetadata(MetadataName.ReasonPhrase, out var reason), Is.True);
        Assert.That(reason, Does.Contain("queue is full"));
        Assert.That(limiter.QueueLength, Is.EqualTo(2));
    }

    [Test]
    public async Task A_requeued_request_goes_to_the_front_of_its_priority()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        await ExhaustAsync(limiter);

        var firstInLine = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1).AsTask();
        var secondInLine = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1).AsTask();
        var requeued = limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent", Requeued: true), 1).AsTask();

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(requeued, firstInLine).WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(secondInLine.IsCompleted, Is.False);
    }

    [Test]
    public async Task A_servers_429_pauses_the_pools_until_its_reset()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        limiter.OnRateLimited("agent", RateLimitScope.IpAddress, time.GetUtcNow().AddSeconds(10));

        var waiting = limiter.AcquireAsync(new PermitRequest(RequestPriority.Critical, "agent"), 1).AsTask();
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.That(waiting.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(0.1));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(lease.IsAcquired, Is.True);
    }

    [Test]
    public async Task Rate_limit_headers_never_raise_the_limiters_view_of_the_server()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        var request = new PermitRequest(RequestPriority.Normal, "agent");
        Assert.That(limiter.GetStatistics(request)!.CurrentAvailablePermits, Is.EqualTo(32));

        // Someone else on this IP used 25 burst points: the limiter believes the server.
        limiter.OnRateLimitHeaders("agent", RateLimitScope.IpAddress, remaining: 5, reset: time.GetUtcNow().AddSeconds(45));
        Assert.That(limiter.GetStatistics(request)!.CurrentAvailablePermits, Is.EqualTo(7));

        // A report of more points than the limiter counts changes nothing.
        limiter.OnRateLimitHeaders("agent", RateLimitScope.IpAddress, remaining: 30, reset: time.GetUtcNow().AddSeconds(1));
        Assert.That(limiter.GetStatistics(request)!.CurrentAvailablePermits, Is.EqualTo(7));
        await Task.CompletedTask;
    }

    [Test]
    public void Attempt_acquire_takes_a_free_point_and_refuses_when_none_is_left()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(Exact(), time);
        var request = new PermitRequest(RequestPriority.Normal, "agent");
        for (var i = 0; i < 32; i++)
        {
            Assert.That(limiter.AttemptAcquire(request).IsAcquired, Is.True, $"point {i}");
        }

        using var refused = limiter.AttemptAcquire(request);
        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter), Is.True);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(() => limiter.AttemptAcquire(request, 2), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>One Critical request a second for a minute, each from the static pool: the whole reserve applies after it and the burst pool is untouched.</summary>
    private static void SteadyCriticalMinute(PriorityRateLimiter limiter, FakeTimeProvider time)
    {
        for (var i = 0; i < 60; i++)
        {
            Assert.That(Take(limiter, RequestPriority.Critical, 1), Is.EqualTo(1));
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Takes up to <paramref name="count"/> points at one priority without waiting; returns how many were granted.</summary>
    private static int Take(PriorityRateLimiter limiter, RequestPriority priority, int count)
    {
        var taken = 0;
        while (taken < count)
        {
            using var lease = limiter.AttemptAcquire(new PermitRequest(priority, "agent"));
            if (!lease.IsAcquired)
            {
                break;
            }

            taken++;
        }

        return taken;
    }

    /// <summary>Takes points at one priority without waiting until one is refused; returns how many were granted.</summary>
    private static int TakeAll(PriorityRateLimiter limiter, RequestPriority priority) => Take(limiter, priority, 1000);

    private static async Task ExhaustAsync(PriorityRateLimiter limiter)
    {
        for (var i = 0; i < 32; i++)
        {
            using var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1);
            Assert.That(lease.IsAcquired, Is.True);
        }
    }

    /// <summary>Starts <paramref name="count"/> actors from one root actor, so all exist before time moves.</summary>
    private static async Task<Task[]> SpawnAsync(VirtualClock clock, int count, Func<int, Func<CancellationToken, Task>> body)
    {
        Task[] actors = [];
        await clock.RunActorAsync("root", _ =>
        {
            actors = Enumerable.Range(0, count).Select(i => clock.RunActorAsync($"caller-{i}", body(i), CancellationToken.None)).ToArray();
            return Task.CompletedTask;
        }, CancellationToken.None);
        return actors;
    }
}
