using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime.Tests.Analytics;

/// <summary>The sliding minute behind the live figures and saturation control.</summary>
[TestFixture]
public sealed class RequestWindowTests
{
    [Test]
    public void The_window_keeps_the_last_minute_by_completion_time_and_the_totals_since_the_start()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var window = new RequestWindow(clock);
        var t0 = clock.GetUtcNow();

        window.Add(Record(t0, TimeSpan.Zero, RequestPriority.Normal, rateLimited: 1), delayed: false);
        clock.Advance(TimeSpan.FromSeconds(30));
        window.Add(Record(t0.AddSeconds(26), TimeSpan.FromSeconds(4), RequestPriority.Critical), delayed: true);
        window.Add(Record(t0.AddSeconds(28), TimeSpan.FromSeconds(2), RequestPriority.Background), delayed: true);
        var early = window.Read();
        clock.Advance(TimeSpan.FromSeconds(31));
        var late = window.Read();

        Assert.That((early.Requests, early.RateLimited, early.DelayedPerRequest, early.MeanQueueWait), Is.EqualTo((3, 1, 2 / 3.0, TimeSpan.FromSeconds(2))));
        Assert.That(early.ByPriority, Is.EqualTo(new[] { (RequestPriority.Critical, 1, TimeSpan.FromSeconds(4)), (RequestPriority.Normal, 1, TimeSpan.Zero), (RequestPriority.Background, 1, TimeSpan.FromSeconds(2)) }));
        Assert.That((late.Requests, late.RateLimited, late.MeanQueueWait), Is.EqualTo((2, 0, TimeSpan.FromSeconds(3))), "the first request ended more than a minute ago");
        Assert.That((late.TotalRequests, late.TotalRateLimited, late.TotalDelayed), Is.EqualTo((3L, 1L, 2L)));
    }

    [Test]
    public void An_empty_window_reads_zero()
    {
        var window = new RequestWindow(new FakeTimeProvider());

        var figures = window.Read();

        Assert.That((figures.Requests, figures.DelayedPerRequest, figures.MeanQueueWait, figures.TotalRequests), Is.EqualTo((0, 0.0, TimeSpan.Zero, 0L)));
    }

    [TestCase(1, 10)]
    [TestCase(2, 20)]
    [TestCase(3, 40)]
    [TestCase(4, 60)]
    [TestCase(30, 60)]
    public void The_restart_policy_backs_off_exponentially_up_to_its_maximum(int failures, int seconds)
    {
        var policy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(10), Multiplier = 2, MaxDelay = TimeSpan.FromSeconds(60) };

        Assert.That(policy.DelayAfter(failures), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    private static RequestRecord Record(DateTimeOffset started, TimeSpan wait, RequestPriority priority, int rateLimited = 0) =>
        new("GET", "/my/ships/{shipSymbol}", 200, priority, wait, wait + TimeSpan.FromMilliseconds(100), 1 + rateLimited, rateLimited, wait > TimeSpan.Zero, started);
}
