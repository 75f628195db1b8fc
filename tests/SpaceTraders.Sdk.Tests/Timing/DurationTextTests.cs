using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Tests.Timing;

/// <summary>The one duration reader of the SDK, the runner, the simulator's command line and strategy parameters.</summary>
[TestFixture]
public sealed class DurationTextTests
{
    [TestCase("12h", 12 * 3600.0)]
    [TestCase("90m", 90 * 60.0)]
    [TestCase("45s", 45.0)]
    [TestCase("1.5d", 36 * 3600.0)]
    [TestCase(" 7 D ", 7 * 86400.0)]
    [TestCase("12:00:00", 12 * 3600.0)]
    [TestCase("36:00:00", 36 * 3600.0)]
    [TestCase("1.12:00:00", 36 * 3600.0)]
    [TestCase("7.00:00:00", 7 * 86400.0)]
    [TestCase("00:00:01.5", 1.5)]
    [TestCase("01:30", 90 * 60.0)]
    public void Reads_the_forms_people_write(string text, double seconds)
    {
        Assert.That(DurationText.Parse(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    // A bare number is days to TimeSpan.Parse and seconds to a strategy parameter: not a duration on its own.
    [TestCase("10")]
    [TestCase("")]
    [TestCase("12x")]
    [TestCase("1:60:00")]
    [TestCase("h")]
    public void Refuses_what_is_not_a_duration(string text)
    {
        Assert.That(() => DurationText.Parse(text), Throws.InstanceOf<FormatException>().With.Message.Contains("90m, 12h"));
        Assert.That(DurationText.TryParse(text, out var duration), Is.False);
        Assert.That(duration, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_duration_longer_than_a_TimeSpan_overflows_and_TryParse_says_no()
    {
        Assert.That(() => DurationText.Parse("99999999d"), Throws.InstanceOf<OverflowException>());
        Assert.That(DurationText.TryParse("99999999d", out _), Is.False);
        Assert.That(DurationText.TryParse(null, out _), Is.False);
    }

    [Test]
    public void Writes_durations_briefly()
    {
        Assert.That(DurationText.Format(TimeSpan.FromHours(12)), Is.EqualTo("12h"));
        Assert.That(DurationText.Format(TimeSpan.FromHours(30)), Is.EqualTo("1d6h"));
        Assert.That(DurationText.Format(TimeSpan.FromSeconds(90)), Is.EqualTo("1m30s"));
        Assert.That(DurationText.Format(TimeSpan.FromDays(7)), Is.EqualTo("7d"));
        Assert.That(DurationText.Format(TimeSpan.Zero), Is.EqualTo("00:00:00"));
    }
}
