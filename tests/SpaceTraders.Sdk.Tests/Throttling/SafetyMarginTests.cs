using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Throttling;

/// <summary>The safety margin widens after 429s and narrows back after quiet periods (<see cref="ThrottlingOptions.MaxSafetyMargin"/>).</summary>
[TestFixture]
public sealed class SafetyMarginTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(50);

    [Test]
    public void A_429_widens_the_margin_once_per_static_window_and_quiet_periods_narrow_it_back()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = Base, MaxSafetyMargin = TimeSpan.FromSeconds(1) }, time);
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(Base));

        // A quarter of the way to the ceiling at least, and at least double.
        limiter.OnRateLimited("agent", RateLimitScope.Account, time.GetUtcNow().AddSeconds(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(287.5)));

        // Requests in flight together meet the same limit: one widening.
        time.Advance(TimeSpan.FromMilliseconds(500));
        limiter.OnRateLimited("agent", RateLimitScope.Account, time.GetUtcNow().AddSeconds(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(287.5)));

        time.Advance(TimeSpan.FromSeconds(1));
        limiter.OnRateLimited("agent", RateLimitScope.Account, time.GetUtcNow().AddSeconds(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(575)));

        time.Advance(TimeSpan.FromSeconds(1));
        limiter.OnRateLimited("agent", RateLimitScope.Account, time.GetUtcNow().AddSeconds(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromSeconds(1)), "never above the ceiling");
        Assert.That(limiter.SafetyMarginWidenings, Is.EqualTo(3));

        // Five quiet minutes halve the excess; the excess under a millisecond goes at once.
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(525)));
        time.Advance(TimeSpan.FromMinutes(5 * 20));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(Base));
    }

    [Test]
    public void A_widened_margin_lengthens_the_windows_the_limiter_opens()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = Base, MaxSafetyMargin = TimeSpan.FromSeconds(1), CriticalReserve = 0 }, time);
        limiter.OnRateLimited("agent", RateLimitScope.Account, time.GetUtcNow());
        time.Advance(TimeSpan.FromMilliseconds(300));   // the pools are empty until the reset plus the widened margin
        var request = new PermitRequest(RequestPriority.Normal, "agent");
        for (var i = 0; i < 32; i++)
        {
            using var lease = limiter.AttemptAcquire(request);
            Assert.That(lease.IsAcquired, Is.True, $"point {i}");
        }

        using var refused = limiter.AttemptAcquire(request);
        Assert.That(refused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter), Is.True);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(287.5)), "the static window lasts a second plus the widened margin");
    }

    [Test]
    public void An_initial_margin_narrows_towards_the_configured_one_like_a_widened_one()
    {
        var time = new FakeTimeProvider();
        var options = new ThrottlingOptions { SafetyMargin = Base, MaxSafetyMargin = TimeSpan.FromMilliseconds(450), InitialSafetyMargin = TimeSpan.FromSeconds(5) };
        using var limiter = new PriorityRateLimiter(options, time);
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(450)), "never above the ceiling");

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(limiter.SafetyMarginWidenings, Is.Zero);
    }

    [TestCase(0, 1000)]
    [TestCase(50, 50)]
    [TestCase(50, 10)]
    public void A_zero_margin_or_a_ceiling_not_above_it_keeps_the_margin_fixed(int marginMs, int ceilingMs)
    {
        var time = new FakeTimeProvider();
        var margin = TimeSpan.FromMilliseconds(marginMs);
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = margin, MaxSafetyMargin = TimeSpan.FromMilliseconds(ceilingMs) }, time);
        for (var i = 0; i < 5; i++)
        {
            limiter.OnRateLimited("agent", RateLimitScope.Unknown, time.GetUtcNow().AddSeconds(1));
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.That(limiter.CurrentSafetyMargin, Is.EqualTo(margin));
        Assert.That(limiter.SafetyMarginWidenings, Is.Zero);
    }

    /// <summary>
    /// A saturating fleet whose requests reach the server 0-20 ms after they leave, and one in five up to 300 ms after:
    /// more jitter than the 50 ms margin allows for. With the margin fixed the server answers 429 all run long; widened
    /// by the first few 429s, the limiter meets almost none after, and still uses nearly as much of the budget.
    /// </summary>
    [Test]
    public async Task Latency_jitter_beyond_the_margin_costs_a_few_429s_not_a_steady_stream()
    {
        var fixedRun = await JitteryFleetAsync(TimeSpan.FromMilliseconds(50));
        var adaptive = await JitteryFleetAsync(TimeSpan.FromSeconds(1));
        TestContext.Out.WriteLine($"fixed: {fixedRun}; adaptive: {adaptive}");

        Assert.That(fixedRun.LateRejected, Is.GreaterThanOrEqualTo(20), "the workload must outrun a fixed 50 ms margin, or this test shows nothing");
        Assert.That(adaptive.LateRejected, Is.LessThanOrEqualTo(fixedRun.LateRejected / 5), "after the first minutes, 429s must become rare");
        Assert.That(adaptive.Accepted, Is.GreaterThanOrEqualTo(fixedRun.Accepted * 0.85), "the wider margin must not cost much of the budget");
    }

    private static async Task<FleetFigures> JitteryFleetAsync(TimeSpan ceiling)
    {
        using var clock = new VirtualClock();
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = Base, MaxSafetyMargin = ceiling }, clock);
        var server = new ServerRateLimitModel();
        var start = clock.GetUtcNow();
        var end = start.AddMinutes(20);
        var lateFrom = start.AddMinutes(5);
        int rejected = 0, lateRejected = 0;
        Task[] callers = [];
        await clock.RunActorAsync("root", _ =>
        {
            callers = Enumerable.Range(0, 40).Select(i => clock.RunActorAsync($"ship-{i}", async ct =>
            {
                var random = new Random(i);
                while (clock.GetUtcNow() < end)
                {
                    using (var lease = await limiter.AcquireAsync(new PermitRequest(RequestPriority.Normal, "agent"), 1, ct))
                    {
                        Assert.That(lease.IsAcquired, Is.True);
                    }

                    var latency = random.NextDouble() < 0.2 ? random.Next(0, 300) : random.Next(0, 20);
                    await clock.DelayAsync(TimeSpan.FromMilliseconds(latency), ct);
                    var arrived = clock.GetUtcNow();
                    bool accepted;
                    lock (server)
                    {
                        accepted = server.Arrive(arrived, "agent");
                    }

                    if (!accepted)
                    {
                        Interlocked.Increment(ref rejected);
                        if (arrived >= lateFrom)
                        {
                            Interlocked.Increment(ref lateRejected);
                        }

                        limiter.OnRateLimited("agent", RateLimitScope.Account, arrived.AddMilliseconds(500));
                    }

                    await clock.DelayAsync(TimeSpan.FromMilliseconds(random.Next(0, 3000)), ct);
                }
            }, CancellationToken.None)).ToArray();
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(callers);
        return new FleetFigures(server.Accepted, rejected, lateRejected, limiter.CurrentSafetyMargin);
    }

    private sealed record FleetFigures(int Accepted, int Rejected, int LateRejected, TimeSpan MarginAtEnd);
}
