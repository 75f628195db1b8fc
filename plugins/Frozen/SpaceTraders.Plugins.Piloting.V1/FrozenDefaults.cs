using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// The settings this library passes to the SDK's planners instead of the SDK's defaults, spelled out value by value as
/// the SDK had them at main 94bdb2f, so a later change of an SDK default does not move a frozen week.
/// </summary>
internal static class FrozenDefaults
{
    /// <summary>Gets the route planner's settings (<see cref="RoutePlannerOptions"/> at 94bdb2f).</summary>
    public static RoutePlannerOptions Route { get; } = new()
    {
        Drift = DriftPolicy.WhenNothingElseIsFeasible,
        RefuelStopTime = TimeSpan.FromSeconds(3),
        FuelReserve = 0,
    };

    /// <summary>Gets the price-impact model of the sale planner (<see cref="PriceImpactOptions"/> at 94bdb2f).</summary>
    public static PriceImpactModel PriceImpact { get; } = new(new PriceImpactOptions
    {
        PurchaseStep = 0.05,
        SaleStep = 0.02,
        ReferenceTradeVolume = 6,
        MinVolumeFactor = 0.3,
        MaxVolumeFactor = 1.5,
        MaxStep = 0.5,
        PurchaseSupplyFactors = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["SCARCE"] = 1.25,
            ["LIMITED"] = 1.0,
            ["MODERATE"] = 0.85,
            ["HIGH"] = 0.7,
            ["ABUNDANT"] = 0.6,
        },
        SaleSupplyFactors = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["SCARCE"] = 0.6,
            ["LIMITED"] = 0.75,
            ["MODERATE"] = 0.9,
            ["HIGH"] = 1.0,
            ["ABUNDANT"] = 1.2,
        },
        ActivityFactors = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["WEAK"] = 1.2,
            ["GROWING"] = 1.0,
            ["STRONG"] = 0.8,
            ["RESTRICTED"] = 1.2,
        },
    });
}
