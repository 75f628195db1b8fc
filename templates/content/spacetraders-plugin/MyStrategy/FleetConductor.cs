using System.Globalization;
using SpaceTraders.Runtime.Abstractions;

namespace MyStrategy;

/// <summary>
/// <c>my-strategy</c>, the conductor: drives the fleet for as long as the runtime runs. It gives every mining ship (the
/// command ship and any excavator) <see cref="MineAndSell"/> again each time a session ends, and rests a ship that
/// found nothing to do. Run it with the bot runner: <c>--plugins &lt;folder&gt; --conductor my-strategy</c>, and its
/// parameters with <c>--param cycles=3</c>.
/// </summary>
/// <remarks>
/// A conductor is where a strategy grows: buy ships when the credits allow (<c>context.Client.Fleet.PurchaseShipAsync</c>;
/// a ship bought appears in <c>context.Ships</c> at once), give ships different behaviours, and pause the lowest-CPR ships
/// when the requests saturate the rate limit (<c>SaturationControl</c>, with <c>context.Metrics</c>).
/// </remarks>
internal sealed class FleetConductor : IConductor
{
    /// <summary>The conductor's id, as the bot runner's <c>--conductor</c> names it.</summary>
    public const string Id = "my-strategy";

    /// <summary>How long a ship whose session ended idle (nothing to mine, no laser) waits before it is given the behaviour again.</summary>
    private static readonly TimeSpan IdleRest = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets the descriptor. The parameters and their defaults are checked by the runtime and the bot runner (an unknown
    /// name or a value of the wrong type is refused before anything runs) and listed by its dashboard.
    /// </summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Every mining ship mines at the nearest asteroid and sells its hold, session after session.",
        [
            new("cycles", ParameterType.Integer, "Mine-and-sell rounds per session: the reports count one session per this many holds sold.", "1"),
            new("refuelBelow", ParameterType.Number, "Refuel before mining when the tank is below this fraction of its capacity.", "0.5"),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mining = new StrategyRef(MineAndSell.Id, StrategyPlugin.VersionLabel);
        var parameters = new StrategyParameters(new Dictionary<string, string>
        {
            ["cycles"] = context.Parameters.GetInt32("cycles", 1).ToString(CultureInfo.InvariantCulture),
            ["refuelBelow"] = context.Parameters.GetDouble("refuelBelow", 0.5).ToString(CultureInfo.InvariantCulture),
        });
        var restUntil = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = context.Clock.GetUtcNow();
            foreach (var ship in context.Ships)
            {
                // Only ships that can mine; a running session is left alone, and a failed one is the runtime's to restart.
                if (ship.Role is not ("COMMAND" or "EXCAVATOR")
                    || ship.State is not (FleetShipState.Unassigned or FleetShipState.Waiting)
                    || ship.Session?.Outcome == SessionOutcome.Failed)
                {
                    continue;
                }

                if (ship.Session?.Outcome == SessionOutcome.Idle)
                {
                    // The behaviour said why (the session's reason, in the reports): try again later, not at once.
                    var until = restUntil.TryGetValue(ship.Symbol, out var rest) ? rest : restUntil[ship.Symbol] = now + IdleRest;
                    if (now < until)
                    {
                        continue;
                    }
                }

                restUntil.Remove(ship.Symbol);
                context.Assign(ship.Symbol, mining, parameters);
            }

            // Parks the conductor until a session ends or a ship is added (or a minute passes): no polling of the server.
            await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        }
    }
}
