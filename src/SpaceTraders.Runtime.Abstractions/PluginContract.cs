namespace SpaceTraders.Runtime.Abstractions;

/// <summary>The version of the plugin contract this assembly defines.</summary>
/// <remarks>
/// A plugin compiles this constant into its <see cref="PluginManifest.ContractVersion"/>; the runtime refuses a
/// plugin built against another version with a message naming both. It versions what plugins compile against: the
/// public API of this assembly and of the SDK, as their PublicAPI.*.txt baselines declare it; a test fails when
/// either baseline changes without this number (docs/public-api.md).
/// </remarks>
public static class PluginContract
{
    /// <summary>The current contract version.</summary>
    /// <remarks>2: session outcomes are <see cref="SessionOutcome"/> values, not strings; <c>PilotPriorities.Action</c>. 3: <c>ShipPilot.SellHoldAsync</c> with a stop preference. 4: the throttling's adaptive safety margin (<c>ThrottlingOptions.MaxSafetyMargin</c>). 5: <c>DurationText</c>, the one duration reader of the SDK, the runner and strategy parameters. 6: <c>SurveyStatus.Invalid</c> (4220), <c>FlightRules.IsKnown</c>, the pause after a streak of 502s (<c>ThrottlingOptions.BadGatewayStreak</c>), allowed values of a text parameter (<c>ParameterDescriptor.AllowedValues</c>). 7: a recording kept aside until committed (<c>TrafficRecorderOptions.ReplaceOnCommit</c>, <c>TrafficRecorder.Commit</c>). 8: every client call has an overload that takes the cancellation token alone; <c>ISystemsClient.SupplyConstructionAsync</c> by the waypoint alone. 9: <c>RoutePlannerOptions.ArrivalFuel</c> (<c>ArrivalFuelPolicy</c>), routes that keep the fuel to leave.</remarks>
    public const int Version = 9;
}
