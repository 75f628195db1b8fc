using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>
/// Probes (role SATELLITE) scout markets, every other ship mines and sells, with the behaviours of this same plugin
/// version; a ship whose session completed or idled gets its behaviour again (failed ones are left to the restart policy).
/// </summary>
public sealed class SampleFleetConductor : IConductor
{
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var ship in context.Ships)
            {
                var fresh = ship.State == FleetShipState.Unassigned
                    || (ship.State == FleetShipState.Waiting && ship.Session?.Outcome is SessionOutcome.Completed or SessionOutcome.Idle);
                if (!fresh)
                {
                    continue;
                }

                var behaviour = ship.Role == "SATELLITE" ? "scout-markets" : "mine-and-sell";
                context.Assign(ship.Symbol, new StrategyRef(behaviour, context.Conductor.Version), context.Parameters);
            }

            await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        }
    }
}
