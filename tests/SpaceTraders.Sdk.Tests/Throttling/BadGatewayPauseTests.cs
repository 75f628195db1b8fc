using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.Throttling;

/// <summary>
/// A 502 from the DDoS layer means "wait a few minutes" (FACTS.md §3): a streak of them pauses all sending; a sporadic
/// one (the simulator's flaky profile sends 0.8%) costs nothing but its own retry.
/// </summary>
[TestFixture]
public sealed class BadGatewayPauseTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Three_502s_in_a_row_pause_every_request_for_a_minute_and_502s_during_the_pause_do_not_extend_it()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);

        Assert.That(limiter.OnBadGateway(), Is.False);
        Assert.That(limiter.OnBadGateway(), Is.False);
        Assert.That(limiter.OnBadGateway(), Is.True, "the third in a row starts the pause");

        Assert.Multiple(() =>
        {
            Assert.That(limiter.PausedUntil, Is.EqualTo(Start.AddSeconds(60)));
            Assert.That(limiter.BadGatewayPauses, Is.EqualTo(1));
            Assert.That(Acquire(limiter, RequestPriority.Critical, "agent-a"), Is.False, "nothing goes, not even Critical");
            Assert.That(Acquire(limiter, RequestPriority.Normal, "agent-b"), Is.False, "nor another account");
        });

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(limiter.OnBadGateway() || limiter.OnBadGateway() || limiter.OnBadGateway(), Is.False, "answers to requests sent before the pause");
        clock.Advance(TimeSpan.FromSeconds(29.999));
        Assert.That(Acquire(limiter, RequestPriority.Critical, "agent-a"), Is.False);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(limiter.PausedUntil, Is.Null);
            Assert.That(Acquire(limiter, RequestPriority.Normal, "agent-a"), Is.True, "sending resumes when the pause ends");
            Assert.That(limiter.BadGatewayPauses, Is.EqualTo(1));
        });
    }

    [Test]
    public void Any_other_answer_ends_the_streak_so_sporadic_502s_never_pause()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);

        for (var i = 0; i < 100; i++)
        {
            Assert.That(limiter.OnBadGateway(), Is.False);
            Assert.That(limiter.OnBadGateway(), Is.False);
            limiter.OnAnswered();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(limiter.BadGatewayPauses, Is.Zero);
            Assert.That(limiter.PausedUntil, Is.Null);
            Assert.That(Acquire(limiter, RequestPriority.Normal, "agent-a"), Is.True);
        });
    }

    [Test]
    public void The_streak_and_the_pause_are_settings_and_zero_turns_it_off()
    {
        var clock = new FakeTimeProvider(Start);
        using var five = new PriorityRateLimiter(new ThrottlingOptions { BadGatewayStreak = 5, BadGatewayPause = TimeSpan.FromMinutes(3) }, clock);
        using var off = new PriorityRateLimiter(new ThrottlingOptions { BadGatewayStreak = 0 }, clock);

        Assert.That(Enumerable.Range(0, 4).Select(_ => five.OnBadGateway()), Is.All.False);
        Assert.That(five.OnBadGateway(), Is.True);
        Assert.That(five.PausedUntil, Is.EqualTo(Start.AddMinutes(3)));
        Assert.That(Enumerable.Range(0, 50).Select(_ => off.OnBadGateway()), Is.All.False);
        Assert.That(off.PausedUntil, Is.Null);
        Assert.That(() => new PriorityRateLimiter(new ThrottlingOptions { BadGatewayStreak = -1 }, clock), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static bool Acquire(PriorityRateLimiter limiter, RequestPriority priority, string account)
    {
        using var lease = limiter.AttemptAcquire(new PermitRequest(priority, account), 1);
        return lease.IsAcquired;
    }
}
