using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// A mining drone: at the engineered asteroid, extract, wait out the cooldown, extract again until the hold is
/// full; then fly to the ore market, dock, sell what it buys (jettison the rest), refuel when below half, and
/// fly back.
/// </summary>
/// <param name="context">The run.</param>
/// <param name="ship">The drone as it was bought.</param>
public sealed class MinerPilot(RunContext context, Ship ship) : ShipPilot(context, ship)
{
    /// <summary>Gets the units this drone extracted.</summary>
    public long UnitsExtracted { get; private set; }

    /// <summary>Gets how many of this drone's extractions found the asteroid unstable (halved yields).</summary>
    public int UnstableExtractions { get; private set; }

    /// <inheritdoc />
    protected override async Task LoopAsync(CancellationToken cancellationToken)
    {
        var world = Context.World;
        var fleet = Context.Client.Fleet;
        while (true)
        {
            await GoToAsync(world.Mine, dock: false, cancellationToken).ConfigureAwait(false);
            while (CargoUnits < CargoCapacity)
            {
                await WaitUntilAsync(CooldownUntil, cancellationToken).ConfigureAwait(false);
                var extraction = await fleet.ExtractResourcesAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                Apply(extraction.Cargo);
                UnitsExtracted += extraction.Extraction.Yield.Units;
                if (extraction.Modifiers?.Any(m => m.Symbol == WaypointModifierSymbol.Unstable) == true)
                {
                    UnstableExtractions++;
                }

                CooldownUntil = extraction.Cooldown.Expiration ?? Context.Clock.GetUtcNow().AddSeconds(extraction.Cooldown.RemainingSeconds);
            }

            await GoToAsync(world.OreMarket, dock: true, cancellationToken).ConfigureAwait(false);
            var traded = world.Traded[world.OreMarket];
            foreach (var (good, units) in Inventory)
            {
                if (traded.Contains(good))
                {
                    await SellAsync(good, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Apply((await fleet.JettisonCargoAsync(Symbol, good, units, cancellationToken: cancellationToken).ConfigureAwait(false)).Cargo);
                }
            }

            await RefuelIfLowAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
