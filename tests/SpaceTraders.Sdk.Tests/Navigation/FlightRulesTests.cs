using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Tests.Navigation;

/// <summary>
/// The formulas of FACTS.md §5 (the api-docs wiki "Travel, Fuel and Time"), each case worked by hand from
/// <c>round(round(max(1, d)) × multiplier / speed + 15)</c> and the fuel table.
/// </summary>
[TestFixture]
public sealed class FlightRulesTests
{
    private static readonly FlightRules Wiki = FlightRules.Default;

    [TestCase(3, 4, 0, 0, 5.0)]
    [TestCase(-10, 7, 2, -9, 20.0)]
    [TestCase(1, 1, 1, 1, 0.0)]
    public void Distance_is_euclidean(int x1, int y1, int x2, int y2, double expected) =>
        Assert.That(FlightRules.Distance(x1, y1, x2, y2), Is.EqualTo(expected).Within(1e-9));

    // speed 30, d = 50.6 -> round(d) = 51: 51 × 25 / 30 = 42.5, + 15 = 57.5, which the wiki rounds to 58.
    [TestCase("CRUISE", 50.6, 30, 58)]
    // 51 × 12.5 / 30 = 21.25 + 15 = 36.25 -> 36.
    [TestCase("BURN", 50.6, 30, 36)]
    // 51 × 250 / 30 = 425 + 15 = 440.
    [TestCase("DRIFT", 50.6, 30, 440)]
    // 51 × 30 / 30 = 51 + 15 = 66.
    [TestCase("STEALTH", 50.6, 30, 66)]
    // d = 0 counts as 1: 1 × 25 / 30 = 0.83 + 15 -> 16.
    [TestCase("CRUISE", 0.0, 30, 16)]
    // A probe's slow engine (speed 2) over 100: 100 × 25 / 2 + 15 = 1265.
    [TestCase("CRUISE", 100.0, 2, 1265)]
    // d = 10.5 rounds half away from zero to 11: 11 × 25 / 10 = 27.5 + 15 = 42.5 -> 43.
    [TestCase("CRUISE", 10.5, 10, 43)]
    public void Navigate_time_follows_the_wiki(string mode, double distance, int speed, int expected) =>
        Assert.That(Wiki.NavigateSeconds(distance, speed, mode), Is.EqualTo(expected));

    // Warp multipliers 50 / 300 / 25 / 60 over d = 100 at speed 10: 500, 3000, 250, 600, each + 15.
    [TestCase("CRUISE", 515)]
    [TestCase("DRIFT", 3015)]
    [TestCase("BURN", 265)]
    [TestCase("STEALTH", 615)]
    public void Warp_time_uses_the_warp_multipliers(string mode, int expected) =>
        Assert.That(Wiki.WarpSeconds(100, 10, mode), Is.EqualTo(expected));

    [Test]
    public void Floor_reading_floors_the_flying_part_before_adding_the_overhead()
    {
        var floor = new FlightRules { TimeRounding = TravelTimeRounding.Floor };

        // 51 × 25 / 30 = 42.5: the wiki gives round(57.5) = 58, the floor reading 42 + 15 = 57.
        Assert.That(floor.NavigateSeconds(50.6, 30, ShipNavFlightMode.Cruise), Is.EqualTo(57));
        Assert.That(Wiki.NavigateSeconds(50.6, 30, ShipNavFlightMode.Cruise), Is.EqualTo(58));
    }

    [TestCase("CRUISE", 10.4, 10)]
    [TestCase("CRUISE", 10.5, 11)]
    [TestCase("CRUISE", 0.2, 1)]
    [TestCase("STEALTH", 10.4, 10)]
    [TestCase("STEALTH", 0.2, 1)]
    [TestCase("DRIFT", 250.0, 1)]
    [TestCase("BURN", 10.4, 20)]
    [TestCase("BURN", 0.2, 2)]
    public void Fuel_follows_the_wiki_table(string mode, double distance, int expected) =>
        Assert.That(Wiki.FuelCost(distance, mode, fuelCapacity: 400), Is.EqualTo(expected));

    [TestCase("CRUISE", 10.4, 11)]
    [TestCase("BURN", 10.4, 22)]
    [TestCase("DRIFT", 10.4, 1)]
    public void Ceiling_reading_takes_the_ceiling_of_the_distance(string mode, double distance, int expected) =>
        Assert.That(new FlightRules { FuelRounding = FuelRounding.Ceiling }.FuelCost(distance, mode, 400), Is.EqualTo(expected));

    [TestCase("CRUISE")]
    [TestCase("BURN")]
    [TestCase("DRIFT")]
    public void A_probe_uses_no_fuel(string mode) =>
        Assert.That(Wiki.FuelCost(120, mode, fuelCapacity: 0), Is.Zero);

    [Test]
    public void Jump_cooldown_defaults_to_15_plus_three_tenths_of_the_distance_and_takes_the_older_reading_as_settings()
    {
        // round(15 + 0.3 × 100) = 45; round(15 + 0.3 × 5) = round(16.5) = 17.
        Assert.That(Wiki.JumpCooldownSeconds(100), Is.EqualTo(45));
        Assert.That(Wiki.JumpCooldownSeconds(5), Is.EqualTo(17));

        var older = new FlightRules { JumpCooldownBaseSeconds = 60, JumpCooldownSecondsPerDistance = 1 };
        Assert.That(older.JumpCooldownSeconds(100.4), Is.EqualTo(160));
    }

    [Test]
    public void Bad_inputs_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Wiki.NavigateSeconds(-1, 10, ShipNavFlightMode.Cruise), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Wiki.NavigateSeconds(10, 0, ShipNavFlightMode.Cruise), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Wiki.FuelCost(double.NaN, ShipNavFlightMode.Cruise, 100), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
