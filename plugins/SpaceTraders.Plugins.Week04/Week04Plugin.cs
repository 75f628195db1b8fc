using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// The week-4 strategies of the weekly series (<c>spacetraders.weekly@week04</c>): mining with surveys, haulers that
/// collect at the asteroid and deliver contracts or sell, surveyors that keep the survey cache stocked, and the "stage 3"
/// conductor that buys ore hounds and freighters when they pay back.
/// </summary>
/// <remarks>
/// Behaviours: <c>extract-and-transfer-or-sell</c>, <c>receive-and-fulfill</c> and <c>survey</c>. Conductor: <c>week04</c>.
/// The probe keeps running <c>watch-market@week02</c>, reused unchanged by reference.
/// </remarks>
public sealed class Week04Plugin : IStrategyPlugin
{
    /// <summary>The plugin's version label.</summary>
    public const string VersionLabel = "week04";

    /// <summary>Gets what the plugin is and offers.</summary>
    public PluginManifest Manifest { get; } = new(
        "spacetraders.weekly",
        VersionLabel,
        PluginContract.Version,
        [ExtractAndTransferOrSell.Descriptor, ReceiveAndFulfill.Descriptor, KeepSurveysStocked.Descriptor],
        [Week04Conductor.Descriptor])
    {
        Description = "Week 4: survey-guided mining, haulers, surveyors, and a conductor that buys ore hounds and freighters when they pay back.",
    };

    /// <inheritdoc />
    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        ExtractAndTransferOrSell.Id => new ExtractAndTransferOrSell(),
        ReceiveAndFulfill.Id => new ReceiveAndFulfill(),
        KeepSurveysStocked.Id => new KeepSurveysStocked(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    /// <inheritdoc />
    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        Week04Conductor.Id => new Week04Conductor(),
        _ => throw new ArgumentException($"spacetraders.weekly@{VersionLabel} offers no conductor '{conductorId}'.", nameof(conductorId)),
    };
}
