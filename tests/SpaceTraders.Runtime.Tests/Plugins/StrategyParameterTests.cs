using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Tests.Plugins;

/// <summary>Strategy parameters read durations as the runner's own options do.</summary>
[TestFixture]
public sealed class StrategyParameterTests
{
    [TestCase("horizon=12h", 12 * 3600.0)]
    [TestCase("horizon=90m", 90 * 60.0)]
    [TestCase("horizon=36:00:00", 36 * 3600.0)]    // TimeSpan.Parse made this 36 days
    [TestCase("horizon=1.12:00:00", 36 * 3600.0)]
    [TestCase("horizon=00:00:00", 0.0)]
    [TestCase("horizon=600", 600.0)]                // a bare number is seconds
    [TestCase("horizon=0.5", 0.5)]
    public void A_duration_parameter_reads_units_clock_forms_and_seconds(string text, double seconds)
        => Assert.That(StrategyParameters.Parse(text).GetDuration("horizon", TimeSpan.FromDays(99)), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("horizon=soon")]
    [TestCase("horizon=12x")]
    [TestCase("horizon=99999999d")]
    public void A_duration_parameter_that_is_not_one_names_the_parameter(string text)
        => Assert.That(
            () => StrategyParameters.Parse(text).GetDuration("horizon", TimeSpan.Zero),
            Throws.InstanceOf<FormatException>().With.Message.Contains("Parameter 'horizon'"));

    [Test]
    public void An_absent_duration_parameter_is_its_default()
        => Assert.That(StrategyParameters.Empty.GetDuration("horizon", TimeSpan.FromHours(3)), Is.EqualTo(TimeSpan.FromHours(3)));
}
