using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Piloting;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>Which waypoints take mining lasers, what their traits yield, and how they rank.</summary>
[TestFixture]
public sealed class MiningSitesTests
{
    [Test]
    public void Asteroids_with_a_deposit_trait_are_minable_and_their_traits_name_the_goods()
    {
        var asteroid = Waypoint("X1-DF55-C3", "ASTEROID");
        var planet = Waypoint("X1-DF55-P1", "PLANET");

        Assert.That(MiningSites.IsMinable(asteroid), Is.True);
        Assert.That(MiningSites.IsMinable(planet), Is.False, "a planet with a deposit trait takes no laser");
        Assert.That(MiningSites.KnownYields(asteroid), Does.Contain((TradeSymbol)"IRON_ORE").And.Contain((TradeSymbol)"ICE_WATER"));
        Assert.That(MiningSites.IsMinableGood("GOLD_ORE"), Is.True);
        Assert.That(MiningSites.IsMinableGood("ELECTRONICS"), Is.False);
    }

    [Test]
    public void Ranking_puts_the_nearest_first_and_unstable_ones_last()
    {
        Waypoint[] waypoints =
        [
            Waypoint("X1-DF55-FAR", "ASTEROID", 100, 0),
            Waypoint("X1-DF55-NEAR", "ASTEROID", 10, 0, "UNSTABLE"),
            Waypoint("X1-DF55-MID", "ENGINEERED_ASTEROID", 30, 0),
            Waypoint("X1-DF55-PLANET", "PLANET", 1, 0),
        ];

        var ranked = MiningSites.Rank(waypoints, new WaypointPosition("X1-DF55-A1", "X1-DF55", 0, 0));

        Assert.That(ranked.Select(w => w.Symbol), Is.EqualTo(new[] { "X1-DF55-MID", "X1-DF55-FAR", "X1-DF55-NEAR" }));
        Assert.That(MiningSites.Rank(waypoints, new WaypointPosition("X1-DF55-A1", "X1-DF55", 0, 0), "GOLD_ORE"), Is.Empty, "common metal deposits yield no gold");
    }
}
