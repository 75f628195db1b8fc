using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;

namespace SpaceTraders.Runtime.Tests.Plugins;

/// <summary>Strategy parameters read durations as the runner's own options do, and keep to their allowed values.</summary>
[TestFixture]
public sealed class StrategyParameterTests
{
    private static readonly ParameterDescriptor Strategy = new("strategy", ParameterType.String, "How.", "optimal") { AllowedValues = ["greedy", "kmeans", "optimal"] };

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

    [TestCase("strategy=kmeans")]
    [TestCase("strategy=KMeans")]
    [TestCase("strategy= greedy ")]
    [TestCase("strategy=")]
    [TestCase("other=anything")]
    public void A_value_among_the_allowed_ones_in_any_case_or_none_passes(string text)
    {
        var parameters = StrategyParameters.Parse(text).WithDefaults([Strategy]);

        Assert.That(parameters.GetString("strategy", "?"), Is.Not.EqualTo("?"));
    }

    [Test]
    public void A_value_outside_the_allowed_ones_is_refused_with_the_list()
        => Assert.That(
            () => StrategyParameters.Parse("strategy=nosuch").WithDefaults([Strategy]),
            Throws.InstanceOf<FormatException>().With.Message.EqualTo("Parameter 'strategy' has the value 'nosuch', which is not one of its allowed values: greedy, kmeans, optimal."));

    [TestCase("SHIP_PROBE|SHIP_LIGHT_HAULER", true)]
    [TestCase("ship_probe SHIP_LIGHT_HAULER", true)]
    [TestCase("SHIP_PROBE|SHIP_LIGHT_HAULR", false)]
    public void Each_item_of_a_list_must_be_allowed(string value, bool allowed)
    {
        var types = new ParameterDescriptor("types", ParameterType.List, "Ship types.") { AllowedValues = ["SHIP_PROBE", "SHIP_LIGHT_HAULER"] };

        Assert.That(types.Allows(value), Is.EqualTo(allowed));
    }

    [Test]
    public void A_parameter_without_allowed_values_takes_any_text()
        => Assert.That(new ParameterDescriptor("market", ParameterType.String, "A market.").Allows("X1-ANY-THING"), Is.True);

    [Test]
    public void An_absent_duration_parameter_is_its_default()
        => Assert.That(StrategyParameters.Empty.GetDuration("horizon", TimeSpan.FromHours(3)), Is.EqualTo(TimeSpan.FromHours(3)));

    [TestCase(ParameterType.Integer, "12", null)]
    [TestCase(ParameterType.Integer, "1.5", "takes a whole number")]
    [TestCase(ParameterType.Integer, "", "takes a whole number")]
    [TestCase(ParameterType.Number, "0.5", null)]
    [TestCase(ParameterType.Number, "half", "takes a number such as 0.5")]
    [TestCase(ParameterType.Boolean, "True", null)]
    [TestCase(ParameterType.Boolean, "yes", "takes true or false")]
    [TestCase(ParameterType.Duration, "90m", null)]
    [TestCase(ParameterType.Duration, "soon", "takes a duration (seconds, hh:mm:ss, or a number with s, m, h or d: 90m, 12h)")]
    [TestCase(ParameterType.String, "", null)]
    [TestCase(ParameterType.List, "a|b", null)]
    public void A_value_is_checked_against_its_parameters_type(ParameterType type, string value, string? problem)
        => Assert.That(ParameterCheck.Problem(new ParameterDescriptor("p", type, "A parameter."), value), Is.EqualTo(problem));

    [TestCase("KMEANS", null)]
    [TestCase("", null)]
    [TestCase("nosuch", "takes one of: greedy, kmeans, optimal")]
    public void A_value_is_checked_against_its_parameters_allowed_values(string value, string? problem)
        => Assert.That(ParameterCheck.Problem(Strategy, value), Is.EqualTo(problem));
}
