using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// The week-10 strategies of the weekly series (<c>spacetraders.weekly@week10</c>): waste-aware extraction and
/// cooldown-first request priorities, trading along the best evaluated trade routes of the market cache, market tours
/// that keep the prices fresh, and a conductor with saturation control.
/// </summary>
/// <remarks>
/// Behaviours: <c>extract-and-sell</c> (the same job as week 2's, waste-aware), <c>trade-routes</c> and
/// <c>tour-markets</c>. Conductor: <c>week10</c>, which plays a fresh agent from registration onwards.
/// </remarks>
public sealed class Week10Plugin : IStrategyPlugin
{
    /// <summary>The plugin's version label.</summary>
    public const string VersionLabel = "week10";

    /// <summary>Gets what the plugin is and offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "spacetraders.weekly",
        VersionLabel,
        PluginContract.Version,
        [ExtractAndSell.Descriptor, TradeRoutes.Descriptor, TourMarkets.Descriptor],
        [Week10Conductor.Descriptor])
    {
        Description = "Week 10: trade along the best evaluated routes, waste-aware mining, cooldown-first priorities, saturation control.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        ExtractAndSell.Id => new ExtractAndSell(),
        TradeRoutes.Id => new TradeRoutes(),
        TourMarkets.Id => new TourMarkets(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        Week10Conductor.Id => new Week10Conductor(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no conductor '{conductorId}'.", nameof(conductorId)),
    };
}
