using SpaceTraders.Plugins.MarketScout;
using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Plugins.Week10;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>
/// The allowed values the plugins declare are exactly what their code reads: every default is allowed, every allowed
/// value reads, and a value the code refuses is refused by the descriptor too (so the runner refuses it before a run).
/// </summary>
[TestFixture]
public sealed class ParameterValueTests
{
    private static IEnumerable<IStrategyPlugin> Plugins() => [new MarketScoutPlugin(), new Week02Plugin(), new Week04Plugin(), new Week07Plugin(), new Week10Plugin(), new Week12Plugin()];

    [Test]
    public void Every_default_value_is_one_of_its_parameters_allowed_values()
    {
        var parameters = Plugins().SelectMany(p => p.Manifest.Behaviours.Concat(p.Manifest.Conductors)).SelectMany(s => s.Parameters).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(parameters.Where(p => p.AllowedValues is not null), Is.Not.Empty);
            foreach (var parameter in parameters)
            {
                Assert.That(parameter.Allows(parameter.DefaultValue), Is.True, $"{parameter.Name}={parameter.DefaultValue}");
            }
        });
    }

    [Test]
    public void The_scout_strategy_allows_exactly_the_names_the_conductor_reads()
    {
        var strategy = new MarketScoutPlugin().Manifest.Conductors.Single().Parameters.Single(p => p.Name == "strategy");

        Assert.Multiple(() =>
        {
            Assert.That(strategy.AllowedValues, Is.Not.Null);
            foreach (var name in strategy.AllowedValues!)
            {
                Assert.That(() => PartitionStrategies.Parse(name.ToUpperInvariant()), Throws.Nothing, name);
            }

            Assert.That(PartitionStrategies.All.Select(PartitionStrategies.Name), Is.SubsetOf(strategy.AllowedValues));
            Assert.That(strategy.Allows("nosuch"), Is.False);
            Assert.That(() => PartitionStrategies.Parse("nosuch"), Throws.InstanceOf<FormatException>());
        });
    }

    [Test]
    public void The_flight_mode_allows_exactly_the_modes_the_pilot_flies()
    {
        var modes = new MarketScoutPlugin().Manifest.Behaviours.Single().Parameters.Single(p => p.Name == "flightMode");

        Assert.Multiple(() =>
        {
            Assert.That(modes.AllowedValues, Is.EquivalentTo(ShipNavFlightMode.KnownValues.Select(m => m.Value)));
            foreach (var mode in modes.AllowedValues!)
            {
                Assert.That(() => FlightRules.NavigateMultiplier(new ShipNavFlightMode(mode)), Throws.Nothing, mode);
            }
        });
    }
}
