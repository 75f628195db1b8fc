using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Simulator.RateLimiting;

namespace SpaceTraders.Simulator.Tests.RateLimiting;

[TestFixture]
public sealed class RatePoolsTests
{
    [Test]
    public void Static_points_are_used_before_burst_points_and_each_window_starts_at_its_pools_first_use()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new ServerRateLimiter(new RateLimitSettings(), clock);

        var first = limiter.TryAcquire("ip", "A");
        limiter.TryAcquire("ip", "A");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var firstBurst = limiter.TryAcquire("ip", "A");

        Assert.That(first.Remaining, Is.EqualTo(30), "the static pool served the first request");
        Assert.That(firstBurst.Remaining, Is.EqualTo(29));
        Assert.That(firstBurst.Reset, Is.EqualTo(clock.GetUtcNow().AddSeconds(60)), "the burst window starts at the burst pool's first use, not the static pool's");

        clock.Advance(TimeSpan.FromMilliseconds(500));
        var afterStaticRefill = limiter.TryAcquire("ip", "A");
        Assert.That(afterStaticRefill.Remaining, Is.EqualTo(29), "static points again after 1 s");
    }

    [Test]
    public void The_tighter_scope_is_reported_on_success()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new ServerRateLimiter(new RateLimitSettings(), clock);
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire("ip-1", "A");
        }

        var fromOtherIp = limiter.TryAcquire("ip-2", "A");

        Assert.That(fromOtherIp.Type, Is.EqualTo(ServerRateLimiter.AccountType));
        Assert.That(fromOtherIp.Remaining, Is.EqualTo(21));
    }
}
