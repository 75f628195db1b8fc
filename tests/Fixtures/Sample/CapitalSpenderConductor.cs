using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>The command ship refits once (a ship bought, a mount taken off and put back), then every ship mines and sells.</summary>
public sealed class CapitalSpenderConductor : IConductor
{
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        var refitted = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var ship in context.Ships)
            {
                var fresh = ship.State == FleetShipState.Unassigned
                    || (ship.State == FleetShipState.Waiting && ship.Session?.Outcome is SessionOutcome.Completed or SessionOutcome.Idle);
                if (!fresh || ship.Role == "SATELLITE")
                {
                    continue;
                }

                var behaviour = !refitted && ship.Role == "COMMAND" ? "refit" : "mine-and-sell";
                refitted |= behaviour == "refit";
                context.Assign(ship.Symbol, new StrategyRef(behaviour, context.Conductor.Version), context.Parameters);
            }

            await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        }
    }
}
