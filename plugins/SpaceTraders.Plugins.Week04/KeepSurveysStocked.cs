using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// <c>survey@week04</c>: a ship with a surveyor mount keeps the shared survey cache stocked for an asteroid: it surveys
/// while fewer than <c>stock</c> usable surveys are cached for it, and otherwise looks again every <c>recheck</c> (a look
/// at the cache, not a request).
/// </summary>
/// <remarks>
/// With <c>stopWhenStocked</c> the session completes once the stock is reached, which is how the conductor lends a mixed
/// ship (laser and surveyor) to surveying for a while and then puts it back on mining.
/// </remarks>
internal sealed class KeepSurveysStocked : IBehaviour
{
    /// <summary>The behaviour's id.</summary>
    public const string Id = "survey";

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Keep the survey cache stocked for an asteroid.",
        [
            new("asteroid", ParameterType.String, "The waypoint to survey; the nearest minable asteroid when empty.", string.Empty),
            new("stock", ParameterType.Integer, "The usable surveys to keep cached for the asteroid.", "6"),
            new("recheck", ParameterType.Duration, "How often to look at the cache again once it is stocked.", "00:02:00"),
            new("stopWhenStocked", ParameterType.Boolean, "Complete once the stock is reached instead of keeping watch.", "false"),
        ]);

    /// <inheritdoc />
    public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
        if (context.Ship.Current.Nav is null || context.Ship.Current.Mounts is null)
        {
            await pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!(pilot.Ship.Current.Mounts ?? []).Any(m => m.Symbol.Value.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal)))
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} has no surveyor mount.");
        }

        var system = pilot.Ship.Current.Nav!.SystemSymbol;
        var asteroid = parameters.GetString("asteroid", string.Empty);
        if (asteroid.Length == 0)
        {
            var waypoints = await context.World.GetWaypointsAsync(system, cancellationToken).ConfigureAwait(false);
            asteroid = MiningSites.Rank(waypoints, WaypointPosition.From(pilot.Ship.Current.Nav.Route.Destination)).FirstOrDefault()?.Symbol ?? string.Empty;
        }

        if (asteroid.Length == 0)
        {
            return BehaviourResult.Idle($"No minable asteroid is known in {system}.");
        }

        var stock = parameters.GetInt32("stock", 6);
        var recheck = parameters.GetDuration("recheck", TimeSpan.FromMinutes(2));
        var stopWhenStocked = parameters.GetBoolean("stopWhenStocked", false);
        try
        {
            context.ReportActivity($"flying to {asteroid}");
            await pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var usable = context.Surveys.GetSurveys(asteroid).Count;
                if (usable < stock)
                {
                    context.ReportActivity($"surveying {asteroid} ({usable}/{stock} cached)");
                    await pilot.SurveyAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (stopWhenStocked)
                {
                    return BehaviourResult.Completed;
                }
                else
                {
                    context.ReportActivity($"{asteroid} stocked ({usable} surveys)");
                    await context.Clock.DelayAsync(recheck, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RouteNotFoundException error)
        {
            return BehaviourResult.Idle(error.Message);
        }
        catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.ShipSurveyWaypointType or ErrorCodes.ShipMissingSurveyor)
        {
            return BehaviourResult.Idle($"{pilot.ShipSymbol} cannot survey {asteroid}: {error.ErrorMessage}");
        }
    }
}
