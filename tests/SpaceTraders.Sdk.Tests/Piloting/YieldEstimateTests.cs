using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>What one extraction is expected to bring, from the lasers' strength (here one Mining Laser I, strength 10).</summary>
[TestFixture]
public sealed class YieldEstimateTests
{
    [Test]
    public void The_expected_yield_is_the_mean_of_the_formula_and_surveys_scale_it()
    {
        Assert.That(YieldEstimate.LaserStrength(Mounts()), Is.EqualTo(10), "the surveyor does not count");
        Assert.That(YieldEstimate.ExpectedUnits(Mounts()), Is.EqualTo(3.0).Within(1e-9), "10 / 5 × 1.5");
        Assert.That(YieldEstimate.ExpectedUnits(Mounts(), SurveySize.Large), Is.EqualTo(4.5).Within(1e-9));
        Assert.That(YieldEstimate.ExpectedUnits(Mounts(), unstable: true), Is.EqualTo(1.5).Within(1e-9));
        Assert.That(YieldEstimate.MaximumUnits(Mounts()), Is.EqualTo(4));
        Assert.That(YieldEstimate.ExpectedUnits([]), Is.Zero);
    }

    [Test]
    public void The_wasted_share_is_what_would_not_fit()
    {
        Assert.That(YieldEstimate.WastedShare(Mounts(), cargoFree: 10), Is.Zero);
        Assert.That(YieldEstimate.WastedShare(Mounts(), cargoFree: 1), Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(YieldEstimate.WastedShare(Mounts(), cargoFree: 0), Is.EqualTo(1));
    }
}
